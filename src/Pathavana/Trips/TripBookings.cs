using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;

namespace Pathavana.Trips;

/// <summary>How the bookings module marks a trip's items as booked, without touching the trips tables itself.</summary>
internal interface ITripBookings
{
    /// <summary>Links the owner's trip items that came from <paramref name="offerId"/> to the booking; false when no such trip.</summary>
    Task<bool> AttachAsync(Guid ownerId, Guid tripId, string offerId, Guid bookingId, CancellationToken cancellationToken);
}

/// <summary>How trips learn the status of the bookings their items link to.</summary>
internal interface IBookingStatuses
{
    Task<IReadOnlyDictionary<Guid, string>> StatusesAsync(Guid ownerId, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken);
}

internal sealed class TripBookings(PathavanaDbContext db) : ITripBookings
{
    public async Task<bool> AttachAsync(Guid ownerId, Guid tripId, string offerId, Guid bookingId, CancellationToken cancellationToken)
    {
        var trip = await db.Set<Trip>().Include(t => t.Items).SingleOrDefaultAsync(t => t.Id == tripId && t.OwnerId == ownerId, cancellationToken);
        if (trip is null)
        {
            return false;
        }
        foreach (var item in trip.Items.Where(i => i.OfferId == offerId))
        {
            item.BookingId = bookingId;
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
