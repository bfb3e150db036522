using Microsoft.EntityFrameworkCore;
using Pathavana.Inventory;
using Pathavana.Platform.Data;

namespace Pathavana.Trips;

/// <summary>What a booking confirmation needs of a trip, without touching the trips tables: its title and the calendar of what was booked.</summary>
internal interface ITripConfirmations
{
    /// <summary>The title of the owner's trip; null when the owner has no such trip.</summary>
    Task<string?> TitleAsync(Guid ownerId, Guid tripId, CancellationToken cancellationToken);

    /// <summary>An empty calendar to add booked offers to, as the trip would hold them.</summary>
    BookedCalendar NewCalendar();
}

/// <summary>
/// The iCalendar of booked offers: each flight or hotel offer becomes the items a trip would hold for
/// it (one per flight direction, one per stay), in the order added, and <see cref="Build"/> writes the .ics.
/// </summary>
internal sealed class BookedCalendar(TripItemFactory factory)
{
    private readonly List<TripItem> _items = [];

    /// <summary>Adds one item per direction of the flight.</summary>
    public void Add(FlightOffer offer) => _items.AddRange(factory.ItemsFor(offer));

    /// <summary>Adds the stay.</summary>
    public void Add(HotelOffer offer) => _items.AddRange(factory.ItemsFor(offer));

    /// <summary>The .ics text titled <paramref name="title"/>, each item with a fresh id (its event's UID).</summary>
    public string Build(string title, DateTimeOffset now)
    {
        foreach (var item in _items)
        {
            item.Id = Guid.CreateVersion7();
        }
        return TripCalendar.Build(title, _items, now);
    }
}

internal sealed class TripConfirmations(PathavanaDbContext db, TripItemFactory items) : ITripConfirmations
{
    public async Task<string?> TitleAsync(Guid ownerId, Guid tripId, CancellationToken cancellationToken) =>
        (await db.Set<Trip>().AsNoTracking().Where(x => x.Id == tripId && x.OwnerId == ownerId).SingleOrDefaultAsync(cancellationToken))?.Title;

    public BookedCalendar NewCalendar() => new(items);
}
