using System.Collections.Frozen;
using Pathavana.Inventory;

namespace Pathavana.Assistant.Understanding;

/// <summary>A name the gazetteer knows: the code it stands for and the name to show.</summary>
internal sealed record GazetteerEntry(string Code, string Name, bool IsAirportName)
{
    /// <summary>For a town without an airport: how far the airport of <see cref="Code"/> is, in km.</summary>
    public int? NearestAirportKm { get; init; }
}

/// <summary>
/// Every city, metro-area and airport name of the reference data (and a few common names and
/// nicknames), normalized to the tokenizer's words, mapped to the IATA code to search. Built once.
/// </summary>
internal sealed class PlaceGazetteer
{
    public const int MaxWords = 6;

    // Words that name no place by themselves (they start or end airport names).
    private static readonly FrozenSet<string> Generic = FrozenSet.ToFrozenSet(
    [
        "airport", "airports", "international", "intl", "regional", "municipal", "national", "intercontinental",
        "metropolitan", "county", "field", "airfield", "air", "base", "station", "terminal", "de", "del", "da",
        "do", "la", "le", "of", "the", "and", "city", "aeropuerto", "aeroporto", "aeroport", "internacional",
        "internazionale", "island", "islands", "airpark", "lake", "bay", "beach", "port", "saint", "mount",
        "new", "san", "santa", "los", "las", "el", "north", "south", "east", "west", "central", "memorial",
        "executive", "jetport", "domestic", "general", "naval", "force", "sky", "harbor", "harbour",
    ], StringComparer.Ordinal);

