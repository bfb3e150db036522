using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security;
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
/// working at once (<see cref="ErasedAccounts"/>).
/// </summary>
internal sealed class AccountErasure(PathavanaDbContext db, PiiProtector pii, IAuditLog audit, ErasedAccounts erased)
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
            booking.OwnerId = null;
            booking.TravelerIds = [];
            booking.PassengerSnapshot = null;
            booking.TripId = null;
        }
        await db.SaveChangesAsync(ct);

        // 2. Crypto-shredding: from here on nothing of theirs decrypts, wherever a copy lies.
        await pii.DestroyKeyAsync(userId, ct);

        // 3. The rows: usage counters by subject, then the user and everything that cascades from it.
        await db.Set<LlmUsage>().Where(u => u.Subject == subject).ExecuteDeleteAsync(ct);
        await db.Set<Accounts.User>().Where(u => u.Id == userId).ExecuteDeleteAsync(ct);

        // 4. Every cookie and token of theirs stops working now, on every replica.
        await erased.MarkAsync(userId, ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.AccountErased, "user", subject, userId,
            JsonSerializer.Serialize(counts, JsonSerializerOptions.Web)), ct);
        return counts;
    }
}

/// <summary>
/// Erased accounts whose cookies (14 days) and bearer tokens (1 hour) may still be presented: such a
/// request answers 401. Kept in <see cref="SharedState"/> (Redis when configured, so every replica
/// knows at once) and in this process. While Redis does not answer, the request is not refused for
/// it: the session check then reads the database, where the erased account's sessions are gone.
/// </summary>
internal sealed class ErasedAccounts(SharedState shared, TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromDays(15);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _local = new();

    private static string Key(Guid userId) => $"erased:{userId:N}";

    public async Task MarkAsync(Guid userId, CancellationToken ct)
    {
        _local[userId] = clock.GetUtcNow().Add(Remember);
        await shared.SetAsync(Key(userId), "1", Remember);
    }

    public async Task<bool> IsErasedAsync(Guid userId, CancellationToken ct)
    {
        if (_local.TryGetValue(userId, out var until))
        {
            if (clock.GetUtcNow() < until)
            {
                return true;
            }
            _local.TryRemove(userId, out _);
        }
        var read = await shared.GetAsync(Key(userId));
        return read.Available && read.Values[0] is not null;
    }
}

/// <summary>Answers 401 to a cookie or bearer token of an erased account.</summary>
internal sealed class ErasedAccountMiddleware(RequestDelegate next, ErasedAccounts erased)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Accounts.CurrentUser.TryGetId(context.User) is { } user && await erased.IsErasedAsync(user, context.RequestAborted))
        {
            await context.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await next(context);
    }
}
