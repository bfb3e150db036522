using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Tests.Inventory;

/// <summary>
/// The offline world against the rules of issue 13, over the 200 busiest airport pairs of the route
/// data (most airlines flying them): a nonstop shows first wherever one exists, connections stay
/// within 45 min–6 h (75 min across a border) and flown distance within 1.3× (one stop) or 1.5× (two
/// stops) of the great circle. The figures are printed with the test output.
/// </summary>
public sealed class RouteNetworkRealismTests(ITestOutputHelper output)
{
    private static readonly LocationDirectory Directory = LocationDirectory.Shared;
    private static readonly RouteNetwork Network = RouteNetwork.Shared;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly TravelDay = new(2027, 2, 17); // a Wednesday twelve weeks ahead

    private static SimulatedFlightProvider Provider() => new(Directory, new FakeTimeProvider(Now));

    internal static List<(string A, string B, int Airlines)> BusiestPairs(int count) =>
    [
        .. Network.All
            .Where(r => string.CompareOrdinal(r.From.Location.Code, r.To.Location.Code) < 0)
            .Select(r => (A: r.From.Location.Code, B: r.To.Location.Code,
                Airlines: r.Operators.Select(o => o.Carrier).Union(Network.Find(r.To.Location.Code, r.From.Location.Code)?.Operators.Select(o => o.Carrier) ?? []).Count()))
            .OrderByDescending(p => p.Airlines).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal)
            .Take(count),
    ];

    [Fact]
    public void Over_the_200_busiest_pairs_a_nonstop_shows_first_and_connections_keep_the_rules()
    {
        var provider = Provider();
        var pairs = BusiestPairs(200);
        int searches = 0, nonstopFirstCheapest = 0, nonstopFirstFastest = 0, connections = 0, itineraries = 0;
        double worstOneStop = 0, worstTwoStop = 0;
        TimeSpan shortest = TimeSpan.MaxValue, longest = TimeSpan.Zero, shortestInternational = TimeSpan.MaxValue;
        var failures = new List<string>();

        foreach (var (a, b, _) in pairs)
        {
            foreach (var (from, to) in new[] { (a, b), (b, a) })
            {
                var offers = provider.Search(FlightSearch.OneWay(from, to, TravelDay, new PassengerMix(1)));
                searches++;
                if (offers.Count == 0)
                {
                    failures.Add($"{from}-{to}: no offers although a nonstop route exists");
                    continue;
                }
                var fastest = offers.OrderBy(o => o.Itineraries[0].Duration).ThenBy(o => o.TotalPrice.Amount).First();
                if (offers[0].Itineraries[0].Stops == 0)
                {
                    nonstopFirstCheapest++;
                }
                else
                {
                    failures.Add($"{from}-{to}: cheapest is {Describe(offers[0])}");
                }
                if (fastest.Itineraries[0].Stops == 0)
                {
                    nonstopFirstFastest++;
                }
                else
                {
                    failures.Add($"{from}-{to}: fastest is {Describe(fastest)}");
                }

                foreach (var itinerary in offers.SelectMany(o => o.Itineraries))
                {
                    itineraries++;
                    var ratio = FlownRatio(itinerary);
                    if (itinerary.Stops == 1)
                    {
                        worstOneStop = Math.Max(worstOneStop, ratio);
                    }
                    else if (itinerary.Stops == 2)
                    {
                        worstTwoStop = Math.Max(worstTwoStop, ratio);
                    }
                    for (var i = 1; i < itinerary.Segments.Count; i++)
                    {
                        var inbound = itinerary.Segments[i - 1];
                        var outbound = itinerary.Segments[i];
                        var gap = outbound.Departure - inbound.Arrival;
                        var international = new[] { inbound.Origin, inbound.Destination, outbound.Destination }
                            .Select(code => Directory.Find(code)!.CountryCode).Distinct().Count() > 1;
                        connections++;
                        shortest = gap < shortest ? gap : shortest;
                        longest = gap > longest ? gap : longest;
                        if (international)
                        {
                            shortestInternational = gap < shortestInternational ? gap : shortestInternational;
                        }
                        if (gap < TimeSpan.FromMinutes(international ? 75 : 45) || gap > TimeSpan.FromHours(6))
                        {
                            failures.Add($"{from}-{to}: connection of {gap} at {inbound.Destination} in {Describe(itinerary)}");
                        }
                    }
                    if ((itinerary.Stops == 1 && ratio > 1.3) || (itinerary.Stops == 2 && ratio > 1.5) || itinerary.Stops > 2)
                    {
                        failures.Add($"{from}-{to}: flown {ratio:0.00}× the great circle in {Describe(itinerary)}");
                    }
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pairs checked: {pairs.Count} ({searches} one-way searches, both directions, {TravelDay:yyyy-MM-dd})"));
        output.WriteLine($"nonstop first, cheapest sort: {nonstopFirstCheapest}/{searches}; fastest sort: {nonstopFirstFastest}/{searches}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"itineraries: {itineraries}; worst detour: one stop {worstOneStop:0.000}×, two stops {worstTwoStop:0.000}×"));
        output.WriteLine($"connections: {connections}; shortest {shortest}, shortest across a border {shortestInternational}, longest {longest}");
        foreach (var failure in failures.Take(20))
        {
            output.WriteLine("FAIL " + failure);
        }
        Assert.Empty(failures);
        Assert.True(connections > 0, "some connecting itineraries were checked");
    }

    [Fact]
    public void Nonstops_exist_exactly_where_the_route_data_has_a_route_flown_by_its_airlines()
    {
        var provider = Provider();
        var checkedPairs = 0;
        foreach (var (a, b, _) in BusiestPairs(60).Concat([("BOS", "LIS", 0), ("STN", "CIA", 0), ("AKL", "SYD", 0)]))
        {
            var route = Network.Find(a, b)!;
            var nonstops = provider.Search(FlightSearch.OneWay(a, b, TravelDay, new PassengerMix(1)) with { NonStop = true, MaxResults = 200 });
            var operators = nonstops.Select(o => o.Itineraries[0].Segments[0]).Select(s => s.OperatingCarrier ?? s.CarrierCode).ToHashSet();
            Assert.Subset(route.Operators.Select(o => o.Carrier).ToHashSet(), operators);
            checkedPairs++;
        }
        // Denver–Lisbon has no nonstop in the data: none is invented.
        Assert.Null(Network.Find("DEN", "LIS"));
        Assert.Empty(provider.Search(FlightSearch.OneWay("DEN", "LIS", TravelDay, new PassengerMix(1)) with { NonStop = true }));
        Assert.NotEmpty(provider.Search(FlightSearch.OneWay("DEN", "LIS", TravelDay, new PassengerMix(1))));
        output.WriteLine($"airport pairs whose airlines all fly the nonstop: {checkedPairs}");
    }

    [Fact]
    public void Connections_go_only_through_a_hub_of_the_selling_airline_or_its_partner()
    {
        var provider = Provider();
        var seen = 0;
        foreach (var (from, to) in new[] { ("DEN", "LIS"), ("GIG", "KIX"), ("BOS", "BKK"), ("PVD", "SDF"), ("CPH", "SYD") })
        {
            foreach (var itinerary in provider.Search(FlightSearch.OneWay(from, to, TravelDay, new PassengerMix(1))).SelectMany(o => o.Itineraries))
            {
                var seller = itinerary.Segments[0].CarrierCode;
                for (var i = 1; i < itinerary.Segments.Count; i++)
                {
                    var hub = itinerary.Segments[i].Origin;
                    var carriers = new[] { itinerary.Segments[i - 1].CarrierCode, itinerary.Segments[i].CarrierCode };
                    Assert.True(carriers.Any(c => Network.IsHub(c, hub)), $"{hub} is no hub of {string.Join("/", carriers)} in {Describe(itinerary)}");
                    Assert.True(Carriers.Partners(seller, itinerary.Segments[i].CarrierCode), $"{seller} does not sell {itinerary.Segments[i].CarrierCode} in {Describe(itinerary)}");
                    seen++;
                }
            }
        }
        Assert.True(seen > 20);
    }

    public static TheoryData<string, string> TravellerRoutes => new()
    {
        { "NYC", "LON" }, { "BOS", "LIS" }, { "LON", "ROM" }, { "AKL", "SYD" }, { "DEN", "LIS" }, { "TYO", "BKK" },
    };

    [Theory]
    [MemberData(nameof(TravellerRoutes))]
    public void The_first_page_looks_like_a_flight_search_site(string origin, string destination)
    {
        var offers = Provider().Search(FlightSearch.OneWay(origin, destination, TravelDay, new PassengerMix(1)));

        output.WriteLine($"{origin} → {destination}, {TravelDay:ddd d MMM yyyy}, cheapest first:");
        foreach (var offer in offers.Take(10))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {offer.TotalPrice,-12} {Describe(offer)}"));
        }
        Assert.True(offers.Count >= 5);
        var nonstopExists = Directory.AirportsFor(origin).Any(a => Directory.AirportsFor(destination).Any(b => Network.Find(a.Code, b.Code) is not null));
        Assert.Equal(nonstopExists, offers[0].Itineraries[0].Stops == 0);
        // The page is not one airline's: several carriers sell this market.
        Assert.True(offers.Take(10).Select(o => o.ValidatingAirline).Distinct().Count() >= 2);
    }

    [Fact]
    public void Boston_to_Lisbon_is_sold_by_TAP_as_a_nonstop()
    {
        var offers = Provider().Search(FlightSearch.OneWay("BOS", "LIS", TravelDay, new PassengerMix(1)) with { NonStop = true });

        Assert.Contains(offers, o => o.ValidatingAirline == "TP");
    }

    [Fact]
    public void London_to_Rome_on_Ryanair_is_nonstop()
    {
        var offers = Provider().Search(FlightSearch.OneWay("LON", "ROM", TravelDay, new PassengerMix(1)) with { IncludedAirlines = ["FR"] });

        Assert.NotEmpty(offers);
        Assert.All(offers, o => Assert.Equal(0, o.Itineraries[0].Stops));
    }

    [Fact]
    public void Fares_differ_between_airlines_on_the_same_route_and_grow_with_distance()
    {
        var provider = Provider();
        var jfkLhr = provider.Search(FlightSearch.OneWay("JFK", "LHR", TravelDay, new PassengerMix(1)) with { NonStop = true, MaxResults = 100 });
        var byAirline = jfkLhr.GroupBy(o => o.ValidatingAirline).ToDictionary(g => g.Key, g => g.Min(o => o.TotalPrice.Amount));
        Assert.True(byAirline.Count >= 4);
        Assert.True(byAirline.Values.Distinct().Count() == byAirline.Count, "every airline prices the market its own way");

        var shortHop = provider.Search(FlightSearch.OneWay("LHR", "CDG", TravelDay, new PassengerMix(1)))[0].TotalPrice.Amount;
        var medium = provider.Search(FlightSearch.OneWay("LHR", "IST", TravelDay, new PassengerMix(1)))[0].TotalPrice.Amount;
        var longHaul = provider.Search(FlightSearch.OneWay("LHR", "SIN", TravelDay, new PassengerMix(1)))[0].TotalPrice.Amount;
        Assert.True(shortHop < medium && medium < longHaul, $"{shortHop} < {medium} < {longHaul}");
    }

    [Fact]
    public void Peak_days_cost_more_than_quiet_ones()
    {
        var provider = Provider();
        decimal Cheapest(DateOnly date) => provider.Search(FlightSearch.OneWay("JFK", "LHR", date, new PassengerMix(1)))[0].TotalPrice.Amount;

        Assert.True(Cheapest(new DateOnly(2026, 12, 20)) > Cheapest(new DateOnly(2027, 1, 20)), "the Sunday before Christmas costs more than a January Wednesday");
        Assert.True(Cheapest(new DateOnly(2027, 2, 19)) > Cheapest(new DateOnly(2027, 2, 17)), "a Friday costs more than a Wednesday");
    }

    [Fact]
    public void Long_haul_from_North_America_to_Europe_leaves_in_the_evening_and_lands_in_the_morning()
    {
        var offers = Provider().Search(FlightSearch.OneWay("JFK", "LHR", TravelDay, new PassengerMix(1)) with { NonStop = true, MaxResults = 100 });

        var overnight = offers.Count(o => o.Itineraries[0].Segments[0].Departure.Hour >= 17 && o.Itineraries[0].Segments[0].Arrival.Hour is >= 5 and < 12);
        Assert.True(overnight * 2 >= offers.Count, $"{overnight} of {offers.Count} nonstops are overnight");
        Assert.All(offers, o => Assert.InRange(o.Itineraries[0].Duration, TimeSpan.FromHours(6.5), TimeSpan.FromHours(7.5)));
    }

    private static double FlownRatio(Itinerary itinerary)
    {
        var flown = itinerary.Segments.Sum(s => Geo.DistanceKm(Directory.Find(s.Origin)!.Point, Directory.Find(s.Destination)!.Point));
        var direct = Geo.DistanceKm(Directory.Find(itinerary.Segments[0].Origin)!.Point, Directory.Find(itinerary.Segments[^1].Destination)!.Point);
        return flown / direct;
    }

    private static string Describe(FlightOffer offer) => string.Join(" | ", offer.Itineraries.Select(Describe));

    private static string Describe(Itinerary itinerary) =>
        string.Join(" → ", itinerary.Segments.Select(s =>
            $"{s.CarrierCode}{s.FlightNumber}{(s.OperatingCarrier is { } op ? $" (op. {op})" : "")} {s.Origin} {s.Departure:HH:mm}–{s.Destination} {s.Arrival:HH:mm}"))
        + string.Create(CultureInfo.InvariantCulture, $" [{itinerary.Duration:h\\:mm}, {itinerary.Stops} stop(s)]");
}