    /// <summary>Common names, nicknames and former names that the reference data does not spell.</summary>
    private static readonly (string Name, string Code, string Display)[] Aliases =
    [
        ("new york city", "NYC", "New York"), ("nyc", "NYC", "New York"), ("ny", "NYC", "New York"),
        ("manhattan", "NYC", "New York"), ("the big apple", "NYC", "New York"), ("big apple", "NYC", "New York"),
        ("new york", "NYC", "New York"), ("kennedy", "JFK", "John F Kennedy International Airport"),
        ("laguardia", "LGA", "La Guardia Airport"), ("la guardia", "LGA", "La Guardia Airport"),
        ("washington dc", "WAS", "Washington"), ("washington d c", "WAS", "Washington"), ("dc", "WAS", "Washington"),
        ("d c", "WAS", "Washington"), ("washington", "WAS", "Washington"), ("washington national", "DCA", "Ronald Reagan Washington National Airport"),
        ("reagan national", "DCA", "Ronald Reagan Washington National Airport"), ("dulles", "IAD", "Washington Dulles International Airport"),
        ("la", "LAX", "Los Angeles"), ("l a", "LAX", "Los Angeles"), ("los angeles", "LAX", "Los Angeles"),
        ("sf", "SFO", "San Francisco"), ("frisco", "SFO", "San Francisco"), ("san fran", "SFO", "San Francisco"),
        ("bay area", "SFO", "San Francisco"), ("vegas", "LAS", "Las Vegas"), ("sin city", "LAS", "Las Vegas"),
        ("dallas fort worth", "DFW", "Dallas Fort Worth"), ("dallas ft worth", "DFW", "Dallas Fort Worth"),
        ("fort worth", "DFW", "Fort Worth"), ("dallas", "DFW", "Dallas"),
        ("twin cities", "MSP", "Minneapolis"), ("saint paul", "MSP", "Saint Paul"), ("minneapolis saint paul", "MSP", "Minneapolis"),
        ("philly", "PHL", "Philadelphia"), ("nola", "MSY", "New Orleans"), ("salt lake", "SLC", "Salt Lake City"),
        ("tacoma", "SEA", "Tacoma"), ("seatac", "SEA", "Seattle"), ("sea tac", "SEA", "Seattle"),
        ("stapleton", "DEN", "Stapleton"), ("o hare", "ORD", "O'Hare"), ("ohare", "ORD", "O'Hare"),
        ("westchester", "HPN", "Westchester"), ("westchester county", "HPN", "Westchester"),
        ("cincinnati", "CVG", "Cincinnati"), ("raleigh", "RDU", "Raleigh"), ("durham", "RDU", "Durham"),
        ("houston", "IAH", "Houston"), ("chicago", "CHI", "Chicago"), ("detroit", "DTT", "Detroit"),
        ("saint petersburg", "LED", "Saint Petersburg"), ("leningrad", "LED", "Saint Petersburg"),
        ("mexico city", "MEX", "Mexico City"), ("cancun", "CUN", "Cancun"), ("hong kong", "HKG", "Hong Kong"),
        ("brussels", "BRU", "Brussels"), ("bruxelles", "BRU", "Brussels"), ("cologne", "CGN", "Cologne"),
        ("koln", "CGN", "Cologne"), ("florence", "FLR", "Florence"), ("firenze", "FLR", "Florence"),
        ("naples", "NAP", "Naples"), ("napoli", "NAP", "Naples"), ("istanbul", "IST", "Istanbul"),
        ("delhi", "DEL", "Delhi"), ("bombay", "BOM", "Mumbai"), ("calcutta", "CCU", "Kolkata"), ("madras", "MAA", "Chennai"),
        ("saigon", "SGN", "Ho Chi Minh City"), ("peking", "BJS", "Beijing"), ("lisboa", "LIS", "Lisbon"),
        ("munchen", "MUC", "Munich"), ("muenchen", "MUC", "Munich"), ("wien", "VIE", "Vienna"), ("praha", "PRG", "Prague"),
        ("roma", "ROM", "Rome"), ("milano", "MIL", "Milan"), ("venezia", "VCE", "Venice"), ("moskva", "MOW", "Moscow"),
        ("tel aviv", "TLV", "Tel Aviv"), ("rio", "RIO", "Rio de Janeiro"), ("sao paulo", "SAO", "Sao Paulo"),
        ("buenos aires", "BUE", "Buenos Aires"), ("montreal", "YMQ", "Montreal"), ("toronto", "YTO", "Toronto"),
        ("the hague", "AMS", "The Hague"), ("den haag", "AMS", "The Hague"), ("kyoto", "OSA", "Kyoto"),
        ("bali", "DPS", "Bali"), ("phuket", "HKT", "Phuket"), ("maui", "OGG", "Maui"), ("oahu", "HNL", "Honolulu"),
        ("waikiki", "HNL", "Honolulu"), ("orange county", "SNA", "Orange County"), ("silicon valley", "SJC", "San Jose"),
        ("hartsfield", "ATL", "Atlanta"), ("logan", "BOS", "Boston"), ("love field", "DAL", "Dallas Love Field"),
        ("midway", "MDW", "Chicago Midway International Airport"), ("heathrow", "LHR", "London Heathrow Airport"),
        ("gatwick", "LGW", "London Gatwick Airport"), ("narita", "NRT", "Narita International Airport"),
        ("kansas city", "MCI", "Kansas City"), ("orlando", "MCO", "Orlando"), ("portland", "PDX", "Portland"),
        ("ontario", "ONT", "Ontario"), ("columbus", "CMH", "Columbus"), ("miami", "MIA", "Miami"),
        ("frankfurt", "FRA", "Frankfurt"), ("dusseldorf", "DUS", "Dusseldorf"), ("reykjavik", "REK", "Reykjavik"),
        // Short names people type.
        ("kl", "KUL", "Kuala Lumpur"), ("sd", "SAN", "San Diego"), ("cdmx", "MEX", "Mexico City"), ("df", "MEX", "Mexico City"),
        ("chi town", "CHI", "Chicago"), ("chitown", "CHI", "Chicago"), ("windy city", "CHI", "Chicago"), ("the windy city", "CHI", "Chicago"),
        ("san fran", "SFO", "San Francisco"), ("san fransisco", "SFO", "San Francisco"), ("big easy", "MSY", "New Orleans"),
        ("the big easy", "MSY", "New Orleans"), ("motor city", "DTT", "Detroit"), ("beantown", "BOS", "Boston"),
        ("hk", "HKG", "Hong Kong"), ("joburg", "JNB", "Johannesburg"), ("jo burg", "JNB", "Johannesburg"), ("jozi", "JNB", "Johannesburg"),
        ("nola", "MSY", "New Orleans"), ("atl", "ATL", "Atlanta"), ("slc", "SLC", "Salt Lake City"), ("st pete", "TPA", "Saint Petersburg"),
        ("the city of angels", "LAX", "Los Angeles"), ("city of angels", "LAX", "Los Angeles"), ("the eternal city", "ROM", "Rome"),
        ("the city of light", "PAR", "Paris"), ("city of light", "PAR", "Paris"), ("dubs", "DUB", "Dublin"),
        ("new delhi", "DEL", "Delhi"), ("bengaluru", "BLR", "Bengaluru"), ("bangalore", "BLR", "Bangalore"),
        // Cities in their own language.
        ("ciudad de mexico", "MEX", "Mexico City"), ("mexico df", "MEX", "Mexico City"), ("sevilla", "SVQ", "Seville"),
        ("torino", "TRN", "Turin"), ("genova", "GOA", "Genoa"), ("geneve", "GVA", "Geneva"), ("genf", "GVA", "Geneva"),
        ("kobenhavn", "CPH", "Copenhagen"), ("warszawa", "WAW", "Warsaw"), ("krakow", "KRK", "Krakow"), ("athina", "ATH", "Athens"),
        ("athinai", "ATH", "Athens"), ("antwerpen", "ANR", "Antwerp"), ("nurnberg", "NUE", "Nuremberg"), ("beograd", "BEG", "Belgrade"),
        ("bucuresti", "BUH", "Bucharest"), ("sankt peterburg", "LED", "Saint Petersburg"), ("kobe", "UKB", "Kobe"),
        ("marrakesh", "RAK", "Marrakech"), ("al qahira", "CAI", "Cairo"), ("firenze", "FLR", "Florence"), ("lisbon", "LIS", "Lisbon"),
        ("rio de janeiro", "RIO", "Rio de Janeiro"), ("bogota", "BOG", "Bogota"), ("thessaloniki", "SKG", "Thessaloniki"),
        ("den helder", "DHR", "Den Helder"), ("s hertogenbosch", "EIN", "'s-Hertogenbosch"), ("dunedin", "DUD", "Dunedin"),
        ("munich", "MUC", "Munich"), ("zurich", "ZRH", "Zurich"), ("quebec", "YQB", "Quebec City"), ("quebec city", "YQB", "Quebec City"),
    ];

