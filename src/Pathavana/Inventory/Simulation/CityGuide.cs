using System.Collections.Frozen;
using System.Globalization;

namespace Pathavana.Inventory.Simulation;

/// <summary>A city the simulator knows: its centre, its cost level and its landmarks.</summary>
internal sealed record City(string Code, string Name, string CountryCode, GeoPoint Centre, double CostIndex, string TimeZone, IReadOnlyList<string> Aliases, IReadOnlyList<Landmark> Landmarks);

internal sealed record Landmark(string Name, GeoPoint Point, string Category, IReadOnlyList<string> Aliases, string CityCode);

/// <summary>
/// City centres and well-known landmarks (Data/landmarks.tsv, curated), and for every other place a
/// city made from its airport. Feeds the hotel and activity simulators and the gazetteer.
/// </summary>
internal sealed class CityGuide
{
    private static readonly Lazy<CityGuide> SharedInstance = new(() => new CityGuide(LocationDirectory.Shared));

    // Cost level by continent for cities without a curated one (1.0 ≈ a mid-priced European capital).
    private static readonly FrozenDictionary<string, double> ContinentCost = new Dictionary<string, double>
    {
        ["EU"] = 0.95, ["NA"] = 1.15, ["SA"] = 0.6, ["AS"] = 0.65, ["AF"] = 0.55, ["OC"] = 1.1, ["AN"] = 1.0,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> CountryCost = new Dictionary<string, double>
    {
        ["CH"] = 1.6, ["NO"] = 1.5, ["IS"] = 1.5, ["DK"] = 1.3, ["US"] = 1.25, ["GB"] = 1.25, ["IE"] = 1.2,
        ["SE"] = 1.15, ["FI"] = 1.1, ["FR"] = 1.1, ["NL"] = 1.15, ["BE"] = 1.05, ["AT"] = 1.05, ["DE"] = 1.0,
        ["AU"] = 1.2, ["NZ"] = 1.1, ["CA"] = 1.15, ["JP"] = 1.0, ["SG"] = 1.3, ["HK"] = 1.25, ["AE"] = 1.15,
        ["IT"] = 1.0, ["ES"] = 0.9, ["PT"] = 0.8, ["GR"] = 0.8, ["CZ"] = 0.75, ["PL"] = 0.7, ["HU"] = 0.7,
        ["TR"] = 0.65, ["MX"] = 0.6, ["BR"] = 0.6, ["AR"] = 0.55, ["TH"] = 0.5, ["VN"] = 0.45, ["IN"] = 0.45,
        ["ID"] = 0.5, ["MY"] = 0.5, ["PH"] = 0.5, ["EG"] = 0.45, ["MA"] = 0.55, ["ZA"] = 0.65, ["CN"] = 0.8, ["KR"] = 0.95,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly LocationDirectory directory;
    private readonly FrozenDictionary<string, City> curated;
    private readonly City[] curatedList;

    public static CityGuide Shared => SharedInstance.Value;

    public CityGuide(LocationDirectory directory)
    {
        this.directory = directory;
        var cities = new List<City>();
        City? current = null;
        var landmarks = new List<Landmark>();
        foreach (var f in ReadLines())
        {
            // city code, C|L, name, lat, lon, cost (C only), category, aliases
            var point = new GeoPoint(Parse(f[3]), Parse(f[4]));
            var aliases = f.Length > 7 && f[7].Length > 0 ? f[7].Split('|') : [];
            if (f[1] == "C")
            {
                Flush();
                var location = directory.Find(f[0]) ?? throw new InvalidOperationException($"City {f[0]} is not in the reference data.");
                current = new City(f[0], f[2], location.CountryCode, point, Parse(f[5]), location.TimeZone, aliases, []);
                landmarks = [];
            }
            else
            {
                landmarks.Add(new Landmark(f[2], point, f[6], aliases, f[0]));
            }
        }
        Flush();
        curated = cities.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        curatedList = [.. cities];

        void Flush()
        {
            if (current is not null)
            {
                cities.Add(current with { Landmarks = landmarks });
            }
        }
    }

    /// <summary>The curated cities, with landmarks.</summary>
    public IReadOnlyList<City> Curated => curatedList;

    /// <summary>
    /// The city for a code: a curated city, a metro area, or the city an airport serves (centred on the
    /// airport itself, the best the reference data knows). A member airport of a metro gives the metro.
    /// </summary>
    public City? ForCode(string code)
    {
        if (curated.TryGetValue(code, out var city))
        {
            return city;
        }
        var location = directory.Find(code);
        if (location is null)
        {
            return null;
        }
        if (location.MetroCode is { } metro)
        {
            return ForCode(metro);
        }
        return new City(location.Code, location.City, location.CountryCode, location.Point, CostOf(location.CountryCode), location.TimeZone, [], []);
    }

    /// <summary>The city nearest a point: a curated one within 40 km, else the nearest airport's city within 80 km.</summary>
    public City? Near(GeoPoint point)
    {
        City? best = null;
        var bestKm = double.MaxValue;
        foreach (var city in curatedList)
        {
            var km = Geo.DistanceKm(point, city.Centre);
            if (km < bestKm)
            {
                (best, bestKm) = (city, km);
            }
        }
        if (best is not null && bestKm <= 40)
        {
            return best;
        }
        AirportInfo? nearest = null;
        var nearestKm = double.MaxValue;
        foreach (var airport in directory.AllAirports)
        {
            var km = Geo.DistanceKm(point, airport.Location.Point);
            if (km < nearestKm)
            {
                (nearest, nearestKm) = (airport, km);
            }
        }
        return nearest is not null && nearestKm <= 80 ? ForCode(nearest.Location.Code) : null;
    }

    private double CostOf(string countryCode) =>
        CountryCost.TryGetValue(countryCode, out var cost) ? cost : ContinentCost.GetValueOrDefault(directory.ContinentOf(countryCode), 0.8);

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> ReadLines()
    {
        using var stream = typeof(CityGuide).Assembly.GetManifestResourceStream("Pathavana.Inventory.Data.landmarks.tsv")
            ?? throw new InvalidOperationException("Embedded landmarks.tsv is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line.Split('\t');
            }
        }
    }
}
