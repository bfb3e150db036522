using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

public sealed class HealthTests(TestServers servers)
{
    [Fact]
    public async Task Embedded_default_is_live_and_ready_with_its_sqlite_file_created()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        // Each check has a 2 s budget: on a loaded machine the first answer may be 503, so readiness is waited for.
        var ready = await Eventually.UntilAsync(ct => client.GetAsync("/health/ready", ct), r => r.StatusCode == HttpStatusCode.OK, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "pathavana.db")), "the SQLite file is created under Storage:DataDirectory");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Production_wiring_is_ready_when_postgres_and_redis_answer()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        using var client = app.CreateClient();

        var ready = await Eventually.UntilAsync(ct => client.GetAsync("/health/ready", ct), r => r.StatusCode == HttpStatusCode.OK, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.StartsWith("ping", checks.GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_turns_503_with_a_problem_while_postgres_is_down_and_recovers()
    {
        // A server of its own: stopping the shared one would break the other tests.
        await using var postgres = await PostgresServer.StartAsync();
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = await postgres.CreateEmptyDatabaseAsync(),
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
        });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, await Eventually.ReadyAsync(client, cancellationToken: ct));

        await postgres.StopProcessAsync();
        var down = await client.GetAsync("/health/ready", ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await down.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", ct)).StatusCode);

        // The API answers 503 with Retry-After, never 500, while the database is away.
        var api = await client.PostAsJsonAsync("/api/v1/account/login", new { email = "ana@example.com", password = "a long password here" }, ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.True(api.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        await postgres.StartProcessAsync();
        // Back up: the pool reconnects, and readiness returns (waited for, not timed).
        Assert.Equal(HttpStatusCode.OK, await Eventually.ReadyAsync(client, cancellationToken: ct));
    }

    [Fact]
    public async Task Redis_unreachable_leaves_the_replica_ready_but_degraded()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers, new Dictionary<string, string?>
        {
            // Nothing listens here.
            ["Redis:Configuration"] = $"127.0.0.1:{ExternalProcess.FreePort()},connectTimeout=500",
        });
        using var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Contains("Redis did not answer", body.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
        // The API still works: sign up, sign in, and a signed-in request.
        var user = await app.SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/v1/account/me", TestContext.Current.CancellationToken)).StatusCode);
    }
}
