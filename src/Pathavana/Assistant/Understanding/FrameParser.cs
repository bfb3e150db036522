using System.Globalization;
using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Assistant.Understanding;

/// <summary>Which leg of the trip a date or time belongs to.</summary>
internal enum Leg
{
    Depart,
    Arrive,
    Return,
}

internal enum PlaceRole
{
    Bare,
    In,
    Origin,
    Destination,
    Via,
}

/// <summary>One parse of one utterance: the grammars run in order over the tokens, each marking the words it used.</summary>
internal sealed partial class FrameParser(List<Token> tokens, DateOnly today, PlaceGazetteer places, AirlineGazetteer airlineNames)
{
    private readonly List<Token> t = tokens;
    private Leg[] legs = [];
    private bool returnIsTheFlight;

    private readonly List<DateMention> dates = [];
    private int? nights;
    private bool weekendReturn;
    private TimeWindow? departTime;
    private Money? maxPrice;
    private Money? maxNightly;
    private int? minStars;
    private string? area;
    private PassengerCount? passengers;
    private Cabin? cabin;
    private bool nonStop;
    private TripType? tripType;
    private SortOrder? sort;
    private readonly List<string> airlineCodes = [];
    private readonly List<PlaceMention> placeMentions = [];

    public TripFrame Run()
    {
        legs = ComputeLegs();
        ExtractMoney();
        ExtractStars();
        ExtractDurations();
        ExtractDates();
        ExtractPassengers();
        ExtractTimes();
        ExtractFlags();
        ExtractAirlines();
        ExtractPlaces();
        return Assemble();
    }

    // ---- helpers -------------------------------------------------------------------------

    private string W(int i) => i >= 0 && i < t.Count ? t[i].Text : "";

    private bool Is(int i, params string[] words) => i >= 0 && i < t.Count && Array.IndexOf(words, t[i].Text) >= 0;

    private bool Free(int i) => i >= 0 && i < t.Count && !t[i].Used;

    private void Use(int from, int toExclusive)
    {
        for (var i = Math.Max(0, from); i < Math.Min(toExclusive, t.Count); i++)
        {
            t[i].Used = true;
        }
    }

    private bool Has(string word) => t.Exists(x => x.Text == word);

    private bool HasPhrase(params string[] words)
    {
        for (var i = 0; i + words.Length <= t.Count; i++)
        {
            var ok = true;
            for (var j = 0; j < words.Length && ok; j++)
            {
                ok = t[i + j].Text == words[j];
            }
            if (ok)
            {
                return true;
            }
        }
        return false;
    }

