namespace Pathavana.Assistant.Understanding;

// What a conversation adds to a one-shot request: edits relative to what was said ("a day earlier",
// "an extra night", "forget the budget"), budget bases ("each", "in total"), flexible windows
// ("during June", "over Thanksgiving"), open destinations ("somewhere warm"), multi-city legs and
// questions the product can answer ("what's the weather like in Lisbon in March?").
internal sealed partial class FrameParser
{
    private readonly List<FrameEdit> edits = [];
    private BudgetBasis? budgetBasis;
    private DateWindow? window;
    private DestinationWishes? somewhere;
    private QuestionKind? question;
    private int? questionMonth;

    private void AddEdit(FrameEdit edit)
    {
        if (!edits.Contains(edit))
        {
            edits.Add(edit);
        }
    }

    // ---- removals: "whatever airline", "no budget limit", "a stop is fine", "the time doesn't matter" ----

    private static readonly HashSet<string> Indifferent = ["fine", "ok", "okay", "good", "alright", "acceptable", "matter", "matters", "care", "mind", "bother"];

    private bool IndifferentAfter(int i) =>
        Is(i, "is", "are", "s", "re") && Is(i + 1, "fine", "ok", "okay", "good", "alright", "acceptable")
        || Is(i, "doesn", "don", "does", "do") && Is(i + 1, "t", "not") && Is(i + 2, "matter", "care", "mind", "bother")
        || Is(i, "dont", "doesnt") && Is(i + 1, "matter", "care")
        || Is(i, "not") && Is(i + 1, "important", "needed", "necessary")
        || Is(i, "works", "is") && Is(i + 1, "for") && Is(i + 2, "me");

    /// <summary>"no need for breakfast", "don't need a pool", "we do not need parking".</summary>
    private bool NoNeedFor(int i)
    {
        var k = Is(i - 1, "a", "the", "any") ? i - 2 : i - 1;
        k = Is(k, "for") ? k - 1 : k;
        return Is(k, "need") && (Is(k - 1, "no", "dont") || Is(k - 1, "t") && Is(k - 2, "don", "doesn") || Is(k - 1, "not") && Is(k - 2, "do", "does"));
    }

    private void ExtractRemovals()
    {
        for (var i = 0; i < t.Count; i++)
        {
            var w = W(i);
            var any = Is(i - 1, "any", "whatever", "whichever", "all") || Is(i - 2, "any") && Is(i - 1, "old");
            string? slot = w switch
            {
                "airline" or "airlines" or "carrier" or "carriers" when any || IndifferentAfter(i + 1) || Is(i - 1, "no") && Is(i + 1, "preference") || Is(i - 2, "no") && Is(i - 1, "airline") => "airlines",
                "budget" or "limit" or "price" or "cap" when Is(i - 1, "no", "without") && !Is(i + 1, "airline", "airlines") || Is(i - 1, "the", "my") && Is(i - 2, "forget", "drop", "remove", "ignore", "lose", "scrap") || any && w == "price" || IndifferentAfter(i + 1) && w is "price" or "budget" || Is(i - 1, "budget") && Is(i - 2, "no") => "maxPrice",
                "stop" or "stops" or "connection" or "connections" or "layover" or "layovers" when (Is(i - 1, "a", "one", "with", "some") || Is(i - 2, "with") && Is(i - 1, "a")) && IndifferentAfter(i + 1) || Is(i - 1, "allow", "accept") || Is(i - 2, "allow", "accept") => "nonStop",
                "nonstop" or "direct" when Is(i - 2, "have", "need", "has") && Is(i - 1, "to", "be") && Is(i - 3, "t", "not", "doesn", "don") || Is(i - 1, "not") && Is(i - 2, "need", "necessarily") => "nonStop",
                "time" or "times" when (Is(i - 1, "the", "departure", "any", "whatever") && (IndifferentAfter(i + 1) || any)) || Is(i - 1, "any", "whatever") && Is(i - 2, "at", "leave", "fly") => "departTime",
                "class" or "cabin" when any || IndifferentAfter(i + 1) => "cabin",
                "stars" or "star" when any || IndifferentAfter(i + 1) || Is(i - 1, "the") && Is(i - 2, "forget", "drop", "ignore") => "minStars",
                "area" or "neighborhood" or "neighbourhood" or "location" when any || IndifferentAfter(i + 1) && Is(i - 1, "the") => "area",
                "breakfast" or "pool" or "parking" or "gym" or "spa" or "wifi" when IndifferentAfter(i + 1) || Is(i - 1, "the", "a") && Is(i - 2, "forget", "drop", "ignore", "skip")
                    || Is(i - 1, "forget", "drop", "skip") || NoNeedFor(i) => OfflineAssistant.AmenitySlot + W(i),
                _ => null,
            };
            if (slot is null)
            {
                continue;
            }
            AddEdit(new FrameEdit(EditKind.Remove, Slot: slot));
            var start = i;
            while (start > 0 && Is(start - 1, "any", "whatever", "whichever", "old", "a", "one", "with", "some", "no", "the", "my", "forget", "drop", "remove", "ignore", "without", "allow", "accept", "departure", "budget", "airline"))
            {
                start--;
            }
            var end = i + 1;
            while (end < t.Count && (Indifferent.Contains(W(end)) || Is(end, "is", "are", "s", "re", "doesn", "don", "does", "do", "t", "not", "limit", "preference", "really", "to", "me", "for", "works", "important")))
            {
                end++;
            }
            Use(start, end);
            i = end - 1;
        }
    }

