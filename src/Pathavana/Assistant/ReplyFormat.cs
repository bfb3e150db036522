using System.Globalization;
using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Assistant;

/// <summary>How replies write money, days, times and people (English, invariant digits).</summary>
internal static class ReplyFormat
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture; // English month and day names; the app runs in invariant globalization mode

    /// <summary>"$1,134", "€900", "£75.50", "CHF 1,200": whole amounts without cents.</summary>
    public static string Money(Money m)
    {
        var number = m.Amount == decimal.Truncate(m.Amount) ? m.Amount.ToString("#,0", En) : m.Amount.ToString("#,0.00", En);
        return m.Currency switch
        {
            "USD" => "$" + number,
            "EUR" => "€" + number,
            "GBP" => "£" + number,
            _ => m.Currency + " " + number,
        };
    }

    /// <summary>"Thursday 13 March".</summary>
    public static string Day(DateOnly d) => d.ToString("dddd d MMMM", En);

    /// <summary>"13 March".</summary>
    public static string Short(DateOnly d) => d.ToString("d MMMM", En);

    public static string Month(int month) => new DateOnly(2000, month, 1).ToString("MMMM", En);

    /// <summary>"2 adults and 1 child".</summary>
    public static string People(PassengerMix p)
    {
        var parts = new List<string> { p.Adults == 1 ? "1 adult" : $"{p.Adults} adults" };
        if (p.Children > 0)
        {
            parts.Add(p.Children == 1 ? "1 child" : $"{p.Children} children");
        }
        if (p.Infants > 0)
        {
            parts.Add(p.Infants == 1 ? "1 infant" : $"{p.Infants} infants");
        }
        return string.Join(" and ", parts);
    }

    public static string CabinName(Cabin c) => c switch
    {
        Cabin.PremiumEconomy => "premium economy",
        Cabin.Business => "business class",
        Cabin.First => "first class",
        _ => "economy",
    };

    /// <summary>"21:40", the local time at the airport.</summary>
    public static string Time(DateTimeOffset t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>" (+1 day)" when a flight lands on a later local date than it left.</summary>
    public static string NextDay(DateTimeOffset departure, DateTimeOffset arrival)
    {
        var days = DateOnly.FromDateTime(arrival.DateTime).DayNumber - DateOnly.FromDateTime(departure.DateTime).DayNumber;
        return days switch { 0 => "", 1 => " (+1 day)", > 1 => $" (+{days} days)", _ => $" ({days} day)" };
    }

    /// <summary>A window of the day in words, without figures: "in the morning", "at night", "in the small hours".</summary>
    public static string TimeWords(Understanding.TimeWindow w)
    {
        var middle = w.From <= w.To ? (w.From.Hour + w.To.Hour) / 2.0 : 0;
        return middle switch
        {
            < 5 => "in the small hours",
            < 12 => "in the morning",
            < 17 => "in the afternoon",
            < 21 => "in the evening",
            _ => "at night",
        };
    }

    public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    /// <summary>Joins "a", "b" and "c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
