using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.Extensions.Options;
using Pathavana.Platform;

namespace Pathavana.Inventory.Duffel;

/// <summary>
/// Flights from Duffel: an offer request (<c>POST /air/offer_requests?return_offers=false</c>) with one
/// slice per leg and the passengers (adults by type, children and lap infants by age, so Duffel makes
/// the infants <c>infant_without_seat</c>), then its offers cheapest first
/// (<c>GET /air/offers?offer_request_id=…&amp;sort=total_amount&amp;limit=…</c>, following
/// <c>meta.after</c> until enough are read). Re-pricing reads the offer again (<c>GET /air/offers/{id}</c>).
/// Each Duffel offer is kept server-side under our id <c>duffel-f-{offer id}</c>.
/// </summary>
internal sealed class DuffelFlightProvider(
    DuffelClient client,
    DuffelOfferStore store,
    ILocationDirectory directory,
    IOptions<DuffelOptions> options) : IFlightProvider
{
    /// <summary>Age sent for a child whose age the search does not give.</summary>
    public const int DefaultChildAge = 8;

    /// <summary>Age sent for an infant on a lap.</summary>
    public const int InfantAge = 1;

    private const int PageLimit = 50;
    private const int MaxPages = 4;

    public async Task<IReadOnlyList<FlightOffer>> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var request = new JsonObject
        {
            ["slices"] = new JsonArray([.. search.Legs.Select(l => (JsonNode)new JsonObject
            {
                ["origin"] = l.Origin.ToUpperInvariant(),
                ["destination"] = l.Destination.ToUpperInvariant(),
                ["departure_date"] = l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })]),
            ["passengers"] = Passengers(search.Passengers),
            ["cabin_class"] = CabinClass(search.Cabin),
        };
        if (search.NonStop)
        {
            request["max_connections"] = 0;
        }
        var created = await client.SendAsync("offer-request", HttpMethod.Post,
            $"air/offer_requests?return_offers=false&supplier_timeout={options.Value.SupplierTimeoutMilliseconds}", request, cancellationToken);
        var requestId = (string?)created["data"]?["id"] ?? throw new Platform.Http.DependencyUnavailableException(DuffelClient.Dependency, "Duffel answered an offer request without an id.");

        var offers = new List<FlightOffer>();
        string? after = null;
        for (var page = 0; page < MaxPages && offers.Count < search.MaxResults; page++)
        {
            var query = $"air/offers?offer_request_id={Uri.EscapeDataString(requestId)}&sort=total_amount&limit={Math.Min(PageLimit, Math.Max(1, search.MaxResults))}"
                + (search.NonStop ? "&max_connections=0" : "")
                + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var list = await client.SendAsync("offers", HttpMethod.Get, query, null, cancellationToken);
            foreach (var vendor in (list["data"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var offer = Map(vendor);
                if (offer is null || !Allowed(offer, search))
                {
                    continue;
                }
                await store.SaveAsync(offer.Id, vendor.ToJsonString(), cancellationToken);
                offers.Add(offer);
            }
            after = (string?)list["meta"]?["after"];
            if (after is null)
            {
                break;
            }
        }
        return [.. offers.Take(search.MaxResults)];
    }

    public async Task<PriceCheck<FlightOffer>> PriceAsync(FlightOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var vendorId = VendorId(offer.Id);
        try
        {
            var fresh = await client.SendAsync("offer", HttpMethod.Get, $"air/offers/{Uri.EscapeDataString(vendorId)}?return_available_services=false", null, cancellationToken);
            if (fresh["data"] is not JsonObject vendor || Map(vendor) is not { } current)
            {
                return new PriceCheck<FlightOffer>(offer, false, false, null);
            }
            await store.SaveAsync(current.Id, vendor.ToJsonString(), cancellationToken);
            var changed = current.TotalPrice != offer.TotalPrice;
            return new PriceCheck<FlightOffer>(current, true, changed, changed ? offer.TotalPrice : null);
        }
        catch (ProviderRequestException refused) when (DuffelClient.IsGone(refused))
        {
            return new PriceCheck<FlightOffer>(offer, false, false, null);
        }
    }

    /// <summary>Duffel's offer id inside ours.</summary>
    public static string VendorId(string id) =>
        id.StartsWith(DuffelOfferStore.FlightPrefix, StringComparison.Ordinal) ? id[DuffelOfferStore.FlightPrefix.Length..] : id;

    internal static JsonArray Passengers(PassengerMix mix)
    {
        var list = new JsonArray();
        for (var i = 0; i < mix.Adults; i++)
        {
            list.Add(new JsonObject { ["type"] = "adult" });
        }
        for (var i = 0; i < mix.Children; i++)
        {
            list.Add(new JsonObject { ["age"] = mix.ChildAges is { } ages && i < ages.Count ? ages[i] : DefaultChildAge });
        }
        for (var i = 0; i < mix.Infants; i++)
        {
            list.Add(new JsonObject { ["age"] = InfantAge });
        }
        return list;
    }

    internal static string CabinClass(Cabin cabin) => cabin switch
    {
        Cabin.PremiumEconomy => "premium_economy",
        Cabin.Business => "business",
        Cabin.First => "first",
        _ => "economy",
    };

    private static bool Allowed(FlightOffer offer, FlightSearch search)
    {
        var carriers = offer.Itineraries.SelectMany(i => i.Segments).Select(s => s.CarrierCode).ToList();
        if (search.IncludedAirlines is { Count: > 0 } included && !carriers.All(c => included.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }
        if (search.ExcludedAirlines is { Count: > 0 } excluded && carriers.Any(c => excluded.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }
        var adults = offer.PriceBreakdown.FirstOrDefault(p => p.Type == "ADULT");
        return search.MaxPrice is not { } max || adults is null || adults.PerPerson.Amount <= max;
    }

    /// <summary>Duffel's offer as ours, or null when it cannot be read (skipped, never shown half-mapped).</summary>
    internal FlightOffer? Map(JsonObject vendor)
    {
        try
        {
            var id = (string?)vendor["id"];
            var total = decimal.Parse((string)vendor["total_amount"]!, NumberStyles.Number, CultureInfo.InvariantCulture);
            var currency = (string)vendor["total_currency"]!;
            var itineraries = new List<Itinerary>();
            Cabin? cabin = null;
            foreach (var slice in (vendor["slices"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var segments = new List<FlightSegment>();
                foreach (var s in (slice["segments"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var origin = (string)s["origin"]!["iata_code"]!;
                    var destination = (string)s["destination"]!["iata_code"]!;
                    var departure = Local((string)s["departing_at"]!, (string?)s["origin"]!["time_zone"], origin);
                    var arrival = Local((string)s["arriving_at"]!, (string?)s["destination"]!["time_zone"], destination);
                    var marketing = (string)s["marketing_carrier"]!["iata_code"]!;
                    var operating = (string?)s["operating_carrier"]?["iata_code"];
                    var duration = s["duration"] is JsonValue d ? XmlConvert.ToTimeSpan((string)d!) : arrival - departure;
                    cabin ??= (s["passengers"] as JsonArray)?.OfType<JsonObject>().Select(p => (string?)p["cabin_class"]).FirstOrDefault() switch
                    {
                        "premium_economy" => Cabin.PremiumEconomy,
                        "business" => Cabin.Business,
                        "first" => Cabin.First,
                        "economy" => Cabin.Economy,
                        _ => null,
                    };
                    segments.Add(new FlightSegment(marketing, ((string?)s["marketing_carrier_flight_number"] ?? "").TrimStart('0'), origin, destination,
                        departure, arrival, duration, (string?)s["aircraft"]?["name"], operating is not null && operating != marketing ? operating : null));
                }
                if (segments.Count == 0)
                {
                    return null;
                }
                var sliceDuration = slice["duration"] is JsonValue sd ? XmlConvert.ToTimeSpan((string)sd!) : segments[^1].Arrival - segments[0].Departure;
                itineraries.Add(new Itinerary(sliceDuration, segments));
            }
            if (id is null || itineraries.Count == 0)
            {
                return null;
            }
            // Duffel prices the offer as a whole: the per-person amounts split the total evenly over the passengers.
            var passengers = (vendor["passengers"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (string?)p["type"]).ToList();
            var count = Math.Max(1, passengers.Count);
            var perPerson = new Money(Math.Round(total / count, 2), currency);
            var breakdown = passengers.GroupBy(t => t switch { "child" => "CHILD", "infant_without_seat" => "HELD_INFANT", _ => "ADULT" })
                .OrderBy(g => g.Key switch { "ADULT" => 0, "CHILD" => 1, _ => 2 })
                .Select(g => new PassengerPrice(g.Key, g.Count(), perPerson)).ToList();
            if (breakdown.Count == 0)
            {
                breakdown.Add(new PassengerPrice("ADULT", 1, perPerson));
            }
            var expires = vendor["expires_at"] is JsonValue e && DateTimeOffset.TryParse((string?)e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
            return new FlightOffer(DuffelOfferStore.FlightPrefix + id, Sources.Duffel, itineraries, new Money(total, currency), breakdown,
                cabin ?? Cabin.Economy, (string?)vendor["owner"]?["iata_code"] ?? itineraries[0].Segments[0].CarrierCode, null, expires);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or NullReferenceException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A Duffel local time (no offset) at an airport, with the offset in force there then.</summary>
    private DateTimeOffset Local(string value, string? zoneId, string airport)
    {
        var local = DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces);
        if (local.Kind == DateTimeKind.Utc || value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal))
        {
            return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
        }
        var zoneName = zoneId ?? directory.Find(airport)?.TimeZone;
        if (zoneName is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        }
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
    }
}
