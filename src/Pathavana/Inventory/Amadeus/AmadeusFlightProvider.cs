using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Flight Offers Search (GET for a plain one-way or round trip, POST for multi-city, airline
/// filters or a price ceiling) and Flight Offers Price. Vendor offers stay server-side, keyed by
/// our offer id, for pricing and booking.
/// </summary>
internal sealed partial class AmadeusFlightProvider(
    AmadeusClient client,
    AmadeusOfferStore store,
    AmadeusFlightMapper mapper,
    ILogger<AmadeusFlightProvider> logger) : IFlightProvider
{
    private const string SearchOperation = "flight-offers-search";
    private const string PriceOperation = "flight-offers-price";

    public async Task<IReadOnlyList<FlightOffer>> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.Legs.Count == 0)
        {
            throw new ProviderRequestException(AmadeusClient.Dependency, 400, "At least one flight leg is needed.", "legs");
        }

        var response = UsesGet(search)
            ? await client.GetAsync(SearchOperation, "v2/shopping/flight-offers" + Query(search),
                AmadeusJsonContext.Default.AmFlightOffersResponse, cancellationToken)
            : await client.PostSearchAsync(SearchOperation, "v2/shopping/flight-offers", Body(search),
                AmadeusJsonContext.Default.AmFlightSearchRequest, AmadeusJsonContext.Default.AmFlightOffersResponse,
                getOverride: true, cancellationToken);

        var offers = new List<FlightOffer>();
        var saves = new List<Task>();
        foreach (var element in response.Data ?? [])
        {
            var vendor = Deserialize(element);
            if (vendor is null)
            {
                continue;
            }
            var id = AmadeusOfferStore.NewId("f");
            if (mapper.Map(id, vendor, response.Dictionaries, search) is { } offer)
            {
                offers.Add(offer);
                saves.Add(store.SaveAsync(id, element.GetRawText(), cancellationToken).AsTask());
            }
        }
        await Task.WhenAll(saves);
        LogSearched(logger, search.Legs.Count, offers.Count);
        return offers.OrderBy(o => o.TotalPrice.Amount).ToList();
    }

    public async Task<PriceCheck<FlightOffer>> PriceAsync(FlightOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var stored = await store.FindAsync(offer.Id, cancellationToken);
        if (stored is null)
        {
            LogOfferGone(logger, offer.Id, "expired");
            return new PriceCheck<FlightOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }

        using var document = JsonDocument.Parse(stored);
        AmFlightOffersResponse? priced;
        try
        {
            var response = await client.PostSearchAsync(PriceOperation, "v1/shopping/flight-offers/pricing",
                new AmPricingRequest(new AmPricingRequestData("flight-offers-pricing", [document.RootElement])),
                AmadeusJsonContext.Default.AmPricingRequest, AmadeusJsonContext.Default.AmPricingResponse,
                getOverride: true, cancellationToken);
            priced = new AmFlightOffersResponse(response.Data?.FlightOffers, response.Dictionaries);
        }
        catch (ProviderRequestException ex)
        {
            // Amadeus refuses to price an offer it can no longer sell.
            LogOfferGone(logger, offer.Id, ex.Code ?? ex.Status.ToString(CultureInfo.InvariantCulture));
            return new PriceCheck<FlightOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }

        var element = priced.Data is { Count: > 0 } data ? data[0] : (JsonElement?)null;
        var vendor = element is { } e ? Deserialize(e) : null;
        var current = vendor is null ? null : mapper.Map(offer.Id, vendor, priced.Dictionaries, null);
        if (element is null || current is null)
        {
            LogOfferGone(logger, offer.Id, "empty-pricing");
            return new PriceCheck<FlightOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }

        current = KeepNames(current, offer);
        await store.SaveAsync(offer.Id, element.Value.GetRawText(), cancellationToken);
        var changed = current.TotalPrice != offer.TotalPrice;
        return new PriceCheck<FlightOffer>(current, Available: true, changed, changed ? offer.TotalPrice : null);
    }

    /// <summary>GET serves a one-way or a there-and-back trip without airline filters or a price ceiling.</summary>
    internal static bool UsesGet(FlightSearch search)
    {
        var simpleShape = search.Legs.Count == 1
            || (search.Legs.Count == 2
                && string.Equals(search.Legs[1].Origin, search.Legs[0].Destination, StringComparison.OrdinalIgnoreCase)
                && string.Equals(search.Legs[1].Destination, search.Legs[0].Origin, StringComparison.OrdinalIgnoreCase));
        return simpleShape
            && search.IncludedAirlines is not { Count: > 0 }
            && search.ExcludedAirlines is not { Count: > 0 }
            && search.MaxPrice is null;
    }

    internal static string Query(FlightSearch search)
    {
        var first = search.Legs[0];
        var query = new Dictionary<string, string?>
        {
            ["originLocationCode"] = first.Origin.ToUpperInvariant(),
            ["destinationLocationCode"] = first.Destination.ToUpperInvariant(),
            ["departureDate"] = AmadeusMapping.Date(first.Date),
            ["returnDate"] = search.Legs.Count == 2 ? AmadeusMapping.Date(search.Legs[1].Date) : null,
            ["adults"] = search.Passengers.Adults.ToString(CultureInfo.InvariantCulture),
            ["children"] = search.Passengers.Children > 0 ? search.Passengers.Children.ToString(CultureInfo.InvariantCulture) : null,
            ["infants"] = search.Passengers.Infants > 0 ? search.Passengers.Infants.ToString(CultureInfo.InvariantCulture) : null,
            ["travelClass"] = AmadeusFlightMapper.ToVendor(search.Cabin),
            ["nonStop"] = search.NonStop ? "true" : "false",
            ["currencyCode"] = search.Currency.ToUpperInvariant(),
            ["max"] = Math.Clamp(search.MaxResults, 1, 250).ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(string.Empty, query);
    }

    internal static AmFlightSearchRequest Body(FlightSearch search)
    {
        var legs = search.Legs
            .Select((leg, i) => new AmOriginDestination(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                leg.Origin.ToUpperInvariant(),
                leg.Destination.ToUpperInvariant(),
                new AmDateTimeRange(AmadeusMapping.Date(leg.Date))))
            .ToList();

        var travelers = new List<AmTraveler>();
        var passengers = search.Passengers;
        for (var i = 0; i < passengers.Adults; i++)
        {
            travelers.Add(new AmTraveler(Id(travelers.Count), "ADULT"));
        }
        for (var i = 0; i < passengers.Children; i++)
        {
            travelers.Add(new AmTraveler(Id(travelers.Count), "CHILD"));
        }
        for (var i = 0; i < passengers.Infants; i++)
        {
            // Each infant sits on the lap of one adult.
            travelers.Add(new AmTraveler(Id(travelers.Count), "HELD_INFANT", Id(i)));
        }

        var included = Codes(search.IncludedAirlines);
        var excluded = Codes(search.ExcludedAirlines);
        var filters = new AmFlightFilters(
            [new AmCabinRestriction(AmadeusFlightMapper.ToVendor(search.Cabin), "MOST_SEGMENTS", legs.Select(l => l.Id).ToList())],
            included is null && excluded is null ? null : new AmCarrierRestrictions(included, excluded),
            search.NonStop ? new AmConnectionRestriction(0) : null);

        int? maxPrice = search.MaxPrice is { } max ? (int)Math.Max(1, Math.Floor(max)) : null;
        return new AmFlightSearchRequest(
            search.Currency.ToUpperInvariant(),
            legs,
            travelers,
            ["GDS"],
            new AmSearchCriteria(Math.Clamp(search.MaxResults, 1, 250), maxPrice, filters));

        static string Id(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
        static List<string>? Codes(IReadOnlyList<string>? codes) =>
            codes is { Count: > 0 } ? codes.Select(c => c.ToUpperInvariant()).Distinct().ToList() : null;
    }

    private AmFlightOffer? Deserialize(JsonElement element)
    {
        try
        {
            return element.Deserialize(AmadeusJsonContext.Default.AmFlightOffer);
        }
        catch (JsonException)
        {
            LogMalformedOffer(logger);
            return null;
        }
    }

    /// <summary>Pricing answers may omit the aircraft dictionary; keep the names the search gave.</summary>
    private static FlightOffer KeepNames(FlightOffer priced, FlightOffer searched)
    {
        if (priced.Itineraries.Count != searched.Itineraries.Count)
        {
            return priced;
        }
        var itineraries = priced.Itineraries.Select((itinerary, i) =>
        {
            var before = searched.Itineraries[i].Segments;
            if (before.Count != itinerary.Segments.Count)
            {
                return itinerary;
            }
            return itinerary with
            {
                Segments = itinerary.Segments.Select((segment, j) =>
                    segment.Aircraft is { Length: 3 } && before[j].Aircraft is { Length: > 3 } name ? segment with { Aircraft = name } : segment).ToList(),
            };
        }).ToList();
        return priced with { Itineraries = itineraries };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus flight search over {Legs} leg(s) gave {Count} offers")]
    private static partial void LogSearched(ILogger logger, int legs, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flight offer {OfferId} is no longer available ({Reason})")]
    private static partial void LogOfferGone(ILogger logger, string offerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus returned a flight offer that could not be read; skipped")]
    private static partial void LogMalformedOffer(ILogger logger);
}
