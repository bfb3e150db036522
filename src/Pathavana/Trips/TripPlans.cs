using Pathavana.Platform.Data;

namespace Pathavana.Trips;

/// <summary>A picked offer for a new trip: its id and kind (<c>flight</c>, <c>hotel</c>).</summary>
internal sealed record PickedOffer(string OfferId, string Kind);

/// <summary>The outcome of making a trip from picks: its id, or what was wrong (field to messages).</summary>
internal sealed record TripPlanResult(Guid? TripId, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Trips made by other modules (the assistant turns a chat's picks into a trip) without reaching into Trips' tables.</summary>
internal interface ITripPlans
{
    Task<TripPlanResult> CreateFromSelectionsAsync(
        Guid ownerId, string title, DateOnly start, DateOnly end, string currency, Guid? sessionId,
        IReadOnlyList<PickedOffer> offers, CancellationToken ct);
}

internal sealed class TripPlans(PathavanaDbContext db, TripItemFactory factory) : ITripPlans
{
    public async Task<TripPlanResult> CreateFromSelectionsAsync(
        Guid ownerId, string title, DateOnly start, DateOnly end, string currency, Guid? sessionId,
        IReadOnlyList<PickedOffer> offers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var trip = new Trip
        {
            OwnerId = ownerId,
            Title = title.Length > 200 ? title[..200] : title,
            StartDate = start,
            EndDate = end < start ? start : end,
            Currency = currency,
            SessionId = sessionId,
        };
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < offers.Count; i++)
        {
            var (items, itemErrors) = await factory.CreateAsync(trip,
                new AddTripItemRequest(offers[i].Kind, offers[i].OfferId, null, null, null, null, null, null, null, null, null), ct);
            foreach (var (field, messages) in itemErrors)
            {
                errors[$"selections[{i}].{field}"] = messages;
            }
            foreach (var item in items)
            {
                item.Position = trip.Items.Count(x => x.Day == item.Day);
                trip.Items.Add(item);
            }
        }
        if (errors.Count > 0)
        {
            return new TripPlanResult(null, errors);
        }
        db.Add(trip);
        await db.SaveChangesAsync(ct);
        return new TripPlanResult(trip.Id, errors);
    }
}
