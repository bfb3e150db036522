using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Platform.Observability;
using Pathavana.Tests.Infrastructure;
using StackExchange.Redis;

namespace Pathavana.Tests.Observability;

/// <summary>
/// Active users and sessions (the platform document's user metrics): counted from real requests,
/// published per window without any id, the same for every instance when they share Redis.
/// </summary>
public sealed class ActiveUsageTests(TestServers servers)
{
    [Fact]
    public async Task Signed_in_users_and_planner_sessions_appear_in_metrics_as_counts_without_ids()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Metrics:ActiveUsageRefreshSeconds"] = "1" });
        var ana = await app.SignUpAsync();
        var bruno = await app.SignUpAsync();
        using var anonymous = app.CreateClient();

        // Two people use the API; one of them twice, which is still one person.
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/trips", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/travelers", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bruno.Client.GetAsync("/api/v1/trips", ct)).StatusCode);
        // A visitor who has not signed in plans a trip in a session: a session, not a user.
        var created = await anonymous.PostAsJsonAsync("/api/v1/chat/sessions", new { title = "Lisbon in March" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/chat/sessions/{session}", ct)).StatusCode);
        // Asking for a session that is not yours (or does not exist) is not activity.
        var stranger = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/chat/sessions/{stranger}", ct)).StatusCode);

        var samples = await ScrapeUntilAsync(anonymous, s => Value(s, "pathavana_active_users", "5m") == 2 && Value(s, "pathavana_active_sessions", "5m") == 1, ct);

        foreach (var window in new[] { "5m", "1h", "1d" })
        {
            Assert.Equal(2, Value(samples, "pathavana_active_users", window));
            Assert.Equal(1, Value(samples, "pathavana_active_sessions", window));
        }
        // The window is the only label: no id of a person or a session reaches Prometheus.
        Assert.All(samples.Where(s => s.Name.StartsWith("pathavana_active_", StringComparison.Ordinal)),
            s => Assert.Equal(["window"], s.Labels.Keys.Where(k => k != "otel_scope_name")));
        var text = await anonymous.GetStringAsync("/metrics", ct);
        foreach (var id in new[] { ana.Id, bruno.Id, session, stranger })
        {
            Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString("N"), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Two instances behind the load balancer, one Redis: a traveller served by both is one active
    /// user on both, not two; each instance reports the service's count.
    /// </summary>
    [Fact]
    public async Task Instances_sharing_redis_count_a_person_once_and_store_no_id()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.Redis.Configuration);
        var prefix = $"t{Guid.NewGuid():N}:";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 17, 54, 0, TimeSpan.Zero));
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var first = new ActiveUsage(meters.GetRequiredService<IMeterFactory>(), new RedisActivityStore(redis, prefix), clock);
        var second = new ActiveUsage(meters.GetRequiredService<IMeterFactory>(), new RedisActivityStore(redis, prefix), clock);
        var (ana, bruno, session) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        first.Seen(ActivityKind.User, ana);
        second.Seen(ActivityKind.User, ana);
        second.Seen(ActivityKind.User, bruno);
        first.Seen(ActivityKind.Session, session);
        second.Seen(ActivityKind.Session, session);
        await first.RefreshAsync(ct);
        await second.RefreshAsync(ct);
        await first.RefreshAsync(ct);

        Assert.Equal(2, first.Count(ActivityKind.User, "5m"));
        Assert.Equal(2, second.Count(ActivityKind.User, "5m"));
        Assert.Equal(2, second.Count(ActivityKind.User, "1d"));
        Assert.Equal(1, first.Count(ActivityKind.Session, "1h"));
        // Redis holds HyperLogLogs that expire, under keys that name no one.
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.Keys(pattern: prefix + "*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(ana.ToString("N"), key.ToString(), StringComparison.OrdinalIgnoreCase);
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t <= TimeSpan.FromHours(26), $"{key} must expire");
            Assert.DoesNotContain(ana.ToString("N"), (string?)await redis.GetDatabase().StringGetAsync(key) ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_person_leaves_the_short_window_first_and_the_day_last()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 30, TimeSpan.Zero));
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var usage = new ActiveUsage(meters.GetRequiredService<IMeterFactory>(), new MemoryActivityStore(), clock);
        var person = Guid.NewGuid();

        usage.Seen(ActivityKind.User, person);
        await usage.RefreshAsync(ct);
        Assert.Equal((1, 1, 1), Counts());

        clock.Advance(TimeSpan.FromMinutes(6));
        await usage.RefreshAsync(ct);
        Assert.Equal((0, 1, 1), Counts());

        clock.Advance(TimeSpan.FromMinutes(60));
        await usage.RefreshAsync(ct);
        Assert.Equal((0, 0, 1), Counts());

        clock.Advance(TimeSpan.FromHours(24));
        await usage.RefreshAsync(ct);
        Assert.Equal((0, 0, 0), Counts());

        (long, long, long) Counts() =>
            (usage.Count(ActivityKind.User, "5m"), usage.Count(ActivityKind.User, "1h"), usage.Count(ActivityKind.User, "1d"));
    }

    private static double? Value(List<PrometheusSample> samples, string name, string window) =>
        samples.FirstOrDefault(s => s.Name == name && s.Has("window", window))?.Value;

    /// <summary>The gauges refresh in the background: scrape until they show what the requests did.</summary>
    private static async Task<List<PrometheusSample>> ScrapeUntilAsync(HttpClient client, Func<List<PrometheusSample>, bool> done, CancellationToken ct)
    {
        var samples = PrometheusText.Parse(await client.GetStringAsync("/metrics", ct));
        for (var attempt = 0; attempt < 240 && !done(samples); attempt++)
        {
            await Task.Delay(250, ct);
            samples = PrometheusText.Parse(await client.GetStringAsync("/metrics", ct));
        }
        return samples;
    }
}
