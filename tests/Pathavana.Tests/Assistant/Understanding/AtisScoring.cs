using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pathavana.Tests.Assistant.Understanding;

/// <summary>
/// A C# port of ../shared/nlu/eval.py's scoring: the same gold resolution (cities, airports,
/// airlines, cabins, dates, periods), the same fields and the same "not scored" rules, applied to
/// the frame JSON exactly as the command writes it.
/// </summary>
internal static partial class AtisScoring
{
    public static readonly string[] Fields = ["origin", "destination", "via", "departDate", "tripType", "cabin", "airline", "nonStop", "sort", "departPeriod"];

    private static readonly Dictionary<string, string[]> CityCodes = new()
    {
        ["atlanta"] = ["ATL"], ["baltimore"] = ["BWI"], ["boston"] = ["BOS"], ["burbank"] = ["BUR"],
        ["charlotte"] = ["CLT"], ["chicago"] = ["CHI", "ORD", "MDW"], ["cincinnati"] = ["CVG"],
        ["cleveland"] = ["CLE"], ["columbus"] = ["CMH"], ["dallas"] = ["DFW", "DAL"],
        ["dallas fort worth"] = ["DFW"], ["fort worth"] = ["DFW", "FTW"], ["denver"] = ["DEN"],
        ["detroit"] = ["DTT", "DTW"], ["houston"] = ["HOU", "IAH"], ["indianapolis"] = ["IND"],
        ["kansas city"] = ["MKC", "MCI"], ["los angeles"] = ["LAX"], ["las vegas"] = ["LAS"],
        ["long beach"] = ["LGB"], ["memphis"] = ["MEM"], ["miami"] = ["MIA"], ["milwaukee"] = ["MKE"],
        ["minneapolis"] = ["MSP"], ["saint paul"] = ["MSP"], ["montreal"] = ["YMQ", "YUL"],
        ["nashville"] = ["BNA"], ["new york"] = ["NYC", "JFK", "LGA", "EWR"], ["newark"] = ["EWR"],
        ["oakland"] = ["OAK"], ["ontario"] = ["ONT"], ["orlando"] = ["ORL", "MCO"],
        ["philadelphia"] = ["PHL"], ["phoenix"] = ["PHX"], ["pittsburgh"] = ["PIT"],
        ["salt lake city"] = ["SLC"], ["san diego"] = ["SAN"], ["san francisco"] = ["SFO"],
        ["san jose"] = ["SJC"], ["seattle"] = ["SEA"], ["saint louis"] = ["STL"],
        ["saint petersburg"] = ["PIE", "TPA"], ["tacoma"] = ["SEA"], ["tampa"] = ["TPA"],
        ["toronto"] = ["YTO", "YYZ"], ["washington"] = ["WAS", "IAD", "DCA", "BWI"],
        ["westchester"] = ["HPN"], ["bay area"] = ["SFO", "OAK", "SJC"],
    };

    private static readonly Dictionary<string, string> CityAliases = new()
    {
        ["la"] = "los angeles", ["philly"] = "philadelphia", ["vegas"] = "las vegas",
        ["salt lake"] = "salt lake city", ["new york city"] = "new york", ["westchester county"] = "westchester",
    };

    private static readonly Dictionary<string, string[]> Airports = new()
    {
        ["love field"] = ["DAL"], ["general mitchell international"] = ["MKE"], ["general mitchell"] = ["MKE"],
        ["la guardia"] = ["LGA"], ["logan"] = ["BOS"], ["dulles"] = ["IAD"], ["o hare"] = ["ORD"],
        ["stapleton international"] = ["DEN"], ["stapleton"] = ["DEN"], ["san francisco international"] = ["SFO"],
        ["orlando international"] = ["MCO"], ["toronto international"] = ["YYZ"],
        ["los angeles international"] = ["LAX"], ["philadelphia international"] = ["PHL"],
        ["dallas fort worth international"] = ["DFW"], ["ontario international"] = ["ONT"],
    };

