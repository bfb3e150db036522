using System.Globalization;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;

namespace Pathavana.Tests.Assistant.Understanding;

/// <summary>Runs <see cref="UnderstandingCases"/>: each utterance's frame has the fields the case names.</summary>
public sealed class UnderstandingTableTests
{
    internal static readonly OfflineUnderstanding Understanding = new(LocationDirectory.Shared);

    [Theory]
    [MemberData(nameof(UnderstandingCases.All), MemberType = typeof(UnderstandingCases))]
    public void Understands(string today, string utterance, string expectations)
    {
        var frame = Understanding.Parse(utterance, DateOnly.Parse(today, CultureInfo.InvariantCulture));

        var problems = FrameExpectation.Check(frame, expectations);

        Assert.True(problems.Count == 0, $"'{utterance}' (today {today}) -> {frame.ToJson()}\n  " + string.Join("\n  ", problems));
    }
}

/// <summary>
/// Checks a frame against <c>field=value</c> pairs: intent, from, to, via (codes; <c>A|B</c> accepts
/// either), depart, return, checkin, checkout (ISO dates), time (<c>HH:mm-HH:mm</c>), trip, cabin,
/// airline, nonstop, sort, pax (<c>adults/children/infants</c>), max and nightly (<c>900 USD</c>),
/// stars, area, amenities (<c>breakfast,pool</c>), nights, window (<c>from..to</c>, ISO dates), act. A value of <c>-</c> means the field is left out.
/// </summary>
internal static class FrameExpectation
{
    public static List<string> Check(TripFrame frame, string expectations)
    {
        var problems = new List<string>();
        foreach (var (field, expected) in Pairs(expectations))
        {
            var actual = Actual(frame, field);
            var ok = expected == "-"
                ? actual is null
                : actual is not null && expected.Split('|').Any(e => string.Equals(e, actual, StringComparison.OrdinalIgnoreCase));
            if (!ok)
            {
                problems.Add($"{field}: expected {expected}, got {actual ?? "(none)"}");
            }
        }
        return problems;
    }

    private static IEnumerable<(string Field, string Value)> Pairs(string expectations)
    {
        // "max=900 USD" and "area=Eiffel Tower" hold spaces: a pair runs until the next "word=".
        var words = expectations.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? field = null;
        var value = new List<string>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                if (field is not null)
                {
                    yield return (field, string.Join(' ', value));
                }
                field = word[..eq];
                value = [word[(eq + 1)..]];
            }
            else
            {
                value.Add(word);
            }
        }
        if (field is not null)
        {
            yield return (field, string.Join(' ', value));
        }
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Actual(TripFrame f, string field) => field switch
    {
        "intent" => f.Intent is { } i ? char.ToLowerInvariant(i.ToString()[0]) + i.ToString()[1..] : null,
        "from" => f.Origin?.Code,
        "to" => f.Destination?.Code,
        "via" => f.Via is { Count: > 0 } v ? v[0].Code : null,
        "depart" => Date(f.DepartDate),
        "return" => Date(f.ReturnDate),
        "checkin" => Date(f.Stay?.CheckIn),
        "checkout" => Date(f.Stay?.CheckOut),
        "time" => f.DepartTime is { } w ? $"{w.From:HH\\:mm}-{w.To:HH\\:mm}" : null,
        "backtime" => f.ReturnTime is { } rw ? $"{rw.From:HH\\:mm}-{rw.To:HH\\:mm}" : null,
        "trip" => f.TripType is { } tt ? char.ToLowerInvariant(tt.ToString()[0]) + tt.ToString()[1..] : null,
        "cabin" => f.Cabin is { } c ? char.ToLowerInvariant(c.ToString()[0]) + c.ToString()[1..] : null,
        "airline" => f.Airlines is { Count: > 0 } a ? a[0] : null,
        "nonstop" => f.NonStop is true ? "true" : null,
        "sort" => f.Sort is { } s ? s.ToString().ToLowerInvariant() : null,
        "pax" => f.Passengers is { } p ? $"{p.Adults}/{p.Children}/{p.Infants}" : null,
        "max" => f.MaxPrice is { } m ? $"{m.Amount.ToString("0.##", CultureInfo.InvariantCulture)} {m.Currency}" : null,
        "nightly" => f.Stay?.MaxNightly is { } n ? $"{n.Amount.ToString("0.##", CultureInfo.InvariantCulture)} {n.Currency}" : null,
        "stars" => f.Stay?.MinStars?.ToString(CultureInfo.InvariantCulture),
        "area" => f.Stay?.Area,
        "amenities" => f.Stay?.Amenities is { Count: > 0 } am ? string.Join(',', am) : null,
        "nights" => f.Nights?.ToString(CultureInfo.InvariantCulture),
        "window" => f.Window is { } w ? $"{Date(w.From)}..{Date(w.To)}" : null,
        "act" => f.Act == FrameAct.Request ? null : f.Act.ToString(),
        _ => throw new ArgumentException($"Unknown field '{field}' in a case."),
    };
}
