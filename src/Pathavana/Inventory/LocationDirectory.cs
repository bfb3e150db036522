using System.Collections.Frozen;
using System.Globalization;

namespace Pathavana.Inventory;

/// <summary>How big an airport is in the reference data (OurAirports' large/medium classes).</summary>
internal enum AirportSize
{
    Medium,
    Large,
}

/// <summary>What the directory knows about an airport beyond the public <see cref="Location"/>.</summary>
internal sealed record AirportInfo(Location Location, AirportSize Size, string Continent, TimeZoneInfo TimeZone);

/// <summary>
/// The bundled reference data (Data/*.tsv, see Data/SOURCES.md), loaded once and indexed in memory:
/// code lookup through a frozen dictionary, prefix search through a sorted key array.
/// </summary>
internal sealed class LocationDirectory : ILocationDirectory
{
    private static readonly Lazy<LocationDirectory> SharedInstance = new(() => new LocationDirectory());

    // Weights: what kind of key matched, how the text matched it, and how important the place is.
    private const int ExactCodeScore = 100_000;
    private const int ExactKeyScore = 5_000;
    private const int MetroScore = 3_000;
    private const int LargeScore = 2_000;
    private const int MediumScore = 1_000;

    private static readonly string[] GenericWords =
        ["airport", "international", "regional", "municipal", "aeropuerto", "aeroporto", "aeroport", "airfield", "field", "air", "base", "de", "del", "da", "do", "la", "le", "of", "the", "and"];

    private readonly FrozenDictionary<string, Location> byCode;
    private readonly FrozenDictionary<string, AirportInfo> airports;
    private readonly FrozenDictionary<string, Location[]> metroAirports;
    private readonly FrozenDictionary<string, string> airlines;
    private readonly FrozenDictionary<string, string> airlineCountries;
    private readonly FrozenDictionary<string, (string Name, string Continent)> countries;
    private readonly FrozenDictionary<string, string[]> airlinesByCountry;
    private readonly SearchKey[] keys;

    /// <summary>The one instance (the data is immutable; DI registers this same object).</summary>
    public static LocationDirectory Shared => SharedInstance.Value;

