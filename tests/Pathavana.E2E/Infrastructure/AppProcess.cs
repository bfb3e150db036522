using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.E2E.Infrastructure;

/// <summary>
/// The real backend, run as an operator runs it: <c>dotnet pathavana.dll</c> on a free loopback port
/// with its own data directory, serving the built web app from web/dist.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    /// <summary>A fixed master key for the PostgreSQL wiring (the same test-only key as Pathavana.Tests).</summary>
    public const string TestMasterKey = "cGF0aGF2YW5hLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _logs = new();

    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

    private AppProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string Logs => string.Join('\n', _logs);

    /// <summary>
    /// The emails the app wrote to its outbox (the embedded default's mail), as RFC 5322 text. The
    /// copies are sealed with each account's data key: read them as an operator does, with
    /// <c>pathavana outbox read</c> over the same settings.
    /// </summary>
    public IReadOnlyList<string> OutboxEmails()
    {
        if (!Directory.Exists(Path.Combine(DataDirectory, "outbox")))
        {
            return [];
        }
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pathavana.dll"));
        info.ArgumentList.Add("outbox");
        info.ArgumentList.Add("read");
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }
        info.Environment.Remove("Urls");
        using var reader = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = reader.StandardError.ReadToEndAsync();
        var output = reader.StandardOutput.ReadToEnd();
        reader.WaitForExit();
        if (reader.ExitCode != 0)
        {
            throw new InvalidOperationException($"pathavana outbox read exited with {reader.ExitCode}:\n{output}\n{errors.GetAwaiter().GetResult()}");
        }
        const string separator = "===== pathavana outbox: ";
        return [.. output.Split(separator, StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.Contains("(unreadable:", StringComparison.Ordinal))
            .Select(part => part[(part.IndexOf('\n', StringComparison.Ordinal) + 1)..])];
    }

    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? settings = null)
    {
        if (!File.Exists(Path.Combine(Repository.WebDist, "index.html")))
        {
            throw new InvalidOperationException($"The web app is not built ({Repository.WebDist}): build this project with BuildWeb on (the default).");
        }
        var port = ExternalProcess.FreePort();
        var baseAddress = new Uri($"http://localhost:{port}");
        var data = Directory.CreateTempSubdirectory("pathavana-e2e-").FullName;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pathavana.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        info.Environment["Storage__DataDirectory"] = data;
        info.Environment["Web__Root"] = Repository.WebDist;
        info.Environment["App__PublicUrl"] = baseAddress.ToString().TrimEnd('/');
        // One browser makes many requests a minute; the limit itself is tested elsewhere.
        info.Environment["RateLimiting__PermitLimit"] = "100000";
        // Every test signs up and in from this one loopback address.
        info.Environment["RateLimiting__Auth__PermitLimit"] = "100000";
        info.Environment["RateLimiting__EmailPerAddress__PermitLimit"] = "100000";
        info.Environment["RateLimiting__EmailPerIp__PermitLimit"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, baseAddress, data)
        {
            _environment = info.Environment.Where(e => e.Value is not null && (e.Key.Contains("__", StringComparison.Ordinal) || e.Key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || e.Key.StartsWith("DOTNET_", StringComparison.Ordinal)))
                .ToDictionary(e => e.Key, e => e.Value!),
        };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { app._logs.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { app._logs.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready is a condition, not a time: poll /health/ready until it answers 200 or the process
        // exits; the overall limit is only a safety net for a machine under heavy load.
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (!process.HasExited && !safetyNet.IsCancellationRequested)
        {
            try
            {
                if ((await http.GetAsync("/health/ready", safetyNet.Token)).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await Task.Delay(100, safetyNet.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        var logs = app.Logs;
        await app.DisposeAsync();
        throw new InvalidOperationException("The app did not become ready:\n" + logs);
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
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
