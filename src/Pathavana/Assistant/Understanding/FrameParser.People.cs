using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Assistant.Understanding;

internal sealed partial class FrameParser
{
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
                else if ((IsPriceCue(i - 1) || Is(i - 1, "around", "about", "approximately", "roughly") && IsMoneyAfter(next)) && !IsUnitAfter(next) && ParseAmount(t[i], k == 1 ? t[i + 1] : null) is { } bare && bare >= 20 && !(bare is >= 1900 and <= 2100 && k == 0 && t[i].Text.Length == 4 && IsDateContext(i)))
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
            ExtractBudgetBasis(IsPerNight(end + 1) ? end + 2 : end);
            var money = new Money(amount.Value, currency ?? "USD");
            if (perNight ? maxNightly is null : maxPrice is null)
            {
                budgetCurrencyAssumed = currency is null;
            }
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
            // "no more than 1200", "not more than": a limit; "more than 1200" is not.
            return !Is(i - 1, "more") || Is(i - 2, "no", "not", "nothing");
        }
        if (w is "over" or "above" or "exceeding" && Is(i - 1, "nothing", "not", "never", "no"))
        {
            return true; // "nothing over 1200 each", "not above 900"
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

    /// <summary>Words after a bare number that make it money: "700 each", "900 per person", "150 a night", "2000 total".</summary>
    private bool IsMoneyAfter(int i) =>
        Is(i, "each", "pp", "apiece", "total", "tops", "max", "bucks")
        || Is(i, "per", "a") && Is(i + 1, "person", "head", "ticket", "night", "adult", "traveller", "traveler", "pop")
        || Is(i, "in") && Is(i + 1, "total");

    private bool IsUnitAfter(int i) =>
        Is(i, "am", "pm", "hours", "hour", "hrs", "minutes", "mins", "stops", "stop", "nights", "night", "days", "day", "weeks",
            "stars", "star", "people", "passengers", "adults", "kids", "children", "miles", "km", "o", "oclock", "seats", "in", "at", "noon");

    private bool IsDateContext(int i) => Lexicon.Months.ContainsKey(W(i - 1)) || Lexicon.Months.ContainsKey(W(i - 2));

    private bool IsPerNight(int i) =>
        (Is(i, "per", "a", "each", "every", "/") && Is(i + 1, "night", "nite", "nt")) || Is(i, "nightly");

    // ---- hotel amenities: "with breakfast", "a pool", "free parking", "pet friendly" ----------------

    /// <summary>
    /// Amenities wished for a stay (<see cref="Inventory.HotelAmenities"/>): "with breakfast", "breakfast included",
    /// "a pool", "wifi", "parking", "a gym", "a spa", "pet friendly", "with our dog". Skipped when negated
    /// ("no breakfast", "don't need a pool"); "forget the pool" is a removal, read elsewhere.
    /// </summary>
    private void ExtractAmenities()
    {
        for (var i = 0; i < t.Count; i++)
        {
            var amenity = W(i) switch
            {
                "breakfast" or "breakfasts" => Inventory.HotelAmenities.Breakfast,
                "pool" or "pools" when !Is(i - 1, "car", "motor") => Inventory.HotelAmenities.Pool,
                "swimming" when !Is(i + 1, "pool") => Inventory.HotelAmenities.Pool,
                "wifi" or "internet" => Inventory.HotelAmenities.Wifi,
                "wi" when Is(i + 1, "fi") => Inventory.HotelAmenities.Wifi,
                "parking" => Inventory.HotelAmenities.Parking,
                "gym" or "fitness" => Inventory.HotelAmenities.Gym,
                "spa" => Inventory.HotelAmenities.Spa,
                "pet" or "pets" when Is(i + 1, "friendly", "allowed", "welcome", "ok", "okay") || Is(i - 1, "allows", "allow", "accepts", "accept", "takes", "with", "our", "my") => Inventory.HotelAmenities.Pets,
                "dog" or "dogs" or "cat" when Is(i - 1, "our", "my", "the") && (Is(i - 2, "with", "bring", "bringing", "take", "taking") || Is(i - 3, "with", "bring", "bringing", "take", "taking")) => Inventory.HotelAmenities.Pets,
                "dog" when Is(i + 1, "friendly") => Inventory.HotelAmenities.Pets,
                _ => null,
            };
            if (amenity is null || t[i].Used || amenities.Contains(amenity) || AmenityNegated(i))
            {
                continue;
            }
            amenities.Add(amenity);
        }
    }

    /// <summary>"no breakfast", "without a pool", "don't need parking", "breakfast isn't needed", "forget the spa".</summary>
    private bool AmenityNegated(int i)
    {
        for (var k = i - 1; k >= Math.Max(0, i - 4); k--)
        {
            if (Is(k, "no", "without", "not", "dont", "forget", "drop", "ignore", "skip") || Is(k, "t") && Is(k - 1, "don", "doesn", "won"))
            {
                return true;
            }
            if (Is(k, "with", "and", "but", "a", "plus", "also", ",") && k < i - 1)
            {
                break;
            }
        }
        return Is(i + 1, "isn", "not", "doesn") || IndifferentAfter(i + 1) || Is(i + 1, "optional", "unnecessary");
    }

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
        if (minStars is null && Has("luxury"))
        {
            minStars = 5;
        }
    }

    // ---- passengers ---------------------------------------------------------------------------

    private static readonly HashSet<string> AdultNouns = ["adult", "adults", "people", "persons", "person", "passengers", "passenger", "pax", "travelers", "travellers", "traveler", "traveller", "guests", "guest", "grownups", "seniors", "senior", "friends", "buddies", "pals", "mates", "colleagues", "coworkers", "tickets", "seats", "ticket", "seat", "individuals", "reservations", "folks", "members", "persons"];

    /// <summary>Words between a count and "tickets": "two one-way tickets", "3 premium economy seats", "2 flight tickets".</summary>
    private static readonly HashSet<string> TicketModifiers = ["one", "way", "oneway", "round", "trip", "roundtrip", "return", "economy", "premium", "business", "first", "class", "coach", "flight", "plane", "airline", "airplane", "nonstop", "direct", "more", "additional", "extra", "separate", "refundable", "cheap", "adult", "other"];
    private static readonly HashSet<string> ChildNouns = ["kids", "kid", "children", "child", "teens", "teenagers", "teenager", "boys", "girls", "sons", "daughters", "toddler", "toddlers", "son", "daughter"];
    private static readonly HashSet<string> InfantNouns = ["infant", "infants", "baby", "babies", "newborn"];
    private static readonly HashSet<string> Companions = ["wife", "husband", "partner", "girlfriend", "boyfriend", "fiance", "fiancee", "spouse", "friend", "mom", "mum", "mother", "dad", "father", "brother", "sister", "colleague", "coworker", "boss", "grandma", "grandmother", "grandpa", "grandfather", "mate", "buddy", "roommate", "cousin", "aunt", "uncle"];

    /// <summary>A single ticket or seat asked for: "a ticket", "one ticket", "a plane ticket", "a one way ticket", "a round trip ticket", "a seat".</summary>
    private bool OneTicket()
    {
        for (var i = 0; i < t.Count; i++)
        {
            var w = W(i);
            if (w == "ticket" && (Is(i - 1, "a", "one", "single")
                    || Is(i - 2, "a") && Is(i - 1, "plane", "flight", "airline", "return", "cheap", "single", "economy")
                    || Is(i - 2, "one", "round") && Is(i - 1, "way", "trip"))
                || w == "seat" && Is(i - 1, "a", "one") && !Is(i + 1, "for", "each"))
            {
                return !Is(i + 1, "each", "per", "apiece") && !Has("tickets") && !Has("us") && !Has("we");
            }
        }
        return false;
    }

    private void ExtractPassengers()
    {
        int? adults = null, total = null;
        int children = 0, infants = 0, companions = 0, teens = 0;
        List<int> childAges = [];
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
            if (w == "one" && Is(i + 1, "way", "-"))
            {
                n = null; // "one-way", not one traveller
            }
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
                if (Is(j, "year", "years") && Is(j + 1, "old"))
                {
                    // "a 5 year old": a child (under 2: an infant, 12 and over: an adult).
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
                // "two one-way tickets", "three Premium Economy seats", "2 flight tickets", "three one-way flights"
                if (!AdultNouns.Contains(noun) && TicketModifiers.Contains(noun) && !(noun == "one" && w is "a" or "an"))
                {
                    var k = j;
                    while (k < t.Count && k - j < 4 && TicketModifiers.Contains(W(k)) && !t[k].IsNumber)
                    {
                        k++;
                    }
                    if (k > j && (Is(k, "tickets", "ticket", "seats", "seat") || Is(k, "flights") && n > 1 && W(j) is not "more" and not "other") && !(w is "a" or "an" or "single"))
                    {
                        total = (total ?? 0) + n.Value;
                        Use(i, i + len);
                        any = true;
                        i = k;
                        continue;
                    }
                }
                // "with two other people": the speaker and two more.
                if (Is(j, "other", "more") && Is(j + 1, "people", "persons", "adults", "passengers", "travelers", "travellers", "friends") && Is(i - 1, "with"))
                {
                    total = n.Value + 1;
                    Use(i - 1, j + 2);
                    any = true;
                    i = j + 1;
                    continue;
                }
                if (AdultNouns.Contains(noun) && !(w is "a" or "an" or "single" && noun is "person" or "passenger" or "ticket" or "seat" or "friend" or "guest"))
                {
                    if (noun is "adult" or "adults" or "seniors" or "senior" or "grownups")
                    {
                        adults = (adults ?? 0) + n.Value;
                    }
                    else if (noun is "friends" or "buddies" or "pals" or "mates" or "colleagues" or "coworkers" && Is(i - 1, "with", "my", "and", "plus", "bring", "bringing"))
                    {
                        // "me and 4 friends", "with 3 colleagues": the speaker comes too.
                        companions += n.Value;
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
                if (ChildNouns.Contains(noun) && !(noun is "son" or "daughter" && n > 1) && n == 1 && Is(j + 1, "aged", "age") && Lexicon.SmallNumber(t, j + 2, out var al) is { } age and < 18)
                {
                    // "a child aged 6": under 2 on a lap, 12 and over an adult fare.
                    if (age < 2)
                    {
                        infants++;
                    }
                    else if (age < 12)
                    {
                        children++;
                    }
                    else
                    {
                        adults = (adults ?? 0) + 1;
                    }
                    Use(i, j + 2 + al);
                    any = true;
                    i = j + 1 + al;
                    continue;
                }
                if (ChildNouns.Contains(noun) && !(noun is "son" or "daughter" && n > 1))
                {
                    // Toddlers take a seat: children, like the rest.
                    children += n.Value;
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
            // "kids are 6 and 9", "our children aged 4, 7 and 13": one traveller per age said
            if (w is "kids" or "children" or "sons" or "daughters" or "boys" or "girls" && AgesAfter(i + 1, out var listed, out var listEnd))
            {
                CountAges(listed, ref teens, ref children, childAges, ref infants);
                Use(Is(i - 1, "my", "our", "the", "his", "her") ? i - 1 : i, listEnd);
                any = true;
                i = listEnd - 1;
                continue;
            }
            if (w is "family" or "party" or "group" && Is(i + 1, "of") && Lexicon.SmallNumber(t, i + 2, out var l2) is { } size and > 0 and < 20 && !Is(i + 2, "a", "an") && (size > 1 || w != "family"))
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
            // "me and a friend", "with a colleague" (not "a ticket for a friend": that one travels alone)
            if (w is "a" or "an" && Companions.Contains(W(i + 1)) && !Is(i - 1, "for"))
            {
                companions++;
                Use(i, i + 2);
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
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "parents" or "grandparents" or "in laws")
                {
                    companions += 2;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "son" or "daughter" or "kid" or "child" or "boy" or "girl" or "stepson" or "stepdaughter" or "toddler")
                {
                    children++;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "baby" or "infant" or "newborn")
                {
                    infants++;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
                if (next is "kids" or "children" or "sons" or "daughters" && AgesAfter(k + 1, out _, out _))
                {
                    continue; // "our kids are 6 and 9": counted by their ages, at the noun
                }
                if (next is "kids" or "children" or "sons" or "daughters")
                {
                    children += 2;
                    Use(i, k + 1);
                    any = true;
                    continue;
                }
            }
            // "a room for two", "tickets for 3 to Paris", "a house for one", "flights for 1", "…for a week, for one, business class"
            var setOff = i < t.Count && t[i].AfterComma; // a phrase of its own between commas: ", for one,"
            if (w == "for" && Lexicon.SmallNumber(t, i + 1, out var l4) is { } party and > 0 and < 10 && Free(i + 1) && !Is(i + 1, "a", "an", "couple")
                && (setOff && (i + 1 + l4 >= t.Count || t[i + 1 + l4].AfterComma) || party > 1 || i + 1 + l4 >= t.Count && !Is(i - 1, "look", "looking", "search", "searching", "find", "ask", "wait") || Is(i - 1, "flights", "flight", "tickets", "ticket", "seats", "seat", "house", "room", "hotel", "reservation", "booking", "trip", "place", "apartment", "just", "only", "plane", "it") || Is(i - 2, "flight", "flights", "ticket", "tickets", "house", "room", "hotel", "trip"))
                && (i + 1 + l4 >= t.Count || t[i + 1 + l4].AfterComma && !Is(i + 1 + l4, "or") || Is(i + 1 + l4, "please", "to", "from", "on", "in", "at", "and", "with", "under", "next", "this", "tomorrow", "today", "leaving", "departing", "flying", "person", "people", "only", "traveler", "traveller")))
            {
                total = party;
                Use(i, i + 1 + l4);
                any = true;
                continue;
            }
            if ((w == "just" && Is(i + 1, "me", "myself", "one")) || (w == "just" && Is(i + 1, "be") && Is(i + 2, "me", "myself")) || (w is "me" or "myself" && Is(i + 1, "alone")) || w is "solo" || (w is "alone") || (w == "by" && Is(i + 1, "myself")) || (w == "only" && Is(i + 1, "me")))
            {
                total ??= 1;
                Use(i, i + 2);
                any = true;
            }
        }
        if (!any && (Has("honeymoon") || Has("honeymooners")))
        {
            // "for my honeymoon": the two of them.
            passengers = new PassengerMix(2);
            return;
        }
        if (!any && OneTicket())
        {
            // "I need a ticket to LA", "a one way ticket", "one seat": one traveller, said as the ticket.
            passengers = new PassengerMix(1);
            return;
        }
        if (!any)
        {
            return;
        }
        // "add my wife", "bring a child too": the people added, not the whole party.
        var adding = AddsPeople();
        var a = adults ?? (total is { } tot ? Math.Max(1, tot - children - infants) : adding ? companions : companions + 1);
        if (adults is not null && companions > 0)
        {
            a += companions;
        }
        if (adults is null && total is not null && companions > 0)
        {
            a = Math.Max(a, companions + 1);
        }
        // Teens named by age pay the adult fare; a party size said already counts them.
        a += total is null ? teens : 0;
        partyIsSize = total is not null && adults is null;
        childrenOnly = adults is null && total is null && companions == 0 && !adding && children + infants + teens > 0;
        // The children's ages go with the search when every child's age was said ("kids are 6 and 9").
        passengers = new PassengerMix(a, children, infants, childAges.Count == children && children > 0 ? childAges : null);
    }

    /// <summary>
    /// Ages listed after a plural child noun, from <paramref name="k"/>: "are 6 and 9", "aged 4, 7 and 13",
    /// "who are 3 and 5", "ages 8 and 10", "1, 4 and 8". A list needs two ages or more; each is under 18.
    /// <paramref name="end"/> is the index after the list (and after "years old").
    /// </summary>
    private bool AgesAfter(int k, out List<int> ages, out int end)
    {
        ages = [];
        end = k;
        if (Is(k, "who"))
        {
            k++;
        }
        if (Is(k, "are", "aged", "ages", "age", "of"))
        {
            k += Is(k, "of") && Is(k + 1, "ages", "age") ? 2 : 1;
        }
        while (Lexicon.SmallNumber(t, k, out var len) is { } age && !Is(k, "a", "an", "single", "couple", "pair", "both") && age < 18 && Free(k))
        {
            ages.Add(age);
            k += len;
            if (Is(k, "and", "&") || t.Count > k && t[k].AfterComma && Lexicon.SmallNumber(t, k, out _) is not null)
            {
                k += Is(k, "and", "&") ? 1 : 0;
                continue;
            }
            break;
        }
        if (ages.Count < 2)
        {
            ages.Clear();
            return false;
        }
        end = Is(k, "years", "year") && Is(k + 1, "old") ? k + 2 : Is(k, "yo") ? k + 1 : k;
        return true;
    }

    /// <summary>Each age a traveller: under 2 a lap infant, under 12 a child, 12 and over a teen on an adult fare.</summary>
    private static void CountAges(List<int> ages, ref int teens, ref int children, List<int> childAges, ref int infants)
    {
        foreach (var age in ages)
        {
            if (age < 2)
            {
                infants++;
            }
            else if (age < 12)
            {
                children++;
                childAges.Add(age);
            }
            else
            {
                teens++;
            }
        }
    }

    /// <summary>Says people join the party held ("add my wife", "my sister is coming too", "my brother will come as well").</summary>
    private bool AddsPeople() =>
        Has("add") || Has("plus") || Has("joining") || Has("another") || HasPhrase("also", "bring") || HasPhrase("also", "my") || HasPhrase("bring", "my")
        || HasPhrase("coming", "too") || HasPhrase("coming", "with") || HasPhrase("coming", "along") || HasPhrase("is", "coming") || HasPhrase("are", "coming")
        || HasPhrase("one", "more") || HasPhrase("as", "well") || HasPhrase("tagging", "along") || HasPhrase("will", "come") || HasPhrase("will", "join");
}
