using System.Collections.Frozen;
using System.Globalization;

namespace Pathavana.Assistant.Understanding;

/// <summary>The words the grammars know: numbers, ordinals, months, weekdays, currencies.</summary>
internal static class Lexicon
{
    public static readonly FrozenDictionary<string, int> Cardinals = new Dictionary<string, int>
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, int> Ordinals = new Dictionary<string, int>
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6,
        ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11,
        ["twelfth"] = 12, ["thirteenth"] = 13, ["fourteenth"] = 14, ["fifteenth"] = 15,
        ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18, ["nineteenth"] = 19,
        ["twentieth"] = 20, ["thirtieth"] = 30,
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10,
        ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, DayOfWeek> Weekdays = new Dictionary<string, DayOfWeek>
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday, ["mondays"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday, ["tuesdays"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday, ["wednesdays"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday, ["thursdays"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday, ["fridays"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday, ["saturdays"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday, ["sundays"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary();

    /// <summary>Currency words and signs to ISO 4217.</summary>
    public static readonly FrozenDictionary<string, string> Currencies = new Dictionary<string, string>
    {
        ["$"] = "USD", ["usd"] = "USD", ["dollar"] = "USD", ["dollars"] = "USD", ["bucks"] = "USD", ["buck"] = "USD",
        ["€"] = "EUR", ["eur"] = "EUR", ["euro"] = "EUR", ["euros"] = "EUR",
        ["£"] = "GBP", ["gbp"] = "GBP", ["pound"] = "GBP", ["pounds"] = "GBP", ["quid"] = "GBP", ["sterling"] = "GBP",
        ["¥"] = "JPY", ["yen"] = "JPY", ["jpy"] = "JPY",
        ["chf"] = "CHF", ["franc"] = "CHF", ["francs"] = "CHF",
        ["cad"] = "CAD", ["aud"] = "AUD", ["nzd"] = "NZD", ["sgd"] = "SGD", ["hkd"] = "HKD",
        ["inr"] = "INR", ["rupee"] = "INR", ["rupees"] = "INR",
        ["mxn"] = "MXN", ["peso"] = "MXN", ["pesos"] = "MXN",
        ["sek"] = "SEK", ["nok"] = "NOK", ["dkk"] = "DKK", ["kronor"] = "SEK", ["kroner"] = "NOK",
        ["cny"] = "CNY", ["yuan"] = "CNY", ["rmb"] = "CNY", ["krw"] = "KRW", ["won"] = "KRW",
        ["brl"] = "BRL", ["reais"] = "BRL", ["real"] = "BRL", ["zar"] = "ZAR", ["rand"] = "ZAR",
        ["aed"] = "AED", ["dirham"] = "AED", ["dirhams"] = "AED", ["thb"] = "THB", ["baht"] = "THB",
        ["try"] = "TRY", ["lira"] = "TRY", ["pln"] = "PLN", ["zloty"] = "PLN", ["czk"] = "CZK",
    }.ToFrozenDictionary();

    /// <summary>"canadian dollars", "australian dollars"…: a nationality before "dollars".</summary>
    public static readonly FrozenDictionary<string, string> DollarNations = new Dictionary<string, string>
    {
        ["us"] = "USD", ["american"] = "USD", ["canadian"] = "CAD", ["australian"] = "AUD", ["aussie"] = "AUD",
        ["new"] = "NZD", ["singapore"] = "SGD", ["hong"] = "HKD", ["swiss"] = "CHF", ["mexican"] = "MXN",
        ["british"] = "GBP", ["hk"] = "HKD", ["nz"] = "NZD", ["c"] = "CAD", ["a"] = "AUD",
    }.ToFrozenDictionary();

    /// <summary>A small number from one or two tokens ("3", "three", "twenty five", "a"); returns the tokens used.</summary>
    public static int? SmallNumber(IReadOnlyList<Token> tokens, int i, out int length)
    {
        length = 1;
        if (i < 0 || i >= tokens.Count)
        {
            return null;
        }
        var t = tokens[i].Text;
        if (tokens[i].IsNumber && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        if (Cardinals.TryGetValue(t, out n))
        {
            if (n >= 20 && i + 1 < tokens.Count && Cardinals.TryGetValue(tokens[i + 1].Text, out var unit) && unit is > 0 and < 10)
            {
                length = 2;
                return n + unit;
            }
            return n;
        }
        return t switch
        {
            "a" or "an" or "single" => 1,
            "couple" or "pair" => 2,
            "both" => 2,
            "dozen" => 12,
            _ => null,
        };
    }

    /// <summary>A day of the month: "14", "14th", "fourteenth", "twenty first", "twenty-one".</summary>
    public static int? DayNumber(IReadOnlyList<Token> tokens, int i, out int length, bool allowBareCardinal)
    {
        length = 1;
        if (i < 0 || i >= tokens.Count)
        {
            return null;
        }
        var t = tokens[i].Text;
        if (t.Length >= 3 && char.IsAsciiDigit(t[0]) && (t.EndsWith("st", StringComparison.Ordinal) || t.EndsWith("nd", StringComparison.Ordinal) || t.EndsWith("rd", StringComparison.Ordinal) || t.EndsWith("th", StringComparison.Ordinal)))
        {
            return int.TryParse(t.AsSpan(0, t.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31 ? d : null;
        }
        if (tokens[i].IsNumber)
        {
            return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31 ? d : null;
        }
        if (Ordinals.TryGetValue(t, out var o))
        {
            return o;
        }
        if (t is "twenty" or "thirty" && i + 1 < tokens.Count)
        {
            var tens = t == "twenty" ? 20 : 30;
            var next = tokens[i + 1].Text;
            if (Ordinals.TryGetValue(next, out var unit) && unit < 10 && tens + unit <= 31)
            {
                length = 2;
                return tens + unit;
            }
            if (allowBareCardinal && Cardinals.TryGetValue(next, out unit) && unit is > 0 and < 10 && tens + unit <= 31)
            {
                length = 2;
                return tens + unit;
            }
        }
        if (allowBareCardinal && Cardinals.TryGetValue(t, out var c) && c is >= 1 and <= 31)
        {
            return c;
        }
        return null;
    }
}