    private static readonly Dictionary<string, string> Airlines = new()
    {
        ["american"] = "AA", ["united"] = "UA", ["delta"] = "DL", ["us air"] = "US", ["usa air"] = "US",
        ["us"] = "US", ["continental"] = "CO", ["northwest"] = "NW", ["midwest"] = "YX", ["eastern"] = "EA",
        ["canadian"] = "CP", ["tower air"] = "FF", ["tower"] = "FF", ["alaska"] = "AS", ["america west"] = "HP",
        ["nationair"] = "NX", ["lufthansa"] = "LH", ["southwest"] = "WN", ["air canada"] = "AC",
        ["midway"] = "ML", ["trans world"] = "TW", ["twa"] = "TW",
    };

    private static readonly Dictionary<string, string> Cabins = new()
    {
        ["first class"] = "first", ["first"] = "first", ["business class"] = "business", ["business"] = "business",
        ["coach"] = "economy", ["coach class"] = "economy", ["thrift"] = "economy", ["economic"] = "economy", ["economy"] = "economy",
    };

    private static readonly Dictionary<string, string> Trip = new() { ["round trip"] = "roundTrip", ["round trips"] = "roundTrip", ["one way"] = "oneWay" };
    private static readonly HashSet<string> NonStop = ["nonstop", "nonstops", "directly", "without stopping", "no stops", "non stop", "direct"];
    private static readonly HashSet<string> Cheapest = ["cheapest", "least expensive", "lowest", "lowest cost", "lowest price"];

