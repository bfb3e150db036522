using Microsoft.EntityFrameworkCore;
using Pathavana.Platform;
using Pathavana.Platform.Data;

namespace Pathavana.Bookings;

/// <summary>
/// A confirmed booking as the confirmation email needs it, without the bookings table: what was
/// booked (<see cref="OfferSnapshot"/>, the offer as priced, JSON), with whom, from which provider,
/// under which reference and at what price.
/// </summary>
internal sealed record ConfirmedBooking(
    Guid Id,
    BookingKind Kind,
    string Provider,
    string? ProviderReference,
    Money Price,
    string OfferSnapshot,
    IReadOnlyList<Guid> TravelerIds,
    Guid? TripId);

/// <summary>How other modules read an owner's confirmed bookings, without touching the bookings tables.</summary>
internal interface IConfirmedBookings
{
    /// <summary>
    /// The owner's bookings among <paramref name="bookingIds"/> that are confirmed, in no particular order;
    /// those not confirmed, not the owner's or not found are left out.
    /// </summary>
    Task<IReadOnlyList<ConfirmedBooking>> ConfirmedAsync(Guid ownerId, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken);
}

internal sealed class ConfirmedBookings(PathavanaDbContext db) : IConfirmedBookings
{
    public async Task<IReadOnlyList<ConfirmedBooking>> ConfirmedAsync(Guid ownerId, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken)
    {
        var ids = bookingIds.ToList();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.OwnerId == ownerId && ids.Contains(b.Id) && b.Status == BookingStatus.Confirmed)
            .ToListAsync(cancellationToken);
        return [.. bookings.Select(b => new ConfirmedBooking(b.Id, b.Kind, b.Provider, b.ProviderReference, b.Price, b.OfferSnapshot, b.TravelerIds, b.TripId))];
    }
}
