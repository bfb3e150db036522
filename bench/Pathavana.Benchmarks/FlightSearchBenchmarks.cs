using BenchmarkDotNet.Attributes;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Benchmarks;

/// <summary>The offline flight search (the simulator alone, without the cache in front of it).</summary>
public class FlightSearchBenchmarks
{
    private static readonly DateOnly Departure = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(33);

    private readonly SimulatedFlightProvider provider = new(LocationDirectory.Shared, TimeProvider.System);

    private readonly FlightSearch oneWay = FlightSearch.OneWay("BOS", "LIS", Departure, new PassengerMix(2));

    private readonly FlightSearch metroRoundTrip = FlightSearch.RoundTrip("NYC", "LON", Departure, Departure.AddDays(7), new PassengerMix(2, 1, 1));

    private readonly FlightSearch twoStops = FlightSearch.OneWay("GIG", "KIX", Departure, new PassengerMix(1));

    [Benchmark]
    public int OneWayBostonLisbon() => provider.Search(oneWay).Count;

    [Benchmark]
    public int RoundTripNewYorkLondonAllAirports() => provider.Search(metroRoundTrip).Count;

    [Benchmark]
    public int OneWayRioOsakaTwoStops() => provider.Search(twoStops).Count;
}

/// <summary>The same searches with the remembered route network forgotten first: the first search of a route.</summary>
public class ColdFlightSearchBenchmarks
{
    private static readonly DateOnly Departure = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(33);

    private readonly SimulatedFlightProvider provider = new(LocationDirectory.Shared, TimeProvider.System);

    private readonly FlightSearch oneWay = FlightSearch.OneWay("BOS", "LIS", Departure, new PassengerMix(2));

    private readonly FlightSearch metroRoundTrip = FlightSearch.RoundTrip("NYC", "LON", Departure, Departure.AddDays(7), new PassengerMix(2, 1, 1));

    [Benchmark]
    public int ColdOneWayBostonLisbon()
    {
        provider.ForgetRoutes();
        return provider.Search(oneWay).Count;
    }

    [Benchmark]
    public int ColdRoundTripNewYorkLondonAllAirports()
    {
        provider.ForgetRoutes();
        return provider.Search(metroRoundTrip).Count;
    }
}
