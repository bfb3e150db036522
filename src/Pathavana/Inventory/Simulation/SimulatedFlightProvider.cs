using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Pathavana.Platform;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// The offline flight inventory, flown over the real airline route network (<see cref="RouteNetwork"/>,
/// from OpenFlights.org): nonstops exactly where a route exists, with the airlines that fly it;
/// connections only through a hub of the selling airline or its partner, 50 min (80 min when a border
/// is crossed) to 6 h, flown distance at most 1.3× the great circle with one stop and 1.5× with two.
/// Schedules and fares are deterministic: the same query gives the same offers, and an offer's id
/// encodes its flights so <see cref="PriceAsync"/> re-derives it. Nothing departs in the past or within
/// <see cref="InventoryLimits.MinimumLeadTime"/> of the app's clock.
/// </summary>
internal sealed class SimulatedFlightProvider : IFlightProvider, IFlightCalendarSource
{
    private const string IdPrefix = "S2";
    public const double MaxOneStopDetour = 1.3;
    public const double MaxTwoStopDetour = 1.5;

    /// <summary>Minimum connection time when all three airports are in one country.</summary>
    public static readonly TimeSpan DomesticConnection = TimeSpan.FromMinutes(50);

    /// <summary>Minimum connection time when the journey crosses a border.</summary>
    public static readonly TimeSpan InternationalConnection = TimeSpan.FromMinutes(80);

    /// <summary>The longest connection sold.</summary>
    public static readonly TimeSpan MaxConnection = TimeSpan.FromHours(6);

    private const int MaxRemembered = 20_000;

    private readonly LocationDirectory directory;
    private readonly TimeProvider time;
    private readonly Lazy<Timetable> timetables;
    private readonly ConcurrentDictionary<(string, string), Chain[]> chains = new();

    /// <summary>Over the bundled route network, loaded on first use (the app warms it in the background at start).</summary>
    public SimulatedFlightProvider(LocationDirectory directory, TimeProvider time)
    {
        this.directory = directory;
        this.time = time;
        timetables = new Lazy<Timetable>(() => new Timetable(RouteNetwork.Shared));
    }

    public SimulatedFlightProvider(LocationDirectory directory, RouteNetwork network, TimeProvider time)
    {
        this.directory = directory;
        this.time = time;
        timetables = new Lazy<Timetable>(() => new Timetable(network));
    }

    private Timetable Table => timetables.Value;

    private RouteNetwork Network => timetables.Value.Network;

