using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// The alert rules and their routing: every alert has a severity of the platform document's four,
/// text a person can act on, and a runbook section that exists and says what to check and what
/// to do; Alertmanager sends each severity in production to the channels the document names, and
/// pages nobody for other environments (checked with amtool, as Alertmanager routes).
/// </summary>
public sealed partial class AlertingTests
{
    private static string Monitoring(params string[] parts) => RepositoryLayout.PathTo(["deploy", "monitoring", .. parts]);

    public sealed record Alert(string File, string Group, string Name, string Severity, string Summary, string Description, string RunbookUrl);

    public static IReadOnlyList<Alert> Alerts() =>
    [
        .. Directory.EnumerateFiles(Monitoring("prometheus", "rules"), "*.yml")
            .Where(f => !f.EndsWith(".test.yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(file =>
            {
                var doc = YamlJson.ParseDocuments(File.ReadAllText(file))[0];
                return doc["groups"]!.AsArray().OfType<JsonObject>().SelectMany(g =>
                    g["rules"]!.AsArray().OfType<JsonObject>().Where(r => r["alert"] is not null).Select(r => new Alert(
                        Path.GetFileName(file),
                        g["name"]!.GetValue<string>(),
                        r["alert"]!.GetValue<string>(),
                        r["labels"]?["severity"]?.GetValue<string>() ?? "",
                        r["annotations"]?["summary"]?.GetValue<string>() ?? "",
                        r["annotations"]?["description"]?.GetValue<string>() ?? "",
                        r["annotations"]?["runbook_url"]?.GetValue<string>() ?? "")));
            }),
    ];

    [Fact]
    public void EveryAlertHasASeverityAndWordsAPersonCanActOn()
    {
        var alerts = Alerts();

        Assert.True(alerts.Count >= 40, $"only {alerts.Count} alerts found");
        Assert.Equal(alerts.Count, alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(alerts, a => Assert.Matches("^P[0-3]$", a.Severity));
        Assert.All(alerts, a => Assert.True(a.Summary.Length >= 20 && a.Description.Length >= 40, $"{a.Name} needs a summary and a description"));
        // All four severities are in use.
        Assert.Equal(["P0", "P1", "P2", "P3"], alerts.Select(a => a.Severity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>Must have 2 and 6: every alert links to its section of the runbook of its group, which says what to check and what to do.</summary>
    [Fact]
    public void EveryAlertLinksToARunbookSectionThatSaysWhatToCheckAndDo()
    {
        var problems = new List<string>();
        foreach (var alert in Alerts())
        {
            var match = RunbookUrl().Match(alert.RunbookUrl);
            if (!match.Success)
            {
                problems.Add($"{alert.Name}: runbook_url '{alert.RunbookUrl}' is not https://github.com/pathavana/pathavana/blob/main/docs/runbooks/<file>.md#<section>");
                continue;
            }
            var file = RepositoryLayout.PathTo("docs", "runbooks", match.Groups["file"].Value);
            if (!File.Exists(file))
            {
                problems.Add($"{alert.Name}: docs/runbooks/{match.Groups["file"].Value} does not exist");
                continue;
            }
            var section = Markdown.Section(File.ReadAllText(file), match.Groups["anchor"].Value);
            if (section is null)
            {
                problems.Add($"{alert.Name}: docs/runbooks/{match.Groups["file"].Value} has no heading for #{match.Groups["anchor"].Value}");
                continue;
            }
            if (!section.Contains("**Check**", StringComparison.Ordinal) || !section.Contains("**Do**", StringComparison.Ordinal))
            {
                problems.Add($"{alert.Name}: its runbook section must say what to **Check** and what to **Do**");
            }
            if (!section.Contains(alert.Severity, StringComparison.Ordinal))
            {
                problems.Add($"{alert.Name}: its runbook section does not state its severity ({alert.Severity})");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>One runbook per alert group (the SLO's alerts are one group split over two rule files).</summary>
    [Fact]
    public void EachAlertGroupHasOneRunbook()
    {
        static string Group(string name) => name.StartsWith("pathavana.slo", StringComparison.Ordinal) ? "pathavana.slo" : name;
        var byGroup = Alerts().GroupBy(a => Group(a.Group)).ToDictionary(
            g => g.Key,
            g => g.Select(a => RunbookUrl().Match(a.RunbookUrl).Groups["file"].Value).Distinct(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);

        Assert.All(byGroup, g => Assert.True(g.Value.Count == 1, $"group {g.Key} links to {string.Join(", ", g.Value)}: one runbook per group"));
        Assert.Equal(byGroup.Count, byGroup.Values.Select(v => v[0]).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Every alert of every rule file is made to fire by a promtool test beside it.</summary>
    [Fact]
    public void EveryAlertHasAPromtoolTestThatMakesItFire()
    {
        var tests = string.Concat(Directory.EnumerateFiles(Monitoring("prometheus", "rules"), "*.test.yml").Select(File.ReadAllText));
        var firing = FiringTest().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Alerts(), a => !firing.Contains(a.Name));
    }

    /// <summary>The platform document's routing, as amtool computes it from alertmanager.yml.</summary>
    [Theory]
    [InlineData("production", "P0", "pagerduty-and-sms")]
    [InlineData("production", "P1", "pagerduty-and-slack")]
    [InlineData("production", "P2", "slack")]
    [InlineData("production", "P3", "email")]
    [InlineData("staging", "P0", "slack")]
    [InlineData("staging", "P3", "slack")]
    [InlineData("dev", "P1", "slack")]
    public void AlertsAreRoutedBySeverityAndOnlyProductionPages(string environment, string severity, string receiver)
    {
        var result = ExternalTool.Amtool.Run(Monitoring(), "config", "routes", "test", "--config.file=alertmanager/alertmanager.yml",
            $"environment={environment}", $"severity={severity}", "alertname=PathavanaDown");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(receiver, result.StandardOutput.Trim());
    }

    /// <summary>What each receiver is: PagerDuty and SMS for P0, PagerDuty and Slack for P1, Slack for P2, email for P3, with no secret in the file.</summary>
    [Fact]
    public void ReceiversUseTheChannelsOfTheirSeverityAndReadSecretsFromFiles()
    {
        var text = File.ReadAllText(Monitoring("alertmanager", "alertmanager.yml"));
        var config = YamlJson.ParseDocuments(text)[0];
        var receivers = config["receivers"]!.AsArray().OfType<JsonObject>().ToDictionary(r => r["name"]!.GetValue<string>(), StringComparer.Ordinal);
        string[] Integrations(string name) => [.. receivers[name].Select(kv => kv.Key).Where(k => k.EndsWith("_configs", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        Assert.Equal(["pagerduty_configs", "sns_configs"], Integrations("pagerduty-and-sms"));
        Assert.Equal(["pagerduty_configs", "slack_configs"], Integrations("pagerduty-and-slack"));
        Assert.Equal(["slack_configs"], Integrations("slack"));
        Assert.Equal(["sns_configs"], Integrations("email"));
        Assert.EndsWith(":pathavana-production-alerts-sms", receivers["pagerduty-and-sms"]["sns_configs"]![0]!["topic_arn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(":pathavana-production-alerts-email", receivers["email"]["sns_configs"]![0]!["topic_arn"]!.GetValue<string>(), StringComparison.Ordinal);
        // Secrets are files mounted from the ExternalSecret, never values in the configuration.
        Assert.All(receivers.Values.SelectMany(r => r["pagerduty_configs"]?.AsArray() ?? []),
            p => Assert.StartsWith("/etc/alertmanager/secrets/", p!["routing_key_file"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.StartsWith("/etc/alertmanager/secrets/", config["global"]!["slack_api_url_file"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("routing_key:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", text, StringComparison.Ordinal);
        // And no "<PLACEHOLDER>" left to fill in by hand.
        Assert.DoesNotMatch("<[A-Z_]{3,}>", text);
        // The files are the keys of the Secret the ExternalSecret makes.
        var secret = Overlays.Load("production").OfType<ExternalSecret>().Single(e => e.Metadata.Name == "alertmanager-secrets");
        Assert.Equal(["pagerduty-routing-key", "slack-webhook-url"], secret.Spec!.Data.Select(d => d.SecretKey).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^https://github\.com/pathavana/pathavana/blob/main/docs/runbooks/(?<file>[a-z-]+\.md)#(?<anchor>[a-z0-9-]+)$")]
    private static partial Regex RunbookUrl();

    [GeneratedRegex(@"alertname: (\S+)\s*\n\s*exp_alerts:\s*\n\s*- exp_labels:", RegexOptions.Multiline)]
    private static partial Regex FiringTest();
}
