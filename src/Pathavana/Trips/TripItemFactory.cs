using System.Text.Json;
using Pathavana.Inventory;

namespace Pathavana.Trips;

/// <summary>Turns an add-item request into trip items: from a stored flight or hotel offer, or by hand.</summary>
internal sealed class TripItemFactory(InventoryService inventory)
{
    private static readonly TimeOnly CheckInTime = new(15, 0);
    private static readonly TimeOnly CheckOutTime = new(11, 0);

    /// <summary>The most items one trip holds: a trip is read and checked whole, so it stays a bounded document.</summary>
    public const int MaxItemsPerTrip = 200;

    public async Task<(List<TripItem> Items, Dictionary<string, string[]> Errors)> CreateAsync(Trip trip, AddTripItemRequest r, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (trip.Items.Count >= MaxItemsPerTrip)
        {
            errors["items"] = [$"A trip holds at most {MaxItemsPerTrip} items: remove some, or plan another trip."];
            return ([], errors);
        }
        if (!Enum.TryParse<TripItemKind>(r.Kind, ignoreCase: true, out var kind) || int.TryParse(r.Kind, out _))
        {
            errors["kind"] = ["One of: flight, hotel, activity, note."];
            return ([], errors);
        }
        List<TripItem> items = kind switch
        {
            TripItemKind.Flight => await FromFlightAsync(trip, r, errors, ct),
            TripItemKind.Hotel => await FromHotelAsync(trip, r, errors, ct),
            _ => ByHand(trip, kind, r, errors),
        };
        foreach (var item in items.Where(i => i.Day < trip.StartDate || i.Day > trip.EndDate))
        {
            errors[r.OfferId is null ? "day" : "offerId"] =
                [$"{item.Title} is on {item.Day:yyyy-MM-dd}, outside the trip ({trip.StartDate:yyyy-MM-dd} to {trip.EndDate:yyyy-MM-dd}). Change the trip's dates first."];
        }
        return (items, errors);
    }

