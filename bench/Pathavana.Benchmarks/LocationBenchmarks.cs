using BenchmarkDotNet.Attributes;
using Pathavana.Inventory;

namespace Pathavana.Benchmarks;

/// <summary>Reference-data lookups: by code and by prefix (the location search box).</summary>
public class LocationBenchmarks
{
    private readonly LocationDirectory directory = LocationDirectory.Shared;

    [Benchmark]
    public Location? FindByCode() => directory.Find("LIS");

    [Benchmark]
    public IReadOnlyList<Location> AirportsOfMetro() => directory.AirportsFor("LON");

    [Benchmark]
    public IReadOnlyList<Location> PrefixSearchShort() => directory.Search("san");

    [Benchmark]
    public IReadOnlyList<Location> PrefixSearchCity() => directory.Search("New Yo");

    [Benchmark]
    public IReadOnlyList<Location> PrefixSearchOneLetter() => directory.Search("a");
}
