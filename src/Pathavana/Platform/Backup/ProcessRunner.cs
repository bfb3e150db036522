using System.Diagnostics;
using System.Text;

namespace Pathavana.Platform.Backup;

/// <summary>Runs the external tools a backup needs (pgbackrest, pg_ctl) and captures what they print.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/> to completion; answers its exit code and its stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new BackupException($"{file} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BackupException($"{file} could not be run ({ex.Message}); is it installed (apt-get install -y {Path.GetFileName(file)})?", ex);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = new StringBuilder(await stdout).Append(await stderr).ToString();
            return (process.ExitCode, output);
        }
    }

    /// <summary>As <see cref="RunAsync"/>, but a non-zero exit is a <see cref="BackupException"/> quoting the tool.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var list = args.ToList();
        var (exit, output) = await RunAsync(file, list, cancellationToken);
        if (exit != 0)
        {
            throw new BackupException($"{Path.GetFileName(file)} {string.Join(' ', list)} exited with {exit}: {output.Trim()}");
        }
        return output;
    }
}