    private static decimal? ParseAmount(Token token, Token? next)
    {
        if (!token.IsNumber || !decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        if (next is not null && token.GluedToNext && next.Text == "k")
        {
            value *= 1000;
        }
        return value;
    }

    // ---- legs: which part of the trip the words talk about ----------------------------------

    private static readonly HashSet<string> ArriveWords = ["arrive", "arrives", "arriving", "arrival", "arrivals", "land", "lands", "landing", "reach", "reaching", "reaches"];
    private static readonly HashSet<string> DepartWords = ["leave", "leaves", "leaving", "depart", "departs", "departing", "departure", "departures", "outbound", "go", "going", "fly", "flying", "flight", "flights"];
    private static readonly HashSet<string> ReturnWords = ["return", "returning", "returns", "back", "inbound"];

    private Leg[] ComputeLegs()
    {
        var result = new Leg[t.Count];
        var mode = Leg.Depart;
        for (var i = 0; i < t.Count; i++)
        {
            var w = t[i].Text;
            if (ArriveWords.Contains(w) || (w == "get" && Is(i + 1, "in", "there")) || (w == "there" && Is(i + 1, "by")))
            {
                mode = Leg.Arrive;
            }
            else if (ReturnWords.Contains(w) && !(w == "return" && Is(i + 1, "flight", "flights", "ticket", "tickets", "trip", "fare", "fares")))
            {
                mode = Leg.Return;
                returnIsTheFlight |= Is(i + 1, "from", "to");
            }
            else if (DepartWords.Contains(w) && !(w is "flight" or "flights" or "fly" or "flying" or "go" or "going" && mode == Leg.Return))
            {
                mode = Leg.Depart;
            }
            result[i] = mode;
        }
        return result;
    }

    // ---- money -----------------------------------------------------------------------------

    private static readonly HashSet<string> PriceCues = ["under", "below", "less", "max", "maximum", "most", "budget", "within", "cheaper", "up", "over", "beneath", "upto", "around", "about", "than", "spend", "for"];

    private void ExtractMoney()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            decimal? amount = null;
            string? currency = null;
            int start = i, end = i;
            var w = t[i].Text;
            if (Lexicon.Currencies.TryGetValue(w, out var sign) && w.Length <= 3 && i + 1 < t.Count && t[i + 1].IsNumber)
            {
                // "$900", "eur 200", "US$ 500"
                amount = ParseAmount(t[i + 1], i + 2 < t.Count ? t[i + 2] : null);
                currency = sign;
                if (w == "$" && i > 0 && t[i - 1].GluedToNext && Lexicon.DollarNations.TryGetValue(W(i - 1), out var nation))
                {
                    currency = nation;
                    start = i - 1;
                }
                end = i + 1 + (i + 2 < t.Count && t[i + 1].GluedToNext && W(i + 2) == "k" ? 1 : 0);
            }
            else if (WordAmount(i, out var wlen) is { } spelled && (Lexicon.Currencies.TryGetValue(W(i + wlen), out var wcur) && W(i + wlen) is not ("try" or "real" or "won") || IsPriceCue(i - 1) && (wcur = null) is null))
            {
                // "five hundred dollars", "under two thousand euros", "a thousand"
                amount = spelled;
                currency = wcur;
                end = wcur is null ? i + wlen - 1 : i + wlen;
            }
            else if (t[i].IsNumber)
            {
                var k = i + 1 < t.Count && t[i].GluedToNext && W(i + 1) == "k" ? 1 : 0;
                var next = i + 1 + k;
                if (next < t.Count && Lexicon.DollarNations.TryGetValue(W(next), out var nation) && Is(next + 1, "dollars", "dollar", "francs"))
                {
                    amount = ParseAmount(t[i], k == 1 ? t[i + 1] : null);
                    currency = nation;
                    end = next + 1;
                }
                else if (next < t.Count && Lexicon.Currencies.TryGetValue(W(next), out var cur) && !(W(next) is "try" or "real" or "won"))
                {
                    amount = ParseAmount(t[i], k == 1 ? t[i + 1] : null);
                    currency = cur;
                    end = next;
                }
                else if (IsPriceCue(i - 1) && !IsUnitAfter(next) && ParseAmount(t[i], k == 1 ? t[i + 1] : null) is { } bare && bare >= 20 && !(bare is >= 1900 and <= 2100 && k == 0 && t[i].Text.Length == 4 && IsDateContext(i)))
                {
                    amount = bare;
                    currency = null;
                    end = i + k;
                }
            }
            if (amount is null)
            {
                continue;
            }
            Use(start, end + 1);
            var perNight = IsPerNight(end + 1) || IsPerNight(start - 3) || (start >= 1 && W(start - 1) == "nightly") || HasPhrase("per", "night") && Has("hotel");
            if (IsPerNight(end + 1))
            {
                Use(end + 1, end + 3);
            }
            var money = new Money(amount.Value, currency ?? "USD");
            if (perNight)
            {
                maxNightly ??= money;
            }
            else
            {
                maxPrice ??= money;
            }
            i = end;
        }
    }

    /// <summary>An amount in words with "hundred" or "thousand": "five hundred", "a thousand", "fifteen hundred", "two thousand five hundred".</summary>
    private decimal? WordAmount(int i, out int length)
    {
        length = 0;
        decimal total = 0, current = 0;
        var k = i;
        var sawScale = false;
        while (k < t.Count)
        {
            var w = W(k);
            if (Lexicon.Cardinals.TryGetValue(w, out var n))
            {
                current += n;
            }
            else if (w is "a" or "one" && current == 0 && k == i)
            {
                current = 1;
            }
            else if (w == "hundred")
            {
                current = (current == 0 ? 1 : current) * 100;
                sawScale = true;
            }
            else if (w == "thousand")
            {
                total += (current == 0 ? 1 : current) * 1000;
                current = 0;
                sawScale = true;
            }
            else if (w == "and" && sawScale && Lexicon.Cardinals.ContainsKey(W(k + 1)))
            {
                // "two thousand and fifty"
            }
            else
            {
                break;
            }
            k++;
        }
        if (!sawScale)
        {
            return null;
        }
        length = k - i;
        return total + current;
    }

    private bool IsPriceCue(int i)
    {
        if (i < 0)
        {
            return false;
        }
        var w = W(i);
        if (w is "than" && Is(i - 1, "less", "cheaper", "lower", "more"))
        {
            return !Is(i - 1, "more");
        }
        if (w == "to" && Is(i - 1, "up"))
        {
            return true;
        }
        if (w is "of" or "is" && Is(i - 1, "budget"))
        {
            return true;
        }
        return w is "under" or "below" or "max" or "maximum" or "budget" or "beneath" or "upto" || (w == "most" && Is(i - 1, "at"));
    }

    private bool IsUnitAfter(int i) =>
        Is(i, "am", "pm", "hours", "hour", "hrs", "minutes", "mins", "stops", "stop", "nights", "night", "days", "day", "weeks",
            "stars", "star", "people", "passengers", "adults", "kids", "children", "miles", "km", "o", "oclock", "seats", "in", "at", "noon");

    private bool IsDateContext(int i) => Lexicon.Months.ContainsKey(W(i - 1)) || Lexicon.Months.ContainsKey(W(i - 2));

    private bool IsPerNight(int i) =>
        (Is(i, "per", "a", "each", "every") && Is(i + 1, "night", "nite")) || Is(i, "nightly") || (Is(i, "night") && Is(i - 1, "/"));

    // ---- hotel stars ------------------------------------------------------------------------

    private void ExtractStars()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!Is(i, "star", "stars") || t[i].Used)
            {
                continue;
            }
            var j = i - 1;
            if (Is(j, "+") || Is(j, "-"))
            {
                j--;
            }
            var n = Lexicon.SmallNumber(t, j, out _);
            if (n is null && j >= 1)
            {
                n = Lexicon.SmallNumber(t, j - 1, out _);
            }
            if (n is >= 1 and <= 5)
            {
                var first = j;
                // "4 or 5 star": the lower one is the floor.
                if (Is(j - 1, "or", "to") && Lexicon.SmallNumber(t, j - 2, out _) is { } low and >= 1 and <= 5)
                {
                    n = Math.Min(n.Value, low);
                    first = j - 2;
                }
                minStars ??= n;
                Use(first, i + 1);
                if (Is(first - 1, "least") && Is(first - 2, "at"))
                {
                    Use(first - 2, first);
                }
            }
        }
        if (minStars is null && (Has("luxury") || HasPhrase("five", "star")))
        {
            minStars = Has("luxury") ? 5 : null;
        }
    }

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
            if (days is null)
            {
                continue;
            }
            nights ??= days;
            Use(start, end + 1);
            i = end;
        }
    }

    // ---- passengers ---------------------------------------------------------------------------

    private static readonly HashSet<string> AdultNouns = ["adult", "adults", "people", "persons", "person", "passengers", "passenger", "pax", "travelers", "travellers", "traveler", "traveller", "guests", "guest", "grownups", "seniors", "senior", "friends", "colleagues", "coworkers", "tickets", "seats"];
    private static readonly HashSet<string> ChildNouns = ["kids", "kid", "children", "child", "teens", "teenagers", "teenager", "boys", "girls", "sons", "daughters", "toddler", "toddlers", "son", "daughter"];
    private static readonly HashSet<string> InfantNouns = ["infant", "infants", "baby", "babies", "newborn"];
    private static readonly HashSet<string> Companions = ["wife", "husband", "partner", "girlfriend", "boyfriend", "fiance", "fiancee", "spouse", "friend", "mom", "mum", "mother", "dad", "father", "brother", "sister", "colleague", "coworker", "boss", "grandma", "grandmother", "grandpa", "grandfather", "mate", "buddy", "roommate", "cousin", "aunt", "uncle"];

    private void ExtractPassengers()
    {
        int? adults = null, total = null;
        int children = 0, infants = 0, companions = 0;
        var self = false;
        var any = false;
        for (var i = 0; i < t.Count; i++)
        {
            var w = W(i);
            if (t[i].Used)
            {
                continue;
            }
            // "2 adults", "two kids", "a toddler", "three of us"
            var n = Lexicon.SmallNumber(t, i, out var len);
            if (n is > 0 and < 20 && !(t[i].IsNumber && t[i].GluedToNext))
            {
                var j = i + len;
                if (Is(j, "lap") && Is(j + 1, "infant", "infants", "child", "children", "baby"))
                {
                    infants += n.Value;
                    Use(i, j + 2);
                    any = true;
                    i = j + 1;
                    continue;
                }
                if (Is(j, "year") && Is(j + 1, "old") && Is(j - 1, "-") is var _)
                {
                    // "a 5 year old": a child (under 2: an infant).
                    if (Is(j + 2, "and", "with", "kid", "child", "boy", "girl") || j + 2 >= t.Count || true)
                    {
                        if (n < 2)
                        {
                            infants++;
                        }
                        else if (n < 12)
                        {
                            children++;
                        }
                        else
                        {
                            adults = (adults ?? 0) + 1;
                        }
                        Use(i, j + 2);
                        any = true;
                        i = j + 1;
                        continue;
                    }
                }
                if (Is(j, "grown") && Is(j + 1, "ups"))
                {
                    adults = (adults ?? 0) + n.Value;
                    Use(i, j + 2);
                    any = true;
                    continue;
                }
                var noun = W(j);
                if (Is(j, "small", "young", "little", "older", "younger"))
                {
                    noun = W(j + 1);
                    j++;
                }
                if (AdultNouns.Contains(noun) && !(w is "a" or "an" or "single" && noun is "person" or "passenger" or "ticket" or "seat" or "friend" or "guest"))
                {
                    if (noun is "adult" or "adults" or "seniors" or "senior" or "grownups")
                    {
                        adults = (adults ?? 0) + n.Value;
                    }
                    else if (noun is "friends" or "colleagues" or "coworkers")
                    {
                        companions += n.Value;
                        self = self || Is(i - 1, "my") || Is(i - 2, "my");
                    }
                    else
                    {
                        total = (total ?? 0) + n.Value;
                    }
                    Use(i, j + 1);
                    any = true;
                    i = j;
                    continue;
                }
                if (ChildNouns.Contains(noun) && !(noun is "son" or "daughter" && n > 1))
                {
                    if (noun is "toddler" or "toddlers")
                    {
                        children += n.Value;
                    }
                    else
                    {
                        children += n.Value;
                    }
                    Use(i, j + 1);
                    any = true;
                    i = j;
                    continue;
                }
                if (InfantNouns.Contains(noun))
                {
                    infants += n.Value;
                    Use(i, j + 1);
                    any = true;
                    i = j;
                    continue;
                }
                if (noun == "of" && Is(j + 1, "us", "them"))
                {
                    total = n;
                    Use(i, j + 2);
                    any = true;
                    i = j + 1;
                    continue;
                }
            }
            if (w is "family" or "party" or "group" && Is(i + 1, "of") && Lexicon.SmallNumber(t, i + 2, out var l2) is { } size and > 1 and < 20)
            {
                total = size;
                Use(i, i + 2 + l2);
                any = true;
                continue;
            }
            if (w == "we" && Is(i + 1, "are", "re") && Lexicon.SmallNumber(t, i + 2, out var l3) is { } we and > 1 and < 20 && !Is(i + 2 + l3, "days", "weeks", "nights"))
            {
                total = we;
                Use(i, i + 2 + l3);
                any = true;
                continue;
            }
            if (w is "couple" && !Is(i + 1, "of") && Is(i - 1, "a", "the"))
            {
                total = 2;
                Use(i, i + 1);
                any = true;
                continue;
            }
            if (w is "my" or "our" or "the" or "his" or "her" && i + 1 < t.Count)
            {
                var next = W(i + 1);
                var k = i + 1;
                if (next is "two" or "three" or "four" or "2" or "3" or "4")
                {
                    continue; // handled by the number branch on the next token
                }
                if (Companions.Contains(next))
                {
                    companions++;
                    self |= w is "my" or "our";
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "parents" or "grandparents" or "in laws")
                {
                    companions += 2;
                    self = true;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "son" or "daughter" or "kid" or "child" or "boy" or "girl" or "stepson" or "stepdaughter" or "toddler")
                {
                    children++;
                    self = true;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "baby" or "infant" or "newborn")
                {
                    infants++;
                    self = true;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "kids" or "children" or "sons" or "daughters")
                {
                    children += 2;
                    self = true;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
            }
            if (w is "me" or "myself" or "i" && (Is(i - 1, "and") || Is(i + 1, "and")))
            {
                self = true;
            }
            // "a room for two", "tickets for 3 to Paris"
            if (w == "for" && Lexicon.SmallNumber(t, i + 1, out var l4) is { } party and > 1 and < 10 && Free(i + 1) && !Is(i + 1, "a", "an", "couple")
                && (i + 1 + l4 >= t.Count || Is(i + 1 + l4, "please", "to", "from", "on", "in", "at", "and", "with", "under", "next", "this", "tomorrow", "today", "leaving", "departing", "flying")))
            {
                total = party;
                Use(i, i + 1 + l4);
                any = true;
                continue;
            }
            if ((w == "just" && Is(i + 1, "me", "myself")) || w is "solo" || (w is "alone") || (w == "by" && Is(i + 1, "myself")) || (w == "only" && Is(i + 1, "me")))
            {
                total ??= 1;
                Use(i, i + 2);
                any = true;
            }
        }
        if (!any)
        {
            return;
        }
        // "add my wife", "bring a child too": the people added, not the whole party.
        var adding = Has("add") || Has("plus") || Has("joining") || HasPhrase("also", "bring") || HasPhrase("coming", "too") || HasPhrase("bring", "my") || HasPhrase("one", "more") || Has("another");
        var a = adults ?? (total is { } tot ? Math.Max(1, tot - children - infants) : adding ? companions : companions + 1);
        if (adults is not null && companions > 0)
        {
            a += companions;
        }
        if (adults is null && total is not null && companions > 0)
        {
            a = Math.Max(a, companions + 1);
        }
        _ = self;
        passengers = new PassengerCount(a, children, infants);
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
                if (day is not null && !(t[j].IsNumber && Is(j + dl, "am", "pm", "o", "oclock", "dollars", "nights", "days")))
                {
                    var end = j + dl - 1;
                    int? year = null;
                    if (Is(end + 1, "2025", "2026", "2027", "2028", "2029", "2030") || (end + 1 < t.Count && t[end + 1].IsNumber && W(end + 1).Length == 4 && W(end + 1).StartsWith("19", StringComparison.Ordinal)))
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
            if (w == "month" && Is(i - 1, "next"))
            {
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
                Add(i - 1, i, new DateMention(i, DateKind.Exact, leg, Exact: first));
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
            var w = W(i);
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
                if (relWord is "at" or "about" or "around" or "approximately" or "than" or "by" or "after" or "before" or "from" or "between" or "till" or "until" || (relWord == "o" && false))
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
            i = end;
            _ = w;
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
        Is(j, "dollars", "dollar", "people", "passengers", "adults", "stops", "nights", "days", "weeks", "hours", "minutes", "percent", "miles", "euros", "of", "seats", "th", "st");

    // ---- cabin, nonstop, trip type, sort -------------------------------------------------------

    private void ExtractFlags()
    {
        var connecting = Has("connecting") || Has("connections") || Has("connection") || HasPhrase("one", "stop") || HasPhrase("with", "stops");
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            var w = W(i);
            switch (w)
            {
                case "first" when Is(i + 1, "class"):
                    cabin ??= Cabin.First;
                    Use(i, i + 2);
                    break;
                case "business" when Is(i + 1, "class") || (!Is(i + 1, "trip", "trips", "travel", "traveler", "travelers", "meeting", "meetings", "center", "centre", "district", "day", "days", "hours", "hotel", "hotels", "area", "lounge", "people", "partner") && !Is(i - 1, "on", "for", "my", "of", "your")) || (Is(i - 1, "on", "for") && Is(i + 1, "", "instead", "please", "seats", "seat", "fares", "fare", "tickets", "ticket")):
                    cabin ??= Cabin.Business;
                    Use(i, Is(i + 1, "class") ? i + 2 : i + 1);
                    break;
                case "premium" when Is(i + 1, "economy") || Is(i + 1, "class") || !Is(i + 1, "hotel", "hotels", "room", "rooms"):
                    cabin ??= Cabin.PremiumEconomy;
                    Use(i, Is(i + 1, "economy", "class") ? i + 2 : i + 1);
                    break;
                case "economy" when Is(i + 1, "plus"):
                    cabin ??= Cabin.PremiumEconomy;
                    Use(i, i + 2);
                    break;
                case "economy" or "coach" or "thrift" or "economic" or "tourist" when w != "tourist" || Is(i + 1, "class"):
                    if (w == "coach" && Is(i + 1, "bus", "station", "tour", "service", "transfer"))
                    {
                        break;
                    }
                    if (w == "economy" && Is(i + 1, "hotel", "hotels", "car", "cars", "parking"))
                    {
                        break;
                    }
                    cabin ??= Cabin.Economy;
                    Use(i, Is(i + 1, "class") ? i + 2 : i + 1);
                    break;
                case "nonstop" or "nonstops":
                    nonStop = true;
                    Use(i, i + 1);
                    break;
                case "non" when Is(i + 1, "stop", "stops", "-"):
                    nonStop = true;
                    Use(i, i + 2);
                    break;
                case "direct" or "directly" when !connecting:
                    nonStop = true;
                    Use(i, i + 1);
                    break;
                case "no" or "zero" or "without" when Is(i + 1, "stops", "stop", "stopping", "stopovers", "layovers", "layover", "connections", "connecting", "changes"):
                    nonStop = true;
                    Use(i, i + 2);
                    break;
                case "round" when Is(i + 1, "trip", "trips") || (Is(i + 1, "-") && Is(i + 2, "trip")):
                    tripType ??= TripType.RoundTrip;
                    Use(i, Is(i + 1, "-") ? i + 3 : i + 2);
                    break;
                case "roundtrip" or "roundtrips":
                    tripType ??= TripType.RoundTrip;
                    Use(i, i + 1);
                    break;
                case "one" when Is(i + 1, "way") || (Is(i + 1, "-") && Is(i + 2, "way")):
                    tripType ??= TripType.OneWay;
                    Use(i, Is(i + 1, "-") ? i + 3 : i + 2);
                    break;
                case "oneway":
                    tripType ??= TripType.OneWay;
                    Use(i, i + 1);
                    break;
                case "cheapest" or "lowest" or "cheaper" when w != "cheaper" || Is(i + 1, "flights", "flight", "fares", "fare", "options", "option", "one", "ones"):
                    if (w == "lowest" && Is(i + 1, "number", "stops", "altitude"))
                    {
                        break;
                    }
                    sort ??= SortOrder.Price;
                    Use(i, i + 1);
                    break;
                case "least" or "less" when Is(i + 1, "expensive") && w == "least":
                    sort ??= SortOrder.Price;
                    Use(i, i + 2);
                    break;
                case "best" when Is(i + 1, "price", "prices", "deal", "deals", "fare", "fares"):
                    sort ??= SortOrder.Price;
                    Use(i, i + 2);
                    break;
                case "fastest" or "shortest" or "quickest":
                    sort ??= SortOrder.Duration;
                    Use(i, i + 1);
                    break;
                case "sort" or "order" or "sorted" or "ordered" or "rank" when Is(i + 1, "by") && Is(i + 2, "price", "cost", "fare", "duration", "time", "length"):
                    sort ??= W(i + 2) is "price" or "cost" or "fare" ? SortOrder.Price : SortOrder.Duration;
                    Use(i, i + 3);
                    break;
            }
        }
    }

    // ---- airlines -------------------------------------------------------------------------------

    private static readonly HashSet<string> AirlineBlockedNext = ["states", "kingdom", "arab", "nations", "europe", "asia", "africa", "time", "breakfast", "coast", "standard", "florida", "airport", "side", "u", "s", "city", "region", "shore", "mountain", "hemisphere"];

    private void ExtractAirlines()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            var matched = false;
            for (var n = Math.Min(AirlineGazetteer.MaxWords, t.Count - i); n >= 1 && !matched; n--)
            {
                var ok = true;
                for (var k = i; k < i + n; k++)
                {
                    ok &= !t[k].Used;
                }
                if (!ok)
                {
                    continue;
                }
                var key = string.Join(' ', t.GetRange(i, n).Select(x => x.Text));
                if (airlineNames.Lookup(key) is not { } airline)
                {
                    continue;
                }
                var code = airline.Code;
                var end = i + n;
                var withSuffix = Is(end, "airlines", "airline", "airways", "air") && !(W(end) == "air" && Is(end + 1, "force", "base"));
                if (airline.NeedsCue && !withSuffix && !Is(i - 1, "on", "with", "fly", "flying", "flights", "airline", "carrier"))
                {
                    continue;
                }
                if (n > 1 && !withSuffix && places.Lookup(key) is { IsAirportName: false } && !Is(i - 1, "on", "with", "by", "fly", "flying", "take"))
                {
                    continue;
                }
                if (n == 1 && !withSuffix)
                {
                    // A one-word name needs to look like an airline: not a place after "to", not "united states".
                    if (Is(i - 1, "to", "from", "in", "into", "via", "at", "near", "visit", "visiting", "through") || AirlineBlockedNext.Contains(W(end)) || places.Lookup(key) is { IsAirportName: false } && !Is(i - 1, "on", "with", "by", "fly", "flying", "take"))
                    {
                        continue;
                    }
                }
                if (withSuffix)
                {
                    end++;
                }
                if (Is(end, "flight", "flights") && end + 1 < t.Count && t[end + 1].IsNumber)
                {
                    end += 2;
                }
                Use(i, end);
                if (!airlineCodes.Contains(code))
                {
                    airlineCodes.Add(code);
                }
                matched = true;
                i = end - 1;
            }
            if (matched)
            {
                continue;
            }
            // Two-letter designators: "dl 201", "on ua", "airline code hp"; capitals when typed so ("DL").
            var w = W(i);
            if (w.Length == 2 && airlineNames.IsCode(w))
            {
                var raw = t[i].Raw;
                var upper = raw.All(char.IsAsciiLetterUpper) && w is not ("us" or "as" or "co" or "in" or "on" or "to" or "it" or "is" or "me" or "my" or "or" or "an" or "am" or "at" or "be" or "by" or "do" or "go" or "he" or "if" or "no" or "of" or "so" or "up" or "we" or "ok" or "tv" or "pm");
                var flightNo = i + 1 < t.Count && t[i + 1].IsNumber && W(i + 1).Length <= 4 && !Is(i + 2, "am", "pm", "dollars", "people", "adults");
                var meaning = Is(i - 1, "does", "is", "abbreviation", "airline", "carrier") && (Is(i + 1, "mean", "stand", "uses", "use", "fly", "flies", "") || i + 1 == t.Count);
                var fareCode = Is(i - 1, "restriction", "fare", "class", "meal", "basis") || Is(i - 1, "code") && !Is(i - 2, "airline") || Is(i + 2, "restriction") || t[i].GluedToNext;
                var cue = Is(i - 1, "airline", "carrier", "on", "with") || Is(i - 1, "code") && Is(i - 2, "airline") && !Is(i + 1, "the", "a", "my", "to", "from", "in", "at", "flight", "flights") && Vocabulary.IsOrdinary(w) == false && w is not ("us" or "as" or "co" or "am" or "pm") ||
                    (Is(i - 1, "airline", "code") && w is "us" or "as" or "co");
                if (fareCode || places.Lookup(w) is not null && !(flightNo || Is(i - 1, "on", "with", "airline", "carrier")))
                {
                    continue;
                }
                if (upper || meaning || flightNo && (!Vocabulary.IsOrdinary(w) || w == "us" && !Is(i - 1, "for", "of", "to", "with", "give", "show", "tell", "let", "help", "send", "find")) || cue || (Is(i + 1, "flight", "flights") && !Vocabulary.IsOrdinary(w) && w.Length == 2 && Is(i - 1, "on", "the", "show", "all", "any", "list")))
                {
                    var code = w.ToUpperInvariant();
                    Use(i, flightNo ? i + 2 : i + 1);
                    if (!airlineCodes.Contains(code))
                    {
                        airlineCodes.Add(code);
                    }
                }
            }
        }
    }

    // ---- places -----------------------------------------------------------------------------------

    private sealed record PlaceMention(int Start, int End, GazetteerEntry Entry, bool Weak = false)
    {
        public PlaceRole Role { get; set; }
    }

    private static readonly HashSet<string> PlaceCues = ["from", "to", "in", "into", "at", "via", "through", "thru", "between", "and", "leaving", "leave", "leaves", "departing", "depart", "departs", "arriving", "arrive", "arrives", "reach", "reaching", "visit", "visiting", "of", "for", "near", "towards", "toward", "or", "go", "fly", "flying", "than", "stop", "stopping", "stopover", "out", "then", "back", "return", "returning", "before", "after", "get"];

    private static readonly HashSet<string> StrongCues = ["from", "to", "into", "via", "through", "thru", "visit", "visiting", "in", "at", "leaving", "departing", "towards", "toward", "reach", "reaching"];

    private static readonly HashSet<string> ThreeLetterWords = ["the", "and", "for", "all", "any", "are", "can", "day", "get", "how", "far", "one", "two", "six", "ten", "man", "may", "now", "off", "out", "per", "see", "sun", "who", "why", "yes", "bus", "car", "fly", "leg", "not", "but", "you", "our", "her", "his", "its", "was", "has", "had", "did", "way", "new", "old", "big", "top", "low", "few", "own", "use", "let", "put", "say", "set", "try", "end", "top", "row", "air", "via", "arr", "dep", "min", "max", "add", "buy", "pay", "got", "sat", "wed", "mon", "fri", "tue", "thu", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "eve", "tax", "fee", "cab", "kid", "son", "dad", "mom", "mum", "pet", "dog", "cat", "bag", "nyc", "usa", "eur", "usd", "gbp", "jpy", "cad", "aud", "chf", "inr", "mxn", "sek", "nok", "dkk", "cny", "krw", "brl", "zar", "aed", "thb", "pln", "czk", "hkd", "sgd", "nzd", "yen", "won", "tap", "ana", "jal", "klm", "sas", "ita", "lot", "twa"];

    private void ExtractPlaces()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Used)
            {
                continue;
            }
            if (MatchPlace(i) is { } m)
            {
                placeMentions.Add(m);
                Use(m.Start, m.End + 1);
                i = m.End;
            }
        }
        AssignRoles();
    }

    private string PlaceKey(int start, int count)
    {
        var words = new string[count];
        for (var k = 0; k < count; k++)
        {
            words[k] = PlaceGazetteer.Canonical(t[start + k].Text, k + 1 < count);
        }
        return string.Join(' ', words);
    }

    private PlaceMention? MatchPlace(int i)
    {
        var cue = i > 0 && PlaceCues.Contains(W(i - 1)) || (Is(i - 1, "the") && PlaceCues.Contains(W(i - 2))) || i == 0;
        for (var n = Math.Min(PlaceGazetteer.MaxWords, t.Count - i); n >= 1; n--)
        {
            var free = true;
            for (var k = i; k < i + n && free; k++)
            {
                free = !t[k].Used || (k > i && t[k].Text is "st" or "saint");
            }
            if (!free)
            {
                continue;
            }
            var key = PlaceKey(i, n);
            if (places.Lookup(key) is not { } entry)
            {
                continue;
            }
            if (n == 1)
            {
                var w = t[i].Text;
                // A capital helps a name that is no ordinary word ("Cody"), never "David" or "Nice".
                var capitalized = char.IsAsciiLetterUpper(t[i].Raw[0]) && i > 0 && !Vocabulary.IsOrdinary(w);
                var strong = StrongCues.Contains(W(i - 1)) || (Is(i - 1, "the") && StrongCues.Contains(W(i - 2)));
                if ((Vocabulary.IsOrdinary(w) || w.Length <= 2 || Vocabulary.Regions.Contains(w) || entry.IsAirportName) && !strong && !capitalized)
                {
                    // "sf to vegas", "Nice to Geneva": kept only if a place follows "to" (checked once all are found).
                    if (Is(i + 1, "to") && !Vocabulary.Regions.Contains(w) && RouteStart(i))
                    {
                        return new PlaceMention(i, i, entry, Weak: true);
                    }
                    continue;
                }
                if (w.Length <= 2 && !(cue || t[i].Raw.All(char.IsAsciiLetterUpper)))
                {
                    if (Is(i + 1, "to") && RouteStart(i))
                    {
                        return new PlaceMention(i, i, entry, Weak: true);
                    }
                    continue;
                }
                // "las", "san": never alone.
                if (Vocabulary.IsOrdinary(w) && Is(i + 1, "of", "a", "an"))
                {
                    continue;
                }
            }
            var end = i + n - 1;
            // "boston airport", "denver international airport", "pittsburgh international"
            if (Is(end + 1, "airport", "airports"))
            {
                end++;
            }
            else if (Is(end + 1, "international") && Is(end + 2, "airport"))
            {
                end += 2;
            }
            return new PlaceMention(i, end, entry);
        }
        var word = W(i);
        if (cue && i > 0 && Fuzzy(i, multiWord: true) is { } phrase)
        {
            return phrase;
        }
        // An IATA code: "BOS", or "from bos" / "to lis" in lower case.
        if (word.Length == 3 && places.IsCode(word) && !t[i].IsNumber)
        {
            var upper = t[i].Raw.All(char.IsAsciiLetterUpper);
            var lowerOk = cue && !Vocabulary.IsOrdinary(word) && !ThreeLetterWords.Contains(word) && !Vocabulary.Regions.Contains(word) ||
                (Is(i - 1, "code", "airport") || Is(i + 1, "airport")) && !ThreeLetterWords.Contains(word) && !Vocabulary.IsOrdinary(word);
            if ((upper && !ThreeLetterWords.Contains(word)) || (upper && cue) || lowerOk)
            {
                var location = places.Directory.Find(word);
                if (location is not null)
                {
                    var name = location.Kind == LocationKind.Metro ? location.Name : location.City;
                    return new PlaceMention(i, Is(i + 1, "airport") ? i + 1 : i, new GazetteerEntry(location.Code, name, false));
                }
            }
        }
        return cue && i > 0 ? Fuzzy(i, multiWord: false) : null;
    }

    /// <summary>Where "X to Y" can start: the utterance's start, after a flight word, or after words a grammar used.</summary>
    private bool RouteStart(int i) =>
        i == 0 || t[i - 1].Used || Is(i - 1, "flights", "flight", "fly", "flying", "trip", "fares", "fare", "route", "tickets", "ticket", "nonstop", "direct", "cheapest", "book", "way", "also", "and", "then", "ok", "okay", "yes", "no", "actually", "please", "need", "want");

    private static readonly HashSet<string> NamePrefixes = ["new", "san", "los", "las", "saint", "st", "fort", "ft", "port", "santa", "el", "la", "le", "salt", "kansas", "mexico", "hong", "tel", "buenos", "sao", "rio", "cape"];

    /// <summary>A misspelt name after a place cue: "from bostn", "to pittsburg", "to san fransisco", "new yrok".</summary>
    private PlaceMention? Fuzzy(int i, bool multiWord)
    {
        var word = W(i);
        if (!char.IsAsciiLetter(word[0]) || Vocabulary.Regions.Contains(word))
        {
            return null;
        }
        for (var n = multiWord ? Math.Min(3, t.Count - i) : 1; n >= (multiWord ? 2 : 1); n--)
        {
            var ok = true;
            for (var k = i; k < i + n && ok; k++)
            {
                var w = t[k].Text;
                var prefix = k == i && n > 1 && NamePrefixes.Contains(w);
                ok = !t[k].Used && w.All(char.IsAsciiLetter) && (prefix || !ThreeLetterWords.Contains(w)) &&
                    (!Vocabulary.IsOrdinary(w) || prefix || (k > i && w is "city"));
            }
            if (!ok)
            {
                continue;
            }
            var key = PlaceKey(i, n);
            if (key.Length < 5 || places.Lookup(key) is not null)
            {
                continue;
            }
            if (places.Closest(key) is { } near)
            {
                return new PlaceMention(i, i + n - 1, near.Entry);
            }
        }
        return null;
    }

    private void AssignRoles()
    {
        for (var m = 0; m < placeMentions.Count; m++)
        {
            var p = placeMentions[m];
            var i = p.Start - 1;
            while (i >= 0 && (Is(i, "the", "city", "airport", "downtown") || (Is(i, "of") && Is(i - 1, "city", "area")) || (Is(i, "of") && Is(i - 1, "city") )))
            {
                i--;
            }
            // "city of" and "the" skipped; look at the cue before the name.
            var w = W(i);
            var before = W(i - 1);
            p.Role = w switch
            {
                "from" => PlaceRole.Origin,
                "of" when before == "out" => PlaceRole.Origin,
                "leaving" or "leave" or "leaves" or "departing" or "depart" or "departs" or "originating" => PlaceRole.Origin,
                "stop" or "stopping" or "stops" or "connecting" or "connects" => PlaceRole.Via,
                "to" or "into" or "towards" or "toward" or "reach" or "reaching" or "reaches" or "visit" or "visiting" or "arriving" or "arrive" or "arrives" => PlaceRole.Destination,
                "via" or "through" or "thru" => PlaceRole.Via,
                "of" when before == "way" => PlaceRole.Via,
                "between" => PlaceRole.Origin,
                "in" or "at" or "on" when before == "airport" => W(i - 2) == "the" && Is(i - 3, "from", "between") || Is(i - 2, "from", "between") ? PlaceRole.Origin : Is(i - 3, "to", "into") || Is(i - 2, "to", "into") ? PlaceRole.Destination : PlaceRole.In,
                "in" or "at" or "on" => before switch
                {
                    "live" or "lives" or "living" or "based" or "located" or "home" or "am" or "m" => PlaceRole.Origin,
                    "arrive" or "arrives" or "arriving" or "arrival" or "land" or "lands" or "landing" or "get" or "gets" or "reach" or "ending" or "end" or "stay" or "staying" or "hotel" or "hotels" or "hostel" or "hostels" or "room" or "rooms" or "arrivals" or "there" => PlaceRole.Destination,
                    "stop" or "stops" or "stopping" or "stopover" or "stopovers" or "layover" or "layovers" or "connect" or "connects" or "connecting" or "connection" or "connections" or "change" or "changing" or "over" or "planes" => PlaceRole.Via,
                    "leave" or "leaves" or "leaving" or "depart" or "departs" or "departing" or "originate" or "originating" or "originates" or "start" or "starting" or "starts" or "begin" or "beginning" or "begins" => PlaceRole.Origin,
                    _ => PlaceRole.In,
                },
                "for" when m > 0 && placeMentions[m - 1].Role == PlaceRole.Origin => PlaceRole.Destination,
                "and" when m > 0 && W(placeMentions[m - 1].Start - 1) == "between" && placeMentions[m - 1].End == i - 1 => PlaceRole.Destination,
                _ => PlaceRole.Bare,
            };
            // "stopping over in", "with a stop in", "stop at"
            if (p.Role == PlaceRole.In && Is(i - 2, "stop", "stopover", "layover") )
            {
                p.Role = PlaceRole.Via;
            }
        }
        // "boston to denver": a bare name right before "to <place>" is the origin.
        for (var m = 0; m < placeMentions.Count; m++)
        {
            var p = placeMentions[m];
            if (p.Weak && !(m + 1 < placeMentions.Count && placeMentions[m + 1].Start == p.End + 2))
            {
                placeMentions.RemoveAt(m);
                m--;
                continue;
            }
            if (m + 1 >= placeMentions.Count)
            {
                continue;
            }
            if (p.Weak ||p.Role is PlaceRole.Bare or PlaceRole.In && placeMentions[m + 1].Role == PlaceRole.Destination && placeMentions[m + 1].Start - p.End <= 3 && Is(placeMentions[m + 1].Start - 1, "to") || (p.Role == PlaceRole.Bare && Is(p.End + 1, "to") && placeMentions[m + 1].Start == p.End + 2))
            {
                p.Role = PlaceRole.Origin;
            }
        }
    }

    // ---- intent and assembly --------------------------------------------------------------------

    private static readonly HashSet<string> HotelWords = ["hotel", "hotels", "motel", "motels", "hostel", "hostels", "accommodation", "accommodations", "lodging", "airbnb", "resort", "resorts", "inn", "room", "rooms", "suite", "bnb", "apartment", "guesthouse", "stay", "staying"];
    private static readonly HashSet<string> FlightWords = ["flight", "flights", "fly", "flying", "airfare", "airfares", "fare", "fares", "plane", "airline", "airlines", "ticket", "tickets", "nonstop", "layover", "depart", "departing", "leaving", "leave", "arriving", "arrive", "aircraft", "seat"];
    private static readonly HashSet<string> ActivityWords = ["activities", "activity", "tour", "tours", "attractions", "attraction", "sightseeing", "museum", "museums", "excursion", "excursions", "sights", "experiences", "experience", "restaurants", "nightlife", "hike", "hiking", "concert", "concerts", "show", "shows", "events", "landmarks", "beaches", "snorkeling", "diving", "tickets"];

    private (TripIntent? Intent, FrameAct Act) Classify()
    {
        var hotel = t.Exists(x => HotelWords.Contains(x.Text)) && !HasPhrase("stay", "on") && !(Has("stay") && !Has("hotel") && Has("flight") && !nights.HasValue) || minStars is not null || maxNightly is not null;
        if (Has("stay") && !Has("hotel") && !Has("hotels") && !Has("room") && !Has("place") && t.Exists(x => FlightWords.Contains(x.Text)) && minStars is null && maxNightly is null && !HasPhrase("place", "to", "stay"))
        {
            hotel = HasPhrase("where", "to", "stay");
        }
        var flightWords = t.Exists(x => FlightWords.Contains(x.Text) && x.Text is not ("tickets" or "ticket")) || cabin is not null || nonStop || airlineCodes.Count > 0 || placeMentions.Exists(p => p.Role is PlaceRole.Origin or PlaceRole.Via) || tripType is not null || departTime is not null;
        var activity = (HasPhrase("things", "to", "do") || HasPhrase("what", "to", "do") || HasPhrase("what", "to", "see") || HasPhrase("to", "visit") && !placeMentions.Exists(p => p.Role == PlaceRole.Destination) || t.Exists(x => ActivityWords.Contains(x.Text) && x.Text is not ("show" or "shows" or "tickets" or "experience")) || (Has("shows") && !Has("me"))) && !t.Exists(x => x.Text is "flight" or "flights" or "hotel" or "hotels");
        var plan = (HasPhrase("plan") || Has("vacation") || Has("holiday") || Has("holidays") || Has("getaway") || Has("honeymoon") || Has("itinerary") || Has("package") || (Has("trip") && !HasPhrase("round", "trip") && !HasPhrase("one", "way", "trip") && !Has("roundtrip")) || HasPhrase("everything") || Has("spend") || Has("spending")) && !Has("my") && !Has("our");
        var anySlots = placeMentions.Count > 0 || dates.Count > 0 || passengers is not null || maxPrice is not null || cabin is not null || nonStop || airlineCodes.Count > 0 || departTime is not null || nights is not null;

        var act = FrameAct.Request;
        if (Has("actually") || Has("instead") || HasPhrase("make", "it") || HasPhrase("change", "it") || HasPhrase("change", "the") || HasPhrase("change", "to") || Has("rather") || HasPhrase("switch", "to") || (W(0) == "no" && t.Count > 1) || HasPhrase("not", "but") || Has("correction") || HasPhrase("move", "it") || HasPhrase("push", "it"))
        {
            act = FrameAct.Change;
        }
        else if ((Has("add") || HasPhrase("bring", "my") || HasPhrase("also", "my") || Has("plus") || Has("joining") || HasPhrase("coming", "too") || HasPhrase("coming", "with")) && passengers is not null)
        {
            act = FrameAct.Add;
        }

        var myTrip = HasPhrase("my", "trip") || HasPhrase("our", "trip") || HasPhrase("the", "trip") && !Has("plan") || HasPhrase("my", "itinerary") || HasPhrase("our", "itinerary") || HasPhrase("my", "bookings") || HasPhrase("my", "booking") || HasPhrase("my", "plans") || HasPhrase("what", "have", "i", "booked");
        if (myTrip && (Has("show") || Has("see") || Has("view") || Has("what") || Has("whats") || Has("display") || Has("open") || Has("review") || Has("change") || Has("remove") || Has("delete") || Has("modify") || Has("edit") || Has("cancel") || Has("update") || Has("drop") || Has("where")))
        {
            if (Has("change") || Has("remove") || Has("delete") || Has("modify") || Has("edit") || Has("drop") || Has("cancel") || Has("update"))
            {
                act = FrameAct.Change;
            }
            if (!placeMentions.Exists(p => p.Role is PlaceRole.Origin or PlaceRole.Destination) && dates.Count == 0)
            {
                return (TripIntent.ShowTrip, act);
            }
        }
        var bookVerb = Has("book") || Has("reserve") || Has("purchase") || Has("buy") || (Has("take") && (Has("option") || Has("one") || Has("it") || Has("that")) && !flightWords) || HasPhrase("go", "with") || HasPhrase("i", "ll", "take");
        if (bookVerb && placeMentions.Count == 0 && dates.Count == 0 && (Has("it") || Has("that") || Has("this") || Has("option") || Has("one") || Has("first") || Has("second") || Has("third") || Has("last") || Has("number") || Has("cheapest") || Has("them") || Has("both") || t.Exists(x => x.IsNumber)))
        {
            return (TripIntent.Book, act);
        }
        if (!anySlots && !hotel && !activity)
        {
            if (Has("help") || HasPhrase("what", "can", "you", "do") || HasPhrase("how", "does", "this", "work") || HasPhrase("how", "do", "i") || HasPhrase("what", "do", "you", "do") || HasPhrase("how", "does", "it", "work") || HasPhrase("what", "can", "i", "ask"))
            {
                return (TripIntent.Help, act);
            }
            var first = W(0);
            if (first is "hi" or "hello" or "hey" or "thanks" or "thank" or "bye" or "goodbye" or "cheers" or "ok" or "okay" or "cool" or "great" or "awesome" or "nice" or "good" or "yo" or "howdy" or "morning" or "lol" or "haha" or "perfect" or "sure" or "yes" or "yeah" or "no" or "nope" or "wow" || HasPhrase("how", "are", "you") || HasPhrase("who", "are", "you") || HasPhrase("thank", "you"))
            {
                return (TripIntent.SmallTalk, act);
            }
            if (!plan)
            {
                return (null, act);
            }
        }
        if (plan || (hotel && flightWords && !Has("airport")))
        {
            return (TripIntent.PlanTrip, act);
        }
        if (hotel)
        {
            return (TripIntent.SearchHotels, act);
        }
        if (activity)
        {
            return (TripIntent.SearchActivities, act);
        }
        if (flightWords || placeMentions.Count > 0 || dates.Count > 0 || maxPrice is not null || passengers is not null)
        {
            return (TripIntent.SearchFlights, act);
        }
        return (null, act);
    }

    private TripFrame Assemble()
    {
        var (intent, act) = Classify();
        // Ground transport and questions about airports or airlines name a city without travelling there.
        var flightWords = t.Exists(x => x.Text is "flight" or "flights" or "fly" or "flying" or "fare" or "fares" or "airfare" or "trip" or "ticket" or "tickets" or "go" or "travel");
        var groundTransport = Has("ground") || Has("limousine") || Has("limo") || Has("limos") || Has("taxi") || Has("taxis") || Has("rental") || Has("rentals") || HasPhrase("rent", "a", "car") || Has("transportation") || Has("transport") ||
            (Has("airport") || Has("airports")) && !flightWords || (Has("serve") || Has("serves") || Has("service")) && !flightWords && intent is not (TripIntent.SearchHotels or TripIntent.PlanTrip);
        ExtractArea(intent);

        PlaceRef Ref(PlaceMention m) => new(m.Entry.Code, m.Entry.Name);
        var origin = placeMentions.Find(p => p.Role == PlaceRole.Origin);
        var destination = placeMentions.Find(p => p.Role == PlaceRole.Destination);
        var via = placeMentions.Where(p => p.Role == PlaceRole.Via).ToList();
        var loose = placeMentions.Where(p => p.Role is PlaceRole.Bare or PlaceRole.In).ToList();
        var stayLike = intent is TripIntent.SearchHotels or TripIntent.SearchActivities or TripIntent.PlanTrip;
        if (origin is null && destination is null && loose.Count >= 2 && loose[0].Role == PlaceRole.Bare)
        {
            origin = loose[0];
            destination = loose[1];
        }
        else if (loose.Count > 0 && !groundTransport)
        {
            var first = loose[0];
            if (destination is null && (first.Role == PlaceRole.Bare || stayLike || origin is null || !HasPhrase("in", "the", "airport")))
            {
                destination = first;
            }
            else if (origin is null && destination is not null && first.Role == PlaceRole.Bare && first.Start < destination.Start)
            {
                origin = first;
            }
        }
        if (origin is not null && destination is not null && origin.Entry.Code == destination.Entry.Code && origin != destination)
        {
            destination = placeMentions.Find(p => p != origin && p.Role == PlaceRole.Destination && p.Entry.Code != origin.Entry.Code) ?? destination;
        }

        // Dates: the depart leg from today, the return leg from the departure.
        DateOnly? depart = null, @return = null;
        var departMention = dates.Find(d => d.Leg == Leg.Depart);
        var returnMention = dates.Find(d => d.Leg == Leg.Return && d != departMention);
        if (departMention is null && dates.Count > 0 && dates.TrueForAll(d => d.Leg == Leg.Return) && dates.Count >= 2)
        {
            departMention = dates[0];
            returnMention = dates[1];
        }
        else if (departMention is null && returnMention is not null && returnIsTheFlight)
        {
            // "return from miami on saturday": the flight asked for is the return itself.
            departMention = returnMention;
            returnMention = null;
        }
        // "from the 3rd to the 6th", "march 3 to march 10", "between june 1 and june 8"
        if (departMention is not null && returnMention is null)
        {
            var later = dates.Find(d => d != departMention && d.Index > departMention.Index && d.Leg != Leg.Arrive && Is(d.Index - 1, "to", "and", "-", "through", "thru", "until") || d != departMention && d.Index > departMention.Index && d.Leg != Leg.Arrive && Is(d.Index - 2, "to", "and", "-", "through", "until") && Is(d.Index - 1, "the"));
            if (later is not null)
            {
                returnMention = later;
            }
        }
        if (departMention?.Kind == DateKind.Day && returnMention?.Kind == DateKind.MonthDay && returnMention.Index > departMention.Index)
        {
            // "from the 3rd to the 6th of june": the first day is in the month named last.
            departMention = departMention with { Kind = DateKind.MonthDay, Month = returnMention.Month, Year = returnMention.Year };
        }
        if (departMention is not null)
        {
            depart = Resolve(departMention, today, strictlyAfter: true);
        }
        if (returnMention is not null)
        {
            var basis = depart ?? today;
            if (returnMention.Kind == DateKind.MonthDay && departMention?.Kind == DateKind.MonthDay && returnMention.Month == 0)
            {
                returnMention = returnMention with { Month = departMention.Month };
            }
            if (returnMention.Kind == DateKind.Day && departMention?.Kind == DateKind.MonthDay)
            {
                // "march 3 to 10": the same month as the departure.
                returnMention = returnMention with { Kind = DateKind.MonthDay, Month = departMention.Month };
            }
            @return = Resolve(returnMention, basis, strictlyAfter: true);
        }
        if (@return is null && depart is not null && nights is not null)
        {
            @return = depart.Value.AddDays(nights.Value);
        }
        if (@return is null && depart is not null && weekendReturn)
        {
            @return = depart.Value.DayOfWeek == DayOfWeek.Sunday ? depart.Value.AddDays(1) : depart.Value.AddDays(((int)DayOfWeek.Sunday - (int)depart.Value.DayOfWeek + 7) % 7 == 0 ? 7 : ((int)DayOfWeek.Sunday - (int)depart.Value.DayOfWeek + 7) % 7);
        }

        var stay = new StayWishes { MinStars = minStars, Area = area, MaxNightly = maxNightly };
        var frame = new TripFrame
        {
            Intent = intent,
            Act = act,
            Origin = origin is null ? null : Ref(origin),
            Destination = destination is null ? null : Ref(destination),
            Via = via.Count == 0 ? null : [.. via.Select(Ref)],
            TripType = tripType,
            Cabin = cabin,
            Airlines = airlineCodes.Count == 0 ? null : [.. airlineCodes],
            NonStop = nonStop ? true : null,
            Sort = sort,
            Passengers = passengers,
            MaxPrice = maxPrice,
            Nights = nights,
            DepartTime = departTime,
        };
        if (intent == TripIntent.SearchHotels)
        {
            stay = stay with { CheckIn = depart, CheckOut = @return };
            frame = frame with { Stay = stay.IsEmpty ? null : stay };
        }
        else
        {
            if (intent == TripIntent.PlanTrip && (depart is not null || !stay.IsEmpty))
            {
                stay = stay with { CheckIn = depart, CheckOut = @return };
            }
            frame = frame with { DepartDate = depart, ReturnDate = @return, Stay = stay.IsEmpty ? null : stay };
        }
        return frame;
    }

    // ---- hotel area ---------------------------------------------------------------------------------

    private static readonly HashSet<string> AreaStop = ["for", "from", "to", "on", "with", "under", "below", "and", "in", "at", "please", "near", "by", "max", "less", "around", "between", "starting", "checking", "check", "that", "which", "where", "the", "a", "this", "next", "arriving", "leaving", "budget", "per", "or", "but", "tonight", "tomorrow", "today", "if", "is", "are", "area", "district", "neighborhood", "neighbourhood", "quarter"];

    private void ExtractArea(TripIntent? intent)
    {
        if (intent is not (TripIntent.SearchHotels or TripIntent.PlanTrip or TripIntent.SearchActivities))
        {
            return;
        }
        for (var i = 0; i < t.Count && area is null; i++)
        {
            var w = W(i);
            if (w == "downtown" && !t[i].Used)
            {
                area = "downtown";
                t[i].Used = true;
                continue;
            }
            if ((w is "city" && Is(i + 1, "center", "centre")) || (w is "old" && Is(i + 1, "town", "city")))
            {
                area = w == "city" ? "city center" : "old town";
                Use(i, i + 2);
                continue;
            }
            var start = -1;
            if (w is "near" or "around" && !Is(i + 1, "noon", "midnight") && Free(i + 1) && !t[i + 1].IsNumber)
            {
                start = i + 1;
            }
            else if (w is "close" or "next" && Is(i + 1, "to") && Free(i + 2))
            {
                start = i + 2;
            }
            else if (w is "walking" && Is(i + 1, "distance") && Is(i + 2, "to", "from") && Free(i + 3))
            {
                start = i + 3;
            }
            else if (w == "in" && Free(i + 1) && !t[i + 1].IsNumber && !Is(i + 1, "the", "a", "my", "our", "march", "may", "june", "july", "august", "april", "january", "february", "september", "october", "november", "december", "business", "first", "economy", "coach") && (char.IsAsciiLetterUpper(t[i + 1].Raw[0]) || !Vocabulary.IsOrdinary(W(i + 1))))
            {
                start = i + 1;
            }
            else if (w == "in" && Is(i + 1, "the") && Free(i + 2) && !Vocabulary.IsOrdinary(W(i + 2)) && !Lexicon.Months.ContainsKey(W(i + 2)))
            {
                start = i + 1;
            }
            if (start < 0)
            {
                continue;
            }
            var s = start;
            if (Is(s, "the"))
            {
                s++;
            }
            var e = s;
            while (e < t.Count && !t[e].Used && !AreaStop.Contains(W(e)) && !t[e].IsNumber && !Lexicon.Currencies.ContainsKey(W(e)) && e - s < 5)
            {
                e++;
            }
            if (e == s)
            {
                continue;
            }
            area = string.Join(' ', t.GetRange(s, e - s).Select(x => x.Raw));
            Use(start, e);
            if (Is(e, "area", "district", "neighborhood", "neighbourhood", "quarter"))
            {
                t[e].Used = true;
            }
        }
    }
}
