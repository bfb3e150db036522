using System.Globalization;

namespace Pathavana.Assistant.Understanding;

internal sealed partial class FrameParser
{
    // ---- durations: "for 5 nights", "a week" ------------------------------------------------

    private void ExtractDurations()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            var w = W(i);
            int? days = null;
            int start = i, end = i;
            if (w is "night" or "nights" or "day" or "days" or "week" or "weeks" or "fortnight")
            {
                var j = i - 1;
                if (Is(j, "-"))
                {
                    j--;
                }
                var n = Lexicon.SmallNumber(t, j, out _);
                if (n is null && w is "week" or "weekend" && Is(j, "cheapest", "cheaper", "whole", "full", "entire"))
                {
                    n = 1; // "the cheapest week in June"
                }
                var nStart = j;
                if (n is not null && j >= 1 && Lexicon.Cardinals.ContainsKey(W(j - 1)) && Lexicon.Cardinals[W(j - 1)] >= 20)
                {
                    n = Lexicon.SmallNumber(t, j - 1, out _);
                    nStart = j - 1;
                }
                if (w == "fortnight")
                {
                    n = Is(j, "a") ? 1 : n;
                }
                if (n is null || n <= 0 || n > 60)
                {
                    continue;
                }
                // "a week from today", "next week", "in a week", "a night": not a length of stay.
                if (Is(i + 1, "from") && Is(i + 2, "today", "now", "tomorrow", "then") || Is(i + 1, "later", "after", "before", "ago") || Is(nStart - 1, "in", "next", "this", "per", "each", "every") || (n == 1 && w is "night" or "day"))
                {
                    continue;
                }
                if (Is(nStart, "a", "an") && w is "night" or "nights")
                {
                    continue;
                }
                // ATIS-style "the first day", "two day": require "for", a plural or "a week".
                var plural = w.EndsWith('s');
                if (!plural && w != "week" && w != "fortnight" && !Is(nStart - 1, "for"))
                {
                    continue;
                }
                days = w switch
                {
                    "week" or "weeks" => n * 7,
                    "fortnight" => n * 14,
                    _ => n,
                };
                start = nStart;
                end = i;
                if (Is(start - 1, "for", "stay", "staying"))
                {
                    start--;
                }
            }
            else if (w == "weekend" && (Is(i - 1, "a", "long") && !Is(i - 2, "this", "next", "the", "coming", "every", "each", "per")
                // "weekend in Barcelona", "romantic weekend away": a trip's length too
                || Is(i + 1, "in", "away", "trip", "break", "getaway", "to") && !Is(i - 1, "this", "next", "the", "coming", "every", "each", "per", "on", "at", "that", "over", "during", "of")))
            {
                // "for a long weekend" is three nights, "a weekend in Paris" two.
                var isLong = Is(i - 1, "long");
                days = isLong ? 3 : 2;
                // A weekend away leaves at the end of the week: Friday to Sunday, or for a long weekend
                // Thursday to Sunday or Friday to Monday.
                departOn = isLong ? [DayOfWeek.Thursday, DayOfWeek.Friday] : [DayOfWeek.Friday];
                start = isLong && Is(i - 2, "a") ? i - 2 : i - 1;
                end = i;
                if (Is(start - 1, "for"))
                {
                    start--;
                }
            }
            if (days is null)
            {
                continue;
            }
            nights ??= days;
            Use(start, end + 1);
            i = end;
        }
    }

    // ---- dates --------------------------------------------------------------------------------

    private enum DateKind
    {
        Exact,
        MonthDay,
        Day,
        Weekday,
        NextWeekday,
        Offset,
    }

    private sealed record DateMention(int Index, DateKind Kind, Leg Leg, int Month = 0, int Day = 0, int? Year = null, DayOfWeek Weekday = DayOfWeek.Sunday, int Offset = 0, DateOnly Exact = default);

    private Leg DateLeg(int i)
    {
        // "until", "till", "through" and "to"/"and" between two dates mark the return; "back", "returning" too.
        for (var k = i - 1; k >= Math.Max(0, i - 3); k--)
        {
            if (Is(k, "until", "till", "til", "thru", "returning", "return", "back", "checkout") || (Is(k, "out") && Is(k - 1, "check", "checking")))
            {
                return Leg.Return;
            }
            if (t[k].Used && k < i - 1)
            {
                break;
            }
        }
        return legs[i];
    }

    private void ExtractDates()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            var w = W(i);
            var leg = DateLeg(i);

            // 2027-03-12
            if (w.Length >= 8 && w[4] == '-' && DateOnly.TryParseExact(w, ["yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            {
                Add(i, i, new DateMention(i, DateKind.Exact, leg, Exact: iso));
                continue;
            }
            // 12/3 and 3/12/2027: month first (US), unless the first number cannot be a month.
            if (w.Contains('/', StringComparison.Ordinal))
            {
                var parts = w.Split('/');
                if (int.TryParse(parts[0], CultureInfo.InvariantCulture, out var p0) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var p1))
                {
                    var (m, d) = p0 > 12 ? (p1, p0) : (p0, p1);
                    int? year = parts.Length > 2 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var y) ? (y < 100 ? 2000 + y : y) : null;
                    if (m is >= 1 and <= 12 && d is >= 1 and <= 31)
                    {
                        Add(i, i, new DateMention(i, DateKind.MonthDay, leg, m, d, year));
                    }
                }
                continue;
            }
            // "march 12", "march 12th", "march the twelfth", "march twelfth 2027"
            if (Lexicon.Months.TryGetValue(w, out var month) && !(w is "may" or "mar" or "jun" or "sat" && !LooksLikeDateAfter(i)))
            {
                var j = i + 1;
                if (Is(j, "the"))
                {
                    j++;
                }
                var day = Lexicon.DayNumber(t, j, out var dl, allowBareCardinal: true);
                if (day is not null && !t[j].AfterComma && !(t[j].IsNumber && Is(j + dl, "am", "pm", "o", "oclock", "dollars", "nights", "days", "adults", "adult", "people", "persons", "passengers", "travelers", "travellers", "tickets", "ticket", "seats", "kids", "children", "guests", "of", "stars", "star")))
                {
                    var end = j + dl - 1;
                    int? year = null;
                    if (end + 1 < t.Count && t[end + 1].IsNumber && W(end + 1).Length == 4
                        && int.TryParse(W(end + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var said)
                        && (said is >= 1900 and < 2000 || said - today.Year is >= -1 and <= 10))
                    {
                        year = int.Parse(W(end + 1), CultureInfo.InvariantCulture);
                        end++;
                    }
                    Add(i, end, new DateMention(i, DateKind.MonthDay, leg, month, day.Value, year));
                    // "dec 20 - 27", "march 3 to 10": the second day in the same month (or the next).
                    if (Is(end + 1, "-", "to", "through", "thru", "until", "till") && Lexicon.DayNumber(t, end + 2, out var l2, allowBareCardinal: true) is { } until
                        && !Lexicon.Months.ContainsKey(W(end + 2 + l2)) && !Is(end + 2 + l2, "am", "pm", "o", "oclock", "of") && !Is(end + 3, "of"))
                    {
                        var m2 = until >= day ? month : month % 12 + 1;
                        Add(end + 1, end + 1 + l2, new DateMention(end + 2, DateKind.MonthDay, Leg.Return, m2, until, null));
                        end = end + 1 + l2;
                    }
                    i = end;
                    continue;
                }
                continue;
            }
            // "14 to 18 Feb", "between 14 and 18 February", "the 14th to the 18th of March": both days in
            // the month said last (the first in the month before when it is the larger: "28 to 3 March").
            {
                var a = w == "the" ? i + 1 : i;
                if (Free(a) && Lexicon.DayNumber(t, a, out var la, allowBareCardinal: true) is { } d1)
                {
                    var k = a + la;
                    if (Is(k, "-", "to", "through", "thru", "until", "till") || Is(k, "and") && Is(i - 1, "between"))
                    {
                        var b = Is(k + 1, "the") ? k + 2 : k + 1;
                        if (Free(b) && Lexicon.DayNumber(t, b, out var lb, allowBareCardinal: true) is { } d2)
                        {
                            var mi = Is(b + lb, "of") ? b + lb + 1 : b + lb;
                            if (Lexicon.Months.TryGetValue(W(mi), out var named) && !(Is(mi, "may") && !LooksLikeMonthBefore(mi)))
                            {
                                Add(i, k - 1, new DateMention(i, DateKind.MonthDay, leg, d1 <= d2 ? named : (named + 10) % 12 + 1, d1, null));
                                Add(k, mi, new DateMention(b, DateKind.MonthDay, Leg.Return, named, d2, null));
                                i = mi;
                                continue;
                            }
                        }
                    }
                }
            }
            // "12 march", "12th of march", "the twelfth of march", "the 14th", "the twenty first"
            {
                var j = i;
                if (w == "the")
                {
                    j++;
                }
                var bareOk = w != "the" && Lexicon.Months.ContainsKey(W(i + 1)) || (w != "the" && Is(i + 1, "of") && Lexicon.Months.ContainsKey(W(i + 2)));
                var day = Lexicon.DayNumber(t, j, out var dl, allowBareCardinal: bareOk);
                if (day is not null && (w == "the" || !t[j].IsNumber || W(j).Length > 2 && !char.IsAsciiDigit(W(j)[^1]) || bareOk) && Free(j))
                {
                    var k = j + dl;
                    if (Is(k, "of"))
                    {
                        k++;
                    }
                    if (Lexicon.Months.TryGetValue(W(k), out var m2) && !(Is(k, "may") && !LooksLikeMonthBefore(k)))
                    {
                        var end = k;
                        int? year = null;
                        if (end + 1 < t.Count && t[end + 1].IsNumber && W(end + 1).Length == 4)
                        {
                            year = int.Parse(W(end + 1), CultureInfo.InvariantCulture);
                            end++;
                        }
                        Add(i, end, new DateMention(i, DateKind.MonthDay, leg, m2, day.Value, year));
                        i = end;
                        continue;
                    }
                    // "the 14th" / "the fourteenth" / "on the first": the next such day of a month.
                    var ordinalWord = !t[j].IsNumber;
                    if ((w == "the" || Is(i - 1, "on")) && (ordinalWord || W(j).Length > 2) && !Is(k, "flight", "flights", "one", "ones", "leg", "option", "hotel", "class", "stop", "time", "day", "week", "night", "available", "trip", "thing", "cheapest", "person", "of", "row") && !(day > 1 && ordinalWord && day is < 4 && Is(k, "and")))
                    {
                        if (!(ordinalWord && day <= 2 && !Is(i - 1, "on") && !Is(i - 1, "the") && w == "the" && !Is(k, "", "and", "to", "through", "until", "returning", "back", "from", "for")))
                        {
                            Add(i, k - 1, new DateMention(i, DateKind.Day, leg, Day: day.Value));
                            i = k - 1;
                            continue;
                        }
                    }
                }
            }
            // today, tonight, tomorrow, the day after tomorrow
            if (w is "today" or "tonight")
            {
                Add(i, i, new DateMention(i, DateKind.Offset, leg, Offset: 0));
                continue;
            }
            if (w == "tomorrow")
            {
                if (Is(i - 1, "after") && Is(i - 2, "day"))
                {
                    Add(i - 3 >= 0 && Is(i - 3, "the") ? i - 3 : i - 2, i, new DateMention(i, DateKind.Offset, leg, Offset: 2));
                }
                else
                {
                    Add(i, i, new DateMention(i, DateKind.Offset, leg, Offset: 1));
                }
                continue;
            }
            // weekdays: "friday", "this friday", "next friday", "on fridays"
            if (Lexicon.Weekdays.TryGetValue(w, out var dow) && !(w is "sat" or "sun" or "wed" or "mon" && !Is(i - 1, "on", "next", "this", "and", "or", "until", "till", "back")))
            {
                if (Is(i - 1, "next", "following") && !Is(i - 2, "the") || (Is(i - 1, "next") && Is(i - 2, "the")))
                {
                    Add(i - 1, i, new DateMention(i, DateKind.NextWeekday, leg, Weekday: dow));
                }
                else
                {
                    var start = Is(i - 1, "this", "coming") ? i - 1 : i;
                    Add(start, i, new DateMention(i, DateKind.Weekday, leg, Weekday: dow));
                }
                if (Is(i + 1, "next") && Is(i + 2, "week"))
                {
                    dates[^1] = dates[^1] with { Kind = DateKind.NextWeekday };
                    Use(i + 1, i + 3);
                }
                continue;
            }
            // this weekend, next weekend, next week, next month, in 3 weeks, in 10 days
            if (w == "weekend" && Is(i - 1, "this", "next", "the", "coming"))
            {
                var next = Is(i - 1, "next");
                var sat = (((int)DayOfWeek.Saturday - (int)today.DayOfWeek) + 7) % 7;
                if (today.DayOfWeek == DayOfWeek.Sunday)
                {
                    sat = next ? 6 : -1;
                }
                else if (next)
                {
                    sat += 7;
                }
                Add(i - 1, i, new DateMention(i, DateKind.Offset, leg, Offset: sat == -1 ? 0 : sat));
                weekendReturn = true;
                continue;
            }
            if (w == "week" && Is(i - 1, "next") && !Is(i + 1, "from"))
            {
                var toMonday = (((int)DayOfWeek.Monday - (int)today.DayOfWeek) + 7) % 7;
                Add(i - 1, i, new DateMention(i, DateKind.Offset, leg, Offset: toMonday == 0 ? 7 : toMonday));
                continue;
            }
            if (w == "in" && Lexicon.SmallNumber(t, i + 1, out var nl) is { } count and > 0 and < 100 && Is(i + 1 + nl, "days", "day", "weeks", "week", "months", "month"))
            {
                var unit = W(i + 1 + nl);
                var offset = unit.StartsWith("day", StringComparison.Ordinal) ? count : unit.StartsWith("week", StringComparison.Ordinal) ? count * 7 : 0;
                if (unit.StartsWith("month", StringComparison.Ordinal))
                {
                    Add(i, i + 1 + nl, new DateMention(i, DateKind.Exact, leg, Exact: today.AddMonths(count)));
                }
                else
                {
                    Add(i, i + 1 + nl, new DateMention(i, DateKind.Offset, leg, Offset: offset));
                }
                i = i + 1 + nl;
                continue;
            }
            // "a week from today", "two weeks from now"
            if (w is "week" or "weeks" or "days" && Is(i + 1, "from") && Is(i + 2, "today", "now") && Lexicon.SmallNumber(t, i - 1, out _) is { } c2)
            {
                Add(i - 1, i + 2, new DateMention(i, DateKind.Offset, leg, Offset: w == "days" ? c2 : c2 * 7));
                i += 2;
            }
        }

        // "friday june eleventh", "tuesday the eighteenth of may": the weekday only names the date.
        for (var k = dates.Count - 2; k >= 0; k--)
        {
            if (dates[k].Kind is DateKind.Weekday or DateKind.NextWeekday && dates[k + 1].Kind == DateKind.MonthDay && dates[k + 1].Index - dates[k].Index <= 4)
            {
                dates[k + 1] = dates[k + 1] with { Leg = dates[k].Leg };
                dates.RemoveAt(k);
            }
        }

        void Add(int from, int to, DateMention mention)
        {
            Use(from, to + 1);
            if (Is(from - 1, "on", "for", "by"))
            {
                Use(from - 1, from);
            }
            dates.Add(mention);
        }
    }

    private bool LooksLikeDateAfter(int i) =>
        Lexicon.DayNumber(t, i + 1, out var l, allowBareCardinal: true) is not null && !Is(i + 1 + l, "am", "pm", "people", "adults", "stops") ||
        (Is(i + 1, "the") && Lexicon.DayNumber(t, i + 2, out _, allowBareCardinal: false) is not null);

    private bool LooksLikeMonthBefore(int k) => Is(k - 1, "of") || Lexicon.DayNumber(t, k - 1, out _, allowBareCardinal: false) is not null;

    private DateOnly? Resolve(DateMention m, DateOnly from, bool strictlyAfter)
    {
        switch (m.Kind)
        {
            case DateKind.Exact:
                return m.Exact;
            case DateKind.Offset:
                return today.AddDays(m.Offset);
            case DateKind.MonthDay:
                if (m.Year is { } y)
                {
                    return IsValid(y, m.Month, m.Day) ? new DateOnly(y < 1990 || y > 2100 ? from.Year : y, m.Month, m.Day) : null;
                }
                for (var year = from.Year; year <= from.Year + 4; year++)
                {
                    if (IsValid(year, m.Month, m.Day) && new DateOnly(year, m.Month, m.Day) >= from)
                    {
                        return new DateOnly(year, m.Month, m.Day);
                    }
                }
                return null;
            case DateKind.Day:
                for (var k = 0; k < 24; k++)
                {
                    var first = new DateOnly(from.Year, from.Month, 1).AddMonths(k);
                    if (IsValid(first.Year, first.Month, m.Day) && new DateOnly(first.Year, first.Month, m.Day) >= from)
                    {
                        return new DateOnly(first.Year, first.Month, m.Day);
                    }
                }
                return null;
            case DateKind.Weekday:
                {
                    var ahead = (((int)m.Weekday - (int)from.DayOfWeek) + 7) % 7;
                    if (ahead == 0 && strictlyAfter)
                    {
                        ahead = 7;
                    }
                    return from.AddDays(ahead);
                }
            case DateKind.NextWeekday:
                {
                    // The day of that name in the coming (Monday-based) week.
                    var toMonday = (((int)DayOfWeek.Monday - (int)today.DayOfWeek) + 7) % 7;
                    var monday = today.AddDays(toMonday == 0 ? 7 : toMonday);
                    var offset = ((int)m.Weekday + 6) % 7;
                    return monday.AddDays(offset);
                }
            default:
                return null;
        }
    }

    private static bool IsValid(int y, int m, int d) => y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);

    // ---- times of day -------------------------------------------------------------------------

    private static TimeOnly Hm(int h, int m = 0) => h >= 24 ? new TimeOnly(23, 59) : new TimeOnly(h, m);

    private static readonly TimeOnly EndOfDay = new(23, 59);

    private void ExtractTimes()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            TimeWindow? window = null;
            int start = i, end = i;

            // periods: "morning", "early afternoon", "late evening", "red eye", "tonight"
            var period = Period(i, out var plen);
            if (period is not null && !(Is(i - 1, "good") && plen == 1))
            {
                window = period;
                end = i + plen - 1;
                if (Is(i - 1, "early", "late", "mid"))
                {
                    start = i - 1;
                }
            }
            else if (Clock(i, out var clen) is { } clock)
            {
                end = i + clen - 1;
                var rel = i - 1;
                var relWord = W(rel);
                if (relWord is "at" or "about" or "around" or "approximately" or "than" or "by" or "after" or "before" or "from" or "between" or "till" or "until")
                {
                    start = rel;
                }
                if (relWord == "than")
                {
                    relWord = Is(rel - 1, "later", "after") ? "after" : Is(rel - 1, "earlier", "before", "sooner") ? "before" : "at";
                    start = rel - 1;
                }
                else if (relWord == "later" || (relWord == "after" && Is(rel - 1, "not")))
                {
                    relWord = "before";
                }
                else if (relWord is "at" && Is(rel - 1, "around", "about"))
                {
                    relWord = "around";
                    start = rel - 1;
                }
                else if (relWord is "after" && Is(rel - 1, "later"))
                {
                    relWord = "before";
                }
                // "between 10 am and 2 pm", "from 9 to 11 am"
                if (relWord is "between" or "from" && Is(end + 1, "and", "to", "-") && Clock(end + 2, out var c2len) is { } until)
                {
                    window = new TimeWindow(clock, until);
                    end = end + 1 + c2len;
                }
                else
                {
                    window = relWord switch
                    {
                        "after" => new TimeWindow(clock, EndOfDay),
                        "before" or "by" or "till" or "until" => new TimeWindow(new TimeOnly(0, 0), clock),
                        "around" or "about" or "approximately" => new TimeWindow(clock.AddHours(-1) > clock ? new TimeOnly(0, 0) : clock.AddHours(-1), clock.AddHours(1) < clock ? EndOfDay : clock.AddHours(1)),
                        _ => new TimeWindow(clock.AddMinutes(-30) > clock ? new TimeOnly(0, 0) : clock.AddMinutes(-30), clock.AddMinutes(30) < clock ? EndOfDay : clock.AddMinutes(30)),
                    };
                }
            }
            if (window is null)
            {
                continue;
            }
            Use(start, end + 1);
            var leg = legs[i];
            if (leg == Leg.Depart)
            {
                departTime ??= window;
            }
            else if (leg == Leg.Return)
            {
                returnTime ??= window;
            }
            i = end;
        }
    }

    private TimeWindow? Period(int i, out int length)
    {
        length = 1;
        var w = W(i);
        var mod = W(i - 1);
        if (w is "red" && Is(i + 1, "eye", "eyes"))
        {
            length = 2;
            return new TimeWindow(new TimeOnly(21, 0), new TimeOnly(5, 0));
        }
        if (w is "redeye" or "overnight")
        {
            return new TimeWindow(new TimeOnly(21, 0), new TimeOnly(5, 0));
        }
        if (w is "lunch" or "lunchtime" && (Is(i + 1, "time") || w == "lunchtime" || Is(i - 1, "at", "around", "by")))
        {
            length = w == "lunch" && Is(i + 1, "time") ? 2 : 1;
            return new TimeWindow(new TimeOnly(11, 0), new TimeOnly(14, 0));
        }
        if (w is "dinnertime" || (w == "dinner" && Is(i + 1, "time")))
        {
            length = w == "dinner" ? 2 : 1;
            return new TimeWindow(new TimeOnly(17, 0), new TimeOnly(20, 0));
        }
        if (w is "noon" or "midday" && Is(i - 1, "around", "about", "at") && !Is(i - 2, "before", "after"))
        {
            return new TimeWindow(new TimeOnly(11, 0), new TimeOnly(13, 0));
        }
        if (w is "am" && Is(i - 1, "the") && Is(i - 2, "in"))
        {
            return new TimeWindow(new TimeOnly(0, 0), new TimeOnly(12, 0));
        }
        if (w is "pm" && Is(i - 1, "the") && Is(i - 2, "in"))
        {
            return new TimeWindow(new TimeOnly(12, 0), EndOfDay);
        }
        return w switch
        {
            "morning" or "mornings" => mod switch
            {
                "early" => new TimeWindow(new TimeOnly(5, 0), new TimeOnly(8, 0)),
                "late" or "mid" => new TimeWindow(new TimeOnly(9, 0), new TimeOnly(12, 0)),
                _ => new TimeWindow(new TimeOnly(5, 0), new TimeOnly(12, 0)),
            },
            "afternoon" or "afternoons" => mod switch
            {
                "early" => new TimeWindow(new TimeOnly(12, 0), new TimeOnly(15, 0)),
                "late" => new TimeWindow(new TimeOnly(15, 0), new TimeOnly(18, 0)),
                "mid" => new TimeWindow(new TimeOnly(13, 0), new TimeOnly(16, 0)),
                _ => new TimeWindow(new TimeOnly(12, 0), new TimeOnly(18, 0)),
            },
            "evening" or "evenings" => mod switch
            {
                "early" => new TimeWindow(new TimeOnly(17, 0), new TimeOnly(19, 0)),
                "late" => new TimeWindow(new TimeOnly(20, 0), EndOfDay),
                _ => new TimeWindow(new TimeOnly(17, 0), new TimeOnly(22, 0)),
            },
            "night" or "nights" or "tonight" or "nighttime" => mod switch
            {
                "late" => new TimeWindow(new TimeOnly(21, 0), EndOfDay),
                _ when w == "nights" && Lexicon.SmallNumber(t, i - 1, out _) is not null => null,
                _ when w == "night" && (Is(i - 1, "per", "each", "every", "one", "last") || Is(i - 1, "a") && (Is(i - 2, "for", "per") || i >= 2 && t[i - 2].IsNumber)) => null,
                _ => new TimeWindow(new TimeOnly(18, 0), EndOfDay),
            },
            _ => null,
        };
    }

    /// <summary>A clock time: "5 pm", "5pm", "17:30", "838 am", "noon", "midnight", "5 o'clock", "6 in the evening".</summary>
    private TimeOnly? Clock(int i, out int length)
    {
        length = 1;
        var w = W(i);
        if (w is "noon" or "midday")
        {
            return new TimeOnly(12, 0);
        }
        if (w is "midnight")
        {
            return new TimeOnly(0, 0);
        }
        if (w == "12" && Is(i + 1, "noon"))
        {
            length = 2;
            return new TimeOnly(12, 0);
        }
        int hour, minute = 0;
        if (w.Length is 4 or 5 && w.Contains(':', StringComparison.Ordinal))
        {
            var parts = w.Split(':');
            if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out hour) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out minute) || hour > 23 || minute > 59)
            {
                return null;
            }
        }
        else if (t.Count > i && i >= 0 && t[i].IsNumber && !w.Contains('.', StringComparison.Ordinal) && w.Length <= 4)
        {
            var n = int.Parse(w, CultureInfo.InvariantCulture);
            if (w.Length >= 3)
            {
                hour = n / 100;
                minute = n % 100;
                if (hour > 23 || minute > 59)
                {
                    return null;
                }
            }
            else
            {
                hour = n;
            }
        }
        else if (Lexicon.Cardinals.TryGetValue(w, out var h) && h is >= 1 and <= 12)
        {
            hour = h;
            if (Lexicon.Cardinals.TryGetValue(W(i + 1), out var mins) && mins is >= 10 and < 60 && Is(i + 2, "am", "pm"))
            {
                minute = mins;
                length = 2;
                if (Lexicon.Cardinals.TryGetValue(W(i + 2), out var unit) && unit < 10)
                {
                    minute += unit;
                    length = 3;
                }
            }
        }
        else
        {
            return null;
        }
        var j = i + length;
        string? half = null;
        if (Is(j, "am", "pm", "a", "p"))
        {
            half = W(j) is "am" or "a" ? "am" : "pm";
            length++;
            j++;
        }
        else if (Is(j, "o") && Is(j + 1, "clock"))
        {
            length += 2;
            j += 2;
            if (Is(j, "am", "pm"))
            {
                half = W(j);
                length++;
                j++;
            }
        }
        else if (Is(j, "oclock"))
        {
            length++;
            j++;
        }
        if (Is(j, "in") && Is(j + 1, "the") && Is(j + 2, "morning", "afternoon", "evening", "night"))
        {
            half = W(j + 2) == "morning" ? "am" : "pm";
        }
        else if (Is(j, "at") && Is(j + 1, "night"))
        {
            half = "pm";
        }
        var isClock = half is not null || w.Contains(':', StringComparison.Ordinal) || length > 1 ||
            (Is(i - 1, "after", "before", "around", "about", "at", "by", "than", "until", "till", "approximately", "between") && hour is >= 1 and <= 24 && (w.Length >= 3 || hour <= 12) && !IsUnitAfterClock(j) && !Lexicon.Months.ContainsKey(W(i - 2)));
        if (!isClock || hour > 24)
        {
            return null;
        }
        if (half == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (half == "am" && hour == 12)
        {
            hour = 0;
        }
        else if (half is null && hour is >= 1 and <= 6 && !w.Contains(':', StringComparison.Ordinal) && w.Length <= 2)
        {
            hour += 12; // "after 5": the afternoon
        }
        return hour >= 24 ? EndOfDay : new TimeOnly(hour, minute);
    }

    private bool IsUnitAfterClock(int j) =>
        Is(j, "dollars", "dollar", "people", "passengers", "adults", "stops", "nights", "days", "weeks", "hours", "minutes", "percent", "miles", "euros", "of", "seats", "th", "st",
            // money: "around 700 each", "about 900 per person", "around 150 a night"
            "each", "per", "pp", "apiece", "bucks", "usd", "eur", "gbp", "pounds", "total", "tops", "max")
        || Is(j, "a") && Is(j + 1, "night", "head", "person", "pop");
}
