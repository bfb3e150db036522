using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Observability;

public sealed class TracingTests(TestServers servers)
{
    private static readonly TimeSpan SpanWait = Eventually.SafetyNet;

    [Fact]
    public async Task One_request_is_one_trace_with_http_database_redis_outgoing_and_own_spans()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var vendor = await LoopbackServer.StartAsync();
        var exported = new Recorded<Activity>();
        await using var factory = await PathavanaFactory.ProductionAsync(servers);
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            ProbeEndpoint.AddTo(services, vendor.Quote);
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported));
        }));
        using var client = app.CreateClient();

        // The web app starts the trace (W3C trace context); the backend continues it.
        var healthTrace = ActivityTraceId.CreateRandom();
        using (var health = new HttpRequestMessage(HttpMethod.Get, "/health/ready"))
        {
            health.Headers.Add("traceparent", $"00-{healthTrace}-{ActivitySpanId.CreateRandom()}-01");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(health, ct)).StatusCode);
        }
        // Every request, not only the first: the cache's Redis commands and the vendor call stay in the
        // trace of the request that made them (HybridCache's own work items carry no trace context).
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var traceId = ActivityTraceId.CreateRandom();
            var parentSpanId = ActivitySpanId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Get, ProbeEndpoint.Path);
            request.Headers.Add("traceparent", $"00-{traceId}-{parentSpanId}-01");
            var response = await client.SendAsync(request, ct);
            Assert.Equal("0 fresh 42 EUR", await response.Content.ReadAsStringAsync(ct));

            var spans = await WaitForAsync(exported, traceId,
                s => s.Any(a => a.Source.Name == "Microsoft.AspNetCore" && a.ParentSpanId == parentSpanId)
                    && s.Any(a => a.Source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal)),
                ct);

            var server = spans.Single(a => a.Source.Name == "Microsoft.AspNetCore" && a.ParentSpanId == parentSpanId);
            Assert.Equal(ActivityKind.Server, server.Kind);
            Assert.Equal("GET", server.GetTagItem("http.request.method"));
            Assert.Equal(200, server.GetTagItem("http.response.status_code"));

            var own = spans.Single(a => a.Source.Name == "Pathavana");
            Assert.Equal("probe.search", own.DisplayName);
            Assert.Equal(server.SpanId, own.ParentSpanId);

            var database = spans.Where(a => a.Source.Name == "Npgsql").ToList();
            Assert.NotEmpty(database);
            Assert.All(database, d => Assert.Equal(ActivityKind.Client, d.Kind));
            Assert.Contains(database, d => d.ParentSpanId == own.SpanId
                && (d.GetTagItem("db.system.name") ?? d.GetTagItem("db.system")) as string == "postgresql");
            // A PostgreSQL command is traced once (by Npgsql), not again by the EF Core instrumentation.
            Assert.DoesNotContain(spans, a => a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));

            var redis = spans.Where(a => a.Source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal)).ToList();
            Assert.Contains(redis, r => r.Kind == ActivityKind.Client && r.ParentSpanId == own.SpanId);

            var outgoing = spans.Single(a => a.Source.Name == "System.Net.Http");
            Assert.Equal(ActivityKind.Client, outgoing.Kind);
            Assert.Equal(own.SpanId, outgoing.ParentSpanId);
            Assert.Equal(vendor.Quote.ToString(), outgoing.GetTagItem("url.full"));
            // The vendor received the same trace: the context travels on.
            Assert.Contains(vendor.TraceParents, p => p.StartsWith($"00-{traceId}-{outgoing.SpanId}-", StringComparison.Ordinal));
        }

        // Probes are not traced.
        Assert.DoesNotContain(exported.Snapshot(), a => a.TraceId == healthTrace);
    }

    [Fact]
    public async Task On_the_embedded_default_database_commands_are_traced_by_ef_core()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var vendor = await LoopbackServer.StartAsync();
        var exported = new Recorded<Activity>();
        await using var factory = PathavanaFactory.Embedded();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            ProbeEndpoint.AddTo(services, vendor.Quote);
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported));
        }));
        using var client = app.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProbeEndpoint.Path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, ct)).StatusCode);

        var spans = await WaitForAsync(exported, traceId,
            s => s.Any(a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server), ct);
        var own = spans.Single(a => a.Source.Name == "Pathavana");
        var database = spans.Where(a => a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.Contains(database, d => d.ParentSpanId == own.SpanId && d.Kind == ActivityKind.Client);
        Assert.Contains(spans, a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == own.SpanId);
    }

    private static async Task<List<Activity>> WaitForAsync(Recorded<Activity> exported, ActivityTraceId traceId,
        Func<List<Activity>, bool> complete, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = exported.Snapshot().Where(a => a.TraceId == traceId).ToList();
            if (complete(spans) || deadline.Elapsed > SpanWait)
            {
                return spans;
            }
            await Task.Delay(100, ct);
        }
    }
}
