using System.Diagnostics;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>The result of running a command-line tool.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// A command-line tool the checks need (kubectl, terraform). A missing tool is a failure that says
/// how to install it, never a silent skip: a check that did not run must not look like a pass.
/// </summary>
public sealed class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static ExternalTool Kubectl { get; } = new(
        "kubectl",
        ["/usr/bin/kubectl", "/usr/local/bin/kubectl"],
        "Install kubectl 1.27 or newer (it embeds kustomize): https://kubernetes.io/docs/tasks/tools/ "
        + "(Debian/Ubuntu: the 'kubectl' package from pkgs.k8s.io), or put it on PATH.");

    public static ExternalTool Terraform { get; } = new(
        "terraform",
        ["/usr/local/bin/terraform", "/usr/bin/terraform"],
        "Install Terraform 1.9 or newer: https://developer.hashicorp.com/terraform/install "
        + "(Debian/Ubuntu: the 'terraform' package from apt.releases.hashicorp.com), or put it on PATH.");

    public static ExternalTool Promtool { get; } = new(
        "promtool",
        ["/usr/bin/promtool", "/usr/local/bin/promtool"],
        "Install promtool (Debian/Ubuntu: apt-get install -y prometheus; ./test.sh does it as root), or a release from https://prometheus.io/download/.");

    public static ExternalTool Amtool { get; } = new(
        "amtool",
        ["/usr/bin/amtool", "/usr/local/bin/amtool"],
        "Install amtool (Debian/Ubuntu: apt-get install -y prometheus-alertmanager; ./test.sh does it as root), or a release from https://prometheus.io/download/.");

    public static ExternalTool Node { get; } = new(
        "node",
        ["/usr/bin/node", "/usr/local/bin/node"],
        "Install Node.js 20 or newer (the web app's build needs it too): https://nodejs.org/ or apt-get install -y nodejs.");

    private readonly string[] _wellKnownPaths;

    public ExternalTool(string name, string[] wellKnownPaths, string installHint)
    {
        Name = name;
        _wellKnownPaths = wellKnownPaths;
        InstallHint = installHint;
    }

    public string Name { get; }

    public string InstallHint { get; }

    /// <summary>The tool's full path; throws with the install hint when it is nowhere to be found.</summary>
    public string Locate()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Name));
        var found = onPath.Concat(_wellKnownPaths).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            $"'{Name}' was not found on PATH or in {string.Join(", ", _wellKnownPaths)}. {InstallHint}");
    }

    public ToolResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Offline and hermetic: no update checks, no user configuration.
        start.Environment["CHECKPOINT_DISABLE"] = "1";
        start.Environment["TF_IN_AUTOMATION"] = "1";

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {Name}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
