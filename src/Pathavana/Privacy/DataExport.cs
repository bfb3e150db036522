using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Bookings;
using Pathavana.Platform.Data;
using Pathavana.Travelers;
using Pathavana.Trips;

namespace Pathavana.Privacy;

/// <summary>
/// The portability archive (a ZIP): <c>pathavana-export.json</c> with everything held about the
/// user — account, travellers decrypted, trips with items, bookings with provider references, chat
/// sessions with messages, consents, audit records about them — and one <c>trips/*.ics</c> per
/// trip. The archive is built when it is downloaded, so no copy of it is stored; the download link
/// is a protected token naming the user and its expiry (7 days).
/// </summary>
internal sealed class DataExport(
    PathavanaDbContext db, UserManager<User> users, ITravelerDirectory travelers, IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private const string Purpose = "Pathavana.Privacy.Export.v1";
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    /// <summary>A download token for <paramref name="userId"/>, valid for <see cref="Lifetime"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var token = protection.CreateProtector(Purpose).Protect($"{userId:N}|{expires.ToUnixTimeSeconds()}");
        return (token, expires);
    }

    /// <summary>True when <paramref name="token"/> was issued to <paramref name="userId"/> and has not expired.</summary>
    public bool IsValid(string token, Guid userId)
    {
        string payload;
        try
        {
            payload = protection.CreateProtector(Purpose).Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        var parts = payload.Split('|');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var owner) && owner == userId
               && long.TryParse(parts[1], out var seconds) && clock.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    public async Task<byte[]> BuildAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("The user does not exist.");
        var travelerIds = await db.Travelers.AsNoTracking().Where(t => t.OwnerId == userId).Select(t => t.Id).ToListAsync(ct);
        var people = travelerIds.Count == 0 ? [] : await travelers.GetOwnedAsync(userId, travelerIds, "export", ct);

        var tripRows = await db.Set<Trip>().AsNoTracking().Include(t => t.Items).Where(t => t.OwnerId == userId).OrderBy(t => t.StartDate).ToListAsync(ct);
        var trips = new List<object>();
        var calendars = new List<(string Name, string Ics)>();
        foreach (var trip in tripRows)
        {
            trips.Add(await TripPlanner.DescribeAsync(trip, travelers, ct));
            calendars.Add(($"trips/{trip.StartDate:yyyy-MM-dd}-{trip.Id:N}.ics", TripCalendar.Build(trip.Title, trip.Items, now)));
        }

        var bookingRows = await db.Bookings.AsNoTracking().Include(b => b.Events).Where(b => b.OwnerId == userId).OrderBy(b => b.CreatedAt).ToListAsync(ct);
        var bookings = bookingRows.Select(b => new
        {
            booking = BookingService.Describe(b, BookingService.Summary(b)),
            passengers = b.PassengerSnapshot is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(b.PassengerSnapshot),
        }).ToList();

        var sessionRows = await db.ChatSessions.AsNoTracking().Include(s => s.Messages).Where(s => s.OwnerId == userId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var sessions = sessionRows.Select(s => new
        {
            s.Id, s.Title, s.CreatedAt, s.UpdatedAt,
            state = JsonSerializer.Deserialize<JsonElement>(s.State),
            messages = s.Messages.OrderBy(m => m.Seq).Select(m => new { m.Seq, role = m.Role.ToString().ToLowerInvariant(), m.Text, m.CreatedAt }),
        }).ToList();

        var consents = await db.Set<ConsentRecord>().AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.RecordedAt)
            .Select(c => new { c.Purpose, c.Version, c.Granted, c.RecordedAt }).ToListAsync(ct);
        var me = userId.ToString();
        var audit = await db.AuditLogs.AsNoTracking().Where(a => a.ActorId == userId || (a.SubjectType == "user" && a.SubjectId == me))
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.OccurredAt, a.Action, a.SubjectType, a.SubjectId, a.ClientIp, a.Details }).ToListAsync(ct);
        var logins = (await users.GetLoginsAsync(user)).Select(l => l.LoginProvider).ToList();

        var document = new
        {
            format = "pathavana-export/1",
            exportedAt = now,
            account = new { user.Id, user.Email, user.EmailConfirmed, user.CreatedAt, roles = await users.GetRolesAsync(user), externalSignIns = logins },
            travelers = people,
            trips,
            bookings,
            chatSessions = sessions,
            consents,
            auditRecords = audit,
        };

        var readme = "Everything Pathavana holds about your account, as of " + now.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ".\n"
            + "pathavana-export.json: account, travellers, trips, bookings, chat sessions, consents and the audit records about you.\n"
            + "trips/*.ics: each trip as a calendar (RFC 5545), to import into any calendar app.\n";
        var json = JsonSerializer.Serialize(document, Indented);
        return Pack([("pathavana-export.json", json), .. calendars, ("README.txt", readme)]);
    }

    private static byte[] Pack(IEnumerable<(string Name, string Text)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }
}
