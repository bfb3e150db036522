using System.Text.Json.Nodes;
using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// Must have 3: releases that stop. The canary analysis of the rendered production overlay is run
/// through promtool on synthetic series, and its success condition judged on what the query
/// returns: a healthy canary passes; one answering half its requests with 5xx fails; one that
/// Prometheus has no series for ("no data") fails.
/// </summary>
public sealed class CanaryAnalysisTests
{
    private const string Namespace = "pathavana";
    private const string CanaryHash = "6d4f9c7b8d";
    private const string StableHash = "5b8c6f7d9a";

    private static AnalysisMetric Metric(string overlay = "production") =>
        Assert.Single(Assert.Single(Overlays.Load(overlay).OfType<AnalysisTemplate>()).Spec!.Metrics);

    /// <summary>The query with the arguments the Rollout passes, as Argo Rollouts substitutes them.</summary>
    private static string Query(AnalysisMetric metric) =>
        metric.Provider.Prometheus.Query
            .Replace("{{args.namespace}}", Namespace, StringComparison.Ordinal)
            .Replace("{{args.canary-hash}}", CanaryHash, StringComparison.Ordinal)
            .Trim();

    /// <summary>A minute's worth of requests: (route, status, requests a minute) for 20 minutes.</summary>
    private static string Series(string hash, params (string Route, int Status, int PerMinute)[] traffic) =>
        string.Concat(traffic.Select(t =>
            $"  - series: http_server_request_duration_seconds_count{{job=\"pathavana\", namespace=\"{Namespace}\", pod=\"pathavana-backend-{hash}-x\", rollouts_pod_template_hash=\"{hash}\", http_route=\"{t.Route}\", http_request_method=\"GET\", http_response_status_code=\"{t.Status}\"}}\n"
            + $"    values: 0+{t.PerMinute}x20\n"));

    private static string Case(string name, string series, string expected) =>
        $"- name: '{name}'\n  interval: 1m\n  input_series:\n{series}"
        + $"  promql_expr_test:\n  - expr: canary:success_ratio\n    eval_time: 15m\n    exp_samples:{expected}\n";

    [Fact]
    public void TheQueryAnswersWhatTheConditionJudges()
    {
        var metric = Metric();
        var rules = $"""
            groups:
            - name: canary
              rules:
              - record: canary:success_ratio
                expr: |
            {string.Join('\n', Query(metric).Split('\n').Select(l => "      " + l))}
            """;
        // The stable pods fail loudly in every case: only the canary's own pods may count.
        var stableNoise = Series(StableHash, ("/api/v1/trips", 500, 50));
        var tests = "rule_files:\n- canary.rules.yml\nevaluation_interval: 1m\ntests:\n"
            + Case("healthy canary", Series(CanaryHash, ("/api/v1/trips", 200, 60), ("/api/v1/flights/search", 200, 30), ("/health/ready", 503, 12)) + stableNoise,
                "\n    - labels: canary:success_ratio\n      value: 1")
            + Case("canary answering half its requests with 5xx", Series(CanaryHash, ("/api/v1/trips", 200, 30), ("/api/v1/trips", 500, 30), ("/health/ready", 200, 12)) + stableNoise,
                "\n    - labels: canary:success_ratio\n      value: 0.5")
            + Case("no data: nothing scraped from the canary", stableNoise, " []");

        var result = RunPromtool(rules, tests);

        Assert.True(result.ExitCode == 0, $"promtool test rules failed:\n{result.StandardOutput}\n{result.StandardError}\n--- canary.rules.yml\n{rules}\n--- canary.test.yml\n{tests}");
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
        // What those answers mean to Argo Rollouts:
        Assert.True(AnalysisCondition.Evaluate(metric.SuccessCondition, [1.0]), "a healthy canary must pass");
        Assert.False(AnalysisCondition.Evaluate(metric.SuccessCondition, [0.5]), "a canary with 50% server errors must fail");
        Assert.False(AnalysisCondition.Evaluate(metric.SuccessCondition, []), "no data must fail");
        Assert.False(AnalysisCondition.Evaluate(metric.SuccessCondition, [double.NaN]), "a canary that served nothing (0/0) must fail");
        Assert.True(AnalysisCondition.Evaluate(metric.SuccessCondition, [0.995]));
        Assert.False(AnalysisCondition.Evaluate(metric.SuccessCondition, [0.98]));
    }

