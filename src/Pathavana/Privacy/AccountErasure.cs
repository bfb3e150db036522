using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Trips;

namespace Pathavana.Privacy;

/// <summary>A booking still held with a provider, listed before an account is erased.</summary>
public sealed record OpenBookingResponse(Guid Id, string Kind, string Status, string Provider, string? ProviderReference, string Summary, Money Price);

/// <summary>What erasing removed, by kind (no personal data; also the audit record's details).</summary>
internal sealed record ErasureCounts(int Travelers, int Trips, int ChatSessions, int BookingsKept, int BookingsCancelled);

/// <summary>
/// Erases an account: the bookings keep only the amount, dates, provider and the provider's
/// reference (no owner, no passengers, no trip); the user's data key and the browser keys they
/// adopted are destroyed (crypto-shredding: every copy of their ciphertext, backups included, is
/// unreadable); then the user row goes, and with it (by cascade) travellers, trips, chat sessions,
/// consents, idempotency records, roles and external sign-ins. Every session and token stops
/// working at once, on every replica: its sessions are revoked as "sign out everywhere" does
/// (<see cref="SessionStore.RevokeAllAsync"/>).
/// </summary>
internal sealed class AccountErasure(PathavanaDbContext db, PiiProtector pii, IAuditLog audit, SessionStore sessions)
{
    /// <summary>The user's bookings still held with a provider (confirmed), and those still being ordered (pending).</summary>
    public async Task<List<Booking>> OpenBookingsAsync(Guid userId, CancellationToken ct) =>
        await db.Bookings.AsNoTracking().Include(b => b.Events)
            .Where(b => b.OwnerId == userId && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Pending))
            .OrderBy(b => b.CreatedAt).ToListAsync(ct);

    public static OpenBookingResponse Describe(Booking b) => new(b.Id, b.Kind.ToString().ToLowerInvariant(), b.Status.ToString().ToLowerInvariant(),
        b.Provider, b.ProviderReference, BookingService.Summary(b), b.Price);

    public async Task<ErasureCounts> EraseAsync(Guid userId, int cancelled, CancellationToken ct)
    {
        var subject = userId.ToString();
        var counts = new ErasureCounts(
            await db.Travelers.CountAsync(t => t.OwnerId == userId, ct),
            await db.Set<Trip>().CountAsync(t => t.OwnerId == userId, ct),
            await db.ChatSessions.CountAsync(s => s.OwnerId == userId, ct),
            await db.Bookings.CountAsync(b => b.OwnerId == userId, ct) - cancelled,
            cancelled);

        // 1. Bookings: what the law asks to keep (amount, dates, provider reference), no person.
        foreach (var booking in await db.Bookings.Where(b => b.OwnerId == userId).ToListAsync(ct))
        {
            booking.ForgetOwner();
        }
        await db.SaveChangesAsync(ct);

        // 2. Crypto-shredding: from here on nothing of theirs decrypts, wherever a copy lies.
        await pii.DestroyKeyAsync(userId, ct);

        // 3. Every cookie and token of theirs stops working now, on every replica.
        await sessions.RevokeAllAsync(userId, "erased", keep: null, ct);

        // 4. The rows: usage counters by subject, then the user and everything that cascades from it.
        await db.Set<LlmUsage>().Where(u => u.Subject == subject).ExecuteDeleteAsync(ct);
        await db.Set<Accounts.User>().Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.AccountErased, "user", subject, userId,
            JsonSerializer.Serialize(counts, JsonSerializerOptions.Web)), ct);
        return counts;
    }
}