    public Task<IReadOnlyList<FlightOffer>> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Task.FromResult(Search(search));
    }

    public Task<PriceCheck<FlightOffer>> PriceAsync(FlightOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        // A quote holds for the day it was made; re-pricing on a later day quotes again, as airlines do.
        var current = Rebuild(offer.Id, Today)
            ?? throw new ArgumentException("The offer was not made by the simulator.", nameof(offer));
        var available = current.Itineraries[0].Segments[0].Departure >= Cutoff;
        var changed = current.TotalPrice != offer.TotalPrice;
        return Task.FromResult(new PriceCheck<FlightOffer>(current, available, changed, changed ? offer.TotalPrice : null));
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The earliest departure still sold: now plus the minimum lead time.</summary>
    private DateTimeOffset Cutoff => time.GetUtcNow() + InventoryLimits.MinimumLeadTime;

    /// <summary>The offers for a search, cheapest first.</summary>
    public IReadOnlyList<FlightOffer> Search(FlightSearch search)
    {
        if (search.Legs.Count == 0 || !SimulatedMoney.IsSupported(search.Currency))
        {
            return [];
        }
        var quoteDay = Today;
        var cutoff = Cutoff;
        var roundTrip = IsRoundTrip(search.Legs);
        var perLeg = search.Legs.Count switch { 1 => 60, 2 => 10, 3 => 5, _ => 3 };

        var legOptions = new List<List<Option>>(search.Legs.Count);
        foreach (var leg in search.Legs)
        {
            var priced = new List<Option>();
            foreach (var chain in LegChains(leg.Origin, leg.Destination))
            {
                if ((search.NonStop && chain.Flights.Length > 1) || !CarriersAllowed(chain, search) || !chain.OperatesOn(leg.Date))
                {
                    continue;
                }
                priced.Add(new Option(chain, leg.Date, AdultUsd(chain, leg.Date, search.Cabin, quoteDay, roundTrip)));
            }
            priced.Sort(static (a, b) => a.AdultUsd.CompareTo(b.AdultUsd));
            var kept = new List<Option>(perLeg);
            foreach (var option in Diverse(priced, perLeg * 2))
            {
                if (option.Itinerary is { } itinerary && itinerary.Segments[0].Departure >= cutoff)
                {
                    kept.Add(option);
                }
            }
            if (kept.Count == 0)
            {
                return [];
            }
            legOptions.Add(kept.Count > perLeg ? Diverse(kept, perLeg) : kept);
        }

        var offers = new List<FlightOffer>();
        foreach (var combination in Combine(legOptions))
        {
            var offer = MakeOffer(combination, search.Passengers, search.Cabin, search.Currency, quoteDay, roundTrip);
            if (search.MaxPrice is { } max && offer.PriceBreakdown[0].PerPerson.Amount > max)
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

    /// <summary>
    /// The cheapest one-way offer of each day in one pass over the route network: the routings
    /// between the two places are found once, each day only re-prices them, and a full offer is built
    /// for the winner of each day alone.
    /// </summary>
    public IReadOnlyList<CalendarDay> CheapestByDay(string origin, string destination, IReadOnlyList<DateOnly> dates,
        PassengerMix passengers, Cabin cabin, string currency)
    {
        var days = new List<CalendarDay>(dates.Count);
        if (!SimulatedMoney.IsSupported(currency))
        {
            return [.. dates.Select(d => new CalendarDay(d, null, null, null))];
        }
        var quoteDay = Today;
        var cutoff = Cutoff;
        var all = LegChains(origin, destination).Where(c => cabin == Cabin.Economy || c.Flights.All(f => !Carriers.IsLowCost(f.Carrier))).ToArray();
        // One pass: every routing priced once without its date; each day's factors are common to all
        // routings, so a day's cheapest is the first routing in this order that flies that day and
        // has not left yet.
        var bases = new double[all.Length];
        var order = new int[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            bases[i] = ChainUsd(all[i]);
            order[i] = i;
        }
        Array.Sort(bases, order);
        foreach (var date in dates)
        {
            FlightOffer? best = null;
            foreach (var k in order)
            {
                if (!all[k].OperatesOn(date))
                {
                    continue;
                }
                var option = new Option(all[k], date, AdultUsd(all[k], date, cabin, quoteDay, roundTrip: false));
                if (option.Itinerary is { } itinerary && itinerary.Segments[0].Departure >= cutoff)
                {
                    best = MakeOffer([option], passengers, cabin, currency, quoteDay, roundTrip: false);
                    break;
                }
            }
            days.Add(new CalendarDay(date, best?.TotalPrice, best?.Id, best?.Itineraries[0].Stops));
        }
        return days;
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
            var flights = new ScheduledFlight[leg.Flights.Length];
            for (var i = 0; i < flights.Length; i++)
            {
                var route = Network.Find(leg.Airports[i], leg.Airports[i + 1]);
                var flight = route is null ? null : Array.Find(Table.For(route), f => f.Designator == leg.Flights[i]);
                if (flight is null)
                {
                    return null;
                }
                flights[i] = flight;
            }
            if (Chain.Connect(flights) is not { } chain)
            {
                return null;
            }
            var option = new Option(chain, leg.Date, AdultUsd(chain, leg.Date, key.Cabin, quoteDay ?? key.QuoteDay, key.RoundTrip));
            if (option.Itinerary is null)
            {
                return null;
            }
            options.Add(option);
        }
        return MakeOffer(options, key.Passengers, key.Cabin, key.Currency, quoteDay ?? key.QuoteDay, key.RoundTrip);
    }

    /// <summary>Forgets the remembered routings and timetables (for benchmarks of the cold path).</summary>
    internal void ForgetRoutes()
    {
        chains.Clear();
        Table.Forget();
    }

    /// <summary>The cheapest options, with the best nonstop, one-stop and fastest ones kept in.</summary>
    private static List<Option> Diverse(List<Option> cheapestFirst, int count)
    {
        if (cheapestFirst.Count <= count)
        {
            return cheapestFirst;
        }
        var chosen = new HashSet<Option>(ReferenceEqualityComparer.Instance);
        for (var stops = 0; stops <= 2; stops++)
        {
            foreach (var option in cheapestFirst.Where(o => o.Chain.Flights.Length - 1 == stops).Take(Math.Max(1, count / 4)))
            {
                chosen.Add(option);
            }
        }
        foreach (var option in cheapestFirst.OrderBy(o => o.Chain.Elapsed).Take(Math.Max(1, count / 6)))
        {
            chosen.Add(option);
        }
        foreach (var option in cheapestFirst)
        {
            if (chosen.Count >= count)
            {
                break;
            }
            chosen.Add(option);
        }
        return [.. cheapestFirst.Where(chosen.Contains)];
    }

    private static bool IsRoundTrip(IReadOnlyList<FlightLeg> legs) =>
        legs.Count == 2
        && string.Equals(legs[0].Origin, legs[1].Destination, StringComparison.OrdinalIgnoreCase)
        && string.Equals(legs[0].Destination, legs[1].Origin, StringComparison.OrdinalIgnoreCase);

    private static bool CarriersAllowed(Chain chain, FlightSearch search)
    {
        if (search.Cabin != Cabin.Economy && chain.Flights.Any(f => Carriers.IsLowCost(f.Carrier) || Carriers.IsLowCost(f.Operator)))
        {
            return false; // low-cost carriers sell no premium cabins
        }
        if (search.IncludedAirlines is { Count: > 0 } included
            && !chain.Flights.All(f => included.Contains(f.Carrier, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }
        return search.ExcludedAirlines is not { Count: > 0 } excluded
            || !chain.Flights.Any(f => excluded.Contains(f.Carrier, StringComparer.OrdinalIgnoreCase) || excluded.Contains(f.Operator, StringComparer.OrdinalIgnoreCase));
    }

    // ---- Routings: which chains of flights connect two places ----

    /// <summary>
    /// Every routing between two places (all airport pairs of metro areas): nonstops and one-stop
    /// connections, and two-stop ones only when fewer than six routings of at most one stop exist.
    /// </summary>
    private List<Chain> LegChains(string origin, string destination)
    {
        var pairs = new List<(string From, string To)>();
        foreach (var from in directory.AirportsFor(origin))
        {
            foreach (var to in directory.AirportsFor(destination))
            {
                if (from.Code != to.Code)
                {
                    pairs.Add((from.Code, to.Code));
                }
            }
        }
        var result = new List<Chain>();
        foreach (var (from, to) in pairs)
        {
            result.AddRange(Chains(from, to, twoStops: false));
        }
        if (result.Count < 6)
        {
            foreach (var (from, to) in pairs)
            {
                result.AddRange(Chains(from, to, twoStops: true));
            }
        }
        return result;
    }

    private Chain[] Chains(string origin, string destination, bool twoStops)
    {
        var key = (origin + (twoStops ? "+2" : ""), destination);
        if (chains.TryGetValue(key, out var known))
        {
            return known;
        }
        if (chains.Count >= MaxRemembered)
        {
            chains.Clear();
        }
        return chains[key] = twoStops ? [.. FindTwoStops(origin, destination)] : [.. FindChains(origin, destination)];
    }

    /// <summary>Nonstops and one-stop connections between two airports.</summary>
    private List<Chain> FindChains(string origin, string destination)
    {
        var found = new List<Chain>();
        if (directory.Airport(origin) is not { } o || directory.Airport(destination) is not { } d)
        {
            return found;
        }
        var km = Geo.DistanceKm(o.Location.Point, d.Location.Point);

        // Nonstop: every flight of every airline on the route.
        if (Network.Find(origin, destination) is { } direct)
        {
            foreach (var flight in Table.For(direct))
            {
                found.Add(Chain.Connect([flight])!);
            }
        }

        // One stop through a hub of the selling airline or its partner.
        var oneStops = new List<Chain>();
        foreach (var first in Network.From(origin))
        {
            var hub = first.To.Location.Code;
            if (hub == destination || first.Km > MaxOneStopDetour * km
                || Network.Find(hub, destination) is not { } second || first.Km + second.Km > MaxOneStopDetour * km
                || !(AnyHub(first, hub) || AnyHub(second, hub)))
            {
                continue;
            }
            Pair(Table.For(first), Table.For(second), hub, oneStops);
        }
        // Keep the quickest few connections per routing and airline, enough for a varied first page.
        found.AddRange(oneStops
            .GroupBy(c => (c.Flights[1].Route.From.Location.Code, c.Flights[0].Carrier))
            .SelectMany(g => g.OrderBy(c => c.Elapsed).Take(3))
            .OrderBy(c => c.Elapsed)
            .Take(80));
        return found;
    }

    /// <summary>Two-stop connections between two airports, through two hubs, for trips long enough to need them.</summary>
    private List<Chain> FindTwoStops(string origin, string destination)
    {
        var twoStops = new List<Chain>();
        if (directory.Airport(origin) is not { } o || directory.Airport(destination) is not { } d)
        {
            return twoStops;
        }
        var km = Geo.DistanceKm(o.Location.Point, d.Location.Point);
        if (km < 1200)
        {
            return twoStops;
        }
        var budget = MaxTwoStopDetour * km;
        // Last flights into the destination from a hub of one of their airlines.
        var lasts = Network.Into(destination).Where(r => r.From.Location.Code != origin && AnyHub(r, r.From.Location.Code) && r.Km < budget).ToArray();
        foreach (var first in Network.From(origin))
        {
            var h1 = first.To.Location.Code;
            if (h1 == destination || first.Km >= budget || !AnyHub(first, h1))
            {
                continue;
            }
            foreach (var third in lasts)
            {
                var h2 = third.From.Location.Code;
                if (h2 == h1 || first.Km + third.Km >= budget || Network.Find(h1, h2) is not { } middle
                    || first.Km + middle.Km + third.Km > budget)
                {
                    continue;
                }
                var partial = new List<Chain>();
                Pair(Table.For(first), Table.For(middle), h1, partial);
                foreach (var head in partial.OrderBy(c => c.Elapsed).Take(3))
                {
                    foreach (var flight in Table.For(third))
                    {
                        if (Sells(head.Flights[0].Carrier, flight, h2) && Chain.Connect([.. head.Flights, flight]) is { } chain)
                        {
                            twoStops.Add(chain);
                            break;
                        }
                    }
                }
                if (twoStops.Count > 200)
                {
                    break;
                }
            }
        }
        return [.. twoStops.OrderBy(c => c.Elapsed).Take(20)];
    }

    /// <summary>Whether an airport is a hub of an airline that flies this route and sells connections.</summary>
    private bool AnyHub(Route route, string airport)
    {
        foreach (var op in route.Operators)
        {
            if (Carriers.SellsConnections(op.Carrier) && Network.IsHub(op.Carrier, airport))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds every first flight with the earliest second flight it connects to (same seller or partner, through a hub).</summary>
    private void Pair(ScheduledFlight[] firsts, ScheduledFlight[] seconds, string hub, List<Chain> into)
    {
        foreach (var f1 in firsts)
        {
            if (f1.OperatingCarrier is not null || !Carriers.SellsConnections(f1.Carrier))
            {
                continue;
            }
            Chain? best = null;
            foreach (var f2 in seconds)
            {
                if (f2.OperatingCarrier is not null || !Carriers.Partners(f1.Carrier, f2.Carrier) || !Carriers.SellsConnections(f2.Carrier)
                    || !(Network.IsHub(f1.Carrier, hub) || Network.IsHub(f2.Carrier, hub)))
                {
                    continue;
                }
                if (Chain.Connect([f1, f2]) is { } chain && (best is null || chain.Elapsed < best.Elapsed))
                {
                    best = chain;
                }
            }
            if (best is not null)
            {
                into.Add(best);
            }
        }
    }

    /// <summary>Whether the airline selling a journey may add this flight at this hub.</summary>
    private bool Sells(string seller, ScheduledFlight flight, string hub) =>
        flight.OperatingCarrier is null && Carriers.Partners(seller, flight.Carrier) && Carriers.SellsConnections(flight.Carrier)
        && (Network.IsHub(seller, hub) || Network.IsHub(flight.Carrier, hub));

    // ---- Fares ----

    /// <summary>
    /// The adult fare in US dollars: grows with distance (tapering), less at home than abroad, by cabin, as the date nears and on
    /// peak days and seasons; each airline prices a market its own way; connections cost more than the
    /// nonstop in the same market, low-cost nonstops less; early and late departures a little less.
    /// </summary>
    private static decimal AdultUsd(Chain chain, DateOnly date, Cabin cabin, DateOnly quoteDay, bool roundTrip) =>
        DatedUsd(ChainUsd(chain), date, cabin, quoteDay, roundTrip);

    /// <summary>The part of an adult fare that depends on the routing, airline and time of day alone (USD).</summary>
    private static double ChainUsd(Chain chain)
    {
        var origin = chain.Flights[0].Route.From;
        var destination = chain.Flights[^1].Route.To;
        var km = chain.Km;
        var seller = chain.Flights[0].Carrier;

        // Calibrated on published economy fares booked a few months ahead: a one-way leg of about
        // $90 for 300 km, $510 for 5,100 km (Boston–Lisbon, so about $740 each for the round trip)
        // and $1,030 for 11,900 km; domestic markets sell for less per km than international ones.
        var usd = 35 + (0.065 * km) + (2 * Math.Sqrt(km));
        if (origin.Location.CountryCode == destination.Location.CountryCode)
        {
            usd *= 0.8;
        }
        usd *= 0.92 + ((StableHash.Of("fare", seller, origin.Location.Code, destination.Location.Code) % 1000) / 1000.0 * 0.20);
        if (chain.Flights.Length == 1)
        {
            if (Carriers.IsLowCost(chain.Flights[0].Operator))
            {
                usd *= 0.72;
            }
        }
        else
        {
            var hubs = string.Join('.', chain.Flights.Skip(1).Select(f => f.Route.From.Location.Code));
            usd *= (chain.Flights.Length == 2 ? 1.3 : 1.42) + ((StableHash.Of("connect", seller, hubs) % 1000) / 1000.0 * 0.2);
        }
        var hour = chain.Flights[0].DepartureMinutes / 60;
        if (hour < 7 || hour >= 21)
        {
            usd *= 0.96;
        }
        return usd;
    }

    /// <summary>
    /// A routing's fare on a day: the same factors for every routing (weekday, season, nearness of
    /// the date, cabin, round trip), so the cheapest routing of a day is the one with the lowest
    /// <see cref="ChainUsd"/> that flies that day.
    /// </summary>
    private static decimal DatedUsd(double usd, DateOnly date, Cabin cabin, DateOnly quoteDay, bool roundTrip)
    {
        usd *= date.DayOfWeek switch
        {
            DayOfWeek.Friday or DayOfWeek.Sunday => 1.12,
            DayOfWeek.Saturday => 0.97,
            DayOfWeek.Tuesday or DayOfWeek.Wednesday => 0.92,
            _ => 1.0,
        };
        usd *= Season(date);
        var daysAhead = Math.Max(0, date.DayNumber - quoteDay.DayNumber);
        usd *= 0.85 + (0.75 * Math.Exp(-daysAhead / 14.0));
        usd *= CabinFactor(cabin);
        if (roundTrip)
        {
            usd *= 0.85;
        }
        return Math.Round((decimal)usd, 2);
    }

    /// <summary>Peak days and seasons: the year-end holidays, summer, Easter-ish spring weeks, winter lows.</summary>
    internal static double Season(DateOnly date) => (date.Month, date.Day) switch
    {
        (12, >= 19) or (1, <= 3) => 1.3,
        (11, >= 24 and <= 30) => 1.18,
        (7, _) or (8, <= 20) => 1.2,
        (6, _) or (8, _) => 1.1,
        (1, _) or (2, _) or (11, _) => 0.88,
        _ => 1.0,
    };

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
            [.. legs.Select(l => new OfferKey.Leg(l.Date,
                [l.Chain.Flights[0].Route.From.Location.Code, .. l.Chain.Flights.Select(f => f.Route.To.Location.Code)],
                [.. l.Chain.Flights.Select(f => f.Designator)]))]);
        var id = key.ToString();
        var seatsRng = new StableHash.Rng(StableHash.Of("seats", id));
        var seats = Math.Min(9, passengers.Seated + seatsRng.Next(Math.Max(1, 10 - passengers.Seated)));
        var firstDate = legs[0].Date;
        var lastTicketing = quoteDay.AddDays(3) < firstDate ? quoteDay.AddDays(3) : firstDate;
        return new FlightOffer(id, Sources.Simulated, [.. legs.Select(l => l.Itinerary!)], total, breakdown, cabin,
            legs[0].Chain.Flights[0].Carrier, seats, lastTicketing);
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
                if (leg > 0 && option.Itinerary!.Segments[0].Departure < combination[^1].Itinerary!.Segments[^1].Arrival.AddHours(2))
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

    /// <summary>
    /// Flights that connect: each leaves on the day (relative to the first) that gives a connection
    /// within the allowed window, reckoned with the airports' standard offsets; checked again with the
    /// offsets of the actual date when built.
    /// </summary>
    private sealed class Chain
    {
        private Chain(ScheduledFlight[] flights, int[] dayOffsets, TimeSpan elapsed)
        {
            Flights = flights;
            DayOffsets = dayOffsets;
            Elapsed = elapsed;
            Km = Geo.DistanceKm(flights[0].Route.From.Location.Point, flights[^1].Route.To.Location.Point);
        }

        public ScheduledFlight[] Flights { get; }

        /// <summary>Local departure day of each flight, counted from the first flight's day.</summary>
        public int[] DayOffsets { get; }

        /// <summary>Departure to arrival, at standard offsets.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Great-circle distance from the first origin to the last destination.</summary>
        public double Km { get; }

        public bool OperatesOn(DateOnly date)
        {
            for (var i = 0; i < Flights.Length; i++)
            {
                if (!Flights[i].OperatesOn(date.AddDays(DayOffsets[i])))
                {
                    return false;
                }
            }
            return true;
        }

        public static TimeSpan MinimumConnection(Route inbound, Route outbound) =>
            inbound.Domestic && outbound.Domestic && inbound.From.Location.CountryCode == outbound.To.Location.CountryCode
                ? DomesticConnection : InternationalConnection;

        /// <summary>The flights as one journey, or null when a connection falls outside the window.</summary>
        public static Chain? Connect(ScheduledFlight[] flights)
        {
            var offsets = new int[flights.Length];
            // Minutes on a UTC axis from the first flight's local midnight.
            var firstOffset = Offset(flights[0]);
            var departure = flights[0].DepartureMinutes - firstOffset;
            var arrival = departure + (int)flights[0].Block.TotalMinutes;
            for (var i = 1; i < flights.Length; i++)
            {
                var f = flights[i];
                var earliest = arrival + (int)MinimumConnection(flights[i - 1].Route, f.Route).TotalMinutes;
                var local = f.DepartureMinutes - Offset(f);
                var day = (int)Math.Ceiling((earliest - local) / 1440.0);
                var leaves = (day * 1440) + local;
                if (leaves - arrival > (int)MaxConnection.TotalMinutes || f.Route.From.Location.Code != flights[i - 1].Route.To.Location.Code)
                {
                    return null;
                }
                offsets[i] = day;
                arrival = leaves + (int)f.Block.TotalMinutes;
            }
            return new Chain(flights, offsets, TimeSpan.FromMinutes(arrival - departure));
        }

        private static int Offset(ScheduledFlight flight) => (int)flight.Route.From.TimeZone.BaseUtcOffset.TotalMinutes;

        /// <summary>The journey on a date, in local times with the offsets in force; null when a connection breaks on that date.</summary>
        public Itinerary? Build(DateOnly date)
        {
            var segments = new FlightSegment[Flights.Length];
            for (var i = 0; i < Flights.Length; i++)
            {
                var f = Flights[i];
                var departure = LocalTime(date.AddDays(DayOffsets[i]), f.DepartureMinutes, f.Route.From.TimeZone);
                if (i > 0)
                {
                    var gap = departure - segments[i - 1].Arrival;
                    if (gap < MinimumConnection(Flights[i - 1].Route, f.Route) || gap > MaxConnection)
                    {
                        return null;
                    }
                }
                var arrival = TimeZoneInfo.ConvertTime(departure + f.Block, f.Route.To.TimeZone);
                segments[i] = new FlightSegment(f.Carrier, f.Number, f.Route.From.Location.Code, f.Route.To.Location.Code,
                    departure, arrival, f.Block, Aircraft.Name(f.AircraftCode), f.OperatingCarrier);
            }
            return new Itinerary(segments[^1].Arrival - segments[0].Departure, segments);
        }
    }

    /// <summary>A priced chain on a date; its schedule is built only for the options that are kept.</summary>
    private sealed class Option(Chain chain, DateOnly date, decimal adultUsd)
    {
        private Itinerary? itinerary;
        private bool built;

        public Chain Chain => chain;

        public DateOnly Date => date;

        public decimal AdultUsd => adultUsd;

        public Itinerary? Itinerary
        {
            get
            {
                if (!built)
                {
                    itinerary = chain.Build(date);
                    built = true;
                }
                return itinerary;
            }
        }
    }

    /// <summary>
    /// What an offer id encodes: <c>S2_{quote day}_{adults}-{children}-{infants}_{cabin}_{currency}_{O|R}_{leg}_…_{check}</c>,
    /// each leg <c>{date}~{airports joined by .}~{flights joined by .}</c>, a flight as designator and number (<c>BA117</c>).
    /// URL safe, readable, checked.
    /// </summary>
    private sealed record OfferKey(DateOnly QuoteDay, PassengerMix Passengers, Cabin Cabin, string Currency, bool RoundTrip, IReadOnlyList<OfferKey.Leg> Legs)
    {
        public sealed record Leg(DateOnly Date, string[] Airports, string[] Flights);

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
                    .Append('~').Append(string.Join('.', leg.Flights));
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
                || adults is < 1 or > 9 || children is < 0 or > 9 || infants < 0 || infants > adults
                || CabinFrom(parts[3]) is not { } cabin
                || !SimulatedMoney.IsSupported(parts[4])
                || parts[5] is not ("R" or "O"))
            {
                return false;
            }
            var legs = new List<Leg>();
            foreach (var part in parts.AsSpan(6))
            {
                if (part.Split('~') is not [var date, var airports, var flights] || !TryDate(date, out var legDate))
                {
                    return false;
                }
                var airportCodes = airports.Split('.');
                var flightCodes = flights.Split('.');
                if (airportCodes.Length < 2 || flightCodes.Length != airportCodes.Length - 1)
                {
                    return false;
                }
                legs.Add(new Leg(legDate, airportCodes, flightCodes));
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
