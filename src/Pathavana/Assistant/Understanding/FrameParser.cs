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
    private IReadOnlyList<DayOfWeek>? departOn;
    private bool weekendReturn;
    private TimeWindow? departTime;
    private TimeWindow? returnTime;
    private Money? maxPrice;
    private Money? maxNightly;
    private bool budgetCurrencyAssumed;
    private bool partyIsSize;
    private bool childrenOnly;
    private int? minStars;
    private readonly List<string> amenities = [];
    private string? area;
    private PassengerMix? passengers;
    private Cabin? cabin;
    private bool nonStop;
    private TripType? tripType;
    private SortOrder? sort;
    private readonly List<string> airlineCodes = [];
    private readonly List<PlaceMention> placeMentions = [];

    public TripFrame Run()
    {
        legs = ComputeLegs();
        ExtractRegionQualifiers();
        ExtractQuestion();
        ExtractRemovals();
        ExtractShifts();
        ExtractNightEdits();
        ExtractMoney();
        ExtractStars();
        ExtractAmenities();
        ExtractDurations();
        ExtractDates();
        ExtractWindow();
        ExtractPassengers();
        ExtractTimes();
        ExtractFlags();
        ExtractSomewhere();
        ExtractAirlines();
        ExtractPlaces();
        return Assemble();
    }

    // ---- "Seattle, WA", "Paris, France": a region after a city only says which city -------------

    private void ExtractRegionQualifiers()
    {
        for (var i = 1; i < t.Count; i++)
        {
            var before = t[i - 1];
            if (before.Used || before.IsNumber || !char.IsAsciiLetter(before.Text[0]) || Lexicon.Months.ContainsKey(before.Text) || Lexicon.Weekdays.ContainsKey(before.Text)
                || Vocabulary.IsOrdinary(before.Text) && !char.IsAsciiLetterUpper(before.Raw[0]) || Knowledge.TravelKnowledge.Shared.CommonWords.Contains(before.Text) && !char.IsAsciiLetterUpper(before.Raw[0]))
            {
                continue;
            }
            var raw = t[i].Raw;
            var upper = raw.Length >= 2 && raw.All(char.IsAsciiLetterUpper);
            var length = 0;
            if (t[i].AfterComma)
            {
                for (var n = Math.Min(3, t.Count - i); n >= 1 && length == 0; n--)
                {
                    var words = string.Join(' ', t.GetRange(i, n).Select(x => x.Text));
                    if (RegionQualifiers.Names.Contains(words) && (n > 1 || !Vocabulary.Words.Contains(words) || char.IsAsciiLetterUpper(raw[0])))
                    {
                        length = n;
                    }
                }
                if (length == 0 && RegionQualifiers.Codes.Contains(t[i].Text) && (upper || !Vocabulary.IsOrdinary(t[i].Text) && t[i].Text.Length == 2 && char.IsAsciiLetterUpper(raw[0])))
                {
                    length = 1;
                }
            }
            else if (upper && t[i].Text.Length == 2 && RegionQualifiers.Codes.Contains(t[i].Text) && char.IsAsciiLetterUpper(before.Raw[0])
                && !Is(i + 1, "to") && t[i].Text is not ("la" or "dc" or "ny" or "sd" or "us"))
            {
                length = 1; // "Seattle WA", "Atlanta GA"
            }
            if (length > 0)
            {
                Use(i, i + length);
                i += length - 1;
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private string W(int i) => i >= 0 && i < t.Count ? t[i].Text : "";

    /// <summary>The first kind of things to do named ("a food tour", "day trips", "museums"): two-word phrases first.</summary>
    private string? InterestSaid()
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (Inventory.ActivityInterests.Of($"{W(i)} {W(i + 1)}") is { } two)
            {
                return two;
            }
            if (Inventory.ActivityInterests.Of(W(i)) is { } one)
            {
                return one;
            }
        }
        return null;
    }

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
            else if (ReturnWords.Contains(w) && !(w == "return" && Is(i + 1, "ticket", "tickets", "trip", "trips", "fare", "fares", "option", "journey")) && !(w == "back" && Is(i - 1, "come", "comes") && Is(i + 1, "to") && Is(i - 2, "i", "you")))
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

    // ---- cabin, nonstop, trip type, sort -------------------------------------------------------

    private void ExtractFlags()
    {
        // "business or economy is fine", "either economy or premium": no cabin asked for.
        for (var i = 0; i + 2 < t.Count; i++)
        {
            if (CabinWord(i) && Is(i + 1, "or", "and") && CabinWord(i + 2) && !t[i].Used)
            {
                Use(i, i + 3);
                if (Is(i + 3, "class", "classes", "seat", "seats", "tickets", "cabin"))
                {
                    Use(i + 3, i + 4);
                }
            }
        }
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

    private bool CabinWord(int i) => Is(i, "economy", "business", "coach") || Is(i, "first") && Is(i + 1, "class") || Is(i, "premium");

    // ---- intent and assembly --------------------------------------------------------------------

    private static readonly HashSet<string> HotelWords = ["hotel", "hotels", "motel", "motels", "hostel", "hostels", "accommodation", "accommodations", "lodging", "airbnb", "resort", "resorts", "inn", "room", "rooms", "suite", "bnb", "apartment", "apartments", "appartment", "guesthouse", "stay", "staying", "house", "houses", "villa", "villas", "condo", "condos", "cottage", "chalet", "lodge", "homestay", "bungalow"];
    private static readonly HashSet<string> FlightWords = ["flight", "flights", "fly", "flying", "airfare", "airfares", "fare", "fares", "plane", "airline", "airlines", "ticket", "tickets", "nonstop", "layover", "depart", "departing", "leaving", "leave", "arriving", "arrive", "aircraft", "seat"];
    private static readonly HashSet<string> ActivityWords = ["cooking", "tasting", "tastings", "foodie", "wineries", "activities", "activity", "tour", "tours", "attractions", "attraction", "sightseeing", "museum", "museums", "excursion", "excursions", "sights", "experiences", "experience", "restaurants", "nightlife", "hike", "hiking", "concert", "concerts", "show", "shows", "events", "landmarks", "beaches", "snorkeling", "diving", "tickets", "parks", "galleries", "park", "mall", "malls", "playground", "playgrounds", "zoo", "aquarium", "gallery", "monument", "monuments", "landmark", "theater", "theatre", "venue", "venues", "stadium", "spot", "spots", "interesting", "stuff", "fun"];

    /// <summary>Nouns that name what is searched for: flights, a stay or things to do.</summary>
    private static readonly HashSet<string> ProductNouns = ["flight", "flights", "ticket", "tickets", "seat", "seats", "fare", "fares", "airfare", "hotel", "hotels", "room", "rooms", "house", "houses", "apartment", "apartments", "motel", "hostel", "villa", "condo", "attractions", "attraction", "activities", "tour", "tours"];

    private (TripIntent? Intent, FrameAct Act) Classify()
    {
        var stayWords = t.Exists(x => HotelWords.Contains(x.Text) && x.Text is not ("stay" or "staying" or "house" or "houses" or "room" or "rooms"))
            || HasPhrase("place", "to", "stay") || HasPhrase("somewhere", "to", "stay") || HasPhrase("where", "to", "stay") || HasPhrase("stay", "somewhere")
            || (Has("house") || Has("houses")) && !HasPhrase("house", "of") && !HasPhrase("white", "house") && !HasPhrase("opera", "house")
            || (Has("room") || Has("rooms")) && !HasPhrase("leg", "room") && !HasPhrase("legroom")
            || HasPhrase("check", "in") && !Has("flight") && !Has("flights") || Has("checkin") && !Has("flight") || HasPhrase("check", "out") && !Has("flight");
        var stayVerb = (Has("stay") || Has("staying")) && !HasPhrase("stay", "on") && !HasPhrase("stay", "connected");
        var explicitFlight = t.Exists(x => x.Text is "flight" or "flights" or "plane" or "airfare" or "airfares" or "airline" or "airlines" or "fly" or "flying")
            || tripType is not null || cabin is not null || nonStop || airlineCodes.Count > 0;
        var hotel = stayWords || minStars is not null || maxNightly is not null || (stayVerb && !explicitFlight);
        var flightWords = t.Exists(x => FlightWords.Contains(x.Text) && x.Text is not ("tickets" or "ticket")) || cabin is not null || nonStop || airlineCodes.Count > 0 || placeMentions.Exists(p => p.Role is PlaceRole.Origin or PlaceRole.Via) || tripType is not null || departTime is not null
            || (Has("ticket") || Has("tickets")) && !t.Exists(x => ActivityWords.Contains(x.Text) && x.Text is not ("tickets" or "show" or "shows"));
        var activity = (HasPhrase("things", "to", "do") || HasPhrase("what", "to", "do") || HasPhrase("what", "to", "see") || HasPhrase("places", "to", "visit") || HasPhrase("place", "to", "visit") || HasPhrase("places", "to", "see") || HasPhrase("something", "to", "do") || HasPhrase("to", "see") && Has("things") || Has("tourist") || HasPhrase("to", "visit") && !placeMentions.Exists(p => p.Role == PlaceRole.Destination) || HasPhrase("places", "of", "interest") || HasPhrase("place", "of", "interest") || HasPhrase("to", "do") && !HasPhrase("have", "to", "do") && !HasPhrase("need", "to", "do")
            || t.Where((x, i) => ActivityWords.Contains(x.Text) && x.Text is not ("show" or "shows" or "tickets" or "experience") && !(x.Text is "tour" or "tours" && Is(i - 1, "business")) && !(x.Text is "park" && Is(i + 1, "hotel", "inn", "hyatt"))).Any()
            || (Has("shows") && !Has("me")) || HasPhrase("find", "places") || HasPhrase("some", "places")
            // "what can we do there?", "what should I see in Rome"
            || Has("what") && (HasPhrase("can", "we", "do") || HasPhrase("can", "i", "do") || HasPhrase("could", "we", "do") || HasPhrase("should", "we", "do")
                || HasPhrase("should", "i", "do") || HasPhrase("should", "we", "see") || HasPhrase("should", "i", "see") || HasPhrase("can", "we", "see") || HasPhrase("is", "there", "to", "see"))) && !t.Exists(x => x.Text is "flight" or "flights" or "hotel" or "hotels" or "ticket" or "fly" or "flying" or "airline" or "airlines");
        var planWords = HasPhrase("plan") || Has("planning") && Has("trip") || Has("itinerary") || Has("package") || HasPhrase("everything") || HasPhrase("the", "whole", "trip") || HasPhrase("a", "trip") && (Has("plan") || Has("organize") || Has("organise"));
        var tripNoun = Has("vacation") || Has("holiday") || Has("holidays") || Has("getaway") || Has("honeymoon") || (Has("trip") && !HasPhrase("round", "trip") && !HasPhrase("one", "way", "trip") && !Has("roundtrip")) || Has("spend") || Has("spending");
        // "a one-way flight for my upcoming trip" is a flight search; "plan a trip to Lisbon" is the whole trip.
        var plan = (planWords || tripNoun) && !explicitFlight && !hotel && !activity && !Has("ticket") && !Has("tickets") && !HasPhrase("my", "trip") && !HasPhrase("our", "trip") || hotel && explicitFlight && !Has("airport");
        var anySlots = placeMentions.Count > 0 || dates.Count > 0 || passengers is not null || maxPrice is not null || cabin is not null || nonStop || airlineCodes.Count > 0 || departTime is not null || nights is not null || tripType is not null;

        var act = FrameAct.Request;
        if (passengers is not null && AddsPeople())
        {
            // "actually my sister is coming too": people added, even after "actually".
            act = FrameAct.Add;
        }
        else if (Has("actually") || Has("instead") || HasPhrase("make", "it") || HasPhrase("change", "it") || HasPhrase("change", "the") || HasPhrase("change", "to") || Has("rather") || HasPhrase("switch", "to") || (W(0) == "no" && t.Count > 1) || HasPhrase("not", "but") || Has("correction") || HasPhrase("move", "it") || HasPhrase("push", "it"))
        {
            act = FrameAct.Change;
        }

        var myTrip = HasPhrase("my", "trip") || HasPhrase("our", "trip") || HasPhrase("the", "trip") && !Has("plan") || HasPhrase("my", "itinerary") || HasPhrase("our", "itinerary") || HasPhrase("my", "bookings") || HasPhrase("my", "booking") || HasPhrase("my", "plans") || HasPhrase("what", "have", "i", "booked") || HasPhrase("my", "picks") || HasPhrase("what", "did", "i", "pick");
        var productNamed = t.Exists(x => ProductNouns.Contains(x.Text));
        if (myTrip && (!productNamed || Has("remove") || Has("delete") || Has("drop") || Has("cancel") || Has("change")) && (Has("show") || Has("see") || Has("view") || Has("what") || Has("whats") || Has("display") || Has("open") || Has("review") || Has("change") || Has("remove") || Has("delete") || Has("modify") || Has("edit") || Has("cancel") || Has("update") || Has("drop") || Has("where")))
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
        // "book it", "I'll take the second one": an offer already shown. "book me a flight to Rome" is a search.
        var bookVerb = Has("book") || Has("reserve") || Has("purchase") || Has("buy") || (Has("take") && (Has("option") || Has("one") || Has("it") || Has("that")) && !flightWords) || HasPhrase("go", "with") || HasPhrase("i", "ll", "take");
        var pointsAtShown = Has("it") || Has("that") || Has("this") || Has("option") || Has("first") || Has("second") || Has("third") || Has("last") || Has("number") || Has("cheapest") || Has("them") || Has("both") || t.Exists(x => x.IsNumber) || Has("one") && !HasPhrase("one", "way");
        var namesNewProduct = t.Where((x, i) => ProductNouns.Contains(x.Text) && !Is(i - 1, "that", "this", "the", "those", "these", "first", "second", "third", "last", "cheapest")).Any();
        if (bookVerb && placeMentions.Count == 0 && dates.Count == 0 && pointsAtShown && !namesNewProduct)
        {
            return (TripIntent.Book, act);
        }
        if (!anySlots && !hotel && !activity && !flightWords && !plan)
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
            return (null, act);
        }
        if (plan)
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
        if (flightWords || placeMentions.Count > 0 || dates.Count > 0 || maxPrice is not null || passengers is not null || tripType is not null)
        {
            return (TripIntent.SearchFlights, act);
        }
        return (null, act);
    }

    /// <summary>
    /// "London to Tokyo, then Bangkok, flying home from Bangkok": three or more places in a row make a
    /// multi-city trip (a way home to the first place is its last flight). Null for a one-way or round trip.
    /// </summary>
    private List<(PlaceMention From, PlaceMention To)>? MultiCity(out List<DateMention> legDates)
    {
        legDates = [.. dates.OrderBy(d => d.Index)];
        var chain = placeMentions.Where(p => p.Role != PlaceRole.Via).OrderBy(p => p.Start).ToList();
        var home = HasPhrase("home", "from") || HasPhrase("back", "from") || HasPhrase("return", "from") || HasPhrase("returning", "from") || HasPhrase("fly", "home") || HasPhrase("flying", "home");
        var joined = Has("then") || HasPhrase("on", "to") || HasPhrase("onward", "to") || t.Count(x => x.Text == "to") >= 2;
        if (chain.Count < 3 || !joined && !home)
        {
            return null;
        }
        var stops = new List<PlaceMention>();
        foreach (var p in chain)
        {
            if (stops.Count == 0 || stops[^1].Entry.Code != p.Entry.Code)
            {
                stops.Add(p);
            }
        }
        if (home && stops[^1].Entry.Code != stops[0].Entry.Code)
        {
            stops.Add(stops[0]);
        }
        // A, B, A is a round trip, not multi-city.
        if (stops.Count < 3 || stops.Count == 3 && stops[0].Entry.Code == stops[2].Entry.Code)
        {
            return null;
        }
        var result = new List<(PlaceMention, PlaceMention)>();
        for (var k = 0; k + 1 < stops.Count; k++)
        {
            result.Add((stops[k], stops[k + 1]));
        }
        return result;
    }

    private TripFrame Assemble()
    {
        var (intent, act) = Classify();
        // Ground transport and questions about airports or airlines name a city without travelling there.
        var flightWords = t.Exists(x => x.Text is "flight" or "flights" or "fly" or "flying" or "fare" or "fares" or "airfare" or "trip" or "ticket" or "tickets" or "go" or "travel");
        var groundTransport = Has("ground") || Has("limousine") || Has("limo") || Has("limos") || Has("taxi") || Has("taxis") || Has("rental") || Has("rentals") || HasPhrase("rent", "a", "car") || Has("transportation") || Has("transport") ||
            (Has("airport") || Has("airports")) && !flightWords || (Has("serve") || Has("serves") || Has("service")) && !flightWords && intent is not (TripIntent.SearchHotels or TripIntent.PlanTrip);
        ExtractArea(intent);

        PlaceRef Ref(PlaceMention m) => new(m.Entry.Code, m.Entry.Name) { NearestAirportKm = m.Entry.NearestAirportKm };
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

        // A return date or a way back said for a flight: a round trip.
        if (tripType is null && intent is TripIntent.SearchFlights or TripIntent.PlanTrip
            && (@return is not null || Has("return") && !HasPhrase("return", "ticket") || Has("returning") || Has("returns") || HasPhrase("come", "back") || HasPhrase("coming", "back")
                || HasPhrase("get", "back") || HasPhrase("getting", "back") || HasPhrase("be", "back") || HasPhrase("fly", "back") || HasPhrase("flying", "back") || HasPhrase("go", "home") || HasPhrase("back", "home")))
        {
            tripType = TripType.RoundTrip;
        }
        // "somewhere warm from Boston", "within a 3-hour flight of Paris": the place said is where the trip starts.
        if (somewhere is not null)
        {
            origin ??= destination ?? placeMentions.FirstOrDefault(p => p.Role != PlaceRole.Via);
            destination = null;
            intent = intent is TripIntent.SearchHotels or TripIntent.SearchActivities ? intent : TripIntent.SearchFlights;
        }
        var multiCity = MultiCity(out var legDates);
        // Amenities are a stay's: "flights with breakfast" asks about a meal on board, not a hotel.
        var stayAmenities = amenities.Count > 0 && intent is not (TripIntent.SearchFlights or TripIntent.SearchActivities) ? amenities : null;
        var stay = new StayWishes { MinStars = minStars, Area = area, MaxNightly = maxNightly, Amenities = stayAmenities };
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
            DepartOn = departOn,
            DepartTime = departTime,
            ReturnTime = returnTime,
            MaxPriceBasis = maxPrice is null ? null : budgetBasis,
            BudgetCurrencyAssumed = budgetCurrencyAssumed,
            PartyIsSize = partyIsSize,
            ChildrenOnly = childrenOnly,
            Window = depart is null ? window : null,
            Somewhere = somewhere,
            Edits = edits.Count == 0 ? null : [.. edits],
            Interest = intent == TripIntent.SearchActivities ? InterestSaid() : null,
            Question = question is { } q ? new KnowledgeQuestion(q, (destination ?? origin ?? placeMentions.FirstOrDefault()) is { } qp ? Ref(qp) : null, questionMonth) : null,
        };
        if (multiCity is not null)
        {
            var resolved = new List<TripLeg>();
            var previous = today;
            for (var k = 0; k < multiCity.Count; k++)
            {
                DateOnly? date = k < legDates.Count ? Resolve(legDates[k], previous, strictlyAfter: k > 0) : null;
                previous = date ?? previous;
                resolved.Add(new TripLeg(Ref(multiCity[k].From), Ref(multiCity[k].To), date));
            }
            frame = frame with
            {
                Legs = resolved, Origin = resolved[0].Origin, Destination = resolved[0].Destination, DepartDate = resolved[0].Date,
                ReturnDate = null, TripType = null, Intent = intent is TripIntent.PlanTrip ? intent : TripIntent.SearchFlights,
            };
            return frame;
        }
        if (intent == TripIntent.SearchHotels)
        {
            if (@return is null && depart is not null && Has("tonight"))
            {
                @return = depart.Value.AddDays(1); // "a room for tonight": one night
            }
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
}
