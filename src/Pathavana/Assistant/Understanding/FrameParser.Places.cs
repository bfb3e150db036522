using Pathavana.Inventory;

namespace Pathavana.Assistant.Understanding;

internal sealed partial class FrameParser
{
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
                var cue = (Is(i - 1, "airline", "carrier", "on", "with") || Is(i - 1, "code") && Is(i - 2, "airline")) && !Vocabulary.IsOrdinary(w) && w is not ("us" or "as" or "co" or "am" or "pm") ||
                    (Is(i - 1, "airline", "code") && w is "us" or "as" or "co");
                if (fareCode || places.Lookup(w) is not null && !(flightNo || meaning || Is(i - 1, "on", "with", "airline", "carrier")))
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

    /// <summary>Words of the travel domain itself: never a one-word place, whatever precedes them ("between fare code q and…").</summary>
    private static readonly HashSet<string> NeverPlaces = ["fare", "fares", "code", "codes", "class", "flight", "flights", "time", "times", "meal", "meals", "service", "ground", "price", "cost", "seat", "seats", "ticket", "tickets", "day", "night", "morning", "evening", "afternoon", "airport", "airline", "airlines", "first", "business", "economy", "coach", "one", "way", "trip", "hotel", "hotels", "room", "stop", "stops", "aircraft", "plane", "restriction",
        // where in a city, never a place of its own ("in the centre" is not Oakey Army Aviation Centre)
        "centre", "center", "downtown", "middle"];

    private static readonly HashSet<string> StrongCues = ["from", "to", "between", "into", "via", "through", "thru", "visit", "visiting", "in", "at", "leaving", "departing", "towards", "toward", "reach", "reaching"];

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
                var strong = StrongCues.Contains(W(i - 1)) || (Is(i - 1, "the") && StrongCues.Contains(W(i - 2))) ||
                    (Is(i - 1, "and") && (Is(i - 3, "between") || Is(i - 4, "between") || Is(i - 5, "between"))) ||
                    (Is(i - 1, "for") && placeMentions.Count > 0);
                if (NeverPlaces.Contains(w) || entry.NearestAirportKm is not null && !strong)
                {
                    continue; // a town without an airport is a place only after "to", "from", "in"…
                }
                // "head to Phoenix", "in town", "the Garden": ordinary words that end some airport's name.
                if (entry.IsAirportName && Knowledge.TravelKnowledge.Shared.CommonWords.Contains(w) && !Is(i + 1, "airport") && !(capitalized && strong))
                {
                    continue;
                }
                if ((Vocabulary.IsOrdinary(w) || w.Length <= 2 || Vocabulary.Regions.Contains(w) || entry.IsAirportName) && !strong && !capitalized)
                {
                    // "sf to vegas", "Nice to Geneva": kept only if a place follows "to" (checked once all are found).
                    if (Is(i + 1, "to") && RouteStart(i))
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
                ok = !t[k].Used && w.All(char.IsAsciiLetter) && (prefix || !ThreeLetterWords.Contains(w)) && (prefix || !Knowledge.TravelKnowledge.Shared.CommonWords.Contains(w)) &&
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

    // ---- hotel area ---------------------------------------------------------------------------------

    private static readonly HashSet<string> AreaStop = ["for", "from", "to", "on", "with", "under", "below", "and", "in", "at", "please", "near", "by", "max", "less", "around", "between", "starting", "checking", "check", "that", "which", "where", "the", "a", "this", "next", "arriving", "leaving", "budget", "per", "or", "but", "tonight", "tomorrow", "today", "if", "is", "are", "there", "here", "maximum", "no", "not", "ideally", "area", "district", "neighborhood", "neighbourhood", "quarter"];

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
            // "by the beach", "on the sea front", "beachfront", "seaside": the beach, whatever the words
            if (w is "beachfront" or "beachside" or "oceanfront" or "seafront" or "seaside" && !t[i].Used)
            {
                area = "beach";
                t[i].Used = true;
                continue;
            }
            if (w is "by" or "on" or "at" && Is(i + 1, "the") && Is(i + 2, "beach", "sea", "seafront", "ocean", "beachfront") && Free(i + 2))
            {
                area = "beach";
                Use(i, Is(i + 3, "front") ? i + 4 : i + 3);
                continue;
            }
            // "somewhere central", "a central hotel", "centrally located", "in the centre": the city centre
            // (not "near Central Park": a landmark's name goes on to a place word)
            if (!t[i].Used && (w == "centrally"
                || w == "central" && (Is(i - 1, "somewhere", "something", "anywhere", "anything", "place", "be", "is", "very", "quite", "pretty", "really", "more", "fairly", "stay", "staying", "hotel", "hotels", "location", "a", "and", "or")
                    && !Is(i + 1, "park", "station", "square", "district", "market", "avenue", "street", "coast", "america", "europe", "asia", "london", "city")
                    || Is(i + 1, "hotel", "hotels", "location", "area", "place", "spot", "stay") && !Is(i - 1, "the"))
                || w is "in" or "near" or "by" && Is(i + 1, "the") && Is(i + 2, "centre", "center") && Free(i + 2)))
            {
                area = "city center";
                Use(i, w is "in" or "near" or "by" ? (Is(i + 3, "of") ? i + 4 : i + 3) : Is(i + 1, "located") ? i + 2 : i + 1);
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
