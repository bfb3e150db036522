using Pathavana.Platform;

namespace Pathavana.Inventory.Amadeus;

/// <summary>Amadeus flight-offer JSON -> our <see cref="FlightOffer"/>. Airport local times get each airport's offset.</summary>
internal sealed partial class AmadeusFlightMapper(ILocationDirectory directory, ILogger<AmadeusFlightMapper> logger)
{
    /// <summary>The mapped offer, or null when the vendor offer lacks what an offer needs (logged, skipped).</summary>
    public FlightOffer? Map(string id, AmFlightOffer offer, AmDictionaries? dictionaries, FlightSearch? search)
    {
        var currency = offer.Price?.Currency ?? search?.Currency;
        var total = offer.Price?.GrandTotal ?? offer.Price?.Total;
        if (offer.Itineraries is not { Count: > 0 } || total is null || string.IsNullOrEmpty(currency))
        {
            LogSkipped(logger, offer.Id, "no itineraries or price");
            return null;
        }

        var itineraries = new List<Itinerary>(offer.Itineraries.Count);
        foreach (var vendorItinerary in offer.Itineraries)
        {
            var segments = new List<FlightSegment>();
            foreach (var vendorSegment in vendorItinerary.Segments ?? [])
            {
                var segment = MapSegment(vendorSegment, dictionaries);
                if (segment is null)
                {
                    LogSkipped(logger, offer.Id, "segment without airports or times");
                    return null;
                }
                segments.Add(segment);
            }
            if (segments.Count == 0)
            {
                LogSkipped(logger, offer.Id, "itinerary without segments");
                return null;
            }
            var duration = AmadeusMapping.Duration(vendorItinerary.Duration) ?? segments[^1].Arrival - segments[0].Departure;
            itineraries.Add(new Itinerary(duration, segments));
        }

        var breakdown = (offer.TravelerPricings ?? [])
            .GroupBy(t => PassengerType(t.TravelerType))
            .Select(g =>
            {
                var perPerson = g.First().Price;
                return new PassengerPrice(g.Key, g.Count(),
                    new Money(perPerson?.Total ?? 0m, perPerson?.Currency ?? currency));
            })
            .ToList();

        var validating = offer.ValidatingAirlineCodes is { Count: > 0 } codes ? codes[0] : itineraries[0].Segments[0].CarrierCode;
        return new FlightOffer(
            id,
            Sources.Amadeus,
            itineraries,
            new Money(total.Value, currency),
            breakdown,
            CabinOf(offer, search?.Cabin ?? Cabin.Economy),
            validating,
            offer.NumberOfBookableSeats,
            AmadeusMapping.Date(offer.LastTicketingDate));
    }

    private FlightSegment? MapSegment(AmSegment segment, AmDictionaries? dictionaries)
    {
        var origin = segment.Departure?.IataCode;
        var destination = segment.Arrival?.IataCode;
        // Amadeus documents airport local times without offset; a time that brings its own offset keeps it.
        var departureGiven = AmadeusMapping.WithOffset(segment.Departure?.At);
        var arrivalGiven = AmadeusMapping.WithOffset(segment.Arrival?.At);
        var departureLocal = departureGiven?.DateTime ?? AmadeusMapping.LocalTime(segment.Departure?.At);
        var arrivalLocal = arrivalGiven?.DateTime ?? AmadeusMapping.LocalTime(segment.Arrival?.At);
        if (origin is null || destination is null || departureLocal is null || arrivalLocal is null || string.IsNullOrEmpty(segment.CarrierCode))
        {
            return null;
        }

        var flightTime = AmadeusMapping.Duration(segment.Duration);
        var departureOffset = departureGiven?.Offset ?? AmadeusMapping.OffsetAt(directory, origin, departureLocal.Value);
        var arrivalOffset = arrivalGiven?.Offset ?? AmadeusMapping.OffsetAt(directory, destination, arrivalLocal.Value);
        // An airport the reference data lacks: its offset follows from the other end and the flight time.
        if (departureOffset is null && arrivalOffset is not null && flightTime is not null)
        {
            var departureUtc = arrivalLocal.Value - arrivalOffset.Value - flightTime.Value;
            departureOffset = AmadeusMapping.RoundOffset(departureLocal.Value - departureUtc);
        }
        else if (arrivalOffset is null && departureOffset is not null && flightTime is not null)
        {
            var arrivalUtc = departureLocal.Value - departureOffset.Value + flightTime.Value;
            arrivalOffset = AmadeusMapping.RoundOffset(arrivalLocal.Value - arrivalUtc);
        }
        if (departureOffset is null || arrivalOffset is null)
        {
            LogUnknownZone(logger, departureOffset is null ? origin : destination);
        }

        var departure = new DateTimeOffset(departureLocal.Value, departureOffset ?? TimeSpan.Zero);
        var arrival = new DateTimeOffset(arrivalLocal.Value, arrivalOffset ?? TimeSpan.Zero);
        var aircraftCode = segment.Aircraft?.Code;
        string? aircraft = null;
        if (!string.IsNullOrEmpty(aircraftCode))
        {
            aircraft = dictionaries?.Aircraft?.GetValueOrDefault(aircraftCode) is { } name ? AmadeusMapping.Title(name) : aircraftCode;
        }
        var operating = segment.Operating?.CarrierCode;
        return new FlightSegment(
            segment.CarrierCode,
            segment.Number ?? string.Empty,
            origin,
            destination,
            departure,
            arrival,
            flightTime ?? arrival - departure,
            aircraft,
            !string.IsNullOrEmpty(operating) && !string.Equals(operating, segment.CarrierCode, StringComparison.Ordinal) ? operating : null);
    }

    /// <summary>The cabin most of the offer's segments are booked in (the better one on a tie).</summary>
    private static Cabin CabinOf(AmFlightOffer offer, Cabin fallback)
    {
        var first = offer.TravelerPricings is { Count: > 0 } pricings ? pricings[0] : null;
        var cabins = first?.FareDetailsBySegment?
            .Select(f => ToCabin(f.Cabin))
            .OfType<Cabin>()
            .ToList();
        if (cabins is not { Count: > 0 })
        {
            return fallback;
        }
        return cabins.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
    }

    public static Cabin? ToCabin(string? vendor) => vendor switch
    {
        "ECONOMY" => Cabin.Economy,
        "PREMIUM_ECONOMY" => Cabin.PremiumEconomy,
        "BUSINESS" => Cabin.Business,
        "FIRST" => Cabin.First,
        _ => null,
    };

    public static string ToVendor(Cabin cabin) => cabin switch
    {
        Cabin.PremiumEconomy => "PREMIUM_ECONOMY",
        Cabin.Business => "BUSINESS",
        Cabin.First => "FIRST",
        _ => "ECONOMY",
    };

    private static string PassengerType(string? vendor) => vendor switch
    {
        "ADULT" => "adult",
        "CHILD" => "child",
        "HELD_INFANT" or "SEATED_INFANT" => "infant",
        null or "" => "adult",
        _ => vendor.ToLowerInvariant(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus flight offer {VendorOfferId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string? vendorOfferId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Airport {Code} has no time zone in the reference data; its times are shown as UTC")]
    private static partial void LogUnknownZone(ILogger logger, string code);
}
