using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        var second = await RunAsync(app);
        Assert.Equal(1, second.ChatSessions);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/chat/sessions/{old}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/chat/sessions/{recent}", Ct)).StatusCode);

        // Day 400: audit records older than 12 months become one summary; the chain still verifies across the cut.
        clock.Advance(TimeSpan.FromDays(309));
        await app.SignInAsync(ana.Email, ana.Password);
        using var metric = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PathavanaMetrics.MeterName, "pathavana.retention.deleted");
        var third = await RunAsync(app);
        Assert.True(third.AuditRecordsSummarised > 0);
        Assert.Equal(third.AuditRecordsSummarised, metric.GetMeasurementSnapshot().Where(m => (string?)m.Tags["kind"] == "audit_records").Sum(m => m.Value));
        Assert.DoesNotContain(metric.GetMeasurementSnapshot(), m => m.Tags.Any(t => t.Key is "user" or "user_id" or "email"));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var verification = await AuditChain.VerifyAsync(db, Ct);
        Assert.Null(verification.Reason);
        Assert.True(verification.Records > 0);
        var oldest = await db.AuditLogs.AsNoTracking().OrderBy(a => a.Sequence).FirstAsync(Ct);
        Assert.True(oldest.OccurredAt >= clock.GetUtcNow().AddMonths(-12));
        var summary = JsonSerializer.Deserialize<AuditSummary>(
            (await db.AuditLogs.AsNoTracking().SingleAsync(a => a.Action == AuditActions.AuditSummarised, Ct)).Details!, JsonSerializerOptions.Web)!;
        Assert.Equal(third.AuditRecordsSummarised, summary.Counts.Values.Sum());
        Assert.True(summary.Counts[AuditActions.SignedUp] >= 2);
        Assert.Equal(3, await db.AuditLogs.CountAsync(a => a.Action == AuditActions.RetentionRun, Ct) + (summary.Counts.GetValueOrDefault(AuditActions.RetentionRun)));
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