    /// <summary>
    /// The issue's reproduction, kept as a guard: the old template asked for job="pathavana-backend"
    /// (no such job) and counted "no data" as success, so a release with 50% errors was promoted.
    /// </summary>
    [Fact]
    public void TheOldTemplateWouldHavePromotedABrokenRelease()
    {
        const string oldCondition = "len(result) == 0 || isNaN(result[0]) || result[0] >= 0.99";
        var metric = Metric();

        Assert.True(AnalysisCondition.Evaluate(oldCondition, []));
        Assert.False(AnalysisCondition.Evaluate(metric.SuccessCondition, []));
        Assert.DoesNotContain("pathavana-backend\"", metric.Provider.Prometheus.Query, StringComparison.Ordinal);
    }

    /// <summary>
    /// The labels the query selects on are the ones Prometheus really attaches: the scrape job that
    /// keeps the backend pods is called "pathavana", and it copies the pod's namespace and its
    /// rollouts-pod-template-hash label; the Rollout passes exactly the arguments the template uses.
    /// </summary>
    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void TheQuerySelectsOnLabelsPrometheusAttachesAndArgumentsTheRolloutPasses(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var template = Assert.Single(objects.OfType<AnalysisTemplate>());
        var rollout = Assert.Single(objects.OfType<Rollout>());
        var metric = Assert.Single(template.Spec!.Metrics);
        var config = YamlJson.ParseDocuments(File.ReadAllText(RepositoryLayout.PathTo("deploy", "monitoring", "prometheus", "prometheus.kubernetes.yml")))[0];
        var backendJob = config["scrape_configs"]!.AsArray().OfType<JsonObject>()
            .Single(j => j["relabel_configs"]?.AsArray().Any(r => r?["regex"]?.GetValue<string>() == "pathavana;backend") == true);
        var relabels = backendJob["relabel_configs"]!.AsArray().OfType<JsonObject>().ToList();
        string? Target(string source) => relabels.SingleOrDefault(r =>
            r["source_labels"]?.AsArray().Select(x => x!.GetValue<string>()).SequenceEqual([source]) == true && r["target_label"] is not null)?["target_label"]!.GetValue<string>();

        Assert.Contains($"job=\"{backendJob["job_name"]!.GetValue<string>()}\"", metric.Provider.Prometheus.Query, StringComparison.Ordinal);
        Assert.Equal("namespace", Target("__meta_kubernetes_namespace"));
        Assert.Equal("rollouts_pod_template_hash", Target("__meta_kubernetes_pod_label_rollouts_pod_template_hash"));
        Assert.Contains("namespace=\"{{args.namespace}}\"", metric.Provider.Prometheus.Query, StringComparison.Ordinal);
        Assert.Contains("rollouts_pod_template_hash=\"{{args.canary-hash}}\"", metric.Provider.Prometheus.Query, StringComparison.Ordinal);

        var args = rollout.Spec!.Strategy.Canary!.Analysis!.Args!.ToDictionary(a => a.Name, StringComparer.Ordinal);
        Assert.Equal(template.Spec.Args!.Select(a => a.Name).Order(StringComparer.Ordinal), args.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("metadata.namespace", args["namespace"].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal("Latest", args["canary-hash"].ValueFrom!.PodTemplateHashValue);
        // Prometheus is addressed by its Service, and the analysis aborts on a second failure.
        Assert.StartsWith("http://prometheus.monitoring.svc", metric.Provider.Prometheus.Address, StringComparison.Ordinal);
        Assert.Equal(1, metric.FailureLimit);
        Assert.Contains(objects.OfType<V1Service>(), s => s.Metadata.Name == "prometheus" && s.Metadata.NamespaceProperty == "monitoring");
    }

    private static ToolResult RunPromtool(string rules, string tests)
    {
        var directory = Directory.CreateTempSubdirectory("pathavana-canary-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "canary.rules.yml"), rules);
            File.WriteAllText(Path.Combine(directory.FullName, "canary.test.yml"), tests);
            return ExternalTool.Promtool.Run(directory.FullName, "test", "rules", "canary.test.yml");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