    private LocationDirectory()
    {
        countries = ReadTable("countries.tsv")
            .ToFrozenDictionary(f => f[0], f => (f[1], f[2]), StringComparer.OrdinalIgnoreCase);
        var airlineRows = ReadTable("airlines.tsv").ToList();
        airlines = airlineRows.ToFrozenDictionary(f => f[0], f => f[1], StringComparer.OrdinalIgnoreCase);
        airlineCountries = airlineRows.ToFrozenDictionary(f => f[0], f => f[2], StringComparer.OrdinalIgnoreCase);
        airlinesByCountry = airlineRows.Where(f => f[2].Length > 0).GroupBy(f => f[2], StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Select(f => f[0]).Order(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase);

        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        TimeZoneInfo Zone(string id)
        {
            if (!zones.TryGetValue(id, out var zone))
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(id);
                zones[id] = zone;
            }
            return zone;
        }

        var codeMap = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        var airportMap = new Dictionary<string, AirportInfo>(StringComparer.OrdinalIgnoreCase);
        var keyList = new List<SearchKey>(24_000);
        var airportAliases = new List<(Location Location, string[] Aliases, bool Curated)>();

        // Curated city names (Data/landmarks.tsv) win over the airport's municipality ("Islands" → "Hong Kong").
        var curatedCities = ReadTable("landmarks.tsv").Where(f => f[1] == "C")
            .ToDictionary(f => f[0], f => (Name: f[2], Aliases: f.Length > 7 && f[7].Length > 0 ? f[7].Split('|') : []), StringComparer.OrdinalIgnoreCase);

        foreach (var f in ReadTable("airports.tsv"))
        {
            // code name city country lat lon tz metro size aliases
            var curatedCity = curatedCities.GetValueOrDefault(f[0]);
            var aliasList = f[9].Length == 0 ? new List<string>() : [.. f[9].Split('|')];
            if (curatedCity.Name is not null)
            {
                aliasList.Add(f[2]);
                aliasList.AddRange(curatedCity.Aliases);
            }
            var location = new Location(
                f[0], LocationKind.Airport, f[1], curatedCity.Name ?? f[2], f[3],
                new GeoPoint(Parse(f[4]), Parse(f[5])), f[6], f[7].Length == 0 ? null : f[7]);
            var size = f[8] == "L" ? AirportSize.Large : AirportSize.Medium;
            codeMap[location.Code] = location;
            airportMap[location.Code] = new AirportInfo(location, size, ContinentOf(location.CountryCode), Zone(location.TimeZone));
            airportAliases.Add((location, [.. aliasList], curatedCity.Name is not null));
        }

        var metroMembers = new Dictionary<string, Location[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in ReadTable("metros.tsv"))
        {
            // code name country lat lon tz airports aliases
            var metro = new Location(f[0], LocationKind.Metro, f[1], f[1], f[2], new GeoPoint(Parse(f[3]), Parse(f[4])), f[5]);
            _ = Zone(metro.TimeZone);
            codeMap[metro.Code] = metro;
            var members = f[6].Split(',').Select(code => codeMap[code]).ToArray();
            metroMembers[metro.Code] = members;
            var weight = MetroScore;
            keyList.Add(new SearchKey(ReferenceText.Fold(metro.Code), metro, weight, IsCode: true));
            AddKeys(keyList, metro.Name, metro, weight + 600, withWordSuffixes: false);
            var metroAliases = (f[7].Length == 0 ? [] : f[7].Split('|'))
                .Concat(curatedCities.TryGetValue(metro.Code, out var curatedMetro) ? curatedMetro.Aliases : []);
            foreach (var alias in metroAliases)
            {
                AddKeys(keyList, alias, metro, weight + 400, withWordSuffixes: false);
            }
            // The metro's name finds its airports too ("Tokyo" → HND, NRT), just below the metro itself.
            foreach (var member in members)
            {
                AddKeys(keyList, metro.Name, member, Weight(airportMap[member.Code]) + 400, withWordSuffixes: false);
            }
        }

        foreach (var (location, aliases, curated) in airportAliases)
        {
            // A city the guide knows (Florence, Italy) comes before a namesake (Florence, South Carolina).
            var weight = Weight(airportMap[location.Code]) + (curated ? 300 : 0);
            keyList.Add(new SearchKey(ReferenceText.Fold(location.Code), location, weight, IsCode: true));
            AddKeys(keyList, location.City, location, weight + 600, withWordSuffixes: true);
            AddKeys(keyList, location.Name, location, weight + 300, withWordSuffixes: true);
            foreach (var alias in aliases)
            {
                AddKeys(keyList, alias, location, weight + 200, withWordSuffixes: false);
            }
        }

        keyList.Sort(static (a, b) => string.CompareOrdinal(a.Text, b.Text));
        keys = [.. keyList];
        byCode = codeMap.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        airports = airportMap.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        metroAirports = metroMembers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        AllAirports = [.. airportMap.Values.OrderBy(a => a.Location.Code, StringComparer.Ordinal)];
        Metros = [.. codeMap.Values.Where(l => l.Kind == LocationKind.Metro).OrderBy(l => l.Code, StringComparer.Ordinal)];
        All = [.. Metros, .. AllAirports.OrderByDescending(a => a.Size).ThenBy(a => a.Location.Code, StringComparer.Ordinal).Select(a => a.Location)];
    }

    public IReadOnlyCollection<Location> All { get; }

    public IReadOnlyDictionary<string, string> Airlines => airlines;

    /// <summary>Every airport, ordered by code.</summary>
    public IReadOnlyList<AirportInfo> AllAirports { get; }

    /// <summary>Every metropolitan area, ordered by code.</summary>
    public IReadOnlyList<Location> Metros { get; }

    public Location? Find(string code) =>
        string.IsNullOrWhiteSpace(code) ? null : byCode.GetValueOrDefault(code.Trim());

