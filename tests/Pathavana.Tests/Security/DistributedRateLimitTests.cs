using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

public sealed class DistributedRateLimitTests(TestServers servers)
{
    private const int Limit = 100;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    private sealed record Sent(TimeSpan SentAt, TimeSpan AnsweredAt, HttpStatusCode Status, HttpResponseMessage Response);

    [Fact]
    public async Task Two_replicas_sharing_redis_admit_exactly_the_limit_and_no_window_span_ever_admits_more()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = await servers.Postgres.CreateMigratedDatabaseAsync(),
            ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Redis__Configuration"] = servers.Redis.Configuration,
            ["Redis__InstanceName"] = $"rl{Guid.NewGuid():N}:",
            ["RateLimiting__PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The platform's 100 a minute, with the minute shrunk so the test does not wait one.
            ["RateLimiting__WindowSeconds"] = Window.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var a = await Replica.StartAsync(settings);
        await using var b = await Replica.StartAsync(settings);
        var clock = Stopwatch.StartNew();
        var sent = new List<Sent>();

        async Task<Sent> SendAsync(int i)
        {
            var client = i % 2 == 0 ? a.Client : b.Client;
            var at = clock.Elapsed;
            var response = await client.GetAsync("/api/v1/account/antiforgery");
            return new Sent(at, clock.Elapsed, response.StatusCode, response);
        }

        // Both replicas warmed up (health is never limited), then 150 requests from one address at
        // once, alternating between the two processes: on a loaded machine a paced burst outlasted the window.
        await a.Client.GetAsync("/health/live");
        await b.Client.GetAsync("/health/live");
        var burst = (await Task.WhenAll(Enumerable.Range(0, 150).Select(SendAsync))).ToList();
        Assert.True(burst.Max(s => s.AnsweredAt) - burst.Min(s => s.SentAt) < Window, "the burst fitted in one window");
        Assert.Equal(Limit, burst.Count(s => s.Status == HttpStatusCode.OK));
        Assert.Equal(50, burst.Count(s => s.Status == HttpStatusCode.TooManyRequests));
        var refused = burst.First(s => s.Status == HttpStatusCode.TooManyRequests).Response;
        Assert.True(refused.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= Window, "Retry-After within the window");
        Assert.StartsWith("\"api\";r=0;t=", refused.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        Assert.Equal("\"api\";q=100;w=20", refused.Headers.GetValues("RateLimit-Policy").Single());
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("RateLimit", burst.First(s => s.Status == HttpStatusCode.OK).Response.Headers.Select(h => h.Key));
        sent.AddRange(burst);

        // Then a steady stream across one and a half windows, including the moments the first
        // permits expire: a fixed window would let a second full burst through at its boundary.
        var until = clock.Elapsed + Window * 1.5;
        var n = 0;
        while (clock.Elapsed < until)
        {
            sent.AddRange(await Task.WhenAll(SendAsync(n++), SendAsync(n++)));
            await Task.Delay(40);
        }

        var admitted = sent.Where(s => s.Status == HttpStatusCode.OK).ToList();
        Assert.True(admitted.Count > Limit, "later windows admitted requests again");
        foreach (var start in admitted.Select(s => s.SentAt))
        {
            // Requests surely admitted inside [start, start + window): sent at or after start, answered before its end.
            var inSpan = admitted.Count(s => s.SentAt >= start && s.AnsweredAt < start + Window);
            Assert.True(inSpan <= Limit, $"{inSpan} requests were admitted within one {Window.TotalSeconds} s span starting at {start}");
        }
        TestContext.Current.SendDiagnosticMessage($"{sent.Count} requests, {admitted.Count} admitted over {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task With_redis_down_each_replica_still_limits_on_its_own_and_says_so()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers, new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{ExternalProcess.FreePort()},connectTimeout=500",
            ["RateLimiting:PermitLimit"] = "3",
        });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/account/antiforgery", ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var ready = await client.GetAsync("/health/ready", ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        var metrics = await client.GetStringAsync("/metrics", ct);
        Assert.Contains(Observability.PrometheusText.Parse(metrics), s => s.Name == "pathavana_rate_limit_local_decisions_total" && s.Value >= 5);
        Assert.Contains(app.Logs.Records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("Redis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_attempts_have_a_stricter_limit_per_address()
    {
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?> { ["RateLimiting:Auth:PermitLimit"] = "3" });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/login")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { email = $"x{i}@example.com", password = "whatever it is" }),
            };
            request.Headers.Add(PathavanaFactory.ClientAddressHeader, "198.51.100.7");
            statuses.Add((await client.SendAsync(request, ct)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}
