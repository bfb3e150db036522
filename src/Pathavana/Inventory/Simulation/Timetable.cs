using System.Collections.Concurrent;
using System.Globalization;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// One flight of the simulated timetable, the same every week: it leaves at a wall-clock time at
/// its origin on the days of <see cref="Days"/> (bit 0 = Sunday … bit 6 = Saturday).
/// </summary>
/// <param name="Carrier">The marketing carrier (the designator on the ticket).</param>
/// <param name="OperatingCarrier">Who flies it when another airline sells it as a codeshare, else null.</param>
internal sealed record ScheduledFlight(
    Route Route,
    string Carrier,
    string Number,
    string? OperatingCarrier,
    string AircraftCode,
    int DepartureMinutes,
    TimeSpan Block,
    int Days)
{
    public const int Daily = 0b111_1111;

    public bool OperatesOn(DateOnly date) => (Days & (1 << (int)date.DayOfWeek)) != 0;

    /// <summary>The airline that flies the aircraft.</summary>
    public string Operator => OperatingCarrier ?? Carrier;

    public string Designator => Carrier + Number;
}

/// <summary>
/// The simulated timetable of each route: how often each airline flies it, when (in departure banks
/// at its hubs, at hours that land at a civil time), with what aircraft and how long gate to gate.
/// Codeshares are sold by airlines based at either end. Deterministic; remembered per route.
/// </summary>
internal sealed class Timetable(RouteNetwork network)
{
    private const int MaxRemembered = 50_000;

    // Waves of departures at an airline's hub, minutes after local midnight.
    private static readonly int[] Banks = [7 * 60, (8 * 60) + 30, 10 * 60, (11 * 60) + 30, (13 * 60) + 30, 15 * 60, 17 * 60, (18 * 60) + 30, 20 * 60, (21 * 60) + 30];

    private readonly ConcurrentDictionary<Route, ScheduledFlight[]> flights = new(ReferenceEqualityComparer.Instance);

    public RouteNetwork Network => network;

    /// <summary>Every flight on a route, operated and codeshare, ordered by departure time.</summary>
    public ScheduledFlight[] For(Route route)
    {
        if (flights.TryGetValue(route, out var known))
        {
            return known;
        }
        if (flights.Count >= MaxRemembered)
        {
            flights.Clear();
        }
        return flights[route] = Build(route);
    }

    /// <summary>Forgets remembered timetables (for benchmarks of the cold path).</summary>
    public void Forget() => flights.Clear();

    private ScheduledFlight[] Build(Route route)
    {
        var list = new List<ScheduledFlight>();
        var fromCode = route.From.Location.Code;
        var toCode = route.To.Location.Code;
        foreach (var op in route.Operators)
        {
            var rng = new StableHash.Rng(StableHash.Of("timetable", op.Carrier, fromCode, toCode));
            var aircraft = op.Aircraft ?? Aircraft.ByDistance(route.Km);
            var block = Aircraft.BlockTime(aircraft, route.Km, DeltaLongitude(route));
            var frequency = Frequency(route, op.Carrier, ref rng);
            var days = frequency == 1 && route.Operators.Length == 1 && (route.From.Size == AirportSize.Medium || route.To.Size == AirportSize.Medium) && rng.Next(3) == 0
                ? ThinRouteDays(ref rng)
                : ScheduledFlight.Daily;
            var times = DepartureTimes(route, op.Carrier, block, frequency, ref rng);
            // Long haul gets low flight numbers, like airlines' flagship routes; each direction its own.
            var baseNumber = route.Km > 4000 ? 1 + ((int)(StableHash.Of("number", op.Carrier, fromCode, toCode) % 150) * 2)
                : 300 + ((int)(StableHash.Of("number", op.Carrier, fromCode, toCode) % 800) * 2);
            for (var i = 0; i < times.Count; i++)
            {
                var number = (baseNumber + (i * 2)).ToString(CultureInfo.InvariantCulture);
                list.Add(new ScheduledFlight(route, op.Carrier, number, null, aircraft, times[i], block, days));
            }
        }

        // Codeshares: an airline based at either end sells its partner's (or the only) operator's flights.
        var homeCountries = new[] { route.From.Location.CountryCode, route.To.Location.CountryCode };
        var operated = list.ToArray();
        var sellers = 0;
        foreach (var marketer in route.Codeshares)
        {
            if (sellers == 2 || !homeCountries.Contains(LocationDirectory.Shared.AirlineCountry(marketer)))
            {
                continue;
            }
            var partner = route.Operators.FirstOrDefault(o => Carriers.Partners(o.Carrier, marketer))?.Carrier ?? route.Operators[0].Carrier;
            var offset = 1000 + (int)(StableHash.Of("codeshare", marketer, fromCode, toCode) % 7000);
            var n = 0;
            foreach (var flight in operated.Where(f => f.Carrier == partner))
            {
                list.Add(flight with
                {
                    Carrier = marketer,
                    Number = (offset + n++).ToString(CultureInfo.InvariantCulture),
                    OperatingCarrier = flight.Carrier,
                });
            }
            sellers++;
        }
        list.Sort(static (a, b) => a.DepartureMinutes != b.DepartureMinutes
            ? a.DepartureMinutes.CompareTo(b.DepartureMinutes)
            : string.CompareOrdinal(a.Designator, b.Designator));
        return [.. list];
    }

