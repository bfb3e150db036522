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

/// <summary>
/// One cached search: the results as the provider returned them and when (by the app's clock).
/// Immutable, so the in-process tier hands out the same instance on every hit instead of
/// deserialising a copy; it is counted at its serialised size against <c>Caching:LocalMaxBytes</c>.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
internal sealed record CachedResults<T>(DateTimeOffset FetchedAt, IReadOnlyList<T> Items);

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
    IOfferIndex offerIndex,
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

    // v2: one entry per search (CachedResults), offers found through the offer index.
    private const string Prefix = "inventory:v2:";

    /// <summary>The bundled reference data (airports, metros, airlines): synchronous, always local.</summary>
    public ILocationDirectory Directory => directory;

    /// <summary>
    /// Where to search around <paramref name="place"/>: its city's centre from the bundled city guide, or
    /// the place's own point for a city the guide does not hold (an airport code's point, SFO 20 km south
    /// of San Francisco, would miss the city).
    /// </summary>
    public static GeoPoint CentreOf(Location place) => CityGuide.Shared.ForCode(place.Code)?.Centre ?? place.Point;

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
        return await GetOrFetchAsync(key, LocationLifetime, "locations",
            async ct => await locationSearch.SearchAsync(text!, limit, ct), remember: null, cancellationToken);
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
        return await GetOrFetchAsync(key, LocationLifetime, "geocode",
            async ct => await geocoder.GeocodeAsync(text!, near, ct), remember: null, cancellationToken);
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
        var offers = await GetOrFetchAsync<FlightOffer>(key, FlightLifetime, "flights", async ct =>
        {
            var found = await flights.SearchAsync(search, ct);
            return [.. found.OrderBy(o => o.TotalPrice.Amount)];
        }, remember: offers => [.. offers.Select(o => o.Id)], cancellationToken);
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
        var stored = (await FindInSearchAsync<FlightOffer>("flight", id, cancellationToken))?.FirstOrDefault(o => o.Id == id);
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
        // The re-priced offer is what a booking uses from now on: kept as a search of its own.
        var pricedKey = $"{Prefix}priced-flight:{check.Offer.Id}";
        await offerIndex.RememberAsync("flight", [check.Offer.Id], pricedKey, OfferLifetime, cancellationToken);
        await cache.SetAsync(pricedKey, new CachedResults<FlightOffer>(time.GetUtcNow(), [check.Offer]), Options(OfferLifetime),
            cancellationToken: cancellationToken);
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
            if (SearchRules.TravelDate("date", date, today) is null)
            {
                dates.Add(date);
            }
        }
        IReadOnlyList<CalendarDay> days;
        if (flights is IFlightCalendarSource calendar)
        {
            var key = string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}calendar:{ProviderName(flights)}:{origin.ToUpperInvariant()}-{destination.ToUpperInvariant()}:{year:0000}{month:00}:{today:yyyyMMdd}:{passengers.Adults}-{passengers.Children}-{passengers.Infants}:{cabin}:{currency}");
            days = await GetOrFetchAsync(key, FlightLifetime, "calendar",
                ct => Task.FromResult(calendar.CheapestByDay(origin, destination, dates, passengers, cabin, currency)), remember: null, cancellationToken);
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
        // Every rate is bookable by its own id (the hotel priced at that rate): offer and rate ids are indexed.
        return await GetOrFetchAsync(key, HotelLifetime, "hotels", async ct => await hotels.SearchAsync(search, ct),
            remember: found => [.. found.SelectMany(o => (o.Rates ?? []).Select(r => r.Id).Prepend(o.Id)).Distinct()], cancellationToken);
    }

    /// <summary>A hotel offer returned by an earlier search, or null when unknown or expired.</summary>
    public async Task<HotelOffer?> GetHotelOfferAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(id))
        {
            return null;
        }
        HotelOffer? stored = null;
        foreach (var offer in await FindInSearchAsync<HotelOffer>("hotel", id, cancellationToken) ?? [])
        {
            if (offer.Id == id)
            {
                stored = offer;
                break;
            }
            if (offer.Rates?.FirstOrDefault(r => r.Id == id) is { } rate)
            {
                stored = offer.WithRate(rate);
                break;
            }
        }
        return stored ?? (hotels as SimulatedHotelProvider)?.Rebuild(id);
    }

    /// <summary>Re-checks a hotel offer's availability and price just before booking; null when unknown.</summary>
    public async Task<PriceCheck<HotelOffer>?> RecheckHotelOfferAsync(string id, CancellationToken cancellationToken)
    {
        var offer = await GetHotelOfferAsync(id, cancellationToken);
        return offer is null ? null : await hotels.RecheckAsync(offer, cancellationToken);
    }

    /// <summary>
    /// Activities near a point, nearest first (cached an hour); with an interest, only those of that kind
    /// (<see cref="ActivityInterests.Matches"/>), filtered from the one cached search of the place.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> SearchActivitiesAsync(ActivitySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}activities:{ProviderName(activities)}:{Point(search.Near)}:{search.RadiusKm:0.###}:{search.Currency.ToUpperInvariant()}:{search.MaxResults}");
        var all = await GetOrFetchAsync(key, ActivityLifetime, "activities",
            async ct => await activities.SearchAsync(search with { Interest = null }, ct), remember: null, cancellationToken);
        return search.Interest is { } interest ? [.. all.Where(a => ActivityInterests.Matches(a, interest))] : all;
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

    /// <summary>
    /// A search's results from the cache, or from the provider (then cached as one entry). Results that
    /// others can find by id (<paramref name="remember"/> names their ids) are kept for
    /// <see cref="OfferLifetime"/> but served to searches only while younger than <paramref name="freshFor"/>;
    /// an older entry is fetched again and replaced.
    /// </summary>
    private async Task<IReadOnlyList<T>> GetOrFetchAsync<T>(string key, TimeSpan freshFor, string kind,
        Func<CancellationToken, Task<IReadOnlyList<T>>> fetch, Func<IReadOnlyList<T>, IReadOnlyCollection<string>>? remember,
        CancellationToken cancellationToken)
    {
        var kept = remember is null || freshFor > OfferLifetime ? freshFor : OfferLifetime;
        var miss = new StrongBox<bool>();
        var entry = await cache.GetOrCreateInTraceAsync(key, (service: this, key, kind, kept, fetch, remember, miss), static async (state, ct) =>
        {
            state.miss.Value = true;
            return await state.service.FetchAsync(state.key, state.kind, state.kept, state.fetch, state.remember, ct);
        }, Options(kept), cancellationToken);
        if (time.GetUtcNow() - entry.FetchedAt >= freshFor)
        {
            miss.Value = true;
            entry = await FetchAsync(key, kind, kept, fetch, remember, cancellationToken);
            await cache.SetAsync(key, entry, Options(kept), cancellationToken: cancellationToken);
        }
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
        return entry.Items;
    }

    private async Task<CachedResults<T>> FetchAsync<T>(string key, string kind, TimeSpan kept,
        Func<CancellationToken, Task<IReadOnlyList<T>>> fetch, Func<IReadOnlyList<T>, IReadOnlyCollection<string>>? remember,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var fetchedAt = time.GetUtcNow();
        IReadOnlyList<T> items = [.. await fetch(cancellationToken)];
        LogProviderCall(logger, kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (remember is not null)
        {
            await offerIndex.RememberAsync(kind == "hotels" ? "hotel" : "flight", remember(items), key, kept, cancellationToken);
        }
        return new CachedResults<T>(fetchedAt, items);
    }

    /// <summary>The results of the cached search an offer or rate id came from, or null when forgotten.</summary>
    private async Task<IReadOnlyList<T>?> FindInSearchAsync<T>(string kind, string id, CancellationToken cancellationToken)
    {
        var searchKey = await offerIndex.FindAsync(kind, id, cancellationToken);
        return searchKey is null ? null : (await cache.TryGetAsync<CachedResults<T>>(searchKey, cancellationToken))?.Items;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Inventory cache miss: {Kind} asked of the provider in {ElapsedMs:0.0} ms")]
    private static partial void LogProviderCall(ILogger logger, string kind, double elapsedMs);
}

/// <summary>The limits the API and the assistant validate against (with <see cref="SearchRules"/>).</summary>
public static class InventoryLimits
{
    /// <summary>Airlines sell up to about a year ahead: dates beyond today + 359 days are refused.</summary>
    public const int BookingHorizonDays = 359;

    /// <summary>Adults and children (not lap infants) in one search or booking.</summary>
    public const int MaxSeatedPassengers = 9;

    /// <summary>The longest stay a hotel search covers, in nights.</summary>
    public const int MaxStayNights = 30;

    /// <summary>No flight is offered, priced or booked that leaves sooner than this (check-in closes).</summary>
    public static readonly TimeSpan MinimumLeadTime = TimeSpan.FromHours(2);

    /// <summary>A multi-city search has two to six legs.</summary>
    public const int MaxLegs = 6;
}
