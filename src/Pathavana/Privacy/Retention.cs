using Pathavana.Platform.Hosting;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform.Data;
using Pathavana.Platform.Observability;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Privacy;

/// <summary>How long things are kept (section <c>Retention</c>; every period a setting).</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>A signed-in user's chat session is deleted this many days after its last message.</summary>
    [Range(1, 3650)]
    public int ChatSessionDays { get; set; } = 90;

    /// <summary>An anonymous browser's chats, key and consents are deleted after this many days idle.</summary>
    [Range(1, 3650)]
    public int AnonymousSessionIdleDays { get; set; } = 30;

    /// <summary>An account whose email was never confirmed is deleted this many days after sign-up.</summary>
    [Range(1, 3650)]
    public int UnconfirmedAccountDays { get; set; } = 30;

    /// <summary>Audit records older than this many months are summarised (counts by action) and removed.</summary>
    [Range(1, 120)]
    public int AuditLogMonths { get; set; } = 12;

    /// <summary>
    /// Run the job in process every <see cref="TimerHours"/>: on by default on the embedded default
    /// (SQLite); on PostgreSQL a Kubernetes CronJob runs <c>pathavana retention run</c> instead.
    /// </summary>
    public bool? Timer { get; set; }

    [Range(1, 168)]
    public int TimerHours { get; set; } = 24;
}

/// <summary>What one run removed, by kind.</summary>
internal sealed record RetentionReport(int ChatSessions, int AnonymousSessions, int AnonymousKeys, int IdempotencyRecords, int UnconfirmedAccounts, int AuditRecordsSummarised)
{
    public IEnumerable<(string Kind, int Count)> ByKind() =>
    [
        ("chat_sessions", ChatSessions), ("anonymous_sessions", AnonymousSessions), ("anonymous_keys", AnonymousKeys),
        ("idempotency_records", IdempotencyRecords), ("unconfirmed_accounts", UnconfirmedAccounts), ("audit_records", AuditRecordsSummarised),
    ];
}