    /// <summary>Flights a day: one on long haul, more between an airline's hubs and big airports.</summary>
    private int Frequency(Route route, string carrier, ref StableHash.Rng rng)
    {
        var fromHub = network.IsHub(carrier, route.From.Location.Code);
        var toHub = network.IsHub(carrier, route.To.Location.Code);
        var large = route.From.Size == AirportSize.Large && route.To.Size == AirportSize.Large;
        if (route.Km >= 7000)
        {
            return 1;
        }
        if (route.Km >= 3500)
        {
            return fromHub && toHub && large ? 2 : 1;
        }
        var frequency = 1 + (fromHub || toHub ? 2 : 0) + (large ? 1 : 0) + (route.Km < 1500 && fromHub && toHub ? 1 : 0);
        if (Carriers.IsLowCost(carrier))
        {
            frequency = Math.Min(frequency, 2);
        }
        frequency += rng.Next(3) - 1;
        return Math.Clamp(frequency, 1, 6);
    }

    private static int ThinRouteDays(ref StableHash.Rng rng)
    {
        // Three to six days a week.
        var days = ScheduledFlight.Daily;
        var off = 1 + rng.Next(4);
        for (var i = 0; i < off; i++)
        {
            days &= ~(1 << rng.Next(7));
        }
        return days == 0 ? ScheduledFlight.Daily : days;
    }

    /// <summary>
    /// Departure times, minutes after local midnight: banks at the airline's hub, otherwise spread over
    /// the day; never landing between 00:30 and 05:30 local unless nothing else fits (overnight long haul
    /// then lands in the morning). Spread evenly over the acceptable part of the day.
    /// </summary>
    private List<int> DepartureTimes(Route route, string carrier, TimeSpan block, int frequency, ref StableHash.Rng rng)
    {
        var fromOffset = (int)route.From.TimeZone.BaseUtcOffset.TotalMinutes;
        var toOffset = (int)route.To.TimeZone.BaseUtcOffset.TotalMinutes;
        var hub = network.IsHub(carrier, route.From.Location.Code);
        var candidates = new List<int>();
        if (hub && block < TimeSpan.FromHours(5))
        {
            foreach (var bank in Banks)
            {
                candidates.Add(bank + (rng.Next(9) * 5));
            }
        }
        else
        {
            for (var minutes = 6 * 60; minutes <= (23 * 60) + 30; minutes += 15)
            {
                candidates.Add(minutes);
            }
        }
        int Arrival(int departure) => (((departure + (int)block.TotalMinutes + toOffset - fromOffset) % 1440) + 1440) % 1440;
        bool Civil(int departure)
        {
            var arrival = Arrival(departure);
            var lateDeparture = departure > 22 * 60 && block < TimeSpan.FromHours(4);
            return !lateDeparture && arrival is >= (5 * 60) + 30 and <= (23 * 60) + 59 or < 30;
        }
        var civil = candidates.Where(Civil).ToList();
        if (civil.Count == 0)
        {
            civil = candidates;
        }
        frequency = Math.Min(frequency, civil.Count);
        var times = new List<int>(frequency);
        if (block >= TimeSpan.FromHours(5))
        {
            // Long haul is timed to land in the morning bank where it can (overnight eastbound across the
            // Atlantic, daytime westbound), the second daily flight anywhere civil.
            var morning = civil.Where(d => Arrival(d) is >= (5 * 60) + 30 and <= (11 * 60) + 30 && d >= 7 * 60).ToList();
            if (morning.Count > 0)
            {
                times.Add(morning[rng.Next(morning.Count)]);
                civil = [.. civil.Where(d => Math.Abs(d - times[0]) >= 4 * 60)];
                frequency = Math.Min(frequency - 1, civil.Count);
            }
        }
        for (var i = 0; i < frequency; i++)
        {
            // The i-th part of the acceptable times, one pick inside it.
            var start = i * civil.Count / frequency;
            var end = (i + 1) * civil.Count / frequency;
            var minutes = civil[start + rng.Next(Math.Max(1, end - start))];
            times.Add(hub ? minutes : minutes + (rng.Next(3) * 5));
        }
        return times;
    }

    private static double DeltaLongitude(Route route) =>
        ((route.To.Location.Point.Longitude - route.From.Location.Point.Longitude + 540) % 360) - 180;
}
