using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Pathavana.Tests.Observability;

/// <summary>What an operator sees from the real process: where /metrics answers, and what stdout holds.</summary>
public sealed class ServedAppTests(ServedApp served) : IClassFixture<ServedApp>
{
    private static readonly string[] Levels = ["ERROR", "WARN", "INFO", "DEBUG"];

    [Fact]
    public async Task With_a_management_port_metrics_answer_only_there()
    {
        var ct = TestContext.Current.CancellationToken;

        var onMain = await served.Main.GetAsync("/metrics", ct);
        var onManagement = await served.Management.GetAsync("/metrics", ct);
        var apiOnManagement = await served.Management.GetAsync("/openapi/v1.json", ct);

        Assert.Equal(HttpStatusCode.NotFound, onMain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
        var samples = PrometheusText.Parse(await onManagement.Content.ReadAsStringAsync(ct));
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Has("http_route", "/health/ready"));
        Assert.Equal(HttpStatusCode.NotFound, apiOnManagement.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await served.Management.GetAsync("/health/live", ct)).StatusCode);
    }

    [Fact]
    public async Task Stdout_is_json_lines_with_trace_ids_and_the_client_address_redacted()
    {
        var ct = TestContext.Current.CancellationToken;
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 5 && rejected is null; i++)
        {
            var response = await served.Main.GetAsync("/openapi/v1.json", ct);
            rejected = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }
        Assert.NotNull(rejected);
        // Problem details carry the W3C id of the request: 00-{trace id}-{span id}-{flags}.
        var requestId = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("traceId").GetString() ?? "";
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", requestId);
        var traceId = requestId.Split('-')[1];
        var spanId = requestId.Split('-')[2];

        // The console logger writes from a background queue.
        string? line = null;
        var waited = Stopwatch.StartNew();
        while (line is null && waited.Elapsed < Pathavana.Tests.Infrastructure.Eventually.SafetyNet)
        {
            line = served.Stdout.FirstOrDefault(l => l.Contains(traceId, StringComparison.Ordinal) && l.Contains("LogRejected", StringComparison.Ordinal));
            await Task.Delay(100, ct);
        }
        Assert.True(line is not null, $"no rejection line with trace {traceId} in:\n{string.Join('\n', served.Stdout)}");

        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal(traceId, entry.GetProperty("traceId").GetString());
        Assert.Equal(spanId, entry.GetProperty("spanId").GetString());
        Assert.Equal("INFO", entry.GetProperty("level").GetString());
        Assert.Equal("Rate limit {Policy} reached: rejected a request from {ClientIp}; retry after {RetryAfterSeconds} s.",
            entry.GetProperty("template").GetString());
        Assert.Equal("api", entry.GetProperty("attributes").GetProperty("Policy").GetString());
        Assert.Equal("[redacted]", entry.GetProperty("attributes").GetProperty("ClientIp").GetString());
        Assert.Contains("[redacted]", entry.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", line, StringComparison.Ordinal);

        Assert.All(served.Stdout.Where(l => l.StartsWith('{')), l =>
        {
            var json = JsonDocument.Parse(l).RootElement;
            Assert.Contains(json.GetProperty("level").GetString(), Levels);
            Assert.True(json.TryGetProperty("timestamp", out _) && json.TryGetProperty("message", out _), l);
        });
    }
}
