using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// The provisioned Grafana dashboards: every query is PromQL Prometheus accepts (checked by
/// promtool), every recorded series they read is recorded by a rule, and the panels the issue asks
/// for exist: availability and error budget for the 99.9 % objective, active users and sessions.
/// </summary>
public sealed partial class DashboardTests
{
    private static string Grafana(params string[] parts) => RepositoryLayout.PathTo(["deploy", "monitoring", "grafana", .. parts]);

    public static readonly TheoryData<string> Dashboards = new("pathavana.json", "platform.json");

    private static JsonObject Dashboard(string file) => JsonNode.Parse(File.ReadAllText(Grafana("dashboards", file)))!.AsObject();

    private static IEnumerable<(string Title, string Expr)> Queries(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().OfType<JsonObject>()
            .SelectMany(p => (p["targets"]?.AsArray() ?? []).OfType<JsonObject>()
                .Select(t => (p["title"]!.GetValue<string>(), t["expr"]?.GetValue<string>() ?? "")))
            .Where(q => q.Item2.Length > 0);

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryQueryIsPromQLThatPrometheusAccepts(string file)
    {
        var dashboard = Dashboard(file);
        var queries = Queries(dashboard).ToList();
        Assert.NotEmpty(queries);
        Assert.Equal(dashboard["panels"]!.AsArray().Count, dashboard["panels"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()).Distinct().Count());

        // Grafana's variables as Prometheus would receive them, each query as a recording rule.
        var rules = "groups:\n- name: dashboard\n  rules:\n" + string.Concat(queries.Select((q, i) =>
            $"  - record: dashboard:query_{i}\n    expr: {System.Text.Json.JsonSerializer.Serialize(q.Expr.Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal))}\n"));
        var directory = Directory.CreateTempSubdirectory("pathavana-dashboard-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "dashboard.yml"), rules);
            var result = ExternalTool.Promtool.Run(directory.FullName, "check", "rules", "dashboard.yml");
            Assert.True(result.ExitCode == 0, $"{file}: a query is not valid PromQL:\n{result.StandardOutput}{result.StandardError}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A recorded series a dashboard reads (level:metric:operation) is recorded by a rule Prometheus loads.</summary>
    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryRecordedSeriesIsRecorded(string file)
    {
        var recorded = Directory.EnumerateFiles(RepositoryLayout.PathTo("deploy", "monitoring", "prometheus", "rules"), "*.yml")
            .Where(f => !f.EndsWith(".test.yml", StringComparison.Ordinal))
            .SelectMany(f => RecordRule().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var (title, expr) in Queries(Dashboard(file)))
        {
            foreach (Match series in RecordedSeries().Matches(expr))
            {
                Assert.True(recorded.Contains(series.Value), $"{file}, '{title}': {series.Value} is recorded by no rule");
            }
        }
    }

    [Fact]
    public void TheServiceDashboardShowsTheErrorBudgetAndTheTravellers()
    {
        var queries = Queries(Dashboard("pathavana.json")).ToList();

        Assert.Contains(queries, q => q.Expr.Contains("namespace:pathavana_availability:ratio_30d", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expr.Contains("namespace:pathavana_error_budget_remaining:ratio_30d", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Title == "Error budget burn rate" && q.Expr.Contains("/ 0.001", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expr.Contains("pathavana_active_users", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expr.Contains("pathavana_active_sessions", StringComparison.Ordinal));
        // Every instance reports the service's count: the panels take the max, never the sum.
        Assert.DoesNotContain(queries, q => q.Expr.Contains("pathavana_active_", StringComparison.Ordinal) && q.Expr.Contains("sum", StringComparison.Ordinal));
        // The 99.9 % objective is what the budget is computed against.
        Assert.Contains("/ 0.001", File.ReadAllText(RepositoryLayout.PathTo("deploy", "monitoring", "prometheus", "rules", "pathavana-slo.yml")), StringComparison.Ordinal);
    }

    /// <summary>Both data-source files (compose, cluster) give Prometheus the uid the dashboards use.</summary>
    [Theory]
    [InlineData("provisioning", "datasources", "pathavana.yml")]
    [InlineData("kubernetes", "datasources.yml")]
    public void TheDashboardsDataSourceIsProvisioned(params string[] file)
    {
        var sources = YamlJson.ParseDocuments(File.ReadAllText(Grafana(file)))[0]["datasources"]!.AsArray().OfType<JsonObject>().ToList();

        Assert.Contains(sources, s => s["uid"]!.GetValue<string>() == "prometheus" && s["type"]!.GetValue<string>() == "prometheus");
        foreach (var dashboard in new[] { "pathavana.json", "platform.json" })
        {
            var uids = Dashboard(dashboard)["panels"]!.AsArray().OfType<JsonObject>().Select(p => p["datasource"]?["uid"]?.GetValue<string>()).OfType<string>();
            Assert.All(uids, uid => Assert.Contains(sources, s => s["uid"]!.GetValue<string>() == uid));
        }
    }

    [GeneratedRegex(@"record: (\S+)")]
    private static partial Regex RecordRule();

    [GeneratedRegex(@"\b[a-z_]+:[a-z0-9_]+:[a-z0-9_]+\b")]
    private static partial Regex RecordedSeries();
}
