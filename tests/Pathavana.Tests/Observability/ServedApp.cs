using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Observability;

/// <summary>
/// The real executable serving as in production: JSON logs on stdout, the main port on loopback
/// and the management port (<c>Metrics__Port</c>) beside it. A rate limit of 2 lets tests
/// provoke a rejection.
/// </summary>
public sealed class ServedApp : IAsyncLifetime
{
    private Process? _process;
    private string? _dataDirectory;

    public ConcurrentQueue<string> Stdout { get; } = new();

    public int MainPort { get; } = ExternalProcess.FreePort();

    public int ManagementPort { get; } = ExternalProcess.FreePort();

    public HttpClient Main { get; private set; } = null!;

    public HttpClient Management { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("pathavana-served-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pathavana.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Urls"] = $"http://127.0.0.1:{MainPort}";
        info.Environment["Metrics__Port"] = ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Storage__DataDirectory"] = _dataDirectory;
        info.Environment["RateLimiting__PermitLimit"] = "2";
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { Stdout.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Stdout.Enqueue(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // No per-request time-out: a loaded machine answers slowly, and readiness is waited for as a condition.
        Main = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{MainPort}"), Timeout = Timeout.InfiniteTimeSpan };
        Management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}"), Timeout = Timeout.InfiniteTimeSpan };
        if (await Eventually.ReadyAsync(Main, () => _process.HasExited) == HttpStatusCode.OK)
        {
            return;
        }
        throw new InvalidOperationException($"pathavana did not become ready:\n{string.Join('\n', Stdout)}");
    }

    public async ValueTask DisposeAsync()
    {
        Main?.Dispose();
        Management?.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }
}