    private static readonly Dictionary<string, (double From, double To)> Periods = new()
    {
        ["morning"] = (5, 12), ["mornings"] = (5, 12), ["afternoon"] = (12, 18), ["afternoons"] = (12, 18),
        ["evening"] = (17, 22), ["night"] = (18, 24), ["nights"] = (18, 24),
    };

    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly Dictionary<string, int> Ordinals = new()
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13,
        ["fourteenth"] = 14, ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18,
        ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30,
    };

    /// <summary>Not scored: the gold annotation names something the scorer does not resolve.</summary>
    private sealed class Skip
    {
        public static readonly Skip Value = new();
    }

    public sealed record Slot(string Name, string Value);

    public sealed record Outcome(string Field, bool GoldPresent, bool PredPresent, bool Correct);

    [GeneratedRegex(@"\bst\.?\s")]
    private static partial Regex SaintPattern();

    [GeneratedRegex(@"^(the )?city (of|in) ")]
    private static partial Regex CityOfPattern();

    [GeneratedRegex("[^a-z ]")]
    private static partial Regex NonLetters();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(" (international )?airport$")]
    private static partial Regex AirportSuffix();

    [GeneratedRegex(@"^\d+(st|nd|rd|th)$")]
    private static partial Regex OrdinalDigits();

    [GeneratedRegex(" (airlines?|international)$")]
    private static partial Regex AirlineSuffix();

    [GeneratedRegex(" airlines?$")]
    private static partial Regex AirlinesSuffix();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})$")]
    private static partial Regex HourMinute();

    public static string Norm(string? s)
    {
        s = (s ?? "").ToLowerInvariant().Replace(" 's", "", StringComparison.Ordinal).Replace("'", " ", StringComparison.Ordinal);
        s = SaintPattern().Replace(s + " ", "saint ").Trim();
        s = CityOfPattern().Replace(s, "");
        s = NonLetters().Replace(s, " ");
        return Spaces().Replace(s, " ").Trim();
    }

    private static string CityKey(string? value)
    {
        var v = AirportSuffix().Replace(Norm(value), "");
        return CityAliases.GetValueOrDefault(v, v);
    }

    private static object? PlaceGold(IReadOnlyList<Slot> slots, string prefix)
    {
        foreach (var s in slots)
        {
            if (s.Name == $"{prefix}.city_name")
            {
                var k = CityKey(s.Value);
                return (new[] { k }, CityCodes.GetValueOrDefault(k, []));
            }
            if (s.Name == $"{prefix}.airport_name")
            {
                var v = Norm(s.Value).Replace(" airport", "", StringComparison.Ordinal);
                if (Airports.TryGetValue(v, out var codes))
                {
                    return (new[] { v }, codes);
                }
                var k = CityKey(v);
                return (new[] { k }, CityCodes.GetValueOrDefault(k, []));
            }
            if (s.Name == $"{prefix}.airport_code")
            {
                return (Array.Empty<string>(), new[] { s.Value.ToUpperInvariant() });
            }
        }
        return slots.Any(s => s.Name.StartsWith(prefix + ".", StringComparison.Ordinal)) ? Skip.Value : null;
    }

    private static bool PlaceOk(JsonElement pred, (string[] Names, string[] Codes) gold)
    {
        if (pred.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        var code = (pred.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)?.ToUpperInvariant() ?? "";
        var name = pred.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "";
        return (code.Length > 0 && gold.Codes.Contains(code)) || gold.Names.Contains(CityKey(name));
    }

    private static int? DayNumber(string text)
    {
        var t = Norm(text);
        if (t.Length > 0 && t.All(char.IsAsciiDigit))
        {
            return int.Parse(t, CultureInfo.InvariantCulture);
        }
        if (OrdinalDigits().IsMatch(t))
        {
            t = t[..^2];
        }
        if (t.Length > 0 && t.All(char.IsAsciiDigit))
        {
            return int.Parse(t, CultureInfo.InvariantCulture);
        }
        var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && Ordinals.TryGetValue(parts[0], out var o))
        {
            return o;
        }
        if (parts.Length == 2 && parts[0] is "twenty" or "thirty" && Ordinals.TryGetValue(parts[1], out var o2))
        {
            return (parts[0] == "twenty" ? 20 : 30) + o2;
        }
        return null;
    }

    private static object? DateGold(IReadOnlyList<Slot> slots, DateOnly today)
    {
        const string prefix = "depart_date";
        // A later slot overwrites an earlier one, as in the Python dict.
        var d = new Dictionary<string, string>();
        foreach (var s in slots.Where(s => s.Name.StartsWith(prefix + ".", StringComparison.Ordinal)))
        {
            d[s.Name[(prefix.Length + 1)..]] = s.Value;
        }
        if (d.Count == 0)
        {
            return null;
        }
        if (d.Keys.Except(["month_name", "day_number", "day_name", "today_relative"]).Any())
        {
            return Skip.Value;
        }
        if (d.TryGetValue("today_relative", out var rel))
        {
            int? offset = rel switch { "today" or "tonight" => 0, "tomorrow" => 1, "the day after tomorrow" => 2, _ => null };
            return offset is { } o && d.Count == 1 ? today.AddDays(o) : Skip.Value;
        }
        if (d.TryGetValue("month_name", out var monthName) && d.TryGetValue("day_number", out var dayText))
        {
            var m = Array.IndexOf(Months, Norm(monthName)) + 1;
            var n = DayNumber(dayText);
            if (m == 0 || n is null)
            {
                return Skip.Value;
            }
            if (n.Value > DateTime.DaysInMonth(today.Year, m) || n.Value < 1)
            {
                return Skip.Value;
            }
            var x = new DateOnly(today.Year, m, n.Value);
            if (x >= today)
            {
                return x;
            }
            return n.Value <= DateTime.DaysInMonth(today.Year + 1, m) ? new DateOnly(today.Year + 1, m, n.Value) : Skip.Value;
        }
        if (d.Count == 1 && d.TryGetValue("day_name", out var dayName))
        {
            var name = Norm(dayName).TrimEnd('s');
            var index = Array.IndexOf(Days, name);
            if (index < 0)
            {
                return Skip.Value;
            }
            var weekday = ((int)today.DayOfWeek + 6) % 7;
            var ahead = ((index - weekday) % 7 + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }
        return Skip.Value;
    }

    private static object? One(IReadOnlyList<Slot> slots, string name, Func<string, string?> table)
    {
        var value = slots.FirstOrDefault(s => s.Name == name);
        return value is null ? null : (object?)table(Norm(value.Value)) ?? Skip.Value;
    }

    private static object? AirlineGold(IReadOnlyList<Slot> slots)
    {
        var s = slots.FirstOrDefault(x => x.Name is "airline_name" or "airline_code");
        if (s is null)
        {
            return null;
        }
        if (s.Name == "airline_code")
        {
            return s.Value.ToUpperInvariant();
        }
        var v = AirlinesSuffix().Replace(AirlineSuffix().Replace(Norm(s.Value), ""), "");
        return Airlines.TryGetValue(v, out var code) ? code : Skip.Value;
    }

    private static object? PeriodGold(IReadOnlyList<Slot> slots)
    {
        var values = slots.Where(s => s.Name == "depart_time.period_of_day").Select(s => s.Value).ToList();
        var others = slots.Any(s => s.Name.StartsWith("depart_time.", StringComparison.Ordinal) && s.Name != "depart_time.period_of_day");
        if (values.Count == 0)
        {
            return others ? Skip.Value : null;
        }
        return !others && Periods.TryGetValue(Norm(values[0]), out var p) ? p : Skip.Value;
    }

    private static double? Hhmm(string? s)
    {
        var m = HourMinute().Match(s ?? "");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) / 60.0 : null;
    }

    private static bool PeriodOk(JsonElement pred, (double From, double To) gold)
    {
        if (pred.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        var a = Hhmm(pred.TryGetProperty("from", out var f) ? f.GetString() : null) ?? 0;
        var b = Hhmm(pred.TryGetProperty("to", out var t) ? t.GetString() : null) ?? 24;
        b = b == 0 ? 24 : b;
        var mid = (a + b) / 2;
        return gold.From <= mid && mid <= gold.To && (a, b) != (0, 24);
    }

    private static bool Present(JsonElement? e) =>
        e is { } v && v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => false,
            JsonValueKind.Array => v.GetArrayLength() > 0,
            JsonValueKind.Object => v.EnumerateObject().Any(),
            JsonValueKind.False => false, // "nonStop": false counts as not said (eval: pred.get("nonStop") or None)
            _ => true,
        };

    /// <summary>The scored fields of one utterance, as eval.py's <c>score</c> yields them.</summary>
    public static IEnumerable<Outcome> Score(IReadOnlyList<Slot> gold, JsonElement frame, DateOnly today)
    {
        JsonElement? Get(string name) => frame.TryGetProperty(name, out var v) ? v : null;

        foreach (var (field, prefix) in new[] { ("origin", "fromloc"), ("destination", "toloc"), ("via", "stoploc") })
        {
            var g = PlaceGold(gold, prefix);
            if (g is Skip)
            {
                continue;
            }
            var p = Get(field);
            var ok = g is ValueTuple<string[], string[]> places && Present(p) &&
                (field == "via" ? p!.Value.EnumerateArray().Any(v => PlaceOk(v, places)) : PlaceOk(p!.Value, places));
            yield return new Outcome(field, g is not null, Present(p), ok);
        }

        var date = DateGold(gold, today);
        if (date is not Skip)
        {
            var p = Get("departDate");
            yield return new Outcome("departDate", date is not null, Present(p), date is DateOnly d && Present(p) && p!.Value.GetString() == d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        foreach (var (field, slot, table) in new (string, string, Func<string, string?>)[]
        {
            ("tripType", "round_trip", v => Trip.GetValueOrDefault(v)),
            ("cabin", "class_type", v => Cabins.GetValueOrDefault(v)),
            ("sort", "cost_relative", v => Cheapest.Contains(v) ? "price" : null),
        })
        {
            var g = One(gold, slot, table);
            if (g is Skip)
            {
                continue;
            }
            var p = Get(field);
            yield return new Outcome(field, g is not null, Present(p), g is string s && Present(p) && p!.Value.GetString() == s);
        }

        var airline = AirlineGold(gold);
        if (airline is not Skip)
        {
            var p = Get("airlines");
            var codes = Present(p) ? p!.Value.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!.ToUpperInvariant()).ToList() : [];
            yield return new Outcome("airline", airline is not null, codes.Count > 0, airline is string code && codes.Contains(code));
        }

        var nonStop = One(gold, "flight_stop", v => NonStop.Contains(v) ? "true" : null);
        if (nonStop is not Skip)
        {
            var p = Get("nonStop");
            var said = p is { ValueKind: JsonValueKind.True };
            yield return new Outcome("nonStop", nonStop is not null, said, nonStop is not null && said);
        }

        var period = PeriodGold(gold);
        if (period is not Skip)
        {
            var p = Get("departTime");
            yield return new Outcome("departPeriod", period is not null, Present(p), period is ValueTuple<double, double> g && Present(p) && PeriodOk(p!.Value, g));
        }
    }
}
