using System.Text.RegularExpressions;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Observability;

/// <summary>The Prometheus, alert and Alertmanager files under deploy/monitoring, checked by the real tools.</summary>
public sealed partial class MonitoringConfigTests
{
    private static readonly string Monitoring = Path.Combine(RepositoryRoot(), "deploy", "monitoring");

    [Fact]
    public async Task Promtool_and_amtool_accept_the_configuration_and_every_rule_test_passes()
    {
        ExternalProcess.Require("promtool", "apt-get install -y prometheus");
        ExternalProcess.Require("amtool", "apt-get install -y prometheus-alertmanager");

        var (exit, output) = await ExternalProcess.TryRunAsync("bash", [Path.Combine(Monitoring, "check.sh")], timeout: Eventually.SafetyNet * 2);

        Assert.True(exit == 0, $"deploy/monitoring/check.sh failed ({exit}):\n{output}");
        Assert.Contains("Unit Testing:", output, StringComparison.Ordinal);
        Assert.Contains("monitoring configuration: OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_has_a_severity_and_a_promtool_test_that_makes_it_fire()
    {
        var rules = File.ReadAllText(Path.Combine(Monitoring, "prometheus", "rules", "pathavana-alerts.yml"));
        var tests = File.ReadAllText(Path.Combine(Monitoring, "prometheus", "rules", "pathavana-alerts.test.yml"));

        var alerts = AlertName().Matches(rules).Select(m => m.Groups[1].Value).ToList();
        Assert.True(alerts.Count >= 10, "the rule file lists the alerts");
        Assert.Equal(alerts.Count, SeverityLabel().Count(rules));
        // A test case that expects alerts names the alert right before its exp_alerts with labels.
        var firing = FiringTest().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.DoesNotContain(alerts, a => !firing.Contains(a));
        foreach (var covered in new[] { "^PathavanaDown$", "5xx|Error", "Latency", "Provider", "Fallback", "Booking", "Postgres|Database", "Redis", "Backup", "Certificate" })
        {
            Assert.Contains(alerts, a => Regex.IsMatch(a, covered));
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pathavana.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Pathavana.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*- alert: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    [GeneratedRegex(@"^\s+severity: P[0-3]\s*$", RegexOptions.Multiline)]
    private static partial Regex SeverityLabel();

    [GeneratedRegex(@"alertname: (\S+)\s*\n\s*exp_alerts:\s*\n\s*- exp_labels:", RegexOptions.Multiline)]
    private static partial Regex FiringTest();
}
