using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathavana.Platform.Observability;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Observability;

public sealed partial class MetricsTests(TestServers servers)
{
    [Fact]
    public async Task After_a_scripted_flow_metrics_shows_http_pathavana_database_and_runtime_series()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PathavanaFactory.ProductionAsync(servers, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "3",
        });
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json", ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/openapi/v1.json", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
        ScriptedModuleFlow(app.Services.GetRequiredService<PathavanaMetrics>());

        var scrape = await client.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await scrape.Content.ReadAsStringAsync(ct);
        var samples = PrometheusText.Parse(text);

        void Expect(string name, Func<PrometheusSample, bool> where, string why)
        {
            Assert.True(samples.Any(s => s.Name == name && s.Value > 0 && where(s)), $"{why}: no non-zero {name} in\n{text}");
        }

        Expect("http_server_request_duration_seconds_count",
            s => s.Has("http_route", "/openapi/{documentName}.json") && s.Has("http_response_status_code", "200") && s.Has("http_request_method", "GET"),
            "HTTP rate and duration by route");
        Expect("http_server_request_duration_seconds_count", s => s.Has("http_response_status_code", "429"), "HTTP errors by status");
        Expect("http_server_request_duration_seconds_bucket", s => s.Has("le", "+Inf"), "duration buckets");
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_bucket" && s.Has("le", "0.005")); // ASP.NET Core's bucket advice
        Expect("pathavana_rate_limit_rejections_total", _ => true, "the rejected request");
        Expect("pathavana_external_call_duration_seconds_count",
            s => s.Has("provider", "amadeus") && s.Has("operation", "flight_offers") && s.Has("outcome", "success"), "external calls");
        Expect("pathavana_external_call_duration_seconds_count", s => s.Has("outcome", "timeout"), "external call failures");
        Expect("pathavana_external_call_duration_seconds_bucket", s => s.Has("le", "0.25"), "external call duration buckets");
        Expect("pathavana_cache_requests_total", s => s.Has("cache", "flights") && s.Has("result", "hit"), "cache hits");
        Expect("pathavana_cache_requests_total", s => s.Has("cache", "flights") && s.Has("result", "miss"), "cache misses");
        Expect("pathavana_chat_turns_total", s => s.Has("mode", "offline") && s.Has("fallback", "false"), "offline chat turns");
        Expect("pathavana_chat_turns_total", s => s.Has("mode", "offline") && s.Has("fallback", "true"), "LLM fallbacks");
        Expect("pathavana_chat_turn_duration_seconds_count", s => s.Has("mode", "llm"), "chat turn duration");
        Expect("pathavana_llm_tokens_total", s => s.Has("type", "input"), "LLM input tokens");
        Expect("pathavana_llm_tokens_total", s => s.Has("type", "output"), "LLM output tokens");
        Expect("pathavana_searches_total", s => s.Has("kind", "flight") && s.Has("source", "simulated"), "searches by kind");
        Expect("pathavana_searches_total", s => s.Has("kind", "calendar"), "calendar searches");
        Expect("pathavana_bookings_total", s => s.Has("status", "confirmed"), "bookings by status");
        Expect("pathavana_bookings_total", s => s.Has("status", "failed"), "failed bookings");
        Expect("dotnet_gc_collections_total", _ => true, "runtime");
        Expect("dotnet_process_memory_working_set_bytes", _ => true, "runtime memory");
        Assert.True(samples.Any(s => s.Name.StartsWith("db_client_connection", StringComparison.Ordinal)),
            $"Npgsql's connection pool series are missing from\n{text}");
        // The dashboard and the alert rules ask for series the backend really serves.
        var monitoring = Path.Combine(MonitoringConfigTests.RepositoryRoot(), "deploy", "monitoring");
        var queried = new[]
        {
            Path.Combine(monitoring, "grafana", "dashboards", "pathavana.json"),
            Path.Combine(monitoring, "prometheus", "rules", "pathavana-alerts.yml"),
        }.SelectMany(f => AppSeries().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(n => n != "pathavana_dependency_up") // published after the first health round; see the next test
            .ToHashSet();
        Assert.Contains("pathavana_searches_total", queried);
        var served = samples.Select(s => s.Name).ToHashSet();
        var missing = queried.Except(served).ToList();
        Assert.True(missing.Count == 0, $"queried by the dashboard or the alerts but not served: {string.Join(", ", missing)}");
        // Scrapes are not traffic.
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("http_server_request_duration", StringComparison.Ordinal)
            && s.Labels.TryGetValue("http_route", out var route) && route.Contains("metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dependency_health_is_published_as_a_gauge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        using var client = app.CreateClient();

        // The health publisher runs in the background (first after 5 s, then every 30 s).
        bool Published(List<PrometheusSample> s, string dependency) =>
            s.Any(x => x.Name == "pathavana_dependency_up" && x.Has("dependency", dependency));
        List<PrometheusSample> samples = [];
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !(Published(samples, "database") && Published(samples, "redis")))
        {
            await Task.Delay(500, ct);
            samples = PrometheusText.Parse(await client.GetStringAsync("/metrics", ct));
        }

        Assert.Contains(samples, s => s.Name == "pathavana_dependency_up" && s.Has("dependency", "database") && s.Value == 1);
        Assert.Contains(samples, s => s.Name == "pathavana_dependency_up" && s.Has("dependency", "redis") && s.Value == 1);
    }

    [Fact]
    public async Task A_failing_health_check_publishes_zero_and_a_passing_one_publishes_one()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var metrics = new PathavanaMetrics(meterFactory);
        var publisher = new DependencyHealthPublisher(metrics);
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["database"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null, null),
            ["redis"] = new(HealthStatus.Unhealthy, "Redis did not answer.", TimeSpan.Zero, null, null),
        }, TimeSpan.Zero);

        var observed = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == "pathavana.dependency.up")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            observed[(string)tags.ToArray().Single(t => t.Key == "dependency").Value!] = value);
        listener.Start();

        await publisher.PublishAsync(report, TestContext.Current.CancellationToken);

        Assert.Equal(1, observed["database"]);
        Assert.Equal(0, observed["redis"]);
    }

    /// <summary>What the inventory, assistant and booking modules report; called directly until they land.</summary>
    internal static void ScriptedModuleFlow(PathavanaMetrics metrics)
    {
        metrics.RecordCacheLookup("flights", hit: false);
        metrics.RecordExternalCall("amadeus", "flight_offers", ExternalCallOutcome.Success, TimeSpan.FromMilliseconds(180));
        metrics.RecordExternalCall("amadeus", "flight_offers", ExternalCallOutcome.Timeout, TimeSpan.FromSeconds(10));
        metrics.RecordSearch(SearchKind.Flight, "simulated");
        metrics.RecordCacheLookup("flights", hit: true);
        metrics.RecordSearch(SearchKind.Flight, "cache");
        metrics.RecordSearch(SearchKind.Hotel, "simulated");
        metrics.RecordSearch(SearchKind.Activity, "simulated");
        metrics.RecordSearch(SearchKind.Location, "gazetteer");
        metrics.RecordSearch(SearchKind.Calendar, "simulated");
        metrics.RecordChatTurn(ChatMode.Offline, fallback: false, TimeSpan.FromMilliseconds(40));
        metrics.RecordExternalCall("llm", "chat_completion", ExternalCallOutcome.Success, TimeSpan.FromSeconds(2));
        metrics.RecordLlmTokens(inputTokens: 812, outputTokens: 96);
        metrics.RecordChatTurn(ChatMode.Llm, fallback: false, TimeSpan.FromSeconds(2.1));
        metrics.RecordExternalCall("llm", "chat_completion", ExternalCallOutcome.Failure, TimeSpan.FromSeconds(1));
        metrics.RecordChatTurn(ChatMode.Offline, fallback: true, TimeSpan.FromSeconds(1.1));
        metrics.RecordBooking("Pending");
        metrics.RecordBooking("Confirmed");
        metrics.RecordBooking("Pending");
        metrics.RecordBooking("Failed");
    }

    /// <summary>A backend metric name written with a selector, as the dashboard and the rules write them.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b((?:pathavana|http_server|db_client|dotnet)_[a-z0-9_]+)\{")]
    private static partial System.Text.RegularExpressions.Regex AppSeries();
}
