using System.Collections.Frozen;
using System.Globalization;
using Pathavana.Inventory;

namespace Pathavana.Assistant.Knowledge;

/// <summary>Typical weather of one month at a destination (°C, days, mm), from the climate normals; snow days may be unknown.</summary>
internal sealed record MonthClimate(int Month, double HighC, double LowC, int DryDays, int? SnowDays, double RainfallMm);

/// <summary>A destination with monthly climate normals: the IATA code a search uses, its city and country.</summary>
internal sealed record ClimateCity(string Code, string City, string Country, IReadOnlyList<MonthClimate> Months)
{
    /// <summary>The sea beach a traveller would go to from the city ("Copacabana"), or null when it has none within about 25 km.</summary>
    public string? Beach { get; init; }

    public MonthClimate In(int month) => Months[month - 1];
}

/// <summary>A town of 75,000+ people (GeoNames), for cities that have no airport of their own.</summary>
internal sealed record Town(string Name, string CountryCode, GeoPoint Point, int Population);

/// <summary>A country's currency: ISO 4217 code and English name.</summary>
internal sealed record CountryCurrency(string CountryCode, string CountryName, string Continent, string Code, string Name);

/// <summary>
/// What the assistant knows beyond inventory, loaded once from embedded tables built by
/// <c>Knowledge/build-knowledge.mjs</c> (sources and licences in <c>Knowledge/SOURCES.md</c>):
/// monthly climate normals of 104 destinations and the beaches of the coastal ones, towns without airports, currencies by country,
/// and the most common English words (so that ordinary words are not read as place names).
/// </summary>
internal sealed class TravelKnowledge
{
    private static readonly Lazy<TravelKnowledge> Instance = new(() => new TravelKnowledge());

    /// <summary>The tables, loaded on first use (thread-safe).</summary>
    public static TravelKnowledge Shared => Instance.Value;

    private TravelKnowledge()
    {
        var climate = new List<ClimateCity>();
        foreach (var f in Rows("climate.tsv"))
        {
            var months = new List<MonthClimate>(12);
            for (var m = 0; m < 12; m++)
            {
                var v = f[3 + m].Split('/');
                months.Add(new MonthClimate(m + 1, D(v[0]), D(v[1]), (int)D(v[2]), v[3].Length == 0 ? null : (int)D(v[3]), D(v[4])));
            }
            climate.Add(new ClimateCity(f[0], f[1], f[2], months));
        }
        // Beaches are keyed by city: one code can serve two cities (TLV: Tel Aviv and Jerusalem).
        var beaches = Rows("beaches.tsv").ToDictionary(f => f[1], f => f[2], StringComparer.OrdinalIgnoreCase);
        climate = [.. climate.Select(c => beaches.TryGetValue(c.City, out var beach) ? c with { Beach = beach } : c)];
        Climate = climate;
        climateByCode = climate.GroupBy(c => c.Code).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        Towns = [.. Rows("towns.tsv").Select(f => new Town(f[0], f[1], new GeoPoint(D(f[3]), D(f[4])), int.Parse(f[5], CultureInfo.InvariantCulture)))];
        currencies = Rows("currencies.tsv").ToFrozenDictionary(f => f[0], f => new CountryCurrency(f[0], f[1], f[2], f[3], f[4]), StringComparer.OrdinalIgnoreCase);
        CommonWords = Lines("common-words.txt").ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<ClimateCity> Climate { get; }

    private readonly FrozenDictionary<string, ClimateCity> climateByCode;
    private readonly FrozenDictionary<string, CountryCurrency> currencies;

    /// <summary>Towns by population, largest first.</summary>
    public IReadOnlyList<Town> Towns { get; }

    /// <summary>The 4,000 most frequent words of spoken English (lower case, three letters or more).</summary>
    public FrozenSet<string> CommonWords { get; }

    /// <summary>The climate normals for a city or airport code (a metro's airports share its city's), or null.</summary>
    public ClimateCity? ClimateOf(string code, ILocationDirectory directory)
    {
        if (climateByCode.TryGetValue(code, out var city))
        {
            return city;
        }
        var location = directory.Find(code);
        if (location?.MetroCode is { } metro && climateByCode.TryGetValue(metro, out city))
        {
            return city;
        }
        // An airport of a city with normals ("LHR" for London, "JFK" for New York).
        return location is null ? null : Climate.FirstOrDefault(c => directory.AirportsFor(c.Code).Any(a => a.Code == location.Code)
            || string.Equals(c.City, location.City, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A country's name, continent (AF, AN, AS, EU, NA, OC, SA) and currency, by ISO code.</summary>
    public CountryCurrency? CurrencyOf(string countryCode) => currencies.GetValueOrDefault(countryCode);

    /// <summary>Every country, for finding one named in a question ("what currency do they use in Japan?").</summary>
    public IEnumerable<CountryCurrency> Countries => currencies.Values;

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        const double R = 6371.0088;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// A typical scheduled flight time for a great-circle distance: 30 minutes for taxi, climb and
    /// descent plus cruise at about 800 km/h (the figure a search confirms or corrects).
    /// </summary>
    public static TimeSpan TypicalFlightTime(double distanceKm) => TimeSpan.FromHours(0.5 + distanceKm / 800);

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Rows(string name) => Lines(name).Select(l => l.Split('\t'));

    private static IEnumerable<string> Lines(string name)
    {
        using var stream = typeof(TravelKnowledge).Assembly.GetManifestResourceStream($"Pathavana.Assistant.Knowledge.{name}")
            ?? throw new InvalidOperationException($"The embedded table {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }
        return lines;
    }
}
