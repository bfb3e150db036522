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
    public const string SignUpForExistingAccount = "account.sign_up_existing";
    public const string SignedOutEverywhere = "account.signed_out_everywhere";
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

    /// <summary>
    /// Records past the audit retention period summarised and removed. Subject <c>audit_log</c>, id the
    /// last sequence removed; details hold the counts by action and that record's hash (the chain's anchor).
    /// </summary>
    public const string Summarised = "audit.summarised";
    public const string BookingCreated = "booking.created";
    public const string BookingCancelled = "booking.cancelled";
}

/// <summary>What happened, to what; the actor, time and client address are filled in by <see cref="AuditLog"/>.</summary>
internal sealed record AuditEvent(string Action, string? SubjectType = null, string? SubjectId = null, Guid? ActorId = null, string? Details = null);

/// <summary>An event with who did it (null: anonymous or the system), the truncated client address and when (UTC, microseconds).</summary>
internal sealed record StampedAuditEvent(AuditEvent Event, Guid? ActorId, string? ClientIp, DateTimeOffset OccurredAt);

internal interface IAuditLog
{
    /// <summary>Appends a record to the chain and saves it at once (its own transaction).</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a record of a read (personal data shown) for <see cref="AuditReadWriter"/> to append shortly after,
    /// in a batch, so a read request writes nothing itself. The actor, client address and time are taken now.
    /// The queue is bounded (<c>Audit__ReadQueueCapacity</c>); when it is full this waits for room: a record is
    /// never dropped, and what is queued is written before the process stops.
    /// </summary>
    ValueTask QueueReadAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Appends hash-chained records. Appends are serialised: on PostgreSQL by a transaction-level
/// advisory lock (across replicas), on SQLite by its single writer and a process lock.
/// </summary>
internal sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, AuditKeys keys, TimeProvider clock, AuditReadQueue reads) : IAuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AdvisoryLockKey = 0x5041544841564131; // "PATHAVA1"
    private static readonly SemaphoreSlim LocalLock = new(1, 1);

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        AppendAsync(scopes, keys, [Stamp(auditEvent)], cancellationToken);

    public async ValueTask QueueReadAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var stamped = Stamp(auditEvent);
        try
        {
            await reads.Writer.WriteAsync(stamped, cancellationToken);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Shutting down: the writer has stopped taking records, so this one is appended here.
            await AppendAsync(scopes, keys, [stamped], cancellationToken);
        }
    }

    /// <summary>The event with who did it, from where and when, read from the current request.</summary>
    private StampedAuditEvent Stamp(AuditEvent auditEvent)
    {
        var context = http.HttpContext;
        // Microsecond precision: what PostgreSQL keeps, so the hash of what is read back matches.
        var ticks = clock.GetUtcNow().UtcTicks;
        return new StampedAuditEvent(auditEvent, auditEvent.ActorId ?? CurrentUserId(context),
            ClientAddress.Truncated(context?.Connection.RemoteIpAddress), new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero));
    }

    /// <summary>
    /// Appends <paramref name="events"/> to the chain in order, in one transaction of its own (the records are
    /// saved even when the caller's unit of work is not), serialised across replicas on PostgreSQL by a
    /// transaction-level advisory lock and on SQLite by its single writer and a process lock.
    /// </summary>
    internal static async Task AppendAsync(IServiceScopeFactory scopes, AuditKeys keys, IReadOnlyList<StampedAuditEvent> events, CancellationToken cancellationToken)
    {
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
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? Genesis;
            foreach (var (auditEvent, actor, ip, at) in events)
            {
                var entry = new AuditLogEntry
                {
                    Id = Guid.CreateVersion7(at),
                    Sequence = ++sequence,
                    OccurredAt = at,
                    ActorId = actor,
                    Action = auditEvent.Action,
                    SubjectType = auditEvent.SubjectType,
                    SubjectId = auditEvent.SubjectId,
                    ClientIp = ip,
                    Details = auditEvent.Details,
                    PreviousHash = previous,
                    Hash = "",
                    KeyId = keys.ActiveId,
                };
                entry.Hash = AuditChain.HashOf(entry, keys.Active);
                previous = entry.Hash;
                db.AuditLogs.Add(entry);
            }
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

/// <summary>
/// The chain: each record's hash is an HMAC (with a key kept outside the database) over its content
/// and the previous record's hash, so rows can be neither edited nor re-chained without the key.
/// Records from before keys (no key id) used plain SHA-256; none may follow a keyed record.
/// </summary>
internal static class AuditChain
{
    private static string Canonical(AuditLogEntry e) => string.Join('\n',
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

    /// <summary>The keyed hash of a record (its <see cref="AuditLogEntry.KeyId"/> is part of what is signed).</summary>
    public static string HashOf(AuditLogEntry e, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(e) + "\n" + e.KeyId)));

    /// <summary>The unkeyed hash of a record written before chain keys existed.</summary>
    public static string LegacyHashOf(AuditLogEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>
    /// The result of walking the chain: how many records, the first broken one (with the reason), or a
    /// tail cut off after the last checkpoint.
    /// </summary>
    internal sealed record Verification(long Records, AuditLogEntry? FirstBroken, string? Reason, AuditCheckpoint? Checkpoint, string? Truncation)
    {
        public bool Intact => FirstBroken is null && Truncation is null;
    }

    public static async Task<Verification> VerifyAsync(PathavanaDbContext db, AuditKeys keys, AuditCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var previous = AuditLog.Genesis;
        long expected = 1;
        long count = 0;
        long last = 0;
        var keyed = false;
        string? hashAtCheckpoint = null;
        // After a retention cut the chain starts at the record after the last one summarised: the
        // audit.summarised record naming it holds that record's hash (and is itself checked below).
        var first = await db.AuditLogs.AsNoTracking().OrderBy(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (first is { Sequence: > 1 })
        {
            var through = (first.Sequence - 1).ToString(CultureInfo.InvariantCulture);
            var anchor = await db.AuditLogs.AsNoTracking()
                .Where(a => a.Action == AuditActions.Summarised && a.SubjectId == through && a.Sequence > first.Sequence)
                .OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null || AuditSummary.LastHashOf(anchor) is not { } lastHash)
            {
                return new Verification(1, first, $"records 1 to {through} are missing and no {AuditActions.Summarised} record accounts for them", checkpoint, null);
            }
            previous = lastHash;
            expected = first.Sequence;
            if (checkpoint is not null && checkpoint.Sequence == first.Sequence - 1)
            {
                hashAtCheckpoint = lastHash;
            }
        }
        await foreach (var entry in db.AuditLogs.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            string? reason = null;
            byte[]? key = null;
            if (entry.Sequence != expected)
            {
                reason = $"sequence {entry.Sequence} where {expected} was expected (a record is missing)";
            }
            else if (entry.PreviousHash != previous)
            {
                reason = "its previous-hash does not match the record before it";
            }
            else if (entry.KeyId is null && keyed)
            {
                reason = "it carries no key after keyed records (re-chained without the key)";
            }
            else if (entry.KeyId is not null && (key = keys.Find(entry.KeyId)) is null)
            {
                reason = $"its chain key '{entry.KeyId}' is not configured here (Audit__ChainKey / Audit__PreviousChainKeys)";
            }
            else if ((key is null ? LegacyHashOf(entry) : HashOf(entry, key)) != entry.Hash)
            {
                reason = "its content does not match its hash (altered)";
            }
            if (reason is not null)
            {
                return new Verification(count, entry, reason, checkpoint, null);
            }
            keyed |= key is not null;
            if (checkpoint is not null && entry.Sequence == checkpoint.Sequence)
            {
                hashAtCheckpoint = entry.Hash;
            }
            previous = entry.Hash;
            last = entry.Sequence;
            expected++;
        }
        string? truncation = null;
        if (checkpoint is not null)
        {
            if (last < checkpoint.Sequence)
            {
                truncation = $"the log ends at record {last} but the checkpoint of {checkpoint.At:O} saw {checkpoint.Sequence} records " +
                             $"(head {checkpoint.Hash}): {checkpoint.Sequence - last} record(s) were cut from the end";
            }
            else if (first is not null && checkpoint.Sequence < first.Sequence - 1)
            {
                // The checkpoint signed a record since summarised: the anchor and the walk above stand for it.
            }
            else if (hashAtCheckpoint != checkpoint.Hash)
            {
                truncation = $"record {checkpoint.Sequence} is not the one the checkpoint of {checkpoint.At:O} signed (head {checkpoint.Hash}): the log was rewritten";
            }
        }
        return new Verification(count, null, null, checkpoint, truncation);
    }
}

/// <summary>The details of an <see cref="AuditActions.Summarised"/> record.</summary>
internal sealed record AuditSummary(
    long FirstSequence, long ThroughSequence, string LastHash, DateTimeOffset Before, DateTimeOffset Oldest, DateTimeOffset Newest,
    long Records, SortedDictionary<string, long> ByAction)
{
    public static AuditSummary? Of(AuditLogEntry entry)
    {
        try
        {
            return entry.Details is null ? null : System.Text.Json.JsonSerializer.Deserialize<AuditSummary>(entry.Details, System.Text.Json.JsonSerializerOptions.Web);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The hash of the last record the summary replaced, when its subject and details agree.</summary>
    public static string? LastHashOf(AuditLogEntry entry) =>
        Of(entry) is { } summary && summary.ThroughSequence.ToString(CultureInfo.InvariantCulture) == entry.SubjectId ? summary.LastHash : null;
}

/// <summary>
/// The client address an audit record keeps: truncated, so a record shows the network a request came
/// from but never identifies a person's connection — IPv4 to its /24 ("198.51.100.0"), IPv6 to its /48
/// ("2001:db8:85a3::"). IPv4 mapped into IPv6 is kept as IPv4. Null when the address is unknown.
/// </summary>
internal static class ClientAddress
{
    public static string? Truncated(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        return new System.Net.IPAddress(bytes).ToString();
    }
}
