using Pathavana.Platform.Caching;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Pathavana.Inventory.Simulation;
using Pathavana.Platform;

namespace Pathavana.Inventory;

/// <summary>The cheapest fare of one day in a price calendar, or null when nothing flies that day.</summary>
public sealed record CalendarDay(DateOnly Date, Money? CheapestPrice, string? OfferId, int? Stops);

/// <summary>How flight offers are ordered: cheapest first (the default), fastest first, or best (price and time together).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FlightSort>))]
public enum FlightSort
{
    Cheapest,
    Fastest,
    Best,
}

public sealed record PriceCalendar(string Origin, string Destination, int Year, int Month, Cabin Cabin, IReadOnlyList<CalendarDay> Days, string Source);

/// <summary>
/// The one way into travel inventory for the API, the assistant, trips and bookings: searches go
/// through the configured providers and the cache (keys normalised, never holding PII), and every
/// offer returned is kept by id so it can be shown, re-priced and booked later.
/// </summary>
internal sealed partial class InventoryService(
    ILocationDirectory directory,
    ILocationSearch locationSearch,
    IGeocoder geocoder,
    IFlightProvider flights,
    IHotelProvider hotels,
    IActivityProvider activities,
    HybridCache cache,
    TimeProvider time,
    Platform.Observability.PathavanaMetrics metrics,
    ILogger<InventoryService> logger)
{
    public static readonly TimeSpan FlightLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan HotelLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ActivityLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan LocationLifetime = TimeSpan.FromHours(12);

    /// <summary>How long a returned offer stays retrievable by id for re-pricing and booking.</summary>
    public static readonly TimeSpan OfferLifetime = TimeSpan.FromHours(2);

    private const string Prefix = "inventory:v1:";

    /// <summary>The bundled reference data (airports, metros, airlines): synchronous, always local.</summary>
    public ILocationDirectory Directory => directory;

    /// <summary>Airports and metropolitan areas by code, name or city (cached half a day).</summary>
    public async Task<IReadOnlyList<Location>> SearchLocationsAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var folded = ReferenceText.Fold(text ?? "");
        if (folded.Length == 0)
        {
            return [];
        }
        limit = Math.Clamp(limit, 1, 50);
        var key = $"{Prefix}locations:{ProviderName(locationSearch)}:{limit}:{folded}";
        return await GetOrCreateAsync<List<Location>>(key, LocationLifetime, "locations",
            async ct => [.. await locationSearch.SearchAsync(text!, limit, ct)], cancellationToken);
    }

    /// <summary>Places for free text ("near the Eiffel Tower"), best first (cached half a day).</summary>
    public async Task<IReadOnlyList<Place>> GeocodeAsync(string text, GeoPoint? near, CancellationToken cancellationToken)
    {
        var folded = ReferenceText.Fold(text ?? "");
        if (folded.Length == 0)
        {
            return [];
        }
        var key = $"{Prefix}geocode:{ProviderName(geocoder)}:{Point(near)}:{folded}";
        return await GetOrCreateAsync<List<Place>>(key, LocationLifetime, "geocode",
            async ct => [.. await geocoder.GeocodeAsync(text!, near, ct)], cancellationToken);
    }

    /// <summary>
    /// Flight offers in the order asked for (cached minutes; cheapest first by default). Each offer is
    /// kept by id. Offers that leave within <see cref="InventoryLimits.MinimumLeadTime"/> of now are
    /// never shown, even from the cache.
    /// </summary>
    public async Task<IReadOnlyList<FlightOffer>> SearchFlightsAsync(FlightSearch search, CancellationToken cancellationToken, FlightSort sort = FlightSort.Cheapest)
    {
        ArgumentNullException.ThrowIfNull(search);
        var key = $"{Prefix}flights:{ProviderName(flights)}:{FlightKey(search)}";
        var offers = await GetOrCreateAsync(key, FlightLifetime, "flights", async ct =>
        {
            var found = await flights.SearchAsync(search, ct);
            var ordered = found.OrderBy(o => o.TotalPrice.Amount).ToList();
            foreach (var offer in ordered)
            {
                await cache.SetAsync(OfferKey("flight", offer.Id), offer, Options(OfferLifetime), cancellationToken: ct);
            }
            return ordered;
        }, cancellationToken);
        var cutoff = time.GetUtcNow() + InventoryLimits.MinimumLeadTime;
        var open = offers.Where(o => o.Itineraries[0].Segments[0].Departure >= cutoff);
        return [.. Sort(open, sort)];
    }

    /// <summary>
    /// Orders offers: cheapest, fastest (total time of all legs), or best (the fare plus each hour of
    /// travel valued at 4 % of the cheapest fare; fewer stops first on a tie).
    /// </summary>
    internal static IEnumerable<FlightOffer> Sort(IEnumerable<FlightOffer> offers, FlightSort sort)
    {
        var list = offers as IReadOnlyCollection<FlightOffer> ?? [.. offers];
        static double Hours(FlightOffer o) => o.Itineraries.Sum(i => i.Duration.TotalHours);
        static int Stops(FlightOffer o) => o.Itineraries.Sum(i => i.Stops);
        switch (sort)
        {
            case FlightSort.Fastest:
                return list.OrderBy(Hours).ThenBy(o => o.TotalPrice.Amount).ThenBy(o => o.Id, StringComparer.Ordinal);
            case FlightSort.Best:
                var cheapest = list.Count == 0 ? 0 : (double)list.Min(o => o.TotalPrice.Amount);
                return list.OrderBy(o => (double)o.TotalPrice.Amount + (cheapest * 0.04 * Hours(o)))
                    .ThenBy(Stops).ThenBy(o => o.Id, StringComparer.Ordinal);
            default:
                return list.OrderBy(o => o.TotalPrice.Amount).ThenBy(Hours).ThenBy(o => o.Id, StringComparer.Ordinal);
        }
    }

    /// <summary>Whether an offer's first flight has left or leaves within <see cref="InventoryLimits.MinimumLeadTime"/>: it can no longer be sold.</summary>
    public bool HasDeparted(FlightOffer offer) =>
        offer.Itineraries[0].Segments[0].Departure < time.GetUtcNow() + InventoryLimits.MinimumLeadTime;

    /// <summary>Today's date where a place is (an airport, a metro area or a city by its IATA code); the UTC date when unknown.</summary>
    public DateOnly LocalToday(string? code)
    {
        var now = time.GetUtcNow();
        if (code is not null && directory.Find(code) is { } location
            && TimeZoneInfo.TryFindSystemTimeZoneById(location.TimeZone, out var zone))
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        }
        return DateOnly.FromDateTime(now.UtcDateTime);
    }

    /// <summary>Today's date at a point: the date in the time zone of the nearest known city or airport.</summary>
    public DateOnly LocalToday(GeoPoint point) => LocalToday(CityGuide.Shared.Near(point)?.Code);

    /// <summary>An offer returned by an earlier search, or null when unknown or expired.</summary>
    public async Task<FlightOffer?> GetFlightOfferAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(id))
        {
            return null;
        }
        var stored = await cache.TryGetAsync<FlightOffer>(OfferKey("flight", id), cancellationToken);
        // A simulated offer's id encodes it, so it outlives the cache.
        return stored ?? (flights as SimulatedFlightProvider)?.Rebuild(id);
    }

    /// <summary>
    /// Confirms availability and the current price of an offer just before booking; null when unknown.
    /// An offer that has left (or leaves within the minimum lead time) is not available and the
    /// provider is not asked (see <see cref="HasDeparted"/>).
    /// </summary>
    public async Task<PriceCheck<FlightOffer>?> PriceFlightOfferAsync(string id, CancellationToken cancellationToken)
    {
        var offer = await GetFlightOfferAsync(id, cancellationToken);
        if (offer is null)
        {
            return null;
        }
        if (HasDeparted(offer))
        {
            return new PriceCheck<FlightOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }
        var check = await flights.PriceAsync(offer, cancellationToken);
        await cache.SetAsync(OfferKey("flight", check.Offer.Id), check.Offer, Options(OfferLifetime), cancellationToken: cancellationToken);
        return check;
    }

    /// <summary>How many days of a calendar are searched at once from a provider that has no calendar of its own.</summary>
    public const int CalendarParallelism = 4;

    /// <summary>
    /// The cheapest one-way fare for every day of a month between two places (days already past at the
    /// origin or beyond the booking horizon are left out). The simulator prices the month in one pass
    /// over its route network (cached like a search); a provider without a calendar (Duffel, Amadeus)
    /// gets one ordinary, cached search per day, <see cref="CalendarParallelism"/> at a time.
    /// </summary>
    public async Task<PriceCalendar> FlightCalendarAsync(
        string origin, string destination, int year, int month, PassengerMix passengers, Cabin cabin, string currency,
        CancellationToken cancellationToken)
    {
        var today = LocalToday(origin);
        var dates = new List<DateOnly>();
        for (var date = new DateOnly(year, month, 1); date.Month == month; date = date.AddDays(1))
        {
            if (date >= today && date <= today.AddDays(InventoryLimits.BookingHorizonDays))
            {
                dates.Add(date);
            }
        }
        IReadOnlyList<CalendarDay> days;
        if (flights is IFlightCalendarSource calendar)
        {
            var key = string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}calendar:{ProviderName(flights)}:{origin.ToUpperInvariant()}-{destination.ToUpperInvariant()}:{year:0000}{month:00}:{today:yyyyMMdd}:{passengers.Adults}-{passengers.Children}-{passengers.Infants}:{cabin}:{currency}");
            days = await GetOrCreateAsync<List<CalendarDay>>(key, FlightLifetime, "calendar",
                ct => Task.FromResult<List<CalendarDay>>([.. calendar.CheapestByDay(origin, destination, dates, passengers, cabin, currency)]), cancellationToken);
            // Today's cheapest flight may have left since the month was cached: today is priced again.
            if (days.Any(d => d.Date == today))
            {
                var fresh = calendar.CheapestByDay(origin, destination, [today], passengers, cabin, currency)[0];
                days = [.. days.Select(d => d.Date == today ? fresh : d)];
            }
        }
        else
        {
            metrics.RecordSearch(Platform.Observability.SearchKind.Calendar, FlightSource);
            var results = new CalendarDay[dates.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, dates.Count),
                new ParallelOptions { MaxDegreeOfParallelism = CalendarParallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var search = new FlightSearch([new FlightLeg(origin, destination, dates[i])], passengers, cabin, Currency: currency);
                    var offers = await SearchFlightsAsync(search, ct);
                    var cheapest = offers.Count > 0 ? offers[0] : null;
                    results[i] = new CalendarDay(dates[i], cheapest?.TotalPrice, cheapest?.Id, cheapest?.Itineraries[0].Stops);
                });
            days = results;
        }
        return new PriceCalendar(origin.ToUpperInvariant(), destination.ToUpperInvariant(), year, month, cabin, days, FlightSource);
    }

    /// <summary>
    /// Hotels for a stay, one offer per hotel priced at its cheapest matching rate with all matching
    /// rates listed, in the order asked (cached an hour). Every rate is kept by its id for booking.
    /// </summary>
    public async Task<IReadOnlyList<HotelOffer>> SearchHotelsAsync(HotelSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var key = $"{Prefix}hotels:{ProviderName(hotels)}:{HotelKey(search)}";
        return await GetOrCreateAsync(key, HotelLifetime, "hotels", async ct =>
        {
            var found = (await hotels.SearchAsync(search, ct)).ToList();
            foreach (var offer in found)
            {
                // Every rate is bookable by its own id: each is kept as the hotel priced at that rate.
                foreach (var rate in offer.Rates ?? [])
                {
                    await cache.SetAsync(OfferKey("hotel", rate.Id), offer.WithRate(rate), Options(OfferLifetime), cancellationToken: ct);
                }
                await cache.SetAsync(OfferKey("hotel", offer.Id), offer, Options(OfferLifetime), cancellationToken: ct);
            }
            return found;
        }, cancellationToken);
    }

    /// <summary>A hotel offer returned by an earlier search, or null when unknown or expired.</summary>
    public async Task<HotelOffer?> GetHotelOfferAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(id))
        {
            return null;
        }
        var stored = await cache.TryGetAsync<HotelOffer>(OfferKey("hotel", id), cancellationToken);
        return stored ?? (hotels as SimulatedHotelProvider)?.Rebuild(id);
    }

    /// <summary>Re-checks a hotel offer's availability and price just before booking; null when unknown.</summary>
    public async Task<PriceCheck<HotelOffer>?> RecheckHotelOfferAsync(string id, CancellationToken cancellationToken)
    {
        var offer = await GetHotelOfferAsync(id, cancellationToken);
        return offer is null ? null : await hotels.RecheckAsync(offer, cancellationToken);
    }

    /// <summary>Activities near a point, nearest first (cached an hour).</summary>
    public async Task<IReadOnlyList<Activity>> SearchActivitiesAsync(ActivitySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}activities:{ProviderName(activities)}:{Point(search.Near)}:{search.RadiusKm:0.###}:{search.Currency.ToUpperInvariant()}:{search.MaxResults}");
        return await GetOrCreateAsync<List<Activity>>(key, ActivityLifetime, "activities",
            async ct => [.. await activities.SearchAsync(search, ct)], cancellationToken);
    }

    /// <summary>Today at UTC by the app's clock (what "dates not in the past" is measured against).</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // ---- cache keys: normalised so that equivalent queries meet; codes, dates and counts only ----

    internal static string FlightKey(FlightSearch search)
    {
        var builder = new StringBuilder();
        foreach (var leg in search.Legs)
        {
            builder.Append(leg.Origin.Trim().ToUpperInvariant()).Append('-').Append(leg.Destination.Trim().ToUpperInvariant())
                .Append('@').Append(leg.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append(',');
        }
        var p = search.Passengers;
        builder.Append(CultureInfo.InvariantCulture, $":{p.Adults}-{p.Children}-{p.Infants}")
            .Append(p.ChildAges is { Count: > 0 } ages ? "(" + string.Join('.', ages) + ")" : "")
            .Append(CultureInfo.InvariantCulture, $":{search.Cabin}:{(search.NonStop ? "ns" : "any")}")
            .Append(':').Append(search.Currency.Trim().ToUpperInvariant())
            .Append(":+").Append(Codes(search.IncludedAirlines))
            .Append(":-").Append(Codes(search.ExcludedAirlines))
            .Append(':').Append(search.MaxPrice?.ToString("0.##", CultureInfo.InvariantCulture) ?? "")
            .Append(':').Append(search.MaxResults.ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    internal static string HotelKey(HotelSearch search) => string.Create(CultureInfo.InvariantCulture,
        $"{search.CityCode?.Trim().ToUpperInvariant()}:{Point(search.Near)}:{search.RadiusKm:0.###}:{search.CheckIn:yyyyMMdd}-{search.CheckOut:yyyyMMdd}:{search.Adults}x{search.Rooms}:{search.MinStars}:{search.MaxNightly?.Amount:0.##}{search.MaxNightly?.Currency}:{search.Currency.Trim().ToUpperInvariant()}:{search.MaxResults}:{Codes(search.Amenities)}:{(search.FreeCancellation ? "fc" : "")}:{search.MinGuestRating:0.#}:{search.Sort}");

    private static string Codes(IReadOnlyList<string>? codes) =>
        codes is null ? "" : string.Join('.', codes.Select(c => c.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));

    // Four decimals is about eleven metres: close enough to share a cache entry.
    private static string Point(GeoPoint? point) => point is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(p.Latitude, 4):0.####},{Math.Round(p.Longitude, 4):0.####}")
        : "";

    private static string OfferKey(string kind, string id) => $"{Prefix}{kind}-offer:{id}";

    private static bool IsPlausibleId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 512 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '~' or '.');

    private static string ProviderName(object provider) => SourceOf(provider);

    /// <summary>Where flight results come from when there are none to ask (simulated, amadeus…).</summary>
    public string FlightSource => SourceOf(flights);

    public string HotelSource => SourceOf(hotels);

    public string ActivitySource => SourceOf(activities);

    public string LocationSource => SourceOf(locationSearch);

    public string GeocoderSource => SourceOf(geocoder);

    private static string SourceOf(object provider) => provider switch
    {
        SimulatedFlightProvider or SimulatedHotelProvider or SimulatedActivityProvider => Sources.Simulated,
        GazetteerGeocoder or DirectoryLocationSearch => Sources.Gazetteer,
        _ when provider.GetType().Namespace?.EndsWith(".Amadeus", StringComparison.Ordinal) == true => Sources.Amadeus,
        _ when provider.GetType().Namespace?.EndsWith(".Duffel", StringComparison.Ordinal) == true => Sources.Duffel,
        _ when provider.GetType().Namespace?.EndsWith(".GoogleMaps", StringComparison.Ordinal) == true => Sources.Google,
        _ => provider.GetType().Name,
    };

    private static HybridCacheEntryOptions Options(TimeSpan lifetime) => new()
    {
        Expiration = lifetime,
        LocalCacheExpiration = lifetime < TimeSpan.FromMinutes(5) ? lifetime : TimeSpan.FromMinutes(5),
    };

    private async Task<T> GetOrCreateAsync<T>(string key, TimeSpan lifetime, string kind, Func<CancellationToken, Task<T>> create, CancellationToken cancellationToken)
    {
        var miss = new StrongBox<bool>();
        var value = await cache.GetOrCreateInTraceAsync(key, (create, kind, logger: logger, miss), async static (state, ct) =>
        {
            state.miss.Value = true;
            var started = Stopwatch.GetTimestamp();
            var value = await state.create(ct);
            LogProviderCall(state.logger, state.kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return value;
        }, Options(lifetime), cancellationToken);
        metrics.RecordCacheLookup(kind, hit: !miss.Value);
        var (searchKind, source) = kind switch
        {
            "flights" => (Platform.Observability.SearchKind.Flight, FlightSource),
            "hotels" => (Platform.Observability.SearchKind.Hotel, HotelSource),
            "activities" => (Platform.Observability.SearchKind.Activity, ActivitySource),
            "geocode" => (Platform.Observability.SearchKind.Location, GeocoderSource),
            "calendar" => (Platform.Observability.SearchKind.Calendar, FlightSource),
            _ => (Platform.Observability.SearchKind.Location, LocationSource),
        };
        metrics.RecordSearch(searchKind, source);
        return value;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Inventory cache miss: {Kind} asked of the provider in {ElapsedMs:0.0} ms")]
    private static partial void LogProviderCall(ILogger logger, string kind, double elapsedMs);
}

/// <summary>The limits the API and the assistant validate against.</summary>
public static class InventoryLimits
{
    /// <summary>Airlines sell up to about a year ahead: dates beyond today + 359 days are refused.</summary>
    public const int BookingHorizonDays = 359;

    public const int MaxSeatedPassengers = 9;

    /// <summary>No flight is offered, priced or booked that leaves sooner than this (check-in closes).</summary>
    public static readonly TimeSpan MinimumLeadTime = TimeSpan.FromHours(2);

    /// <summary>A multi-city search has two to six legs.</summary>
    public const int MaxLegs = 6;
}
