using System.Globalization;
using System.Text;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

internal sealed partial class OfflineAssistant
{
    /// <summary>How far from a named place ("near the Colosseum") a hotel may be, in kilometres: a walk of about 25 minutes.</summary>
    private const double NearPlaceKm = 2;

    /// <summary>
    /// Areas that are kinds of place rather than a place: matched on each hotel, never looked up.
    /// ("the beach" is looked up: the gazetteer knows a coastal city's beach, so "near the beach" in
    /// Barcelona measures from Barceloneta Beach; where it knows none, each hotel's landmarks decide.)
    /// </summary>
    private static readonly HashSet<string> GenericAreas = new(StringComparer.OrdinalIgnoreCase)
    {
        "downtown", "city center", "old town", "airport", "the airport", "station", "the station",
        "centre", "center", "the centre", "the center", "sea", "the sea", "port", "the port",
    };

    private static HotelSearch HotelSearchOf(DialogState s, Place? near = null, FlightOffer? flight = null)
    {
        var checkIn = StayStarts(s, flight);
        var checkOut = s.ReturnDate is { } r && r > checkIn ? r : checkIn.AddDays(s.Nights ?? 1);
        var adults = Math.Clamp(s.Passengers?.Adults ?? 1, 1, InventoryLimits.MaxSeatedPassengers);
        var rooms = HotelSearch.RoomsFor(adults);
        return near is null
            ? new HotelSearch(checkIn, checkOut, adults, rooms, CityCode: s.Destination!.Code, MinStars: s.MinStars, Currency: Currency(s))
            : new HotelSearch(checkIn, checkOut, adults, rooms, Near: near.Point, RadiusKm: NearPlaceKm, MinStars: s.MinStars, Currency: Currency(s));
    }

    /// <summary>
    /// The day a stay starts: the day the flight lands — the one given, else the picked one that still
    /// fits — when that is after the departure day and before the return (an overnight flight), else
    /// the departure day.
    /// </summary>
    private static DateOnly StayStarts(DialogState s, FlightOffer? flight)
    {
        var depart = s.DepartDate!.Value;
        flight ??= s.Selections.LastOrDefault(p => p.Card.Flight is { Itineraries.Count: > 0 } && SelectionFit.Why(s, p.Card) is null)?.Card.Flight;
        var lands = flight is null ? depart : DateOnly.FromDateTime(flight.Itineraries[0].Segments[^1].Arrival.DateTime);
        return lands > depart && (s.ReturnDate is not { } r || lands < r) ? lands : depart;
    }

