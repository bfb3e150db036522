using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;

namespace Pathavana.Audit;

/// <summary>The audited actions. Values are stable: they are stored and queried.</summary>
internal static class AuditActions
{
    public const string SignInSucceeded = "sign_in.succeeded";
    public const string SignInFailed = "sign_in.failed";
    public const string LockedOut = "account.locked_out";
    public const string SignedUp = "account.created";
    public const string EmailConfirmed = "account.email_confirmed";
    public const string PasswordChanged = "password.changed";
    public const string PasswordResetRequested = "password.reset_requested";
    public const string PasswordReset = "password.reset";
    public const string RoleChanged = "role.changed";
    public const string TravelerCreated = "traveler.created";
    public const string TravelerRead = "traveler.read";
    public const string TravelerUpdated = "traveler.updated";
    public const string TravelerDeleted = "traveler.deleted";
    public const string DataExported = "privacy.exported";
    public const string AccountErased = "privacy.erased";
    public const string ConsentGiven = "consent.given";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string RetentionRun = "retention.run";
    public const string BookingCreated = "booking.created";
    public const string BookingCancelled = "booking.cancelled";
}

/// <summary>What happened, to what; the actor, time and client address are filled in by <see cref="AuditLog"/>.</summary>
internal sealed record AuditEvent(string Action, string? SubjectType = null, string? SubjectId = null, Guid? ActorId = null, string? Details = null);

internal interface IAuditLog
{
    /// <summary>Appends a record to the chain and saves it at once (its own transaction).</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Appends hash-chained records. Appends are serialised: on PostgreSQL by a transaction-level
/// advisory lock (across replicas), on SQLite by its single writer and a process lock.
/// </summary>
internal sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock) : IAuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AdvisoryLockKey = 0x5041544841564131; // "PATHAVA1"
    private static readonly SemaphoreSlim LocalLock = new(1, 1);

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var context = http.HttpContext;
        var actor = auditEvent.ActorId ?? CurrentUserId(context);
        var ip = context?.Connection.RemoteIpAddress?.ToString();

        // A scope of its own: the record is saved even when the caller's unit of work is not.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        await LocalLock.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            }
            var last = await db.AuditLogs.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            // Microsecond precision: what PostgreSQL keeps, so the hash of what is read back matches.
            var ticks = clock.GetUtcNow().UtcTicks;
            var now = new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
            var entry = new AuditLogEntry
            {
                Id = Guid.CreateVersion7(now),
                Sequence = (last?.Sequence ?? 0) + 1,
                OccurredAt = now,
                ActorId = actor,
                Action = auditEvent.Action,
                SubjectType = auditEvent.SubjectType,
                SubjectId = auditEvent.SubjectId,
                ClientIp = ip,
                Details = auditEvent.Details,
                PreviousHash = last?.Hash ?? Genesis,
                Hash = "",
            };
            entry.Hash = AuditChain.HashOf(entry);
            db.AuditLogs.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            LocalLock.Release();
        }
    }

    private static Guid? CurrentUserId(HttpContext? context) =>
        Guid.TryParse(context?.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}

/// <summary>The hash chain: each record's hash covers its content and the previous record's hash.</summary>
internal static class AuditChain
{
    public static string HashOf(AuditLogEntry e)
    {
        var canonical = string.Join('\n',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.Id.ToString("N"),
            e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.ActorId?.ToString("N") ?? "",
            e.Action,
            e.SubjectType ?? "",
            e.SubjectId ?? "",
            e.ClientIp ?? "",
            e.Details ?? "",
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The result of walking the chain: how many records, and the first broken one if any.</summary>
    internal sealed record Verification(long Records, AuditLogEntry? FirstBroken, string? Reason);

    public static async Task<Verification> VerifyAsync(PathavanaDbContext db, CancellationToken cancellationToken)
    {
        var previous = AuditLog.Genesis;
        long expected = 1;
        long count = 0;
        await foreach (var entry in db.AuditLogs.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            string? reason = null;
            if (entry.Sequence != expected)
            {
                reason = $"sequence {entry.Sequence} where {expected} was expected (a record is missing)";
            }
            else if (entry.PreviousHash != previous)
            {
                reason = "its previous-hash does not match the record before it";
            }
            else if (HashOf(entry) != entry.Hash)
            {
                reason = "its content does not match its hash (altered)";
            }
            if (reason is not null)
            {
                return new Verification(count, entry, reason);
            }
            previous = entry.Hash;
            expected++;
        }
        return new Verification(count, null, null);
    }
}
