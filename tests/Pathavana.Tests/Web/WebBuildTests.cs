using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Web;

/// <summary>
/// The real web build (web/dist, made by building the app): what a first visit downloads before the
/// page can run, measured from the built files, and how the backend sends it.
/// </summary>
public sealed partial class WebBuildTests(ITestOutputHelper output)
{
    /// <summary>The budget of the issue: the JavaScript of the first load, compressed.</summary>
    private const long InitialJavaScriptBudget = 150 * 1024;

    private static string Dist
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pathavana.slnx")))
                {
                    var dist = Path.Combine(dir.FullName, "web", "dist");
                    Assert.True(File.Exists(Path.Combine(dist, "index.html")), $"The web app is not built ({dist}): build the solution with BuildWeb on.");
                    return dist;
                }
            }
            throw new InvalidOperationException("The repository root was not found.");
        }
    }

    [GeneratedRegex("""<script[^>]+type="module"[^>]+src="(?<src>[^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="(?<src>[^"]+)"|<link[^>]+href="(?<src>[^"]+)"[^>]+rel="modulepreload" """)]
    private static partial Regex InitialScripts();

    [Fact]
    public void The_first_load_carries_at_most_150_KB_of_compressed_JavaScript()
    {
        var html = File.ReadAllText(Path.Combine(Dist, "index.html"));
        var scripts = InitialScripts().Matches(html).Select(m => m.Groups["src"].Value.TrimStart('/')).Distinct().ToList();
        Assert.NotEmpty(scripts);

        long raw = 0, gzip = 0, brotli = 0;
        foreach (var script in scripts)
        {
            var path = Path.Combine(Dist, script);
            var bytes = File.ReadAllBytes(path);
            raw += bytes.Length;
            // The files the build wrote are what is sent; their sizes are the measure.
            Assert.True(File.Exists(path + ".br") && File.Exists(path + ".gz"), $"{script} has no pre-compressed .br and .gz beside it.");
            brotli += new FileInfo(path + ".br").Length;
            gzip += new FileInfo(path + ".gz").Length;
            Assert.Equal(bytes, Inflate(File.ReadAllBytes(path + ".gz")));
        }
        var routeChunks = Directory.GetFiles(Path.Combine(Dist, "assets"), "*.js").Length - scripts.Count;
        output.WriteLine($"initial JavaScript: {scripts.Count} file(s), {raw / 1024.0:0.0} KB raw, {gzip / 1024.0:0.0} KB gzip, {brotli / 1024.0:0.0} KB brotli; {routeChunks} chunk(s) loaded later");

        Assert.True(gzip <= InitialJavaScriptBudget, $"The first load sends {gzip / 1024.0:0.0} KB of gzipped JavaScript, over the {InitialJavaScriptBudget / 1024} KB budget.");
        Assert.True(routeChunks >= 5, "The screens are split into chunks loaded when visited.");
    }

    [Fact]
    public async Task The_backend_sends_the_built_app_brotli_encoded()
    {
        await using var factory = PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Web:Root"] = Dist });
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var entry = InitialScripts().Matches(html).Select(m => m.Groups["src"].Value).First();
        using var request = new HttpRequestMessage(HttpMethod.Get, entry);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var sent = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new FileInfo(Path.Combine(Dist, entry.TrimStart('/')) + ".br").Length, sent.Length);
    }

    private static byte[] Inflate(byte[] gz)
    {
        using var zip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        zip.CopyTo(plain);
        return plain.ToArray();
    }
}
