using System.Diagnostics;
using System.Net.Sockets;
using System.Xml.Linq;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// A local S3-compatible server (npm <c>s3rver</c>, pinned in tests/fakes/s3) on a free loopback port,
/// with one bucket, storing objects in a throw-away folder. It checks request signatures against its
/// own credentials (<see cref="AccessKeyId"/>/<see cref="SecretAccessKey"/>) as S3 does.
/// </summary>
public sealed class FakeS3 : IAsyncDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly Process _process;
    private readonly string _directory;

    private FakeS3(Process process, int port, string directory, string bucket)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Bucket = bucket;
    }

    public int Port { get; }

    public string Bucket { get; }

    public string ServiceUrl => $"{(Tls ? "https" : "http")}://127.0.0.1:{Port}";

    /// <summary>True when it serves HTTPS (a key and certificate were given).</summary>
    public bool Tls { get; private init; }

    /// <summary>Starts s3rver; with <paramref name="tlsKey"/> and <paramref name="tlsCertificate"/> (PEM files) it serves HTTPS only.</summary>
    public static async Task<FakeS3> StartAsync(string bucket, string? tlsKey = null, string? tlsCertificate = null)
    {
        var node = ExternalProcess.Require("node", "apt-get install -y nodejs npm");
        var folder = Path.Combine(Observability.MonitoringConfigTests.RepositoryRoot(), "tests", "fakes", "s3");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(script))
            {
                await ExternalProcess.RunAsync(ExternalProcess.Require("npm", "apt-get install -y npm"), ["ci", "--no-audit", "--no-fund", "--prefix", folder],
                    timeout: TimeSpan.FromMinutes(10));
            }
        }
        finally
        {
            Install.Release();
        }
        var port = ExternalProcess.FreePort();
        var directory = Directory.CreateTempSubdirectory("pathavana-s3-").FullName;
        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", directory, "--configure-bucket", bucket, "--silent" })
        {
            info.ArgumentList.Add(a);
        }
        if (tlsKey is not null && tlsCertificate is not null)
        {
            foreach (var a in new[] { "--key", tlsKey, "--cert", tlsCertificate })
            {
                info.ArgumentList.Add(a);
            }
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("s3rver did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new FakeS3(process, port, directory, bucket) { Tls = tlsKey is not null && tlsCertificate is not null };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"s3rver did not listen on {port}.");
    }

    /// <summary>The keys under a prefix, read with a plain (anonymous) ListObjectsV2 call.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string prefix)
    {
        using var http = new HttpClient();
        var xml = XDocument.Parse(await http.GetStringAsync(new Uri($"{ServiceUrl}/{Bucket}?list-type=2&prefix={Uri.EscapeDataString(prefix)}")));
        return [.. xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value)];
    }

    public async Task<string> GetAsync(string key)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri($"{ServiceUrl}/{Bucket}/{key}"));
    }

    public async Task PutAsync(string key, string content)
    {
        using var http = new HttpClient();
        using var body = new StringContent(content, System.Text.Encoding.UTF8, "application/json");
        (await http.PutAsync(new Uri($"{ServiceUrl}/{Bucket}/{key}"), body)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