    private async Task<List<TripItem>> FromFlightAsync(Trip trip, AddTripItemRequest r, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.OfferId))
        {
            errors["offerId"] = ["A flight is added from an offer: search, then send its id."];
            return [];
        }
        var offer = await inventory.GetFlightOfferAsync(r.OfferId, ct);
        if (offer is null)
        {
            errors["offerId"] = ["This offer is no longer available. Search again for current prices."];
            return [];
        }
        return ItemsFor(offer);
    }

    /// <summary>One item per direction of a flight offer (the fare counted once, on the first).</summary>
    public List<TripItem> ItemsFor(FlightOffer offer)
    {
        var items = new List<TripItem>();
        for (var i = 0; i < offer.Itineraries.Count; i++)
        {
            var itinerary = offer.Itineraries[i];
            var first = itinerary.Segments[0];
            var last = itinerary.Segments[^1];
            var from = inventory.Directory.Find(first.Origin);
            var to = inventory.Directory.Find(last.Destination);
            var flights = string.Join(", ", itinerary.Segments.Select(s => $"{s.CarrierCode} {s.FlightNumber}"));
            items.Add(new TripItem
            {
                Kind = TripItemKind.Flight,
                Day = DateOnly.FromDateTime(first.Departure.DateTime),
                Title = $"{first.Origin} → {last.Destination} · {flights}",
                Notes = itinerary.Stops == 0 ? "Nonstop" : $"{itinerary.Stops} stop{(itinerary.Stops > 1 ? "s" : "")} via {string.Join(", ", itinerary.Segments.Skip(1).Select(s => s.Origin))}",
                StartsAt = first.Departure,
                StartTimeZone = from?.TimeZone,
                EndsAt = last.Arrival,
                EndTimeZone = to?.TimeZone,
                PlaceName = from?.Name ?? first.Origin,
                Latitude = from?.Point.Latitude,
                Longitude = from?.Point.Longitude,
                EndPlaceName = to?.Name ?? last.Destination,
                EndLatitude = to?.Point.Latitude,
                EndLongitude = to?.Point.Longitude,
                // The fare covers every direction of the offer: it is counted once, on the first.
                PriceAmount = i == 0 ? offer.TotalPrice.Amount : null,
                PriceCurrency = i == 0 ? offer.TotalPrice.Currency : null,
                OfferId = offer.Id,
                Source = offer.Source,
                OfferSnapshot = i == 0 ? Snapshot(offer) : null,
            });
        }
        return items;
    }

    private async Task<List<TripItem>> FromHotelAsync(Trip trip, AddTripItemRequest r, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.OfferId))
        {
            errors["offerId"] = ["A hotel stay is added from an offer: search, then send its id."];
            return [];
        }
        var offer = await inventory.GetHotelOfferAsync(r.OfferId, ct);
        if (offer is null)
        {
            errors["offerId"] = ["This offer is no longer available. Search again for current prices."];
            return [];
        }
        return ItemsFor(offer);
    }

    /// <summary>A hotel stay from check-in (15:00 local) to check-out (11:00 local).</summary>
    public List<TripItem> ItemsFor(HotelOffer offer)
    {
        var zone = ZoneOf(offer.Hotel.CityCode);
        return
        [
            new TripItem
            {
                Kind = TripItemKind.Hotel,
                Day = offer.CheckIn,
                Title = offer.Hotel.Name,
                Notes = $"{offer.RoomType}; {offer.Nights()} night{(offer.Nights() == 1 ? "" : "s")}; {offer.Cancellation.Description}",
                StartsAt = zone is null ? null : TripPlanner.FromLocal(offer.CheckIn.ToDateTime(CheckInTime), zone),
                StartTimeZone = zone?.Id,
                EndsAt = zone is null ? null : TripPlanner.FromLocal(offer.CheckOut.ToDateTime(CheckOutTime), zone),
                EndTimeZone = zone?.Id,
                PlaceName = offer.Hotel.Address ?? offer.Hotel.Name,
                Latitude = offer.Hotel.Point.Latitude,
                Longitude = offer.Hotel.Point.Longitude,
                PriceAmount = offer.Total.Amount,
                PriceCurrency = offer.Total.Currency,
                CheckIn = offer.CheckIn,
                CheckOut = offer.CheckOut,
                OfferId = offer.Id,
                Source = offer.Source,
                OfferSnapshot = Snapshot(offer),
            },
        ];
    }

    private TimeZoneInfo? ZoneOf(string cityCode)
    {
        var id = inventory.Directory.Find(cityCode)?.TimeZone
                 ?? (inventory.Directory.AirportsFor(cityCode) is [var airport, ..] ? airport.TimeZone : null);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static List<TripItem> ByHand(Trip trip, TripItemKind kind, AddTripItemRequest r, Dictionary<string, string[]> errors)
    {
        if (r.OfferId is not null)
        {
            errors["offerId"] = ["Only flights and hotels come from offers."];
        }
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Length > 300)
        {
            errors["title"] = ["A title of 1 to 300 characters."];
        }
        if (r.Notes is { Length: > 4000 })
        {
            errors["notes"] = ["At most 4000 characters."];
        }
        TimeZoneInfo? zone = null;
        if (r.Start is not null || r.End is not null)
        {
            if (r.TimeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out zone))
            {
                errors["timeZone"] = ["An IANA time zone such as Europe/Lisbon, for the local start and end times."];
            }
        }
        if (r.Start is { } s && r.End is { } e && e <= s)
        {
            errors["end"] = ["The end comes after the start."];
        }
        var day = r.Day ?? (r.Start is { } start ? DateOnly.FromDateTime(start) : null);
        if (day is null)
        {
            errors["day"] = ["Which day of the trip (YYYY-MM-DD)."];
        }
        if (r.Place is { } place && (place.Latitude is not (>= -90 and <= 90) || place.Longitude is not (>= -180 and <= 180)))
        {
            errors["place"] = ["Latitude between -90 and 90 and longitude between -180 and 180."];
        }
        if (r.Price is { } price)
        {
            if (price is < 0 or > 1_000_000)
            {
                errors["price"] = ["Between 0 and 1,000,000."];
            }
            if (r.Currency is not { Length: 3 } || !r.Currency.All(char.IsAsciiLetterUpper))
            {
                errors["currency"] = ["The price's ISO 4217 currency, such as EUR."];
            }
        }
        if (errors.Count > 0)
        {
            return [];
        }
        return
        [
            new TripItem
            {
                Kind = kind,
                Day = day!.Value,
                Title = r.Title!.Trim(),
                Notes = r.Notes,
                StartsAt = r.Start is { } st && zone is not null ? TripPlanner.FromLocal(st, zone) : null,
                StartTimeZone = zone?.Id,
                EndsAt = r.End is { } en && zone is not null ? TripPlanner.FromLocal(en, zone) : null,
                EndTimeZone = zone?.Id,
                PlaceName = r.Place?.Name,
                Latitude = r.Place?.Latitude,
                Longitude = r.Place?.Longitude,
                PriceAmount = r.Price,
                PriceCurrency = r.Price is null ? null : r.Currency,
                Source = "manual",
            },
        ];
    }

    /// <summary>The offer as searched, kept with the item (Pathavana's model, JSON).</summary>
    private static string Snapshot<T>(T offer) => JsonSerializer.Serialize(offer, JsonSerializerOptions.Web);
}

internal static class HotelOfferExtensions
{
    public static int Nights(this HotelOffer offer) => offer.CheckOut.DayNumber - offer.CheckIn.DayNumber;
}