    private readonly FrozenDictionary<string, GazetteerEntry> names;
    private readonly FrozenDictionary<char, (string Key, GazetteerEntry Entry)[]> byInitial;
    private readonly FrozenSet<string> codes;

    public PlaceGazetteer(ILocationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = directory;
        var map = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        void Add(string text, GazetteerEntry entry, bool allowSingleGeneric = false)
        {
            var key = Key(text);
            if (key.Length < 2 || key.Split(' ').Length > MaxWords)
            {
                return;
            }
            if (!allowSingleGeneric && !key.Contains(' ', StringComparison.Ordinal) && Generic.Contains(key))
            {
                return;
            }
            map.TryAdd(key, entry);
        }

        foreach (var (name, code, display) in Aliases)
        {
            Add(name, new GazetteerEntry(code, display, false), allowSingleGeneric: true);
        }

        var all = directory.All;
        // Cities and metro areas first: "Chicago" is the metro, not an airport named after it.
        foreach (var location in all)
        {
            // A city named like its metro area ("Chicago") searches the metro; "Newark" or "Baltimore" their airport.
            var metro = location.MetroCode is null ? null : directory.Find(location.MetroCode);
            var code = metro is not null && string.Equals(Key(metro.Name), Key(location.City), StringComparison.Ordinal) ? metro.Code : location.Code;
            foreach (var city in CityNames(location.City))
            {
                Add(city, new GazetteerEntry(code, city, false));
            }
        }
        // Then airport names: the whole name, the name without its generic words, its distinctive tails.
        foreach (var location in all.Where(l => l.Kind == LocationKind.Airport))
        {
            var entry = new GazetteerEntry(location.Code, location.Name, true);
            foreach (var variant in AirportNames(location.Name))
            {
                Add(variant, entry);
            }
        }
        AddTowns(directory, map);
        names = map.ToFrozenDictionary(StringComparer.Ordinal);
        byInitial = map
            .Where(p => p.Key.Length >= 5 && !p.Value.IsAirportName && p.Value.NearestAirportKm is null) // towns only when spelt right
            .GroupBy(p => p.Key[0])
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => (p.Key, p.Value)).ToArray());
        codes = all.Select(l => l.Code.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }

    public ILocationDirectory Directory { get; }

    /// <summary>Nearest airport farther than this: the town is left out (it is not near any airport we know).</summary>
    private const double MaxTownAirportKm = 120;

    /// <summary>
    /// Towns of 75,000+ people with no airport of that name ("Anaheim", "Boulder", "Cannes"): their name
    /// stands for the nearest airport, and the entry says how far it is. One-word names that are common
    /// English words ("Surprise", "Temple") are left out.
    /// </summary>
    private static void AddTowns(ILocationDirectory directory, Dictionary<string, GazetteerEntry> map)
    {
        var knowledge = Knowledge.TravelKnowledge.Shared;
        var airports = directory.All.Where(l => l.Kind == LocationKind.Airport).ToList();
        var cells = airports.GroupBy(a => Cell(a.Point)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var town in knowledge.Towns)
        {
            var key = Key(town.Name);
            if (key.Length < 4 || map.ContainsKey(key) || Generic.Contains(key) || Vocabulary.Regions.Contains(key) || RegionQualifiers.Names.Contains(key)
                || (!key.Contains(' ', StringComparison.Ordinal) && (knowledge.CommonWords.Contains(key) || Vocabulary.IsOrdinary(key))))
            {
                continue;
            }
            Location? best = null;
            var bestKm = MaxTownAirportKm;
            var (row, column) = Cell(town.Point);
            for (var dr = -1; dr <= 1; dr++)
            {
                for (var dc = -2; dc <= 2; dc++)
                {
                    if (!cells.TryGetValue((row + dr, column + dc), out var near))
                    {
                        continue;
                    }
                    foreach (var airport in near)
                    {
                        var km = Knowledge.TravelKnowledge.DistanceKm(town.Point, airport.Point);
                        if (km < bestKm)
                        {
                            best = airport;
                            bestKm = km;
                        }
                    }
                }
            }
            if (best is not null)
            {
                map.TryAdd(key, new GazetteerEntry(best.Code, town.Name, false) { NearestAirportKm = (int)Math.Round(bestKm) });
            }
        }
    }

    private static (int Row, int Column) Cell(GeoPoint p) => ((int)Math.Floor(p.Latitude), (int)Math.Floor(p.Longitude));

    /// <summary>The entry for a normalized name ("new york", "saint louis"), or null.</summary>
    public GazetteerEntry? Lookup(string key) => names.GetValueOrDefault(key);

    public bool IsCode(string lowerCode) => codes.Contains(lowerCode);

    /// <summary>The closest name within a small edit distance (1 up to 7 letters, 2 beyond), same first letter.</summary>
    public (string Key, GazetteerEntry Entry)? Closest(string key)
    {
        if (key.Length < 5 || !byInitial.TryGetValue(key[0], out var candidates))
        {
            return null;
        }
        var limit = key.Length >= 8 ? 2 : 1;
        (string Key, GazetteerEntry Entry)? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Key.Length - key.Length) > limit || candidate.Key.Length < 5)
            {
                continue;
            }
            var d = EditDistance.Compute(key, candidate.Key, limit);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>The gazetteer's normal form: folded words with "st"→"saint", "ft"→"fort", "mt"→"mount".</summary>
    public static string Key(string text)
    {
        var words = Utterance.Tokenize(text).Select(t => t.Text).Where(w => w.Length > 0).ToList();
        return string.Join(' ', words.Select((w, i) => Canonical(w, i + 1 < words.Count)));
    }

    /// <summary>The canonical form of one word inside a place name.</summary>
    public static string Canonical(string word, bool beforeAnother) => word switch
    {
        "st" or "ste" when beforeAnother => "saint",
        "ft" when beforeAnother => "fort",
        "mt" when beforeAnother => "mount",
        _ => word,
    };

    private static IEnumerable<string> CityNames(string city)
    {
        var parts = city.Split(['/', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            var p = part;
            foreach (var prefix in (string[])["Ciudad de ", "City of "])
            {
                if (p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    p = p[prefix.Length..];
                }
            }
            yield return p;
        }
        if (parts.Length > 1 && city.Contains('/', StringComparison.Ordinal))
        {
            yield return string.Join(' ', parts);
        }
    }

    private static IEnumerable<string> AirportNames(string name)
    {
        foreach (var part in name.Split(['(', ')', '/', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = Key(part).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            yield return string.Join(' ', words);
            var end = words.Length;
            while (end > 0 && Generic.Contains(words[end - 1]))
            {
                end--;
            }
            // The leading words up to the first generic word ("hong kong" of "Hong Kong International Airport").
            var lead = 0;
            while (lead < words.Length && !Generic.Contains(words[lead]))
            {
                lead++;
            }
            if (lead > 0 && lead < words.Length)
            {
                yield return string.Join(' ', words[..lead]);
            }
            for (var start = 0; start < end; start++)
            {
                if (Generic.Contains(words[start]) || words[start].Length < 3)
                {
                    continue;
                }
                yield return string.Join(' ', words[start..end]);
            }
        }
    }
}

/// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions), bounded.</summary>
internal static class EditDistance
{
    public static int Compute(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }
        if (b.Length > 64)
        {
            return limit + 1;
        }
        // Three rolling rows: the one before last (for transpositions), the last, and the current.
        Span<int> older = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, older[j - 2] + 1);
                }
                current[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            var spare = older;
            older = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }
}
