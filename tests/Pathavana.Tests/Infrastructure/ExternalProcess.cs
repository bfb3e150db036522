using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pathavana.Tests.Infrastructure;

/// <summary>Finds and runs the real server binaries the tests use.</summary>
internal static class ExternalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The full path of a binary on PATH or in one of the extra folders, or a clear failure.</summary>
    public static string Require(string name, string installHint, params string[] extraFolders)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraFolders);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"'{name}' is not installed, and these tests need the real server. Install it: {installHint} (./test.sh does this when run as root).");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? asUser = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var (exit, output) = await TryRunAsync(file, args, asUser, environment, timeout);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {exit}:\n{output}");
        }
        return output;
    }

    public static async Task<(int ExitCode, string Output)> TryRunAsync(string file, IEnumerable<string> args, string? asUser = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            foreach (var a in new[] { "-u", asUser, "--", file })
            {
                info.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        if (asUser is not null)
        {
            // Another user may not be able to enter this process's working folder (CI clones into a
            // folder only root may enter): start from the temporary folder, which everyone may use.
            info.WorkingDirectory = Path.GetTempPath();
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                info.Environment[k] = v;
            }
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? Eventually.SafetyNet);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time.");
        }
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