/// <summary>
/// The retention job (<c>pathavana retention run</c>, or the in-process timer): deletes what is past
/// its period and reports the counts as the metric <c>pathavana.retention.deleted</c> (by kind) and in the audit log.
/// </summary>
internal sealed class RetentionJob(
    PathavanaDbContext db, IdempotencyStore idempotency, DataKeys keys, IAuditLog audit, IOptions<RetentionOptions> options,
    TimeProvider clock, IMeterFactory meters)
{
    public async Task<RetentionReport> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();

        // Signed-in users' chats past their period (messages go with them).
        var chatCutoff = now.AddDays(-settings.ChatSessionDays);
        var chats = await db.ChatSessions.Where(s => s.OwnerId != null && s.UpdatedAt < chatCutoff).ExecuteDeleteAsync(ct);

        // Anonymous browsers idle past their period: sessions, then keys, consents and counters of browsers with none left.
        var idleCutoff = now.AddDays(-settings.AnonymousSessionIdleDays);
        var anonymous = await db.ChatSessions.Where(s => s.OwnerId == null && s.UpdatedAt < idleCutoff).ExecuteDeleteAsync(ct);
        var live = db.ChatSessions.Where(s => s.AnonymousTokenHash != null).Select(s => s.AnonymousTokenHash);
        var idleKeys = await db.Set<AnonymousDataKey>()
            .Where(k => k.TokenHash != null && k.AdoptedBy == null && k.UpdatedAt < idleCutoff && !live.Contains(k.TokenHash))
            .Select(k => new { k.Id, k.TokenHash }).ToListAsync(ct);
        var hashes = idleKeys.Select(k => k.TokenHash!).ToList();
        var keyCount = await db.Set<AnonymousDataKey>().Where(k => k.TokenHash != null && hashes.Contains(k.TokenHash)).ExecuteDeleteAsync(ct);
        foreach (var key in idleKeys)
        {
            keys.Forget(DataKeyRef.ForAnonymous(key.Id));
        }
        await db.Set<ConsentRecord>().Where(c => c.UserId == null && c.RecordedAt < idleCutoff && !live.Contains(c.AnonymousTokenHash)).ExecuteDeleteAsync(ct);
        await db.Set<LlmUsage>().Where(u => hashes.Contains(u.Subject)).ExecuteDeleteAsync(ct);

        var idempotent = await idempotency.PurgeExpiredAsync(ct);

        // Accounts never confirmed: deleted with everything that cascades from them; their keys go too.
        var unconfirmedCutoff = now.AddDays(-settings.UnconfirmedAccountDays);
        var stale = await db.Users.Where(u => !u.EmailConfirmed && u.CreatedAt < unconfirmedCutoff).Select(u => u.Id).ToListAsync(ct);
        foreach (var booking in await db.Bookings.Where(b => b.OwnerId != null && stale.Contains(b.OwnerId.Value)).ToListAsync(ct))
        {
            booking.ForgetOwner();
        }
        await db.SaveChangesAsync(ct);
        var subjects = stale.Select(id => id.ToString()).ToList();
        await db.Set<LlmUsage>().Where(u => subjects.Contains(u.Subject)).ExecuteDeleteAsync(ct);
        var accounts = await db.Users.Where(u => stale.Contains(u.Id)).ExecuteDeleteAsync(ct);
        foreach (var id in stale)
        {
            keys.Forget(DataKeyRef.ForUser(id));
        }

        // Never younger than 31 days: PostgreSQL's guard refuses to remove records under 30 days old.
        var auditCutoff = now.AddMonths(-settings.AuditLogMonths);
        var summarised = await SummariseAuditAsync(auditCutoff < now.AddDays(-31) ? auditCutoff : now.AddDays(-31), ct);

        var report = new RetentionReport(chats, anonymous, keyCount, idempotent, accounts, summarised);
        var counter = meters.Create(PathavanaMetrics.MeterName).CreateCounter<long>("pathavana.retention.deleted", "{record}",
            "Records removed by the retention job, by kind (no ids).");
        foreach (var (kind, count) in report.ByKind())
        {
            counter.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.RetentionRun, Details: JsonSerializer.Serialize(report, JsonSerializerOptions.Web)), ct);
        return report;
    }

    /// <summary>
    /// Replaces the audit records older than <paramref name="cutoff"/> by one <see cref="AuditActions.Summarised"/>
    /// record appended to the chain (counts by action, earlier summaries' counts folded in, and the hash of
    /// the last record removed, from which <c>audit verify</c> starts), then removes them: on PostgreSQL
    /// through <c>audit_logs_cut</c> (the app's role may not delete), on SQLite directly; the
    /// database's trigger lets through only records such a summary accounts for.
    /// </summary>
    private async Task<int> SummariseAuditAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var through = await db.AuditLogs.Where(a => a.OccurredAt < cutoff).MaxAsync(a => (long?)a.Sequence, ct);
        if (through is not { } last)
        {
            return 0;
        }
        var old = db.AuditLogs.AsNoTracking().Where(a => a.Sequence <= last);
        var byAction = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in await old.Where(a => a.Action != AuditActions.Summarised)
                     .GroupBy(a => a.Action).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
        {
            byAction[group.Key] = group.Count;
        }
        var firstSequence = await old.MinAsync(a => a.Sequence, ct);
        foreach (var earlier in await old.Where(a => a.Action == AuditActions.Summarised).ToListAsync(ct))
        {
            if (AuditSummary.Of(earlier) is { } summary)
            {
                firstSequence = Math.Min(firstSequence, summary.FirstSequence);
                foreach (var (action, count) in summary.ByAction)
                {
                    byAction[action] = byAction.GetValueOrDefault(action) + count;
                }
            }
        }
        var lastRecord = await old.SingleAsync(a => a.Sequence == last, ct);
        var oldest = await old.MinAsync(a => a.OccurredAt, ct);
        var removed = await old.CountAsync(ct);
        var details = new AuditSummary(firstSequence, last, lastRecord.Hash, cutoff, oldest, lastRecord.OccurredAt, byAction.Values.Sum(), byAction);
        await audit.RecordAsync(new AuditEvent(AuditActions.Summarised, "audit_log", last.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details: JsonSerializer.Serialize(details, JsonSerializerOptions.Web)), ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.SqlQuery<long>($"SELECT audit_logs_cut({last}) AS \"Value\"").ToListAsync(ct);
        }
        else
        {
            await db.AuditLogs.Where(a => a.Sequence <= last).ExecuteDeleteAsync(ct);
        }
        return removed;
    }
}

/// <summary>Runs the retention job every <see cref="RetentionOptions.TimerHours"/> in process (the embedded default).</summary>
internal sealed partial class RetentionTimer(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IOptions<DatabaseOptions> database,
    TimeProvider clock, ILogger<RetentionTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Value.Timer ?? database.Value.Provider == DatabaseProvider.Sqlite))
        {
            return;
        }
        // A failed run is in the log and the metric stays flat; the next tick tries again.
        await Periodic.RunAsync(TimeSpan.FromHours(options.Value.TimerHours), clock, runAtStart: false, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(ct);
            LogRun(report.ChatSessions, report.AnonymousSessions, report.UnconfirmedAccounts, report.AuditRecordsSummarised);
        }, e => LogFailed(e.GetType().Name), stoppingToken);
    }

    [LoggerMessage(EventId = 9501, Level = LogLevel.Information, Message = "Retention: {Chats} chat sessions, {Anonymous} anonymous sessions, {Accounts} unconfirmed accounts deleted; {Audit} audit records summarised")]
    private partial void LogRun(int chats, int anonymous, int accounts, int audit);

    [LoggerMessage(EventId = 9502, Level = LogLevel.Error, Message = "Retention run failed: {Error}")]
    private partial void LogFailed(string error);
}