    /// <summary>The airport with its size, continent and time zone, or null when the code is not an airport.</summary>
    public AirportInfo? Airport(string code) =>
        string.IsNullOrWhiteSpace(code) ? null : airports.GetValueOrDefault(code.Trim());

    public IReadOnlyList<Location> AirportsFor(string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return [];
        }
        if (metroAirports.TryGetValue(code.Trim(), out var members))
        {
            return members;
        }
        return airports.TryGetValue(code.Trim(), out var airport) ? [airport.Location] : [];
    }

    public string? AirlineName(string code) =>
        string.IsNullOrWhiteSpace(code) ? null : airlines.GetValueOrDefault(code.Trim());

    /// <summary>The ISO country code of an airline, or null.</summary>
    public string? AirlineCountry(string code) =>
        airlines.ContainsKey(code) && airlineCountries[code].Length > 0 ? airlineCountries[code] : null;

    /// <summary>The IATA designators of the airlines based in a country, ordered by code.</summary>
    public IReadOnlyList<string> AirlinesOf(string countryCode) =>
        airlinesByCountry.TryGetValue(countryCode, out var codes) ? codes : [];

    /// <summary>The country's English name, or null.</summary>
    public string? CountryName(string countryCode) =>
        countries.TryGetValue(countryCode, out var country) ? country.Name : null;

    /// <summary>The two-letter continent code (EU, NA, SA, AS, AF, OC, AN) of a country, or "".</summary>
    public string ContinentOf(string countryCode) =>
        countries.TryGetValue(countryCode, out var country) ? country.Continent : "";

    /// <summary>A time zone of the reference data (every id in the data resolves).</summary>
    public static TimeZoneInfo TimeZone(Location location) => TimeZoneInfo.FindSystemTimeZoneById(location.TimeZone);

    public IReadOnlyList<Location> Search(string text, int limit = 10)
    {
        if (string.IsNullOrWhiteSpace(text) || limit <= 0)
        {
            return [];
        }
        var query = ReferenceText.Fold(text);
        if (query.Length == 0)
        {
            return [];
        }

        var start = LowerBound(query);
        var best = new Dictionary<Location, int>(ReferenceEqualityComparer.Instance);
        for (var i = start; i < keys.Length && keys[i].Text.StartsWith(query, StringComparison.Ordinal); i++)
        {
            var key = keys[i];
            var exact = key.Text.Length == query.Length;
            var score = key.Weight + (exact ? (key.IsCode ? ExactCodeScore : ExactKeyScore) : 0);
            if (!best.TryGetValue(key.Location, out var previous) || previous < score)
            {
                best[key.Location] = score;
            }
        }

        return [.. best
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key.Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(pair => pair.Key)];
    }

    private int LowerBound(string query)
    {
        int low = 0, high = keys.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(keys[mid].Text, query) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private static int Weight(AirportInfo airport) => airport.Size == AirportSize.Large ? LargeScore : MediumScore;

    private static void AddKeys(List<SearchKey> keys, string text, Location location, int weight, bool withWordSuffixes)
    {
        var folded = ReferenceText.Fold(text);
        if (folded.Length == 0)
        {
            return;
        }
        keys.Add(new SearchKey(folded, location, weight, IsCode: false));
        if (!withWordSuffixes)
        {
            return;
        }
        // "London Heathrow Airport" is also found by "heathrow"; generic words start no key.
        for (var i = folded.IndexOf(' ', StringComparison.Ordinal); i >= 0; i = folded.IndexOf(' ', i + 1))
        {
            var suffix = folded[(i + 1)..];
            var word = suffix.Split(' ', 2)[0];
            if (word.Length > 1 && Array.IndexOf(GenericWords, word) < 0)
            {
                keys.Add(new SearchKey(suffix, location, weight - 100, IsCode: false));
            }
        }
    }

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> ReadTable(string name)
    {
        var assembly = typeof(LocationDirectory).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Pathavana.Inventory.Data.{name}")
            ?? throw new InvalidOperationException($"Embedded reference data {name} is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line.Split('\t');
            }
        }
    }

    private readonly record struct SearchKey(string Text, Location Location, int Weight, bool IsCode);
}
