using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>The real executable's backup commands, run as an operator (or a CronJob) runs them.</summary>
internal static class BackupCli
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "pathavana.dll");

    /// <summary>
    /// The executable as another user can run it: a copy of the build output in a world-readable
    /// temporary folder. The checkout may sit under a folder only root can enter (CI clones into a
    /// private temporary folder), where 'runuser -u postgres' cannot read it.
    /// </summary>
    private static readonly Lazy<string> SharedExecutable = new(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            return Executable;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"pathavana-cli-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a command still running at exit keeps its files.
            }
        };
        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Enterable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        foreach (var directory in Directory.GetDirectories(AppContext.BaseDirectory, "*", SearchOption.AllDirectories).Prepend(AppContext.BaseDirectory))
        {
            Directory.CreateDirectory(Path.Combine(folder, Path.GetRelativePath(AppContext.BaseDirectory, directory)), Enterable);
        }
        File.SetUnixFileMode(folder, Enterable);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(AppContext.BaseDirectory, file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, Readable);
        }
        return Path.Combine(folder, "pathavana.dll");
    });

    /// <summary>Runs <c>pathavana args…</c> with <paramref name="environment"/>; as <paramref name="asUser"/> when given (PostgreSQL's tools refuse root).</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, string? asUser, params string[] args)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // Only the command's own lines: the host's JSON logs would drown them.
            ["Logging__LogLevel__Default"] = "Warning",
            // Commands serve no pages: the copy run as postgres has no web build beside it, and says so.
            ["Logging__LogLevel__Pathavana.Platform.Web"] = "Error",
        };
        if (asUser is not null)
        {
            env["DOTNET_CLI_HOME"] = Path.GetTempPath();
            env["HOME"] = Path.GetTempPath();
            // The host's content root is the working folder unless told: the copy's own folder, which the user may read.
            env["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(SharedExecutable.Value)!;
        }
        return ExternalProcess.TryRunAsync("dotnet", [asUser is null ? Executable : SharedExecutable.Value, .. args], asUser, env, Eventually.SafetyNet);
    }

    /// <summary>As <see cref="RunAsync"/>; a non-zero exit fails the test with the command's output.</summary>
    public static async Task<string> RunOkAsync(IDictionary<string, string> environment, string? asUser, params string[] args)
    {
        var (exit, output) = await RunAsync(environment, asUser, args);
        Assert.True(exit == 0, $"pathavana {string.Join(' ', args)} exited with {exit}:\n{output}");
        return output;
    }

    /// <summary>The JSON document a command printed (the first '{' or '[' to the end).</summary>
    public static System.Text.Json.JsonElement Json(string output)
    {
        var start = output.IndexOfAny(['{', '[']);
        Assert.True(start >= 0, output);
        var end = Math.Max(output.LastIndexOf('}'), output.LastIndexOf(']'));
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(output[start..(end + 1)]);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"The command printed no single JSON document ({e.Message}):\n{output}");
        }
    }

    /// <summary>Checks a metrics file with promtool (Prometheus's own parser), as the Pushgateway and textfile collector would read it.</summary>
    public static async Task AssertValidMetricsAsync(string file)
    {
        var promtool = ExternalProcess.Require("promtool", "apt-get install -y prometheus");
        var (exit, output) = await ExternalProcess.TryRunAsync("sh", ["-c", $"{promtool} check metrics < '{file}'"]);
        // promtool check metrics exits 1 for lint findings as well as parse errors; only parse errors matter here.
        Assert.True(exit == 0 || !output.Contains("error", StringComparison.OrdinalIgnoreCase), output);
    }
}