    // ---- shifts: "go a day earlier", "come back two days later", "move it all forward three days" ----

    private static readonly HashSet<string> Later = ["later", "after", "forward", "forwards", "ahead", "postpone"];
    private static readonly HashSet<string> Earlier = ["earlier", "before", "sooner", "back", "backward", "backwards"];

    private void ExtractShifts()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!Is(i, "day", "days", "week", "weeks") || t[i].Used)
            {
                continue;
            }
            var unit = W(i).StartsWith("week", StringComparison.Ordinal) ? 7 : 1;
            int? count = null;
            var start = i;
            if (Lexicon.SmallNumber(t, i - 1, out _) is { } n and > 0 and < 60)
            {
                count = n;
                start = i - 1;
            }
            else if (Is(i - 1, "of") && Is(i - 2, "couple", "pair"))
            {
                // "a couple of days later"
                count = 2;
                start = i - 2;
            }
            else if (Is(i - 1, "the") && Is(i + 1, "after", "before") && !Is(i + 2, "tomorrow"))
            {
                // "the day after", "the day before": relative to the date held.
                count = 1;
                start = i - 1;
            }
            if (count is null)
            {
                continue;
            }
            // The direction: a word right after ("two days later"), or "forward/back ... N days" before.
            var sign = 0;
            var end = i + 1;
            if (Later.Contains(W(i + 1)) && !Is(i + 2, "tomorrow", "today", "that"))
            {
                sign = 1;
                end = i + 2;
            }
            else if (Earlier.Contains(W(i + 1)) && !Is(i + 2, "tomorrow", "today", "that") && !(W(i + 1) == "back" && Is(i + 2, "on", "from", "home")))
            {
                sign = -1;
                end = i + 2;
            }
            else
            {
                for (var k = start - 1; k >= Math.Max(0, start - 3) && sign == 0; k--)
                {
                    if (Is(k, "forward", "forwards", "ahead", "later"))
                    {
                        sign = 1;
                    }
                    else if (Is(k, "earlier", "back", "backward", "backwards", "sooner") && !Is(k - 1, "come", "coming", "fly", "flying", "get"))
                    {
                        // "push it back a day", "push the trip back": later.
                        sign = Is(k - 1, "push", "pushed", "pushing") || Is(k - 2, "push", "pushed", "pushing") || Is(k - 3, "push", "pushed", "pushing") && Is(k - 2, "the") ? 1 : -1;
                    }
                }
            }
            if (sign == 0)
            {
                continue;
            }
            var days = sign * count.Value * unit;
            // Which part moves: the return ("come back a day later"), the whole trip ("move it all", "everything"), else the departure.
            var kind = EditKind.ShiftDepart;
            for (var k = Math.Max(0, start - 6); k < Math.Min(t.Count, end + 4); k++)
            {
                if (Is(k, "all", "everything", "whole", "both", "entire") || Is(k, "the") && Is(k + 1, "trip", "dates"))
                {
                    kind = EditKind.ShiftTrip;
                    break;
                }
                if (k < start && (Is(k, "return", "returning", "inbound") || Is(k, "back") && Is(k - 1, "come", "coming", "fly", "flying", "get", "getting") || Is(k, "home") && Is(k - 1, "come", "fly", "go") || Is(k, "checkout") || Is(k, "check") && Is(k + 1, "out")))
                {
                    kind = EditKind.ShiftReturn;
                }
            }
            AddEdit(new FrameEdit(kind, days));
            Use(start, end);
            if (Is(start - 1, "a") && count == 1)
            {
                Use(start - 1, start);
            }
            i = end - 1;
        }
    }

    // ---- nights: "stay an extra night", "one night fewer", "two more nights" ---------------------

    private void ExtractNightEdits()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!Is(i, "night", "nights", "day", "days") || t[i].Used)
            {
                continue;
            }
            int? count = null;
            var start = i;
            var sign = 0;
            // "an extra night", "two more nights", "one additional night"
            if (Is(i - 1, "extra", "more", "additional", "another") || Is(i - 1, "longer"))
            {
                var k = i - 1;
                count = Is(k, "another") ? 1 : Lexicon.SmallNumber(t, k - 1, out _) ?? (Is(k - 1, "an", "a") ? 1 : null);
                if (count is null && Is(k, "extra", "more", "additional"))
                {
                    count = 1;
                }
                start = Lexicon.SmallNumber(t, k - 1, out _) is not null || Is(k - 1, "an", "a") ? k - 1 : k;
                sign = 1;
            }
            // "one night fewer", "a night less", "two nights shorter", "one night longer"
            else if (Is(i + 1, "fewer", "less", "shorter", "longer", "more", "extra") && Lexicon.SmallNumber(t, i - 1, out _) is { } n)
            {
                count = n;
                start = i - 1;
                sign = Is(i + 1, "longer", "more", "extra") ? 1 : -1;
            }
            // "add a day", "cut two nights", "extend the trip by a day", "shorten our stay by 2 nights"
            else if (Lexicon.SmallNumber(t, i - 1, out _) is { } said && !Is(i + 1, "trip", "trips", "tour", "tours", "pass", "passes")
                && LengthVerb(Is(i - 2, "by") ? i - 3 : i - 2, Is(i - 2, "by") ? 4 : 1) is var verb and not 0)
            {
                count = said;
                start = i - 1;
                sign = verb;
            }
            if (count is null || sign == 0 || count > 30)
            {
                continue;
            }
            AddEdit(new FrameEdit(EditKind.Nights, sign * count.Value));
            Use(start, Is(i + 1, "fewer", "less", "shorter", "longer", "more", "extra") ? i + 2 : i + 1);
        }
    }

    /// <summary>
    /// +1 when one of the <paramref name="span"/> words ending at <paramref name="end"/> lengthens the
    /// trip ("add", "extend"), −1 when one shortens it ("cut", "shorten"), 0 otherwise.
    /// </summary>
    private int LengthVerb(int end, int span)
    {
        for (var k = end; k > end - span && k >= 0; k--)
        {
            if (Is(k, "add", "adding", "extend", "extending", "lengthen", "stretch", "prolong"))
            {
                return 1;
            }
            if (Is(k, "cut", "drop", "remove", "shorten", "shortening", "subtract", "lose", "minus"))
            {
                return -1;
            }
        }
        return 0;
    }

    // ---- budget basis: "each", "per person", "pp", "a head" / "in total", "for both" ---------------

    private void ExtractBudgetBasis(int end)
    {
        for (var k = end + 1; k < Math.Min(t.Count, end + 5); k++)
        {
            if (Is(k, "each", "apiece", "pp", "pax") || Is(k, "per", "a", "for") && Is(k + 1, "person", "head", "ticket", "traveler", "traveller", "passenger", "adult", "seat")
                || Is(k, "per") && Is(k + 1, "p") || Is(k, "for") && Is(k + 1, "each"))
            {
                budgetBasis ??= BudgetBasis.PerPerson;
                Use(k, Is(k, "each", "apiece", "pp", "pax") ? k + 1 : k + 2);
                return;
            }
            if (Is(k, "total", "altogether", "combined", "overall") || Is(k, "for") && Is(k + 1, "both", "all", "everyone", "everybody", "us")
                || Is(k, "for") && Is(k + 1, "the") && Lexicon.SmallNumber(t, k + 2, out var l) is not null && Is(k + 2 + l, "of") || Is(k, "all") && Is(k + 1, "in"))
            {
                budgetBasis ??= BudgetBasis.Total;
                Use(k, k + 1);
                return;
            }
            if (t[k].IsNumber || Lexicon.Currencies.ContainsKey(W(k)) && !Is(k, "dollars", "euros", "pounds", "dollar", "euro", "pound", "bucks") || Is(k, "and", "but", "to", "from"))
            {
                break;
            }
        }
        // "each under $900", "per person budget of 900"
        if (HasPhrase("per", "person") || HasPhrase("each", "under") || HasPhrase("a", "head"))
        {
            budgetBasis ??= BudgetBasis.PerPerson;
        }
        else if (HasPhrase("in", "total") || HasPhrase("total", "budget"))
        {
            budgetBasis ??= BudgetBasis.Total;
        }
    }

    // ---- flexible windows: a month, a season, a holiday ------------------------------------------

    /// <summary>The month starting <paramref name="first"/>, or its early, mid or late part when the word at <paramref name="modifier"/> says so.</summary>
    private DateWindow MonthPart(DateOnly first, int modifier)
    {
        var (from, to) = (first, first.AddMonths(1).AddDays(-1));
        if (Is(modifier, "early"))
        {
            to = first.AddDays(9);
        }
        else if (Is(modifier, "mid"))
        {
            (from, to) = (first.AddDays(9), first.AddDays(19));
        }
        else if (Is(modifier, "late"))
        {
            from = first.AddDays(20);
        }
        return new DateWindow(from, to, first.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture));
    }

    private void ExtractWindow()
    {
        for (var i = 0; i < t.Count && window is null; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            var w = W(i);
            // "next month", "early next month": that month, as if named
            if (w == "month" && Is(i - 1, "next") && !Is(i + 1, "'s", "s"))
            {
                window = MonthPart(new DateOnly(today.Year, today.Month, 1).AddMonths(1), i - 2);
                Use(Is(i - 2, "early", "mid", "late", "sometime") ? i - 2 : i - 1, i + 1);
                continue;
            }
            var cue = Is(i - 1, "in", "during", "for", "over", "around", "this", "next", "of", "through", "throughout") || Is(i - 1, "the") && Is(i - 2, "in", "during", "over", "around");
            if (Lexicon.Months.TryGetValue(w, out var month) && w.Length >= 3 && (cue || Is(i - 1, "sometime", "early", "late", "mid")) && !(w == "may" && !Is(i - 1, "in", "during", "of", "early", "late", "mid")) && !(w == "mar" && !cue) && !Is(i + 1, "half", "halfterm", "half-term"))
            {
                window = MonthPart(NextMonthStart(month, Is(i - 1, "next") && month == today.Month), i - 1);
                Use(Is(i - 1, "early", "mid", "late", "sometime", "this", "next") ? i - 1 : i, i + 1);
                if (Is(i - 2, "sometime", "some", "time") || Is(i - 1, "in") && Is(i - 2, "sometime"))
                {
                    Use(i - 2, i);
                }
                continue;
            }
            if (w is "spring" or "summer" or "autumn" or "fall" or "winter" && (cue || Is(i - 1, "the")) && !Is(i + 1, "break", "sale", "collection"))
            {
                var startMonth = w switch { "spring" => 3, "summer" => 6, "winter" => 12, _ => 9 };
                var first = NextMonthStart(startMonth, false);
                var season = w == "fall" ? "autumn" : w;
                // Already inside the season: from today to its end.
                var end = first.AddMonths(3).AddDays(-1);
                var previousStart = first.AddYears(-1);
                if (today >= previousStart && today <= previousStart.AddMonths(3).AddDays(-1))
                {
                    first = today.AddDays(1);
                    end = previousStart.AddMonths(3).AddDays(-1);
                }
                window = new DateWindow(first, end, $"the {season}");
                Use(i, i + 1);
                continue;
            }
            if (w is "half" && Is(i + 1, "term", "terms") || w is "halfterm" or "half-term")
            {
                // English school half terms: a week off in February (from the third Monday), at the end of
                // May (the spring bank holiday) and at the end of October. Families leave over the weekend
                // before it for a week; the month said ("February half term") picks which one.
                var words = w == "half" ? 2 : 1;
                int? said = null;
                foreach (var k in new[] { i - 1, i + words + 1, i + words })
                {
                    if (Lexicon.Months.TryGetValue(W(k), out var m) && m is 2 or 5 or 10)
                    {
                        said = m;
                        Use(k, k + 1);
                        if (Is(k - 1, "in") && k > i)
                        {
                            Use(k - 1, k);
                        }
                        break;
                    }
                }
                var monday = HalfTerms(today.Year).Concat(HalfTerms(today.Year + 1))
                    .First(d => d.AddDays(-1) > today && (said is null || d.Month == said || said == 5 && d.Month == 6));
                window = new DateWindow(monday.AddDays(-3), monday.AddDays(-1), $"{(monday.Month switch { 2 => "February", 10 => "October", _ => "May" })} half term");
                nights ??= 7;
                tripType ??= TripType.RoundTrip;
                Use(Is(i - 1, "over", "during", "for", "at", "this", "next") ? i - 1 : i, i + words);
                continue;
            }
            if (w is "spring" or "march" && Is(i + 1, "break", "vacation") && !Is(i - 1, "after", "before"))
            {
                // School spring breaks (the US "spring break", Canada's "March break") fall mostly in the
                // second and third weeks of March: leave from the Friday before the second Saturday to the
                // third Saturday, for a week unless a length is said.
                var year = today.Month > 3 || today.Month == 3 && today.Day > 14 ? today.Year + 1 : today.Year;
                var secondSaturday = NthWeekday(year, 3, DayOfWeek.Saturday, 2);
                var from = secondSaturday.AddDays(-1) <= today ? today.AddDays(1) : secondSaturday.AddDays(-1);
                window = new DateWindow(from, secondSaturday.AddDays(7), w == "march" ? "March break" : "spring break");
                nights ??= 7;
                tripType ??= TripType.RoundTrip;
                Use(Is(i - 1, "over", "during", "for", "on") ? i - 1 : i, i + 2);
                continue;
            }
            if (Holiday(i, out var holiday, out var length) is { } h)
            {
                window = h with { Label = holiday };
                Use(i, i + length);
            }
        }
    }

    /// <summary>The Mondays English school half terms start on in a year: February, late May, late October.</summary>
    private static IEnumerable<DateOnly> HalfTerms(int year)
    {
        yield return NthWeekday(year, 2, DayOfWeek.Monday, 3);
        yield return LastWeekday(year, 5, DayOfWeek.Monday);
        yield return LastWeekday(year, 10, DayOfWeek.Monday);
    }

    private DateOnly NextMonthStart(int month, bool nextYear)
    {
        var first = new DateOnly(today.Year, month, 1);
        if (first.AddMonths(1) <= today || nextYear)
        {
            first = first.AddYears(1);
        }
        return first < today ? today.AddDays(1) : first;
    }

    /// <summary>Holidays whose dates move: departure windows around them (the next one from today).</summary>
    private DateWindow? Holiday(int i, out string name, out int length)
    {
        name = "";
        length = 1;
        var w = W(i);
        Func<int, DateOnly>? day = null;
        int before = 1, after = 1;
        if (w == "thanksgiving")
        {
            name = "Thanksgiving";
            day = y => NthWeekday(y, 11, DayOfWeek.Thursday, 4);
            before = 2;
            after = 0;
        }
        else if (w is "christmas" or "xmas")
        {
            name = "Christmas";
            day = y => new DateOnly(y, 12, 25);
            before = 5;
            after = -1;
        }
        else if (w == "easter")
        {
            name = "Easter";
            day = Easter;
            before = 3;
            after = -1;
        }
        else if ((w == "new" && Is(i + 1, "year", "years") || w == "nye") && !Is(i - 1, "chinese", "lunar"))
        {
            name = "New Year";
            length = w == "nye" ? 1 : 2;
            day = y => new DateOnly(y, 12, 31);
            before = 3;
            after = 0;
        }
        else if (w == "labor" && Is(i + 1, "day") || w == "labour" && Is(i + 1, "day") && Is(i - 1, "the") == false)
        {
            name = "Labor Day";
            length = 2;
            day = y => NthWeekday(y, 9, DayOfWeek.Monday, 1);
            before = 3;
            after = -2;
        }
        else if (w == "memorial" && Is(i + 1, "day"))
        {
            name = "Memorial Day";
            length = 2;
            day = y => LastWeekday(y, 5, DayOfWeek.Monday);
            before = 3;
            after = -2;
        }
        if (day is null)
        {
            return null;
        }
        if (Is(i + length, "weekend", "break", "holiday", "holidays"))
        {
            length++;
        }
        var date = day(today.Year);
        if (date <= today)
        {
            date = day(today.Year + 1);
        }
        var from = date.AddDays(-before) <= today ? today.AddDays(1) : date.AddDays(-before);
        var back = name switch
        {
            "Thanksgiving" => date.AddDays(3),
            "Christmas" => date.AddDays(2),
            "New Year" => date.AddDays(2),
            "Easter" => date.AddDays(1),
            _ => date,
        };
        return new DateWindow(from, date.AddDays(Math.Max(0, after)), name) { ReturnOn = back };
    }

    private static DateOnly NthWeekday(int year, int month, DayOfWeek dow, int n)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != dow)
        {
            d = d.AddDays(1);
        }
        return d.AddDays(7 * (n - 1));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek dow)
    {
        var d = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (d.DayOfWeek != dow)
        {
            d = d.AddDays(-1);
        }
        return d;
    }

    /// <summary>Easter Sunday (Gregorian), by the anonymous Gregorian algorithm.</summary>
    private static DateOnly Easter(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }

    // ---- open destinations: "somewhere warm and cheap", "a ski trip in Europe", "within a 3-hour flight of Paris" ----

    private static readonly (string Word, string Region)[] RegionWords =
    [
        ("europe", "Europe"), ("european", "Europe"), ("asia", "Asia"), ("asian", "Asia"), ("africa", "Africa"), ("african", "Africa"),
        ("caribbean", "Caribbean"), ("oceania", "Oceania"), ("australia", "Oceania"), ("south america", "South America"),
        ("latin america", "South America"), ("north america", "North America"), ("the us", "North America"), ("the states", "North America"),
        ("america", "North America"), ("middle east", "Middle East"),
    ];

    private void ExtractSomewhere()
    {
        if (HasPhrase("to", "stay") || HasPhrase("stay", "somewhere") || t.Exists(x => HotelWords.Contains(x.Text) && x.Text is not ("stay" or "staying")))
        {
            return; // "somewhere to stay" is a hotel, not an open destination
        }
        var open = Has("somewhere") || Has("anywhere") || HasPhrase("a", "place") && !Has("stay") || HasPhrase("where", "should") || HasPhrase("where", "can", "i", "go")
            || Has("ideas") || Has("suggest") || Has("suggestions") || Has("recommend") || HasPhrase("city", "break") || HasPhrase("ski", "trip") || HasPhrase("beach", "holiday")
            || HasPhrase("beach", "vacation") || HasPhrase("beach", "trip") || Has("destination") && (Has("warm") || Has("cheap") || Has("sunny")) || HasPhrase("skiing") || HasPhrase("go", "skiing");
        var hours = FlightHoursLimit(out var limitStart, out var limitEnd);
        if (!open && hours is null)
        {
            return;
        }
        var wishes = new DestinationWishes
        {
            Warm = Has("warm") || Has("hot") || Has("warmer") || Has("tropical") || Has("sun") || Has("beach") || Has("beaches"),
            Sunny = Has("sunny") || Has("sun") || Has("dry"),
            Snow = Has("ski") || Has("skiing") || Has("snow") || Has("snowy"),
            Beach = Has("beach") || Has("beaches"),
            CityBreak = HasPhrase("city", "break") || HasPhrase("city", "trip"),
            Cheap = Has("cheap") || Has("cheapest") || Has("affordable") || Has("budget") || Has("inexpensive") || Has("economical")
                || HasPhrase("not", "too", "pricey") || HasPhrase("not", "too", "expensive") || HasPhrase("not", "expensive") || HasPhrase("not", "pricey")
                || HasPhrase("low", "cost") || HasPhrase("good", "value") || HasPhrase("without", "breaking", "the", "bank"),
            // A weekend away leaves no time for a long-haul flight: at most 6 hours for a long weekend, 4 for a weekend.
            MaxFlightHours = hours ?? (HasPhrase("long", "weekend") ? 6 : HasPhrase("a", "weekend") ? 4 : null),
        };
        foreach (var (word, region) in RegionWords)
        {
            if (word.Contains(' ', StringComparison.Ordinal) ? HasPhrase(word.Split(' ')) : Has(word))
            {
                wishes = wishes with { Region = region };
                break;
            }
        }
        if (!(wishes.Warm || wishes.Sunny || wishes.Snow || wishes.CityBreak || wishes.Cheap || wishes.Region is not null || hours is not null) && !Has("somewhere") && !Has("anywhere") && !Has("ideas") && !Has("suggest") && !Has("recommend"))
        {
            return;
        }
        somewhere = wishes;
        if (limitStart >= 0)
        {
            Use(limitStart, limitEnd);
        }
        foreach (var word in (string[])["somewhere", "anywhere", "warm", "hot", "sunny", "cheap", "ski", "skiing", "snow", "beach", "europe", "asia", "africa", "caribbean"])
        {
            for (var i = 0; i < t.Count; i++)
            {
                if (t[i].Text == word)
                {
                    t[i].Used = true;
                }
            }
        }
    }

    /// <summary>"within a 3-hour flight of", "less than 4 hours from", "under 2 hours away": the hours.</summary>
    private double? FlightHoursLimit(out int start, out int end)
    {
        start = end = -1;
        for (var i = 0; i < t.Count; i++)
        {
            if (!Is(i, "hour", "hours", "hr", "hrs", "h"))
            {
                continue;
            }
            var n = Lexicon.SmallNumber(t, i - 1, out _);
            var j = i - 1;
            if (n is null && Is(i - 1, "-") && Lexicon.SmallNumber(t, i - 2, out _) is { } m)
            {
                n = m;
                j = i - 2;
            }
            if (n is not ({ } hours and > 0 and < 24))
            {
                continue;
            }
            var cue = false;
            for (var k = j - 1; k >= Math.Max(0, j - 4); k--)
            {
                cue |= Is(k, "within", "under", "less", "max", "maximum", "most", "short", "no", "than");
            }
            if (!cue && !Is(i + 1, "flight", "away", "from", "of", "or"))
            {
                continue;
            }
            start = Math.Max(0, j - 3);
            while (start < j && !Is(start, "within", "under", "less", "max", "maximum", "at", "no"))
            {
                start++;
            }
            end = i + 1;
            if (Is(end, "flight", "flights", "away", "or"))
            {
                end++;
            }
            if (Is(end, "less"))
            {
                end++;
            }
            return hours;
        }
        return null;
    }

    // ---- questions the product can answer ------------------------------------------------------

    private void ExtractQuestion()
    {
        if (Has("weather") || Has("temperature") || Has("temperatures") || Has("climate") || HasPhrase("how", "warm") || HasPhrase("how", "cold") || HasPhrase("how", "hot")
            || HasPhrase("is", "it", "rainy") || HasPhrase("does", "it", "rain") || HasPhrase("does", "it", "snow") || HasPhrase("is", "it", "warm") || HasPhrase("is", "it", "cold") || Has("rainfall"))
        {
            question = QuestionKind.Weather;
        }
        else if (HasPhrase("what", "time") && (Has("now") || HasPhrase("is", "it") || HasPhrase("time", "in")) || HasPhrase("time", "zone") || Has("timezone") || HasPhrase("local", "time") || HasPhrase("time", "difference"))
        {
            question = QuestionKind.LocalTime;
        }
        else if (Has("currency") || HasPhrase("what", "money") || HasPhrase("which", "money") || HasPhrase("exchange", "rate"))
        {
            question = QuestionKind.Currency;
        }
        if (question is null)
        {
            return;
        }
        for (var i = 0; i < t.Count; i++)
        {
            if (Lexicon.Months.TryGetValue(W(i), out var m) && W(i).Length >= 3 && !(W(i) == "may" && !Is(i - 1, "in", "during", "of")))
            {
                questionMonth = m;
                t[i].Used = true;
            }
        }
        foreach (var word in (string[])["weather", "temperature", "temperatures", "climate", "time", "zone", "timezone", "currency", "money"])
        {
            foreach (var token in t.Where(x => x.Text == word))
            {
                token.Used = true;
            }
        }
    }
}