    /// <summary>
    /// What the results pane repeats of a stay search: the city and dates, and the wishes it filters on
    /// (<c>near</c>: the place the distances are from; <c>maxNightly</c>; <c>amenities</c>, comma-separated).
    /// </summary>
    private static SearchInfo HotelInfo(HotelSearch h, int total, DialogState s, Place? near)
    {
        var q = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cityCode"] = s.Destination!.Code,
            ["checkIn"] = h.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["checkOut"] = h.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["adults"] = h.Adults.ToString(CultureInfo.InvariantCulture),
            ["rooms"] = h.Rooms.ToString(CultureInfo.InvariantCulture),
            ["currency"] = h.Currency,
        };
        if (h.MinStars is { } stars)
        {
            q["minStars"] = stars.ToString(CultureInfo.InvariantCulture);
        }
        if (near is not null)
        {
            q["near"] = near.Name;
        }
        if (s.MaxNightly is { } max && max.Currency == h.Currency)
        {
            q["maxNightly"] = max.Amount.ToString("0.##", CultureInfo.InvariantCulture);
        }
        if (s.Amenities is { Count: > 0 } amenities)
        {
            q["amenities"] = string.Join(',', amenities);
        }
        return new SearchInfo("hotels", q, total);
    }

    // A nightly limit is the stay's budget; without one, a budget said while looking for a stay is its total.
    private static bool HotelWithinBudget(HotelOffer h, DialogState s) =>
        (s.MaxNightly is not { } n || h.Nightly.Currency != n.Currency || h.Nightly.Amount <= n.Amount)
        && (s.Intent != TripIntent.SearchHotels || s.MaxNightly is not null || s.MaxPrice is not { } m || h.Total.Currency != m.Currency
            || (s.MaxPriceBasis == BudgetBasis.PerPerson ? h.Total.Amount / Math.Max(1, s.Passengers?.Adults ?? 1) : h.Total.Amount) <= m.Amount);

    /// <summary>True when a meal plan includes breakfast: "Breakfast included", "Half board", "All inclusive".</summary>
    private static bool IncludesBreakfast(string? board) =>
        board is not null && (board.Contains("breakfast", StringComparison.OrdinalIgnoreCase) || board.Contains("board", StringComparison.OrdinalIgnoreCase)
            || board.Contains("inclusive", StringComparison.OrdinalIgnoreCase)) && !board.Contains("room only", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The hotel as the traveller asked for it: null when it lacks an amenity wished for; with breakfast
    /// wished, priced at its cheapest rate that includes breakfast (null when it has none).
    /// </summary>
    private static HotelOffer? WithWishes(HotelOffer h, DialogState s)
    {
        if (s.Amenities is not { Count: > 0 } wanted)
        {
            return h;
        }
        if (!wanted.All(a => h.Hotel.Amenities?.Contains(a, StringComparer.OrdinalIgnoreCase) == true
            || a == HotelAmenities.Breakfast && (h.Rates ?? []).Any(r => IncludesBreakfast(r.Board))))
        {
            return null;
        }
        if (!wanted.Contains(HotelAmenities.Breakfast) || IncludesBreakfast(h.Board))
        {
            return h;
        }
        var rate = (h.Rates ?? []).Where(r => IncludesBreakfast(r.Board)).MinBy(r => r.Nightly.Amount);
        return rate is null ? null : h.WithRate(rate);
    }

    private static ResultCard HotelCard(HotelOffer h, DialogState s)
    {
        var nights = h.CheckOut.DayNumber - h.CheckIn.DayNumber;
        var guests = Math.Max(1, h.Adults);
        var budget = s.MaxNightly ?? (s.Intent == TripIntent.SearchHotels ? s.MaxPrice : null);
        Platform.Money? over = null;
        if (s.MaxNightly is { } n && h.Nightly.Currency == n.Currency && h.Nightly.Amount > n.Amount)
        {
            over = new Platform.Money(h.Nightly.Amount - n.Amount, n.Currency);
        }
        return new ResultCard(ResultCard.HotelKind, h.Id, Hotel: h,
            Price: new CardPrice(h.Total, new Platform.Money(Math.Round(h.Total.Amount / guests, 2), h.Total.Currency), guests, h.Nightly, nights, budget,
                budget is null ? null : s.MaxNightly is not null ? "perNight" : s.MaxPriceBasis == BudgetBasis.PerPerson ? "perPerson" : "total", over));
    }

    /// <summary>What a stay search found: every hotel, those that fit every wish, the search made and the named place it was around.</summary>
    private sealed record HotelFinding(IReadOnlyList<HotelOffer> All, List<HotelOffer> Matching, HotelSearch Search, Place? Near);

    /// <summary>
    /// The named place a held area stands for ("the Colosseum"), found by the geocoder within 30 km of
    /// the destination; null for kinds of place ("near the beach", "downtown") and for names it does not know.
    /// </summary>
    private async Task<Place?> AreaPlaceAsync(DialogState s, CancellationToken ct)
    {
        if (s.Area is not { } area || GenericAreas.Contains(area) || inventory.Directory.Find(s.Destination!.Code) is not { } city)
        {
            return null;
        }
        try
        {
            var places = await inventory.GeocodeAsync(area, city.Point, ct);
            return places.FirstOrDefault(p => city.Point.DistanceKm(p.Point) <= 30
                && !string.Equals(p.Name, city.City, StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Name, s.Destination.Name, StringComparison.OrdinalIgnoreCase));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task<HotelFinding> FindHotelsAsync(DialogState s, FlightOffer? flight, CancellationToken ct)
    {
        var near = await AreaPlaceAsync(s, ct);
        var search = HotelSearchOf(s, near, flight);
        try
        {
            var all = await inventory.SearchHotelsAsync(search, ct);
            if (near is not null && all.Count == 0)
            {
                // Nothing stands within walking distance of the place: the city's hotels, so the reply can say so and offer the nearest.
                search = HotelSearchOf(s, flight: flight);
                all = await inventory.SearchHotelsAsync(search, ct);
            }
            if (search.Near is not null)
            {
                all = [.. all.Select(h => WithPlace(h, near!))];
            }
            var matching = all.Select(h => WithWishes(h, s)).OfType<HotelOffer>()
                .Where(h => HotelWithinBudget(h, s) && (s.Area is null || search.Near is not null || AreaMatches(h, s.Area)))
                .OrderBy(h => h.Total.Amount).ToList();
            return new HotelFinding(all, matching, search, search.Near is null ? null : near);
        }
        catch (ArgumentException)
        {
            return new HotelFinding([], [], search, null);
        }
    }

    /// <summary>The hotel with the place asked for among its landmarks, first, at the distance the search measured from it.</summary>
    /// <remarks>The distance is kept to 0.1 km, as the reply says it.</remarks>
    private static HotelOffer WithPlace(HotelOffer h, Place place)
    {
        if (h.Hotel.DistanceKm is not { } exact)
        {
            return h;
        }
        var km = Math.Round(exact, 1, MidpointRounding.AwayFromZero);
        var named = h.Hotel.Landmarks?.Any(l => string.Equals(l.Name, place.Name, StringComparison.OrdinalIgnoreCase)) == true;
        return h with
        {
            Hotel = h.Hotel with
            {
                DistanceKm = km,
                Landmarks = named ? h.Hotel.Landmarks : [new LandmarkDistance(place.Name, km), .. h.Hotel.Landmarks ?? []],
            },
        };
    }

    /// <summary>
    /// Whether a hotel is in the area asked for: its neighbourhood, a named landmark within 2 km
    /// ("near the Eiffel Tower"), its address or name, or the centre for "downtown".
    /// </summary>
    private static bool AreaMatches(HotelOffer h, string area) =>
        (h.Hotel.Address?.Contains(area, StringComparison.OrdinalIgnoreCase) ?? false) || h.Hotel.Name.Contains(area, StringComparison.OrdinalIgnoreCase)
        || Names(h.Hotel.Neighbourhood, area)
        || (h.Hotel.Landmarks?.Any(l => l.DistanceKm <= NearPlaceKm && Names(l.Name, area)) ?? false)
        || area is "downtown" or "city center" or "old town" && (h.Hotel.CentreDistanceKm ?? h.Hotel.DistanceKm) is < 2.5;

    /// <summary>"Eiffel Tower" names "the Eiffel Tower"; "Chiado" names "Chiado".</summary>
    private static bool Names(string? name, string area)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }
        var bare = area.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? area[4..] : area;
        return name.Equals(bare, StringComparison.OrdinalIgnoreCase) || (bare.Length >= 4 && name.Contains(bare, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The stay wishes other than the budget, in words: "within 2 km of the Colosseum, with breakfast and a pool".</summary>
    private static string Wishes(DialogState s, Place? near)
    {
        var parts = new List<string>();
        if (near is not null)
        {
            parts.Add($"within {NearPlaceKm:0} km of {The(near.Name)}");
        }
        else if (s.Area is { } area)
        {
            parts.Add(AreaWords(area));
        }
        if (s.Amenities is { Count: > 0 } amenities)
        {
            parts.Add(AmenityPhrase(amenities));
        }
        return string.Join(", ", parts);
    }

    /// <summary>"with breakfast", "with breakfast and a pool", "with parking, where pets are welcome".</summary>
    private static string AmenityPhrase(IReadOnlyList<string> amenities)
    {
        var things = amenities.Where(a => a != HotelAmenities.Pets).Select(a => a switch
        {
            HotelAmenities.Pool => "a pool",
            HotelAmenities.Gym => "a gym",
            HotelAmenities.Spa => "a spa",
            _ => a,
        }).ToList();
        var pets = amenities.Contains(HotelAmenities.Pets);
        return things.Count == 0 ? "where pets are welcome" : $"with {List(things)}{(pets ? ", where pets are welcome" : "")}";
    }

    /// <summary>"Colosseum" as "the Colosseum", "Eiffel Tower" as "the Eiffel Tower"; "Trastevere" and "Times Square" keep their form.</summary>
    private static string The(string name) =>
        name.StartsWith("the ", StringComparison.OrdinalIgnoreCase) || !LandmarkNoun().IsMatch(name) ? name : "the " + name;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(Tower|Museum|Cathedral|Palace|Gate|Castle|Fountain|Opera House|Market|Pantheon|Colosseum|Acropolis|Basilica|Abbey|Vatican|Louvre|Forum|Temple|Shrine|Zoo|Aquarium)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LandmarkNoun();

    /// <summary>
    /// For a stay at the end of the flights held (no flight picked): the outbound offer that lands
    /// earliest, so that when every flight that day lands the next day (overnight across the
    /// Atlantic) the stay starts then and no night is paid for on the plane. Null without flights.
    /// </summary>
    private async Task<FlightOffer?> EarliestLandingAsync(DialogState s, CancellationToken ct)
    {
        if (s.Origin is null || s.DepartDate is null || s.DaySaid || s.Legs is { Count: > 0 } || s.Origin.Code == s.Destination?.Code
            || s.Selections.Any(p => p.Card.Flight is { Itineraries.Count: > 0 } && SelectionFit.Why(s, p.Card) is null))
        {
            return null;
        }
        var found = await FindFlightsAsync(s, ct);
        var offers = found.Matching.Count > 0 ? found.Matching : found.All;
        return offers.Where(o => o.Itineraries.Count > 0).MinBy(o => DateOnly.FromDateTime(o.Itineraries[0].Segments[^1].Arrival.DateTime));
    }

    private async Task<TurnReply> HotelsAsync(DialogState s, CancellationToken ct)
    {
        var (all, hotels, search, near) = await FindHotelsAsync(s, await EarliestLandingAsync(s, ct), ct);
        var info = HotelInfo(search, all.Count, s, near);
        var where = $"in {s.Destination!.Name}, {Day(search.CheckIn)} to {Day(search.CheckOut)}";
        var wishes = Wishes(s, near);
        if (hotels.Count == 0)
        {
            if (all.Count == 0)
            {
                return new TurnReply(s.MinStars is { } stars
                    ? $"I found no hotel of {stars} stars or more {where}."
                    : $"I found no hotels {where}.", [], s.MinStars is not null ? ["any stars"] : ["a day later"], s, info);
            }
            // Name the wish that left nothing: the place or the amenities when hotels within the budget exist without them, else the budget.
            var fitting = all.Select(h => WithWishes(h, s)).OfType<HotelOffer>()
                .Where(h => s.Area is null || search.Near is not null || AreaMatches(h, s.Area)).OrderBy(h => h.Nightly.Amount).ToList();
            var affordable = all.Where(h => HotelWithinBudget(h, s)).OrderBy(h => h.Nightly.Amount).ToList();
            if (fitting.Count == 0 && affordable.Count > 0 && wishes.Length > 0)
            {
                var elsewhere = affordable[0];
                var missed = s.Area is { } area && s.Amenities is not { Count: > 0 } ? $"No hotel {where} is {AreaWords(area)}." : $"No hotel {where} is {wishes}.";
                var other = s.Area is not null && s.Amenities is not { Count: > 0 } ? "elsewhere" : "without that";
                return new TurnReply($"{missed} The cheapest {other} is {elsewhere.Hotel.Name} at {Money(elsewhere.Nightly)} a night.",
                    [HotelCard(elsewhere, s)], [s.Area is not null ? "anywhere in the city" : "any hotel"], s, info);
            }
            var cheapest = (fitting.Count > 0 ? fitting : [.. all.OrderBy(h => h.Nightly.Amount)]).First();
            var card = HotelCard(cheapest, s);
            var what = wishes.Length > 0 && fitting.Count > 0 ? $"{where}, {wishes}," : where;
            var reason = s.MaxNightly is { } n && (cheapest.Nightly.Amount > n.Amount || s.MaxPrice is null)
                ? $"Nothing {what} is under {Money(n)} a night: the cheapest, {cheapest.Hotel.Name}, is {Money(cheapest.Nightly)} a night, {Money(card.Price!.OverBudget ?? cheapest.Nightly)} over."
                : $"Nothing {what} is within {Money(s.MaxPrice!)}: the cheapest, {cheapest.Hotel.Name}, is {Money(cheapest.Total)} in total.";
            return new TurnReply(reason, [card], ["no budget limit"], s, info);
        }
        var best = hotels[0];
        var shown = hotels.Take(MaxCards).ToList();
        var text = new StringBuilder();
        if (search.CheckIn != s.DepartDate)
        {
            text.Append(s.Selections.Any(x => x.Card.Flight is { Itineraries.Count: > 0 } && SelectionFit.Why(s, x.Card) is null)
                ? $"Your flight lands on {Day(search.CheckIn)}, so the stay starts then. "
                : $"The flights leaving {Day(s.DepartDate!.Value)} land on {Day(search.CheckIn)}, so the stay starts then. ");
        }
        text.Append(CultureInfo.InvariantCulture, $"Here {(shown.Count == 1 ? "is 1 hotel" : $"are {shown.Count} hotels")} {where} ({Plural(search.Nights, "night", "nights")}), for {(s.Passengers is { } p ? People(p) : "1 adult")}");
        if (wishes.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {wishes}");
        }
        if (s.MinStars is { } min)
        {
            text.Append(CultureInfo.InvariantCulture, $", {min} stars or more");
        }
        if (s.MaxNightly is { } max)
        {
            text.Append(CultureInfo.InvariantCulture, $", under {Money(max)} a night");
        }
        text.Append(CultureInfo.InvariantCulture, $". {best.Hotel.Name}{(best.Hotel.Stars is { } st ? $" ({st} stars)" : "")}");
        if (near is not null && best.Hotel.DistanceKm is { } km)
        {
            text.Append(CultureInfo.InvariantCulture, $", {km:0.#} km from {The(near.Name)},");
        }
        var notes = new List<string>();
        if (best.Rooms > 1)
        {
            notes.Add($"{best.Rooms} rooms");
        }
        if (best.Board is { } board && s.Amenities?.Contains(HotelAmenities.Breakfast) == true)
        {
            notes.Add(board.ToLowerInvariant());
        }
        text.Append(CultureInfo.InvariantCulture, $" is {Money(best.Nightly)} {(best.Rooms > 1 ? "a room a night" : "a night")}{(notes.Count > 0 ? $" ({string.Join(", ", notes)})" : "")}, {Money(best.Total)} in total.");
        AppendNearestAirports(text, s with { Origin = null });
        return new TurnReply(text.ToString(), [.. shown.Select(h => HotelCard(h, s))], [StarsChip(s), "an extra night", "one night fewer"], s, info);
    }

    private async Task<TurnReply> ActivitiesAsync(DialogState s, CancellationToken ct)
    {
        var place = inventory.Directory.Find(s.Destination!.Code);
        if (place is null)
        {
            return new TurnReply($"I do not know where {s.Destination.Name} is.", [], [], s);
        }
        // Around the city's centre, as the activities API does: an airport code's own point (SFO, 20 km
        // south of San Francisco) would miss the city.
        var centre = InventoryService.CentreOf(place);
        // "food tours": only that kind; when there is none, say so and show the rest.
        var search = new ActivitySearch(centre, RadiusKm: 15, Currency: Currency(s), Interest: s.Interest);
        var found = await inventory.SearchActivitiesAsync(search, ct);
        var none = s.Interest is not null && found.Count == 0;
        if (none)
        {
            search = search with { Interest = null };
            found = await inventory.SearchActivitiesAsync(search, ct);
        }
        var best = found.OrderByDescending(a => a.Rating ?? 0).Take(MaxCards).ToList();
        var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["cityCode"] = place.Code, ["currency"] = Currency(s) };
        if (search.Interest is { } interest)
        {
            query["interest"] = interest;
        }
        var info = new SearchInfo("activities", query, found.Count);
        if (best.Count == 0)
        {
            return new TurnReply($"I found nothing to do near {s.Destination.Name}.", [], [], s, info);
        }
        var text = (none ? $"I found nothing for {ActivityInterests.Label(s.Interest!)} near {s.Destination.Name}. " : "")
            + $"Here are {best.Count} things to do{(search.Interest is { } k ? $" for {ActivityInterests.Label(k)}" : "")} in {s.Destination.Name}: {string.Join("; ", best.Select(a => a.Name))}.";
        return new TurnReply(text, [.. best.Select(a => new ResultCard(ResultCard.ActivityKind, a.Id, Activity: a))], [], s, info);
    }

    private async Task<TurnReply> PlanAsync(DialogState s, CancellationToken ct)
    {
        var flights = await FindFlightsAsync(s, ct);
        var offers = flights.Matching.Take(MaxCards).ToList();
        // An overnight flight lands the next day: the stay starts then, not on a night spent in the air.
        var stay = await FindHotelsAsync(s, offers.FirstOrDefault(), ct);
        var hotels = stay.Matching;
        var checkIn = stay.Search.CheckIn;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"A trip from {s.Origin!.Name} to {s.Destination!.Name}, {Day(s.DepartDate!.Value)} to {Day(s.ReturnDate!.Value)}, for {People(s.Passengers!)}. ");
        text.Append(offers.Count == 0 ? $"I found no {Wanted(s)}flights for those dates{(s.MaxPrice is not null ? " within the budget" : "")}. " : Describe(offers[0], "The cheapest flight", s) + " ");
        var from = checkIn == s.DepartDate.Value ? "" : $" from {Day(checkIn)}, the day the flight lands";
        text.Append(hotels.Count == 0 ? "I found no hotels for those dates." : $"To stay{from}: {hotels[0].Hotel.Name} at {Money(hotels[0].Nightly)} a night, {Money(hotels[0].Total)} in total.");
        return new TurnReply(text.ToString(), [.. offers.Select(o => Card(o, s)), .. hotels.Take(MaxCards).Select(h => HotelCard(h, s))], [s.NonStop == true ? "a stop is fine" : "nonstop only", StarsChip(s), "a day later"], s,
            FlightInfo(flights.Search, flights.All.Count));
    }

    private async Task<TurnReply> MultiCityAsync(DialogState s, CancellationToken ct)
    {
        var legs = s.Legs!;
        if (legs.Count > 6)
        {
            return new TurnReply($"I can search up to 6 flights in one trip; that was {legs.Count}. Tell me the first 6, and I will search the rest as a second trip.", [], [], s);
        }
        var found = await FindFlightsAsync(s, ct);
        var info = FlightInfo(found.Search, found.All.Count);
        var route = string.Join(", ", legs.Select(l => $"{l.Origin.Name} to {l.Destination.Name} on {Day(l.Date!.Value)}"));
        if (found.Matching.Count == 0)
        {
            return new TurnReply($"I found no flights for that multi-city trip ({route}). Each flight needs a route someone flies: try moving a date or another airport.", [], [], s, info);
        }
        var offers = found.Matching.Take(MaxCards).ToList();
        var text = $"Here {(offers.Count == 1 ? "is the best" : $"are the {offers.Count} best")} multi-city itineraries, {route}, for {People(s.Passengers!)}. "
            + Describe(offers[0], "The cheapest", s);
        return new TurnReply(text, [.. offers.Select(o => Card(o, s))], ["nonstop only"], s, info);
    }

    /// <summary>The next refinement of a stay's standard not held yet: "4 stars or more", then "5 stars", then breakfast, then a pool.</summary>
    private static string StarsChip(DialogState s) => s.MinStars switch
    {
        null or < 4 => "4 stars or more",
        4 => "5 stars",
        _ => s.Amenities?.Contains("breakfast", StringComparer.Ordinal) == true ? "with a pool" : "with breakfast",
    };

    /// <summary>Where a held area puts a hotel, in words: "near the beach", "near the airport", "in Alfama".</summary>
    private static string AreaWords(string area) => area switch
    {
        "city center" => "in the city centre",
        "old town" => "in the old town",
        "downtown" => "downtown",
        "beach" or "airport" or "station" or "centre" or "center" or "sea" or "port" => $"near the {area}",
        _ => $"in {area}",
    };
}
