using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

/// <summary>One real application process (<c>dotnet pathavana.dll</c>) on a free loopback port, configured by environment.</summary>
public sealed class Replica : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private Replica(Process process, int port, string data)
    {
        _process = process;
        _data = data;
        // No per-request time-out: a loaded machine answers slowly; the tests wait on conditions.
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    /// <summary>Whether the process has ended (crashed or was stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident set size now, in bytes (Linux /proc).</summary>
    public long ResidentBytes => long.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<Replica> StartAsync(IDictionary<string, string> settings)
    {
        var port = ExternalProcess.FreePort();
        var data = Directory.CreateTempSubdirectory("pathavana-replica-").FullName;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pathavana.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Storage__DataDirectory"] = data;
        foreach (var (k, v) in settings)
        {
            info.Environment[k] = v;
        }
        var replica = new Replica(Process.Start(info)!, port, data);
        replica._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { replica.Output.Enqueue(e.Data); } };
        replica._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { replica.Output.Enqueue(e.Data); } };
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        // Ready is a condition: polled until 200 or the process exits, with only the suite's safety net
        // against a hang (a loaded machine can take most of a minute to open its first connection).
        if (await Eventually.ReadyAsync(replica.Client, () => replica._process.HasExited) == HttpStatusCode.OK)
        {
            return replica;
        }
        var output = string.Join('\n', replica.Output);
        await replica.DisposeAsync();
        throw new InvalidOperationException($"pathavana did not become ready:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
