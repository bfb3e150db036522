using System.Net;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Web;

/// <summary>The backend serves the built web app: caching a browser relies on, and the SPA fallback.</summary>
public sealed class WebHostingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pathavana-web-").FullName;

    public WebHostingTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "index.html"), "<!doctype html><title>Pathavana</title><div id=\"root\"></div>");
        File.WriteAllText(Path.Combine(_root, "assets", "index-abc123.js"), "console.log('app');");
        // What the build writes beside each text asset: its brotli and gzip forms.
        File.WriteAllBytes(Path.Combine(_root, "assets", "index-abc123.js.br"), Compress("console.log('app');", brotli: true));
        File.WriteAllBytes(Path.Combine(_root, "assets", "index-abc123.js.gz"), Compress("console.log('app');", brotli: false));
        File.WriteAllBytes(Path.Combine(_root, "index.html.gz"), Compress(File.ReadAllText(Path.Combine(_root, "index.html")), brotli: false));
    }

    private static byte[] Compress(string text, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream zip = brotli ? new System.IO.Compression.BrotliStream(output, System.IO.Compression.CompressionLevel.Optimal)
                   : new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
        {
            zip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        return output.ToArray();
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using Stream zip = encoding == "br"
            ? new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(zip);
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData("br, gzip, deflate", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip;q=1, br;q=0", "gzip")]
    public async Task Assets_are_sent_precompressed_in_the_encoding_the_browser_accepts(string acceptEncoding, string expected)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-abc123.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("console.log('app');", Decompress(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), expected));
    }

    [Fact]
    public async Task Without_accept_encoding_the_plain_file_is_sent_and_varies_on_it()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/assets/index-abc123.js", TestContext.Current.CancellationToken);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("console.log('app');", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_page_itself_is_sent_gzipped_to_a_deep_link()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shared/abcdefghijklmnopqrstuvwxyz012345");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", Decompress(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "gzip"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PathavanaFactory Factory(string? root = null) =>
        PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Web:Root"] = root ?? _root });

    [Fact]
    public async Task Index_is_served_at_the_root_and_never_cached()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_as_immutable()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/assets/index-abc123.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.CacheControl;
        Assert.NotNull(cache);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains("immutable", cache.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/travelers/0196a3b4-0000-7000-8000-000000000000")]
    [InlineData("/reset-password?userId=x&code=y")]
    [InlineData("/search")]
    public async Task App_routes_fall_back_to_index_html(string path)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-endpoint")]
    [InlineData("/health/nothing")]
    [InlineData("/assets/missing-123.js")]
    public async Task Api_health_and_missing_assets_are_not_answered_with_the_page(string path)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<div id=\"root\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_build_the_api_still_works_and_a_warning_is_logged()
    {
        await using var factory = Factory(Path.Combine(_root, "does-not-exist"));
        using var client = factory.CreateClient();

        var health = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var page = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains(factory.Logs.Records, r => r.Message.Contains("web app is not built", StringComparison.Ordinal));
    }
}
