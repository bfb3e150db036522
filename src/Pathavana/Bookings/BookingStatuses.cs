using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;
using Pathavana.Trips;

namespace Pathavana.Bookings;

internal sealed class BookingStatuses(PathavanaDbContext db) : IBookingStatuses
{
    public async Task<IReadOnlyDictionary<Guid, string>> StatusesAsync(Guid ownerId, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken)
    {
        if (bookingIds.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }
        return await db.Bookings.AsNoTracking().Where(b => b.OwnerId == ownerId && bookingIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => b.Status.ToString().ToLowerInvariant(), cancellationToken);
    }
}
