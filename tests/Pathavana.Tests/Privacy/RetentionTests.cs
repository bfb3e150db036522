using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Platform.Observability;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Privacy;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Privacy;

/// <summary>
/// The retention job on a fake clock, on SQLite and PostgreSQL: each period removes what is past
/// it and nothing younger; old audit records become one summary and the chain still verifies;
/// the counts are metrics and an audit record.
/// </summary>
public sealed class RetentionTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> NoTimer = new() { ["Retention:Timer"] = "false" };

    [Fact]
    public Task Retention_on_sqlite() => RetainAsync(PathavanaFactory.Embedded(NoTimer, clock: new FakeTimeProvider(DateTimeOffset.UtcNow)));

    [Fact]
    public async Task Retention_on_postgres()
    {
        await RetainAsync(await PathavanaFactory.ProductionAsync(servers, NoTimer, clock: new FakeTimeProvider(DateTimeOffset.UtcNow)));
    }

    private static async Task RetainAsync(PathavanaFactory factory)
    {
        await using var app = factory;
        var clock = app.Clock!;

        // Day 0: an anonymous browser chats and leaves; a user chats; another signs up and never confirms.
        var leaver = app.CreateClient();
        var abandoned = await leaver.NewSessionAsync();
        await leaver.SayAsync(abandoned, "Boston to Lisbon next month");
        var ana = await app.SignUpAsync();
        var old = await ana.Client.NewSessionAsync();
        await ana.Client.SayAsync(old, "Paris in June for two");
        await ConfirmAsync(app, ana.Id);
        var ghost = await app.SignUpAsync();

        // Day 31: the anonymous chat is past its 30 idle days, the unconfirmed account past its 30 days; Ana's chat is not.
        clock.Advance(TimeSpan.FromDays(31));
        var day31 = await app.SignInAsync(ana.Email, ana.Password);
        var recent = await day31.NewSessionAsync();
        await day31.SayAsync(recent, "and Rome in July");
        var first = await RunAsync(app);
        Assert.Equal(1, first.AnonymousSessions);
        Assert.Equal(1, first.AnonymousKeys);
        Assert.Equal(1, first.UnconfirmedAccounts);
        Assert.Equal(0, first.ChatSessions);
        var ghostLogin = await app.CreateClient().PostAsJsonAsync("/api/v1/account/login", new { email = ghost.Email, password = ghost.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, ghostLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await day31.GetAsync($"/api/v1/chat/sessions/{old}", Ct)).StatusCode);

        // Day 91: Ana's first chat is past its 90 days and goes; the one from day 31 stays.
        clock.Advance(TimeSpan.FromDays(60));
        var client = await app.SignInAsync(ana.Email, ana.Password);
        using var metric = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PathavanaMetrics.MeterName, "pathavana.retention.deleted");
        var second = await RunAsync(app);
        Assert.Equal(1, second.ChatSessions);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/chat/sessions/{old}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/chat/sessions/{recent}", Ct)).StatusCode);

        // Counts as metrics (by kind, no ids) and in the audit log; the chain still verifies.
        Assert.Equal(1, metric.GetMeasurementSnapshot().Where(m => (string?)m.Tags["kind"] == "chat_sessions").Sum(m => m.Value));
        Assert.All(metric.GetMeasurementSnapshot(), m => Assert.Equal(["kind"], m.Tags.Keys));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var runs = await db.AuditLogs.AsNoTracking().Where(a => a.Action == AuditActions.RetentionRun).OrderBy(a => a.Sequence).ToListAsync(Ct);
        Assert.Equal(2, runs.Count);
        Assert.Contains("\"chatSessions\":1", runs[1].Details!, StringComparison.Ordinal);
        Assert.Null((await AuditChain.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKeys>(), (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().ReadLatestAsync(Ct)).Latest, Ct)).Reason);
        Assert.False(await db.Set<AnonymousDataKey>().AnyAsync(k => k.AdoptedBy == null, Ct));
    }

    private static async Task<RetentionReport> RunAsync(PathavanaFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(Ct);
    }

    private static async Task ConfirmAsync(PathavanaFactory app, Guid userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true), Ct);
    }
}
