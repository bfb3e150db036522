using System.Globalization;
using System.Text;
using Pathavana.Platform;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// The offline flight inventory: plausible schedules and fares for any pair of airports, drawn
/// deterministically from the reference data and a network of real hubs. The same query gives the
/// same offers; an offer's id encodes its flights, so <see cref="PriceAsync"/> re-derives it.
/// </summary>
internal sealed class SimulatedFlightProvider : IFlightProvider
{
    private const string IdPrefix = "S1";
    private const double MaxDetour = 1.45;
    private const double MaxTwoStopDetour = 1.6;
    private const int LongHaulKm = 4000;

    private readonly LocationDirectory directory;
    private readonly TimeProvider time;
    private readonly HubEntry[] hubEntries;
    private readonly HashSet<string> hubCodes;
    private readonly double[,] hubDistances;
    private readonly Dictionary<string, string> carrierContinent;

    // The route network does not depend on the date or the travellers: routings per airport pair and
    // distances from an airport to every hub are remembered (bounded, cleared when full).
    private const int MaxRememberedRoutes = 20_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), RoutePlan[]> routes = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double[]> distancesToHubs = new(StringComparer.Ordinal);

    public SimulatedFlightProvider(LocationDirectory directory, TimeProvider time)
    {
        this.directory = directory;
        this.time = time;
        hubEntries = [.. Carriers.All
            .SelectMany(carrier => carrier.Hubs.Select(hub => new HubEntry(carrier, directory.Airport(hub)
                ?? throw new InvalidOperationException($"Hub {hub} of {carrier.Code} is not in the reference data."))))];
        hubCodes = [.. hubEntries.Select(e => e.Airport.Location.Code)];
        carrierContinent = Carriers.All.ToDictionary(c => c.Code, c => directory.ContinentOf(c.Country), StringComparer.Ordinal);
        hubDistances = new double[hubEntries.Length, hubEntries.Length];
        for (var i = 0; i < hubEntries.Length; i++)
        {
            for (var j = 0; j < hubEntries.Length; j++)
            {
                hubDistances[i, j] = Geo.DistanceKm(hubEntries[i].Airport.Location.Point, hubEntries[j].Airport.Location.Point);
            }
        }
    }

    /// <summary>Minimum connection time: within one country, or crossing a border.</summary>
    public static readonly TimeSpan DomesticConnection = TimeSpan.FromMinutes(60);

    public static readonly TimeSpan InternationalConnection = TimeSpan.FromMinutes(90);

    public Task<IReadOnlyList<FlightOffer>> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Task.FromResult(Search(search));
    }

    public Task<PriceCheck<FlightOffer>> PriceAsync(FlightOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        // A quote holds for the day it was made; re-pricing on a later day quotes again, as airlines do.
        var current = Rebuild(offer.Id, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            ?? throw new ArgumentException("The offer was not made by the simulator.", nameof(offer));
        var departure = current.Itineraries[0].Segments[0].Departure;
        var available = departure > time.GetUtcNow();
        var changed = current.TotalPrice != offer.TotalPrice;
        return Task.FromResult(new PriceCheck<FlightOffer>(current, available, changed, changed ? offer.TotalPrice : null));
    }

    /// <summary>The offers for a search, cheapest first.</summary>
    public IReadOnlyList<FlightOffer> Search(FlightSearch search)
    {
        if (search.Legs.Count == 0 || !SimulatedMoney.IsSupported(search.Currency))
        {
            return [];
        }
        var quoteDay = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var roundTrip = IsRoundTrip(search.Legs);
        var perLeg = search.Legs.Count switch { 1 => 60, 2 => 8, 3 => 4, _ => 3 };

        var legOptions = new List<List<Option>>(search.Legs.Count);
        foreach (var leg in search.Legs)
        {
            var options = LegOptions(leg, search, quoteDay, roundTrip);
            if (options.Count == 0)
            {
                return [];
            }
            options.Sort(static (a, b) => a.AdultUsd.CompareTo(b.AdultUsd));
            legOptions.Add(options.Count > perLeg ? Diverse(options, perLeg) : options);
        }

        var offers = new List<FlightOffer>();
        foreach (var combination in Combine(legOptions))
        {
            var offer = MakeOffer(combination, search.Passengers, search.Cabin, search.Currency, quoteDay, roundTrip);
            if (search.MaxPrice is { } max && offer.TotalPrice.Amount > max)
            {
                continue;
            }
            offers.Add(offer);
        }

        return [.. offers
            .OrderBy(o => o.TotalPrice.Amount)
            .ThenBy(o => o.Itineraries.Sum(i => i.Duration.Ticks))
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(Math.Max(1, search.MaxResults))];
    }

    /// <summary>Re-derives an offer from its id, or null when the id is not a valid simulator id.</summary>
    public FlightOffer? Rebuild(string id, DateOnly? quoteDay = null)
    {
        if (!OfferKey.TryParse(id, out var key))
        {
            return null;
        }
        var options = new List<Option>(key.Legs.Count);
        foreach (var leg in key.Legs)
        {
            var airports = new AirportInfo[leg.Airports.Length];
            for (var i = 0; i < airports.Length; i++)
            {
                if (directory.Airport(leg.Airports[i]) is not { } airport)
                {
                    return null;
                }
                airports[i] = airport;
            }
            var plan = new RoutePlan(airports, leg.Carriers, leg.Variant);
            options.Add(Price(plan, leg.Date, key.Cabin, quoteDay ?? key.QuoteDay, key.RoundTrip));
        }
        return MakeOffer(options, key.Passengers, key.Cabin, key.Currency, quoteDay ?? key.QuoteDay, key.RoundTrip);
    }

    /// <summary>The cheapest options, but with the best nonstop and one-stop ones kept in.</summary>
    private static List<Option> Diverse(List<Option> cheapestFirst, int count)
    {
        var chosen = new List<Option>(count);
        for (var stops = 0; stops <= 2 && chosen.Count < count; stops++)
        {
            chosen.AddRange(cheapestFirst.Where(o => o.Plan.Airports.Length - 2 == stops).Take(Math.Max(1, count / 3)).Take(count - chosen.Count));
        }
        foreach (var option in cheapestFirst)
        {
            if (chosen.Count >= count)
            {
                break;
            }
            if (!chosen.Contains(option))
            {
                chosen.Add(option);
            }
        }
        chosen.Sort(static (a, b) => a.AdultUsd.CompareTo(b.AdultUsd));
        return chosen;
    }

    private static bool IsRoundTrip(IReadOnlyList<FlightLeg> legs) =>
        legs.Count == 2
        && string.Equals(legs[0].Origin, legs[1].Destination, StringComparison.OrdinalIgnoreCase)
        && string.Equals(legs[0].Destination, legs[1].Origin, StringComparison.OrdinalIgnoreCase);

    private List<Option> LegOptions(FlightLeg leg, FlightSearch search, DateOnly quoteDay, bool roundTrip)
    {
        var result = new List<Option>();
        foreach (var origin in directory.AirportsFor(leg.Origin))
        {
            foreach (var destination in directory.AirportsFor(leg.Destination))
            {
                if (origin.Code == destination.Code)
                {
                    continue;
                }
                foreach (var plan in Routes(directory.Airport(origin.Code)!, directory.Airport(destination.Code)!))
                {
                    if (search.NonStop && plan.Airports.Length > 2)
                    {
                        continue;
                    }
                    if (!CarriersAllowed(plan.Carriers, search))
                    {
                        continue;
                    }
                    result.Add(Price(plan, leg.Date, search.Cabin, quoteDay, roundTrip));
                }
            }
        }
        return result;
    }

    private static bool CarriersAllowed(string[] carriers, FlightSearch search)
    {
        if (search.Cabin != Cabin.Economy && carriers.Any(c => CarrierOf(c)?.LowCost == true))
        {
            return false; // low-cost carriers sell no premium cabins
        }
        if (search.IncludedAirlines is { Count: > 0 } included
            && !carriers.All(c => included.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }
        return search.ExcludedAirlines is not { Count: > 0 } excluded
            || !carriers.Any(c => excluded.Contains(c, StringComparer.OrdinalIgnoreCase));
    }

    private static Carrier? CarrierOf(string code) => Array.Find(Carriers.All, c => c.Code == code);

    // ---- Network: which routings exist between two airports ----

    private RoutePlan[] Routes(AirportInfo origin, AirportInfo destination)
    {
        var key = (origin.Location.Code, destination.Location.Code);
        if (routes.TryGetValue(key, out var known))
        {
            return known;
        }
        if (routes.Count >= MaxRememberedRoutes)
        {
            routes.Clear();
        }
        return routes[key] = [.. Plans(origin, destination)];
    }

    /// <summary>Forgets the remembered route network (for benchmarks of the cold path).</summary>
    internal void ForgetRoutes()
    {
        routes.Clear();
        distancesToHubs.Clear();
    }

    private double[] DistancesToHubs(AirportInfo airport)
    {
        if (distancesToHubs.TryGetValue(airport.Location.Code, out var known))
        {
            return known;
        }
        if (distancesToHubs.Count >= MaxRememberedRoutes)
        {
            distancesToHubs.Clear();
        }
        var distances = new double[hubEntries.Length];
        for (var j = 0; j < hubEntries.Length; j++)
        {
            distances[j] = Geo.DistanceKm(airport.Location.Point, hubEntries[j].Airport.Location.Point);
        }
        return distancesToHubs[airport.Location.Code] = distances;
    }

    private IEnumerable<RoutePlan> Plans(AirportInfo origin, AirportInfo destination)
    {
        var km = Geo.DistanceKm(origin.Location.Point, destination.Location.Point);

        // Nonstop, by the carriers that plausibly fly it; frequency by distance and airport size.
        var nonstop = NonstopPlausible(origin, destination, km);
        if (nonstop)
        {
            var frequency = km > LongHaulKm ? 1 : origin.Size == AirportSize.Large && destination.Size == AirportSize.Large ? 3 : 2;
            foreach (var carrier in NonstopCarriers(origin, destination, km))
            {
                for (var variant = 0; variant < frequency; variant++)
                {
                    yield return new RoutePlan([origin, destination], [carrier], variant);
                }
            }
        }

        if (km < 300)
        {
            yield break;
        }

        // One stop through a carrier's hub, on that carrier.
        var fromOrigin = DistancesToHubs(origin);
        var toDestination = DistancesToHubs(destination);
        var oneStops = new List<(double Score, HubEntry Hub)>();
        for (var j = 0; j < hubEntries.Length; j++)
        {
            var entry = hubEntries[j];
            var hub = entry.Airport;
            if (hub.Location.Code == origin.Location.Code || hub.Location.Code == destination.Location.Code)
            {
                continue;
            }
            var first = fromOrigin[j];
            var second = toDestination[j];
            var ratio = (first + second) / km;
            if (ratio > MaxDetour + (250 / km) || !Feeds(entry.Carrier, origin, hub, first) || !Feeds(entry.Carrier, hub, destination, second))
            {
                continue;
            }
            oneStops.Add((ratio + Jitter(entry.Carrier.Code, hub.Location.Code, origin.Location.Code, destination.Location.Code), entry));
        }
        oneStops.Sort(static (a, b) => a.Score.CompareTo(b.Score));
        foreach (var (_, entry) in oneStops.Take(6))
        {
            for (var variant = 0; variant < 2; variant++)
            {
                yield return new RoutePlan([origin, entry.Airport, destination], [entry.Carrier.Code, entry.Carrier.Code], variant);
            }
        }

        // Two stops through two hubs, when no nonstop flies and the trip is long enough for it to make sense.
        if (km < 1500 || (nonstop && oneStops.Count >= 3))
        {
            yield break;
        }
        var twoStops = new List<(double Score, HubEntry First, HubEntry Second, string Middle)>();
        var feedsDestination = new bool[hubEntries.Length];
        for (var j = 0; j < hubEntries.Length; j++)
        {
            var code = hubEntries[j].Airport.Location.Code;
            feedsDestination[j] = code != origin.Location.Code && code != destination.Location.Code
                && toDestination[j] / km <= 0.8 && Feeds(hubEntries[j].Carrier, hubEntries[j].Airport, destination, toDestination[j]);
        }
        // Prune to the hubs that lie best on the way out of the origin and on the way into the destination.
        var firsts = Enumerable.Range(0, hubEntries.Length)
            .Where(i => hubEntries[i].Airport.Location.Code != origin.Location.Code && hubEntries[i].Airport.Location.Code != destination.Location.Code
                && fromOrigin[i] / km <= 0.8 && Feeds(hubEntries[i].Carrier, origin, hubEntries[i].Airport, fromOrigin[i]))
            .OrderBy(i => fromOrigin[i] + toDestination[i]).Take(10).ToArray();
        var seconds = Enumerable.Range(0, hubEntries.Length).Where(j => feedsDestination[j])
            .OrderBy(j => fromOrigin[j] + toDestination[j]).Take(10).ToArray();
        foreach (var i in firsts)
        {
            var a = hubEntries[i];
            var h1 = a.Airport;
            var k1 = fromOrigin[i];
            foreach (var j in seconds)
            {
                var b = hubEntries[j];
                var h2 = b.Airport;
                var k2 = hubDistances[i, j];
                var ratio = (k1 + k2 + toDestination[j]) / km;
                if (ratio > MaxTwoStopDetour || h2.Location.Code == h1.Location.Code)
                {
                    continue;
                }
                // The middle flight is the first carrier's if it also hubs at h2, else the second's.
                var middle = Array.IndexOf(a.Carrier.Hubs, h2.Location.Code) >= 0 ? a.Carrier : b.Carrier;
                if (!Feeds(middle, h1, h2, k2))
                {
                    continue;
                }
                twoStops.Add((ratio + Jitter(a.Carrier.Code, h1.Location.Code, b.Carrier.Code, h2.Location.Code), a, b, middle.Code));
            }
        }
        twoStops.Sort(static (x, y) => x.Score.CompareTo(y.Score));
        foreach (var (_, first, second, middle) in twoStops.Take(3))
        {
            yield return new RoutePlan(
                [origin, first.Airport, second.Airport, destination],
                [first.Carrier.Code, middle, second.Carrier.Code],
                0);
        }
    }

    private static double Jitter(string a, string b, string c, string d) => (StableHash.Of(a, b, c, d) % 1000) / 20_000.0;

    /// <summary>Whether a nonstop flight between two airports is plausible at all.</summary>
    private bool NonstopPlausible(AirportInfo a, AirportInfo b, double km)
    {
        if (km < 120)
        {
            return false;
        }
        var large = (a.Size == AirportSize.Large ? 1 : 0) + (b.Size == AirportSize.Large ? 1 : 0);
        return large switch
        {
            2 => km <= 9_500 || (km <= 15_500 && hubCodes.Contains(a.Location.Code) && hubCodes.Contains(b.Location.Code)),
            1 => km <= 3_000,
            _ => km <= 1_500 && a.Location.CountryCode == b.Location.CountryCode
                && StableHash.Of(a.Location.Code, b.Location.Code) % 2 == 0,
        };
    }

    /// <summary>Up to three carriers for a nonstop route: hub carriers first, then domestic and low-cost ones.</summary>
    private List<string> NonstopCarriers(AirportInfo a, AirportInfo b, double km)
    {
        var candidates = new List<(int Rank, ulong Tie, string Code)>();
        foreach (var carrier in Carriers.All)
        {
            if (km > LongHaulKm && !carrier.LongHaul)
            {
                continue;
            }
            var hubEnd = Array.IndexOf(carrier.Hubs, a.Location.Code) >= 0 || Array.IndexOf(carrier.Hubs, b.Location.Code) >= 0;
            var domestic = carrier.Country == a.Location.CountryCode && carrier.Country == b.Location.CountryCode
                && (carrier.LowCost || (a.Size == AirportSize.Large && b.Size == AirportSize.Large));
            var continent = carrierContinent[carrier.Code];
            var lowCost = carrier.LowCost && km <= 3_500 && continent == a.Continent && continent == b.Continent
                && (a.Size == AirportSize.Large || b.Size == AirportSize.Large);
            if (hubEnd || domestic || lowCost)
            {
                candidates.Add((hubEnd ? 0 : 1, StableHash.Of(carrier.Code, a.Location.Code, b.Location.Code), carrier.Code));
            }
        }
        if (candidates.Count == 0)
        {
            // A local airline of either country (from the airline reference data).
            foreach (var country in new[] { a.Location.CountryCode, b.Location.CountryCode })
            {
                var local = directory.AirlinesOf(country);
                if (local.Count > 0)
                {
                    var pick = local[(int)(StableHash.Of(country, a.Location.Code, b.Location.Code) % (ulong)Math.Min(local.Count, 4))];
                    candidates.Add((2, 0, pick));
                    break;
                }
            }
        }
        candidates.Sort(static (x, y) => x.Rank != y.Rank ? x.Rank.CompareTo(y.Rank) : x.Tie.CompareTo(y.Tie));
        return [.. candidates.Take(3).Select(c => c.Code)];
    }

    /// <summary>Whether a carrier flies between one of its hubs and another airport.</summary>
    private bool Feeds(Carrier carrier, AirportInfo from, AirportInfo to, double km)
    {
        if (km < 120 || (km > LongHaulKm && !carrier.LongHaul))
        {
            return false;
        }
        var large = from.Size == AirportSize.Large && to.Size == AirportSize.Large;
        if (large)
        {
            return km <= 9_500 || (km <= 15_500 && hubCodes.Contains(from.Location.Code) && hubCodes.Contains(to.Location.Code));
        }
        // Hubs feed medium airports on their own continent or within reach.
        var home = carrierContinent[carrier.Code];
        return km <= 2_500 || (km <= 5_000 && (from.Continent == home || to.Continent == home));
    }

    // ---- Schedule: local times, block times and connections ----

    private static Itinerary Build(RoutePlan plan, DateOnly date)
    {
        var segments = new FlightSegment[plan.Airports.Length - 1];
        var (firstDeparture, rng) = FirstDeparture(plan);
        DateTimeOffset departure = default;
        for (var i = 0; i < segments.Length; i++)
        {
            var from = plan.Airports[i];
            var to = plan.Airports[i + 1];
            var km = Geo.DistanceKm(from.Location.Point, to.Location.Point);
            if (i == 0)
            {
                departure = LocalTime(date, firstDeparture, from.TimeZone);
            }
            else
            {
                var previous = segments[i - 1];
                var domestic = plan.Airports[i - 1].Location.CountryCode == from.Location.CountryCode
                    && from.Location.CountryCode == to.Location.CountryCode;
                var connection = (domestic ? DomesticConnection : InternationalConnection) + TimeSpan.FromMinutes(rng.Next(37) * 5);
                departure = TimeZoneInfo.ConvertTime(RoundUpToFiveMinutes(previous.Arrival + connection), from.TimeZone);
            }
            var block = BlockTime(from, to, km);
            var arrival = TimeZoneInfo.ConvertTime(departure + block, to.TimeZone);
            var carrier = plan.Carriers[i];
            var number = 100 + (int)(StableHash.Of(carrier, from.Location.Code, to.Location.Code) % 1900) + (plan.Variant * 2);
            segments[i] = new FlightSegment(carrier, number.ToString(CultureInfo.InvariantCulture), from.Location.Code, to.Location.Code,
                departure, arrival, block, Aircraft(km, from, to));
        }
        return new Itinerary(segments[^1].Arrival - segments[0].Departure, segments);
    }

    /// <summary>
    /// The first departure, in minutes after local midnight: spread over 06:00–22:00, each daily
    /// frequency in its own part of the day. Returns the generator for the rest of the schedule.
    /// </summary>
    private static (int Minutes, StableHash.Rng Rng) FirstDeparture(RoutePlan plan)
    {
        var rng = new StableHash.Rng(plan.Seed);
        const int window = 16 * 60 / 3;
        var minutes = (6 * 60) + (plan.Variant % 3 * window) + (rng.Next(window / 5) * 5);
        return (minutes, rng);
    }

    /// <summary>A wall-clock time at an airport, with the offset in force then (DST aware).</summary>
    internal static DateTimeOffset LocalTime(DateOnly date, int minutesAfterMidnight, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minutesAfterMidnight);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // inside a spring-forward gap: the clock reads an hour later
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset RoundUpToFiveMinutes(DateTimeOffset value)
    {
        var step = TimeSpan.FromMinutes(5).Ticks;
        var utc = value.UtcTicks;
        var rounded = (utc + step - 1) / step * step;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
    }

    /// <summary>Gate to gate: taxi and climb, cruise speed by stage length, prevailing westerlies.</summary>
    private static TimeSpan BlockTime(AirportInfo from, AirportInfo to, double km)
    {
        var speed = km < 1000 ? 650.0 : km < 3000 ? 760.0 : 840.0;
        var deltaLongitude = ((to.Location.Point.Longitude - from.Location.Point.Longitude + 540) % 360) - 180;
        var wind = Math.Abs(deltaLongitude) < 5 ? 1.0 : deltaLongitude > 0 ? 0.94 : 1.06;
        var minutes = 30 + (km / speed * 60 * wind);
        return TimeSpan.FromMinutes(Math.Max(35, Math.Round(minutes / 5) * 5));
    }

    private static string Aircraft(double km, AirportInfo from, AirportInfo to) => km switch
    {
        < 900 when from.Size == AirportSize.Medium || to.Size == AirportSize.Medium => "E90",
        < 3_000 => "32N",
        < 7_500 => "789",
        _ => "359",
    };

    // ---- Fares ----

    private static Option Price(RoutePlan plan, DateOnly date, Cabin cabin, DateOnly quoteDay, bool roundTrip)
    {
        var origin = plan.Airports[0];
        var destination = plan.Airports[^1];
        var km = Geo.DistanceKm(origin.Location.Point, destination.Location.Point);
        var carrier = plan.Carriers[0];

        var usd = 30 + (0.055 * km) + (6 * Math.Sqrt(km));
        usd *= (plan.Airports.Length - 2) switch { 0 => 1.10, 1 => 1.0, _ => 0.93 };
        usd *= 0.88 + ((StableHash.Of("fare", carrier, origin.Location.Code, destination.Location.Code) % 1000) / 1000.0 * 0.24);
        if (plan.Carriers.All(c => CarrierOf(c)?.LowCost == true))
        {
            usd *= 0.75;
        }
        var hour = FirstDeparture(plan).Minutes / 60;
        if (hour < 7 || hour >= 21)
        {
            usd *= 0.95;
        }
        usd *= date.DayOfWeek switch
        {
            DayOfWeek.Friday or DayOfWeek.Sunday => 1.12,
            DayOfWeek.Saturday => 0.97,
            DayOfWeek.Tuesday or DayOfWeek.Wednesday => 0.92,
            _ => 1.0,
        };
        usd *= date.Month switch { 6 or 7 or 8 => 1.12, 12 => 1.10, 1 or 2 => 0.90, _ => 1.0 };
        var daysAhead = Math.Max(0, date.DayNumber - quoteDay.DayNumber);
        usd *= 0.85 + (0.75 * Math.Exp(-daysAhead / 14.0));
        usd *= CabinFactor(cabin);
        if (roundTrip)
        {
            usd *= 0.9;
        }
        return new Option(plan, date, Math.Round((decimal)usd, 2));
    }

    internal static double CabinFactor(Cabin cabin) => cabin switch
    {
        Cabin.PremiumEconomy => 1.7,
        Cabin.Business => 3.6,
        Cabin.First => 6.0,
        _ => 1.0,
    };

    private static FlightOffer MakeOffer(IReadOnlyList<Option> legs, PassengerMix passengers, Cabin cabin, string currency, DateOnly quoteDay, bool roundTrip)
    {
        var adultUsd = legs.Sum(l => l.AdultUsd);
        // Children pay 75% of the adult fare; infants on a lap 10%.
        var adult = SimulatedMoney.FromUsd(adultUsd, currency);
        var child = SimulatedMoney.FromUsd(adultUsd * 0.75m, currency);
        var infant = SimulatedMoney.FromUsd(adultUsd * 0.10m, currency);
        var breakdown = new List<PassengerPrice> { new("ADULT", passengers.Adults, adult) };
        if (passengers.Children > 0)
        {
            breakdown.Add(new PassengerPrice("CHILD", passengers.Children, child));
        }
        if (passengers.Infants > 0)
        {
            breakdown.Add(new PassengerPrice("HELD_INFANT", passengers.Infants, infant));
        }
        var total = new Money(breakdown.Sum(p => p.PerPerson.Amount * p.Count), currency);

        var key = new OfferKey(quoteDay, passengers, cabin, currency, roundTrip,
            [.. legs.Select(l => new OfferKey.Leg(l.Date, [.. l.Plan.Airports.Select(a => a.Location.Code)], l.Plan.Carriers, l.Plan.Variant))]);
        var id = key.ToString();
        var seatsRng = new StableHash.Rng(StableHash.Of("seats", id));
        var seats = Math.Min(9, passengers.Seated + seatsRng.Next(Math.Max(1, 10 - passengers.Seated)));
        var firstDate = legs[0].Date;
        var lastTicketing = quoteDay.AddDays(3) < firstDate ? quoteDay.AddDays(3) : firstDate;
        return new FlightOffer(id, Sources.Simulated, [.. legs.Select(l => l.Itinerary)], total, breakdown, cabin,
            legs[0].Plan.Carriers[0], seats, lastTicketing);
    }

    private static IEnumerable<List<Option>> Combine(List<List<Option>> legOptions)
    {
        var indexes = new int[legOptions.Count];
        while (true)
        {
            var combination = new List<Option>(legOptions.Count);
            var consistent = true;
            for (var leg = 0; leg < legOptions.Count; leg++)
            {
                var option = legOptions[leg][indexes[leg]];
                // The next leg leaves at least two hours after the previous one lands.
                if (leg > 0 && option.Itinerary.Segments[0].Departure < combination[^1].Itinerary.Segments[^1].Arrival.AddHours(2))
                {
                    consistent = false;
                }
                combination.Add(option);
            }
            if (consistent)
            {
                yield return combination;
            }
            var position = legOptions.Count - 1;
            while (position >= 0 && ++indexes[position] == legOptions[position].Count)
            {
                indexes[position] = 0;
                position--;
            }
            if (position < 0)
            {
                yield break;
            }
        }
    }

    private sealed record HubEntry(Carrier Carrier, AirportInfo Airport);

    private sealed record RoutePlan(AirportInfo[] Airports, string[] Carriers, int Variant)
    {
        public ulong Seed { get; } = StableHash.Of("schedule", string.Join('.', Airports.Select(a => a.Location.Code)), string.Join('.', Carriers), Variant.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A priced routing; its schedule is built only for the options that are kept.</summary>
    private sealed record Option(RoutePlan Plan, DateOnly Date, decimal AdultUsd)
    {
        private Itinerary? itinerary;

        public Itinerary Itinerary => itinerary ??= Build(Plan, Date);
    }

    /// <summary>
    /// What an offer id encodes: <c>S1_{quote day}_{adults}-{children}-{infants}_{cabin}_{currency}_{O|R}_{leg}_…_{check}</c>,
    /// each leg <c>{date}~{airports joined by .}~{carriers joined by .}~{variant}</c>. URL safe, readable, checked.
    /// </summary>
    private sealed record OfferKey(DateOnly QuoteDay, PassengerMix Passengers, Cabin Cabin, string Currency, bool RoundTrip, IReadOnlyList<OfferKey.Leg> Legs)
    {
        public sealed record Leg(DateOnly Date, string[] Airports, string[] Carriers, int Variant);

        public override string ToString()
        {
            var builder = new StringBuilder(IdPrefix);
            builder.Append('_').Append(QuoteDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .Append('_').Append(CultureInfo.InvariantCulture, $"{Passengers.Adults}-{Passengers.Children}-{Passengers.Infants}")
                .Append('_').Append(CabinCode(Cabin))
                .Append('_').Append(Currency)
                .Append('_').Append(RoundTrip ? 'R' : 'O');
            foreach (var leg in Legs)
            {
                builder.Append('_').Append(leg.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                    .Append('~').Append(string.Join('.', leg.Airports))
                    .Append('~').Append(string.Join('.', leg.Carriers))
                    .Append('~').Append(leg.Variant.ToString(CultureInfo.InvariantCulture));
            }
            var body = builder.ToString();
            return body + "_" + StableHash.Check(body);
        }

        public static bool TryParse(string? id, out OfferKey key)
        {
            key = null!;
            if (string.IsNullOrEmpty(id) || id.Length > 400 || !id.StartsWith(IdPrefix + "_", StringComparison.Ordinal))
            {
                return false;
            }
            var cut = id.LastIndexOf('_');
            if (cut < 0 || !string.Equals(StableHash.Check(id[..cut]), id[(cut + 1)..], StringComparison.Ordinal))
            {
                return false;
            }
            var parts = id[..cut].Split('_');
            if (parts.Length < 7
                || !TryDate(parts[1], out var quoteDay)
                || parts[2].Split('-') is not [var a, var c, var i]
                || !int.TryParse(a, CultureInfo.InvariantCulture, out var adults)
                || !int.TryParse(c, CultureInfo.InvariantCulture, out var children)
                || !int.TryParse(i, CultureInfo.InvariantCulture, out var infants)
                || CabinFrom(parts[3]) is not { } cabin
                || !SimulatedMoney.IsSupported(parts[4])
                || parts[5] is not ("R" or "O"))
            {
                return false;
            }
            var legs = new List<Leg>();
            foreach (var part in parts.AsSpan(6))
            {
                if (part.Split('~') is not [var date, var airports, var carriers, var variantText]
                    || !TryDate(date, out var legDate)
                    || !int.TryParse(variantText, CultureInfo.InvariantCulture, out var variant))
                {
                    return false;
                }
                var airportCodes = airports.Split('.');
                var carrierCodes = carriers.Split('.');
                if (airportCodes.Length < 2 || carrierCodes.Length != airportCodes.Length - 1)
                {
                    return false;
                }
                legs.Add(new Leg(legDate, airportCodes, carrierCodes, variant));
            }
            key = new OfferKey(quoteDay, new PassengerMix(adults, children, infants), cabin, parts[4], parts[5] == "R", legs);
            return true;
        }

        private static bool TryDate(string text, out DateOnly date) =>
            DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

        private static char CabinCode(Cabin cabin) => cabin switch
        {
            Cabin.PremiumEconomy => 'W',
            Cabin.Business => 'C',
            Cabin.First => 'F',
            _ => 'Y',
        };

        private static Cabin? CabinFrom(string code) => code switch
        {
            "Y" => Cabin.Economy,
            "W" => Cabin.PremiumEconomy,
            "C" => Cabin.Business,
            "F" => Cabin.First,
            _ => null,
        };
    }
}
