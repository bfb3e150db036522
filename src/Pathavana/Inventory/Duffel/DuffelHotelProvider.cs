using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Pathavana.Inventory.Simulation;
using Pathavana.Platform;

namespace Pathavana.Inventory.Duffel;

/// <summary>
/// Stays from Duffel: a search by coordinates and radius (<c>POST /stays/search</c>; a city code is
/// searched around its centre), then every rate of the best results
/// (<c>POST /stays/search_results/{id}/actions/fetch_all_rates</c>, a few at a time, at most
/// <c>Duffel__MaxHotelsWithRates</c>). The re-check before booking is a quote (<c>POST /stays/quotes</c>),
/// kept with the rate for the booking. Each rate is kept server-side under our id <c>duffel-h-{rate id}</c>.
/// Distances to the centre and the city's landmarks come from Pathavana's gazetteer.
/// </summary>
internal sealed class DuffelHotelProvider(
    DuffelClient client,
    DuffelOfferStore store,
    CityGuide cities,
    IOptions<DuffelOptions> options) : IHotelProvider
{
    public async Task<IReadOnlyList<HotelOffer>> SearchAsync(HotelSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var city = search.CityCode is { } code ? cities.ForCode(code) : search.Near is { } p ? cities.Near(p) : null;
        var centre = search.Near ?? city?.Centre;
        if (centre is not { } point)
        {
            return [];
        }
        var radius = search.Near is null ? Math.Max(search.RadiusKm, 10) : search.RadiusKm;
        var guests = new JsonArray();
        for (var i = 0; i < search.Adults; i++)
        {
            guests.Add(new JsonObject { ["type"] = "adult" });
        }
        var body = new JsonObject
        {
            ["rooms"] = search.Rooms,
            ["guests"] = guests,
            ["check_in_date"] = search.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["check_out_date"] = search.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["location"] = new JsonObject
            {
                ["radius"] = Math.Round(radius, 1),
                ["geographic_coordinates"] = new JsonObject { ["latitude"] = point.Latitude, ["longitude"] = point.Longitude },
            },
        };
        var found = await client.SendAsync("stays-search", HttpMethod.Post, "stays/search", body, cancellationToken);
        var results = (found["data"]?["results"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(r => Prefilter(r, search))
            .OrderBy(r => Amount(r["cheapest_rate_total_amount"]))
            .Take(Math.Min(options.Value.MaxHotelsWithRates, Math.Max(1, search.MaxResults)))
            .ToList();

        var offers = new HotelOffer?[results.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var id = (string?)results[i]["id"];
                if (id is null)
                {
                    return;
                }
                var rates = await client.SendAsync("stays-rates", HttpMethod.Post, $"stays/search_results/{Uri.EscapeDataString(id)}/actions/fetch_all_rates", null, ct);
                if (rates["data"] is JsonObject result)
                {
                    offers[i] = await MapAsync(result, search, city, point, ct);
                }
            });
        var list = offers.OfType<HotelOffer>().ToList();
        IOrderedEnumerable<HotelOffer> ordered = search.Sort switch
        {
            HotelSort.Distance => list.OrderBy(o => o.Hotel.DistanceKm),
            HotelSort.Rating => list.OrderByDescending(o => o.Hotel.GuestRating),
            _ => list.OrderBy(o => o.Total.Amount),
        };
        return [.. ordered.ThenBy(o => o.Id, StringComparer.Ordinal)];
    }

    public async Task<PriceCheck<HotelOffer>> RecheckAsync(HotelOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var stored = await store.FindAsync(offer.Id, cancellationToken);
        if (stored is null || JsonNode.Parse(stored) is not JsonObject kept || (string?)kept["rate_id"] is not { } rateId)
        {
            return new PriceCheck<HotelOffer>(offer, false, false, null);
        }
        try
        {
            var quote = await client.SendAsync("stays-quote", HttpMethod.Post, "stays/quotes", new JsonObject { ["rate_id"] = rateId }, cancellationToken);
            var data = quote["data"];
            var total = new Money(Amount(data?["total_amount"]), (string?)data?["total_currency"] ?? offer.Total.Currency);
            kept["quote_id"] = (string?)data?["id"];
            await store.SaveAsync(offer.Id, kept.ToJsonString(), cancellationToken);
            var nights = Math.Max(1, offer.CheckOut.DayNumber - offer.CheckIn.DayNumber);
            var current = offer with { Total = total, Nightly = new Money(Math.Round(total.Amount / nights / Math.Max(1, offer.Rooms), 2), total.Currency) };
            var changed = total != offer.Total;
            return new PriceCheck<HotelOffer>(current, true, changed, changed ? offer.Total : null);
        }
        catch (ProviderRequestException refused) when (DuffelClient.IsGone(refused) || refused.Status == 422)
        {
            return new PriceCheck<HotelOffer>(offer, false, false, null);
        }
    }

    private static bool Prefilter(JsonObject result, HotelSearch search)
    {
        var accommodation = result["accommodation"];
        if (search.MinStars is { } stars && (int?)accommodation?["rating"] is { } rating && rating < stars)
        {
            return false;
        }
        if (search.MinGuestRating is { } score && (double?)accommodation?["review_score"] is { } review && review < score)
        {
            return false;
        }
        return true;
    }

    private async Task<HotelOffer?> MapAsync(JsonObject result, HotelSearch search, City? city, GeoPoint searchPoint, CancellationToken cancellationToken)
    {
        if (result["accommodation"] is not JsonObject accommodation
            || accommodation["location"]?["geographic_coordinates"] is not JsonObject coordinates)
        {
            return null;
        }
        var point = new GeoPoint((double)coordinates["latitude"]!, (double)coordinates["longitude"]!);
        var amenities = (accommodation["amenities"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => (string?)a["type"] switch
            {
                "wifi" => HotelAmenities.Wifi,
                "pool" => HotelAmenities.Pool,
                "parking" => HotelAmenities.Parking,
                "gym" => HotelAmenities.Gym,
                "spa" => HotelAmenities.Spa,
                "pets_allowed" => HotelAmenities.Pets,
                "restaurant" when ((string?)a["description"])?.Contains("breakfast", StringComparison.OrdinalIgnoreCase) == true => HotelAmenities.Breakfast,
                _ => null,
            })
            .OfType<string>().Distinct().ToList();
        if (search.Amenities is { Count: > 0 } wanted && !wanted.All(amenities.Contains))
        {
            return null;
        }
        var address = accommodation["location"]?["address"];
        var landmarks = city?.Landmarks.Where(l => l.Category != "Neighbourhood")
            .Select(l => new LandmarkDistance(l.Name, Math.Round(Geo.DistanceKm(point, l.Point), 1)))
            .OrderBy(l => l.DistanceKm).Take(3).ToList();
        var neighbourhood = city?.Landmarks.Where(l => l.Category == "Neighbourhood")
            .Select(l => (l.Name, Km: Geo.DistanceKm(point, l.Point))).Where(n => n.Km <= 1.5).OrderBy(n => n.Km).Select(n => n.Name).FirstOrDefault();
        var hotel = new Hotel(
            (string?)accommodation["id"] ?? "",
            (string?)accommodation["name"] ?? "Hotel",
            (int?)accommodation["rating"],
            point,
            city?.Code ?? search.CityCode ?? "",
            string.Join(", ", new[] { (string?)address?["line_one"], (string?)address?["city_name"] }.Where(x => !string.IsNullOrWhiteSpace(x))),
            Math.Round(Geo.DistanceKm(searchPoint, point), 2),
            neighbourhood ?? (string?)address?["region"],
            amenities,
            (double?)accommodation["review_score"],
            (int?)accommodation["review_count"],
            city is null ? null : Math.Round(Geo.DistanceKm(point, city.Centre), 2),
            landmarks);

        var zoneName = city?.TimeZone;
        var zone = zoneName is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var z) ? z : TimeZoneInfo.Utc;
        var nights = Math.Max(1, search.Nights);
        var rates = new List<HotelRate>();
        foreach (var room in (accommodation["rooms"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var beds = string.Join(", ", (room["beds"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(b => $"{(int?)b["count"] ?? 1} {(string?)b["type"]} bed{((int?)b["count"] > 1 ? "s" : "")}"));
            foreach (var rate in (room["rates"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var rateId = (string?)rate["id"];
                var currency = (string?)rate["total_currency"];
                if (rateId is null || currency is null)
                {
                    continue;
                }
                var total = new Money(Amount(rate["total_amount"]), currency);
                var nightly = new Money(Math.Round(total.Amount / nights / Math.Max(1, search.Rooms), 2), currency);
                var cancellation = Cancellation(rate["cancellation_timeline"] as JsonArray, total, zone);
                if ((search.FreeCancellation && !cancellation.Refundable)
                    || (search.MaxNightly is { } max && max.Currency == currency && nightly.Amount > max.Amount))
                {
                    continue;
                }
                var ours = DuffelOfferStore.HotelPrefix + rateId;
                await store.SaveAsync(ours, new JsonObject { ["rate_id"] = rateId, ["search_result_id"] = (string?)result["id"] }.ToJsonString(), cancellationToken);
                rates.Add(new HotelRate(ours, (string?)room["name"] ?? "Room", beds.Length == 0 ? null : beds, Board((string?)rate["board_type"]),
                    nightly, total, cancellation, (int?)rate["quantity_available"]));
            }
        }
        if (rates.Count == 0)
        {
            return null;
        }
        rates.Sort(static (a, b) => a.Total.Amount.CompareTo(b.Total.Amount));
        var best = rates[0];
        return new HotelOffer(best.Id, Sources.Duffel, hotel, best.RoomType, best.RoomDescription, search.CheckIn, search.CheckOut,
            search.Adults, search.Rooms, best.Nightly, best.Total, best.Cancellation, best.Board, rates);
    }

    /// <summary>Duffel's board type in words.</summary>
    internal static string Board(string? boardType) => boardType switch
    {
        "room_only" => "Room only",
        "breakfast" => "Breakfast included",
        "half_board" => "Half board (breakfast and dinner)",
        "full_board" => "Full board (all meals)",
        "all_inclusive" => "All inclusive",
        _ => "Room only",
    };

    /// <summary>
    /// Free cancellation until the last deadline that still refunds the whole price; a timeline with
    /// only partial refunds is described but not called free; no timeline is non-refundable.
    /// </summary>
    internal static CancellationPolicy Cancellation(JsonArray? timeline, Money total, TimeZoneInfo zone)
    {
        var steps = (timeline ?? []).OfType<JsonObject>()
            .Select(t => (Refund: Amount(t["refund_amount"]), Before: DateTimeOffset.TryParse((string?)t["before"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null))
            .Where(t => t.Before is not null)
            .OrderBy(t => t.Before)
            .ToList();
        var full = steps.LastOrDefault(t => t.Refund >= total.Amount);
        if (full.Before is { } deadline)
        {
            var local = TimeZoneInfo.ConvertTime(deadline, zone);
            return new CancellationPolicy(true, local, string.Create(CultureInfo.InvariantCulture,
                $"Free cancellation until {local:ddd d MMM yyyy, HH:mm} hotel time; after that the refund is smaller or nothing."));
        }
        if (steps.Count > 0)
        {
            var first = steps[0];
            var local = TimeZoneInfo.ConvertTime(first.Before!.Value, zone);
            return new CancellationPolicy(false, null, string.Create(CultureInfo.InvariantCulture,
                $"Partly refundable: {first.Refund:0.00} {total.Currency} back if cancelled before {local:ddd d MMM yyyy, HH:mm} hotel time."));
        }
        return new CancellationPolicy(false, null, "Non-refundable: the full stay is charged at booking and nothing is refunded if you cancel.");
    }

    private static decimal Amount(JsonNode? value) =>
        value is JsonValue v && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : 0m;
}
