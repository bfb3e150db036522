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

    [Fact]
    public Task Audit_records_past_twelve_months_are_summarised_on_sqlite() =>
        SummariseAuditAsync(PathavanaFactory.Embedded(NoTimer, clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMonths(-14))));

    [Fact]
    public async Task Audit_records_past_twelve_months_are_summarised_on_postgres() =>
        await SummariseAuditAsync(await PathavanaFactory.ProductionAsync(servers, NoTimer, clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMonths(-14))));

    /// <summary>
    /// Fourteen months ago a traveller signed up and added a traveller; a month ago they signed in.
    /// Retention today replaces the old records by one summary with their counts by action; the chain
    /// verifies across the cut (against the checkpoint signed before it), a record after the cut
    /// altered still fails, and a recent record cannot be deleted.
    /// </summary>
    private static async Task SummariseAuditAsync(PathavanaFactory factory)
    {
        await using var app = factory;
        var clock = app.Clock!;
        var ana = await app.SignUpAsync();
        await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), Ct);
        Dictionary<string, long> old;
        long through;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            old = await db.AuditLogs.GroupBy(a => a.Action).ToDictionaryAsync(g => g.Key, g => g.LongCount(), Ct);
            through = await db.AuditLogs.MaxAsync(a => a.Sequence, Ct);
            Assert.True(old.GetValueOrDefault(AuditActions.SignedUp) == 1 && old.GetValueOrDefault(AuditActions.TravelerCreated) == 1, string.Join(", ", old));
        }
        var signed = await app.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(Ct);
        Assert.Equal(through, signed!.Sequence);

        clock.Advance(TimeSpan.FromDays(395));
        await app.SignInAsync(ana.Email, ana.Password);
        clock.Advance(TimeSpan.FromDays(30));
        var report = await RunAsync(app);
        Assert.Equal((int)old.Values.Sum(), report.AuditRecordsSummarised);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            var keys = scope.ServiceProvider.GetRequiredService<AuditKeys>();
            Assert.Equal(through + 1, await db.AuditLogs.MinAsync(a => a.Sequence, Ct));
            var summary = Assert.Single(await db.AuditLogs.AsNoTracking().Where(a => a.Action == AuditActions.Summarised).ToListAsync(Ct));
            Assert.Equal(through.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.SubjectId);
            var details = AuditSummary.Of(summary)!;
            Assert.Equal(old.OrderBy(p => p.Key, StringComparer.Ordinal), details.ByAction.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(1, details.FirstSequence);
            Assert.Equal(signed.Hash, details.LastHash);
            Assert.Contains(await db.AuditLogs.AsNoTracking().Where(a => a.Sequence > summary.Sequence).Select(a => a.Action).ToListAsync(Ct),
                a => a == AuditActions.RetentionRun);

            var checkpoint = (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().ReadLatestAsync(Ct)).Latest;
            var verified = await AuditChain.VerifyAsync(db, keys, checkpoint, Ct);
            Assert.True(verified.Intact, verified.Reason ?? verified.Truncation);
            Assert.True(await db.AuditLogs.AnyAsync(a => a.Action == AuditActions.SignInSucceeded, Ct));

            // The guard still holds for what no summary accounts for.
            var newest = await db.AuditLogs.MaxAsync(a => a.Sequence, Ct);
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLogs.Where(a => a.Sequence == newest).ExecuteDeleteAsync(Ct));

            // Someone with the owner's powers alters a record after the cut: verification names it.
            var victim = await db.AuditLogs.AsNoTracking().Where(a => a.Action == AuditActions.SignInSucceeded).OrderBy(a => a.Sequence).FirstAsync(Ct);
            var lift = db.Database.IsNpgsql() ? "ALTER TABLE audit_logs DISABLE TRIGGER USER" : "DROP TRIGGER audit_logs_no_update";
            await db.Database.ExecuteSqlRawAsync(lift, Ct);
            await db.AuditLogs.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.SubjectId, "someone-else"), Ct);
            var tampered = await AuditChain.VerifyAsync(db, keys, checkpoint, Ct);
            Assert.Equal(victim.Sequence, tampered.FirstBroken?.Sequence);
            Assert.Contains("altered", tampered.Reason, StringComparison.Ordinal);
        }
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
