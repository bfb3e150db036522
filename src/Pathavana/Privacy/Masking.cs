using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform.Configuration;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Trips;

namespace Pathavana.Privacy;

/// <summary>What <see cref="DataMasking.RunAsync"/> changed, by kind (counts of rows or files).</summary>
internal sealed record MaskingReport(
    int Users, int Travelers, int ChatSessions, int ChatMessages, int Trips, int TripItems, int Bookings,
    int AuditRecords, int DataKeysDestroyed, int SessionsDropped, int OutboxFiles)
{
    public IEnumerable<(string Kind, int Count)> ByKind() =>
    [
        ("users", Users), ("travelers", Travelers), ("chat_sessions", ChatSessions), ("chat_messages", ChatMessages),
        ("trips", Trips), ("trip_items", TripItems), ("bookings", Bookings), ("audit_records", AuditRecords),
        ("data_keys_destroyed", DataKeysDestroyed), ("sessions_dropped", SessionsDropped), ("outbox_files", OutboxFiles),
    ];
}

/// <summary>
/// <c>pathavana mask</c>: turns a restored copy of production into a non-production copy. Every data
/// key is destroyed (so any ciphertext left anywhere is unreadable, even with production's master
/// key), and every personal value is replaced by a deterministic fake derived from the row's id (the
/// same row always gets the same fake): account emails, travellers (names, birth date, passport,
/// phone, email — re-encrypted with new keys), chat titles, text and dialogue state, trip titles and
/// notes, passenger snapshots, client addresses in the audit log (re-chained with this deployment's
/// chain key). Sessions, tokens, external sign-ins, idempotency records, Data Protection keys and the
/// outbox's email copies are dropped. Passwords are removed: masked accounts sign in only after a reset.
/// </summary>
internal sealed class DataMasking(
    PathavanaDbContext db, PiiProtector pii, AuditKeys auditKeys, IOptions<StorageOptions> storage, TimeProvider time)
{
    /// <summary>The domain of every masked email address (RFC 2606: never delivered).</summary>
    public const string EmailDomain = "masked.example";

    private static readonly string[] GivenNames =
        ["Alex", "Sam", "Jordan", "Taylor", "Robin", "Casey", "Jamie", "Morgan", "Avery", "Riley", "Quinn", "Drew", "Rowan", "Sasha", "Noor", "Kim"];

    private static readonly string[] Surnames =
        ["Smith", "Garcia", "Silva", "Novak", "Jensen", "Kowalski", "Okafor", "Tanaka", "Moreau", "Rossi", "Nguyen", "Brown", "Haddad", "Larsen", "Costa", "Weber"];

    private static readonly string[] Countries = ["GB", "US", "PT", "DE", "FR", "IE", "CA", "NL"];

    public async Task<MaskingReport> RunAsync(CancellationToken ct)
    {
        // 1. Crypto-shred: every user's and browser's data key. From here no ciphertext of the copy opens.
        var userKeys = await db.Set<UserDataKey>().ExecuteDeleteAsync(ct);
        var browserKeys = await db.Set<AnonymousDataKey>().ExecuteDeleteAsync(ct);

        // 2. Whatever lets someone act as a production user: sessions, tokens, external logins, the cookies' keys.
        var sessions = await db.Set<UserSession>().ExecuteDeleteAsync(ct);
        await db.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ExecuteDeleteAsync(ct);
        await db.Set<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ExecuteDeleteAsync(ct);
        await db.DataProtectionKeys.ExecuteDeleteAsync(ct);
        await db.Set<IdempotencyRecord>().ExecuteDeleteAsync(ct);

        // 3. Accounts: fake addresses, no password or phone, new security stamps.
        var users = await db.Users.Select(u => u.Id).ToListAsync(ct);
        foreach (var id in users)
        {
            var email = FakeEmail("user", id);
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Email, email)
                .SetProperty(u => u.NormalizedEmail, email.ToUpperInvariant())
                .SetProperty(u => u.UserName, email)
                .SetProperty(u => u.NormalizedUserName, email.ToUpperInvariant())
                .SetProperty(u => u.PasswordHash, (string?)null)
                .SetProperty(u => u.PhoneNumber, (string?)null)
                .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
                .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
        }

        // 4. Travellers: fakes, encrypted with each owner's new data key (their old key is gone).
        var travelers = await db.Travelers.AsNoTracking().Select(t => new { t.Id, t.OwnerId }).ToListAsync(ct);
        foreach (var t in travelers)
        {
            await MaskTravelerAsync(t.Id, t.OwnerId, ct);
        }

        // 5. Free text, written as plain fakes (read as they are; encrypted again when next changed).
        var chats = await db.ChatSessions.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Title, "Masked chat")
            .SetProperty(c => c.State, "{}"), ct);
        var messages = await db.ChatMessages.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Text, m => m.Role == ChatRole.User ? "(a traveller's message, masked)" : "(the assistant's reply, masked)")
            .SetProperty(m => m.Payload, (string?)null), ct);
        var trips = 0;
        foreach (var id in await db.Set<Trip>().Select(t => t.Id).ToListAsync(ct))
        {
            var title = $"Masked trip {Short(id)}";
            trips += await db.Set<Trip>().Where(t => t.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Title, title)
                .SetProperty(t => t.Notes, (string?)null), ct);
        }
        // Offer items keep a title made of their clear columns (the place); notes are the traveller's own words.
        var items = await db.Set<TripItem>().ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Title, i => i.Kind == TripItemKind.Note ? "Note" : i.PlaceName ?? "Trip item")
            .SetProperty(i => i.Notes, i => i.Notes == null ? null : "(notes, masked)"), ct);
        var bookings = await db.Bookings.Where(b => b.PassengerSnapshot != null).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.PassengerSnapshot, (string?)null), ct);

        // 6. The audit log: client addresses replaced, the chain re-made with this deployment's key.
        var audit = await MaskAuditAsync(ct);

        // 7. The embedded outbox's email copies (addresses, names, itineraries).
        var outbox = 0;
        var folder = storage.Value.PathFor("outbox");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                File.Delete(file);
                outbox++;
            }
        }

        // 8. The old values must not linger in free pages (SQLite, its WAL) or dead row versions (PostgreSQL).
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM FULL", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }

        return new MaskingReport(users.Count, travelers.Count, chats, messages, trips, items, bookings, audit,
            userKeys + browserKeys, sessions, outbox);
    }

    private async Task MaskTravelerAsync(Guid id, Guid owner, CancellationToken ct)
    {
        var h = Hash(id);
        var given = GivenNames[(int)(h % (ulong)GivenNames.Length)];
        var surname = Surnames[(int)(h / 16 % (ulong)Surnames.Length)];
        var country = Countries[(int)(h / 256 % (ulong)Countries.Length)];
        var born = new DateOnly(1950, 1, 1).AddDays((int)(h / 4096 % 20000));
        // Valid for one to about eight years from the day the copy is masked, so masked travellers can still book.
        var expiry = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(1).AddDays((int)(h / 8192 % 2500));
        var passport = "M" + (h % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        // 555-01xx: the numbers reserved for fiction.
        var phone = "+1 202 555 01" + (h / 65536 % 100).ToString("D2", CultureInfo.InvariantCulture);
        var email = FakeEmail(given.ToLowerInvariant() + "." + surname.ToLowerInvariant(), id);

        async Task<string?> P(string field, string? value) => await pii.ProtectAsync(owner, field, value, ct);
        var row = await db.Travelers.SingleAsync(t => t.Id == id, ct);
        row.GivenNames = (await P("givenNames", given))!;
        row.Surname = (await P("surname", surname))!;
        row.DateOfBirth = await P("dateOfBirth", born.ToString("O", CultureInfo.InvariantCulture));
        row.Gender = null;
        row.Nationality = await P("nationality", country);
        row.PassportNumber = await P("passportNumber", passport);
        row.PassportIssuingCountry = await P("passportIssuingCountry", country);
        row.PassportExpiry = await P("passportExpiry", expiry.ToString("O", CultureInfo.InvariantCulture));
        row.Email = await P("email", email);
        row.Phone = await P("phone", phone);
        row.LoyaltyNumbers = await P("loyaltyNumbers", "[]");
        row.SeatPreference = null;
        row.MealPreference = null;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Rewrites each record's client address as a fake from the documentation range (the same
    /// address always becomes the same fake) and re-chains from the first record, so <c>audit verify</c>
    /// passes on the copy with its own key. The append-only guard is lifted for this only.
    /// </summary>
    private async Task<int> MaskAuditAsync(CancellationToken ct)
    {
        var records = await db.AuditLogs.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(ct);
        if (records.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var restore = await LiftAppendOnlyGuardAsync(ct);
        var previous = records[0].PreviousHash;
        foreach (var record in records)
        {
            record.ClientIp = record.ClientIp is null ? null : FakeAddress(record.ClientIp);
            record.PreviousHash = previous;
            record.KeyId = auditKeys.ActiveId;
            record.Hash = AuditChain.HashOf(record, auditKeys.Active);
            previous = record.Hash;
            await db.AuditLogs.Where(a => a.Id == record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.ClientIp, record.ClientIp)
                .SetProperty(a => a.PreviousHash, record.PreviousHash)
                .SetProperty(a => a.KeyId, record.KeyId)
                .SetProperty(a => a.Hash, record.Hash), ct);
        }
        foreach (var sql in restore)
        {
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        await transaction.CommitAsync(ct);
        return records.Count;
    }

    /// <summary>Disables the audit log's triggers (PostgreSQL: as the table's owner) and returns the SQL that puts them back.</summary>
    private async Task<IReadOnlyList<string>> LiftAppendOnlyGuardAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_logs DISABLE TRIGGER USER", ct);
            return ["ALTER TABLE audit_logs ENABLE TRIGGER USER"];
        }
        var triggers = await db.Database.SqlQueryRaw<TriggerRow>(
            "SELECT name AS \"Name\", sql AS \"Sql\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_logs'").ToListAsync(ct);
        foreach (var trigger in triggers)
        {
            // The name comes from sqlite_master, quoted as an identifier.
            var drop = "DROP TRIGGER \"" + trigger.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
        }
        return [.. triggers.Select(t => t.Sql)];
    }

    private sealed record TriggerRow(string Name, string Sql);

    private static ulong Hash(Guid id) => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(id.ToByteArray()));

    private static string Short(Guid id) => Hash(id).ToString("x16", CultureInfo.InvariantCulture)[..8];

    private static string FakeEmail(string local, Guid id) => $"{local}-{Short(id)}@{EmailDomain}";

    /// <summary>A fake in TEST-NET-3 (203.0.113.0/24) or the IPv6 documentation prefix, the same for the same address.</summary>
    public static string FakeAddress(string address)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(address));
        return address.Contains(':', StringComparison.Ordinal)
            ? $"2001:db8::{h[0]:x2}{h[1]:x2}:{h[2]:x2}{h[3]:x2}"
            : $"203.0.113.{h[0]}";
    }
}
