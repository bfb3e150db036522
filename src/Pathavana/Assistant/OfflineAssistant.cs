using System.Globalization;
using System.Text;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;

namespace Pathavana.Assistant;

/// <summary>What one turn answers: the text, the result cards, suggestion chips and the new state.</summary>
internal sealed record TurnReply(string Text, IReadOnlyList<ResultCard> Cards, IReadOnlyList<string> Suggestions, DialogState State);

/// <summary>
/// The embedded dialog: understands the utterance, merges it into the session's slots, asks for
/// one missing slot at a time, and when enough is known searches the inventory and answers with
/// cards. Every price, time and name in a reply comes from an inventory result or from what the
/// traveler said (places from the reference data).
/// </summary>
internal sealed class OfflineAssistant(OfflineUnderstanding understanding, InventoryService inventory)
{
    public const int MaxCards = 3;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<TurnReply> ReplyAsync(DialogState state, string utterance, DateOnly today, CancellationToken ct)
    {
        var frame = understanding.Parse(utterance, today);
        var intent = frame.Intent;
        var slots = DialogState.HasSlots(frame);
        switch (intent)
        {
            case TripIntent.Help:
                return new TurnReply(HelpText, [], ["Flights from Boston to Lisbon next Friday", "Hotels in Paris for 3 nights", "Things to do in Rome"], state);
            case TripIntent.SmallTalk when !slots:
                return new TurnReply("Hello! Tell me where you would like to go, and from where, and I will find flights, hotels and things to do.",
                    [], ["Plan a trip to Lisbon", "Help"], state);
            case TripIntent.ShowTrip when !slots:
                return ShowSelections(state);
            case TripIntent.Book when !slots:
                return new TurnReply(BookText(state), [], [], state);
        }
        if (!slots && state.Intent is null)
        {
            return new TurnReply("I did not catch a trip in that. Tell me where you want to go, for example \"flights from Boston to Lisbon next Friday\".",
                [], ["Help"], state);
        }
        frame = NearHeldDate(frame, state, utterance);
        var next = state.Merge(frame, utterance);
        if (next.Intent is null or TripIntent.ShowTrip or TripIntent.Book or TripIntent.Help or TripIntent.SmallTalk)
        {
            next = next with { Intent = TripIntent.SearchFlights };
        }
        return await AnswerAsync(next, today, ct);
    }

    /// <summary>
    /// "actually make it Saturday" corrects the planned day: a weekday said in a correction is the
    /// one nearest the held departure, not the first one after today.
    /// </summary>
    private static TripFrame NearHeldDate(TripFrame frame, DialogState state, string utterance)
    {
        if (frame is not { Act: FrameAct.Change, DepartDate: { } said, ReturnDate: null } || state.DepartDate is not { } held
            || !utterance.Contains(said.DayOfWeek.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return frame;
        }
        var shift = ((int)said.DayOfWeek - (int)held.DayOfWeek + 7) % 7;
        var near = held.AddDays(shift > 3 ? shift - 7 : shift);
        return frame with { DepartDate = near };
    }

    /// <summary>Asks the next missing slot or searches: the part of a turn after understanding.</summary>
    public async Task<TurnReply> AnswerAsync(DialogState state, DateOnly today, CancellationToken ct)
    {
        if (Missing(state, today) is { } question)
        {
            return new TurnReply(question.Text, [], question.Suggestions, state with { Asking = question.Slot });
        }
        state = state with { Asking = null };
        return state.Intent switch
        {
            TripIntent.SearchHotels => await HotelsAsync(state, ct),
            TripIntent.SearchActivities => await ActivitiesAsync(state, ct),
            TripIntent.PlanTrip => await PlanAsync(state, ct),
            _ => await FlightsAsync(state, ct),
        };
    }

    private sealed record Question(string Slot, string Text, IReadOnlyList<string> Suggestions);

    private static Question? Missing(DialogState s, DateOnly today)
    {
        var flights = s.Intent is TripIntent.SearchFlights or TripIntent.PlanTrip;
        var stay = s.Intent is TripIntent.SearchHotels or TripIntent.PlanTrip;
        if (s.Destination is null)
        {
            return new Question("destination", s.Intent == TripIntent.SearchHotels ? "Which city would you like to stay in?"
                : s.Intent == TripIntent.SearchActivities ? "In which city are you looking for things to do?" : "Where would you like to go?", []);
        }
        if (s.Intent == TripIntent.SearchActivities)
        {
            return null;
        }
        if (flights && s.Origin is null)
        {
            return new Question("origin", $"Where will you be flying to {s.Destination.Name} from?", []);
        }
        if (flights && s.Origin is { } o && string.Equals(o.Code, s.Destination.Code, StringComparison.OrdinalIgnoreCase))
        {
            return new Question("origin", $"You are already in {o.Name}. Where will you be flying from?", []);
        }
        if (s.DepartDate is null || s.DepartDate < today)
        {
            var friday = NextWeekday(today, DayOfWeek.Friday);
            var suggestions = new[] { today.AddDays(1), friday, friday.AddDays(7) }.Distinct()
                .Select(d => d.ToString("dddd d MMMM", Invariant)).ToList();
            return new Question("departDate", s.DepartDate < today
                ? "That date has passed. When would you like to leave?"
                : stay && !flights ? "When would you like to check in?" : "When would you like to leave?", suggestions);
        }
        if (s.DepartDate.Value.DayNumber - today.DayNumber > InventoryLimits.BookingHorizonDays)
        {
            return new Question("departDate", $"I can search up to {InventoryLimits.BookingHorizonDays} days ahead. Which earlier date works?", []);
        }
        if (stay && s.ReturnDate is null)
        {
            var d = s.DepartDate.Value;
            return new Question("returnDate", flights ? "When will you come back?" : "When will you check out?",
                [$"{d.AddDays(3):dddd d MMMM}", $"{d.AddDays(7):dddd d MMMM}", "for 3 nights"]);
        }
        if (s.Passengers is null)
        {
            return new Question("passengers", flights ? "How many people are travelling?" : "How many guests?",
                ["1 adult", "2 adults", "2 adults and 1 child"]);
        }
        if (s.Passengers.Adults < 1)
        {
            return new Question("passengers", "At least one adult travels with children and infants. How many adults?", ["1 adult", "2 adults"]);
        }
        if (s.Passengers.Adults + s.Passengers.Children > InventoryLimits.MaxSeatedPassengers)
        {
            return new Question("passengers", $"I can search for up to {InventoryLimits.MaxSeatedPassengers} seated travellers at a time. How many are travelling?", ["2 adults"]);
        }
        return null;
    }

    private static DateOnly NextWeekday(DateOnly from, DayOfWeek day)
    {
        var d = from.AddDays(1);
        while (d.DayOfWeek != day)
        {
            d = d.AddDays(1);
        }
        return d;
    }

    internal static FlightSearch FlightSearchOf(DialogState s)
    {
        var p = s.Passengers!;
        var mix = new PassengerMix(p.Adults, p.Children, Math.Min(p.Infants, p.Adults));
        var legs = new List<FlightLeg> { new(s.Origin!.Code, s.Destination!.Code, s.DepartDate!.Value) };
        if (s.ReturnDate is { } r && s.TripType != Understanding.TripType.OneWay && r >= s.DepartDate)
        {
            legs.Add(new FlightLeg(s.Destination.Code, s.Origin.Code, r));
        }
        return new FlightSearch(legs, mix, s.Cabin ?? Inventory.Cabin.Economy, s.NonStop == true, s.MaxPrice?.Currency ?? "USD",
            s.Airlines, MaxPrice: s.MaxPrice?.Amount, MaxResults: 50);
    }

    private async Task<(List<FlightOffer> Offers, string? Problem)> FindFlightsAsync(DialogState s, CancellationToken ct)
    {
        IReadOnlyList<FlightOffer> found;
        try
        {
            found = await inventory.SearchFlightsAsync(FlightSearchOf(s), ct);
        }
        catch (ArgumentException)
        {
            return ([], "I could not search that route. Check the airports and dates.");
        }
        IEnumerable<FlightOffer> offers = found;
        if (s.DepartTime is { } window)
        {
            offers = offers.Where(o => InWindow(TimeOnly.FromDateTime(o.Itineraries[0].Segments[0].Departure.DateTime), window));
        }
        if (s.MaxPrice is { } max)
        {
            offers = offers.Where(o => o.TotalPrice.Amount <= max.Amount || o.TotalPrice.Currency != max.Currency);
        }
        offers = s.Sort == SortOrder.Duration
            ? offers.OrderBy(o => o.Itineraries.Sum(i => i.Duration.Ticks)).ThenBy(o => o.TotalPrice.Amount)
            : offers.OrderBy(o => o.TotalPrice.Amount);
        return ([.. offers.Take(MaxCards)], null);
    }

    private static bool InWindow(TimeOnly t, TimeWindow w) => w.From <= w.To ? t >= w.From && t <= w.To : t >= w.From || t <= w.To;

    private async Task<TurnReply> FlightsAsync(DialogState s, CancellationToken ct)
    {
        var (offers, problem) = await FindFlightsAsync(s, ct);
        if (problem is not null)
        {
            return new TurnReply(problem, [], [], s);
        }
        if (offers.Count == 0)
        {
            return new TurnReply($"I found no {Wanted(s)}flights from {s.Origin!.Name} to {s.Destination!.Name} on {Day(s.DepartDate!.Value)}. Try another date{(s.NonStop == true ? " or allow a stop" : "")}.",
                [], s.NonStop == true ? ["with stops is fine", "the day after"] : ["the day after"], s);
        }
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Here {(offers.Count == 1 ? "is the best" : $"are the {offers.Count} best")} {Wanted(s)}{(s.ReturnDate is not null ? "round-trip " : "")}flight{(offers.Count == 1 ? "" : "s")} from {s.Origin!.Name} to {s.Destination!.Name}, ");
        text.Append(Day(s.DepartDate!.Value));
        if (s.ReturnDate is { } r && s.TripType != Understanding.TripType.OneWay)
        {
            text.Append(" to ").Append(Day(r));
        }
        text.Append(", for ").Append(People(s.Passengers!)).Append(". ");
        text.Append(Describe(offers[0], "The cheapest"));
        return new TurnReply(text.ToString(), [.. offers.Select(FlightCard)], ["nonstop only", "business instead", "the day after"], s);
    }

    private async Task<TurnReply> HotelsAsync(DialogState s, CancellationToken ct)
    {
        var hotels = await FindHotelsAsync(s, ct);
        if (hotels.Count == 0)
        {
            return new TurnReply($"I found no hotels in {s.Destination!.Name} for those dates{(s.MinStars is not null || s.MaxNightly is not null ? " with those wishes" : "")}.", [], [], s);
        }
        var best = hotels[0];
        var text = $"Here are {hotels.Count} hotels in {s.Destination!.Name}, {Day(s.DepartDate!.Value)} to {Day(s.ReturnDate!.Value)}, for {People(s.Passengers!)}. "
            + $"{best.Hotel.Name} is {Price(best.Nightly)} a night, {Price(best.Total)} in total.";
        return new TurnReply(text, [.. hotels.Select(HotelCard)], ["4 stars or more", "cheaper"], s);
    }

    private async Task<List<HotelOffer>> FindHotelsAsync(DialogState s, CancellationToken ct)
    {
        var checkIn = s.DepartDate!.Value;
        var checkOut = s.ReturnDate is { } r && r > checkIn ? r : checkIn.AddDays(s.Nights ?? 1);
        var adults = Math.Max(1, s.Passengers?.Adults ?? 1);
        var search = new HotelSearch(checkIn, checkOut, adults, Rooms: 1, CityCode: s.Destination!.Code, MinStars: s.MinStars,
            MaxNightly: s.MaxNightly, Currency: s.MaxNightly?.Currency ?? s.MaxPrice?.Currency ?? "USD");
        try
        {
            var found = await inventory.SearchHotelsAsync(search, ct);
            return [.. found.OrderBy(h => h.Total.Amount).Take(MaxCards)];
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    private async Task<TurnReply> ActivitiesAsync(DialogState s, CancellationToken ct)
    {
        var place = inventory.Directory.Find(s.Destination!.Code);
        if (place is null)
        {
            return new TurnReply($"I do not know where {s.Destination.Name} is.", [], [], s);
        }
        var found = await inventory.SearchActivitiesAsync(new ActivitySearch(place.Point, RadiusKm: 15), ct);
        var best = found.OrderByDescending(a => a.Rating ?? 0).Take(MaxCards).ToList();
        if (best.Count == 0)
        {
            return new TurnReply($"I found nothing to do near {s.Destination.Name}.", [], [], s);
        }
        var text = $"Here are {best.Count} things to do in {s.Destination.Name}: {string.Join("; ", best.Select(a => a.Name))}.";
        return new TurnReply(text, [.. best.Select(a => new ResultCard(ResultCard.ActivityKind, a.Id, Activity: a))], [], s);
    }

    private async Task<TurnReply> PlanAsync(DialogState s, CancellationToken ct)
    {
        var (offers, _) = await FindFlightsAsync(s, ct);
        var hotels = await FindHotelsAsync(s, ct);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"A trip from {s.Origin!.Name} to {s.Destination!.Name}, {Day(s.DepartDate!.Value)} to {Day(s.ReturnDate!.Value)}, for {People(s.Passengers!)}. ");
        text.Append(offers.Count == 0 ? $"I found no {Wanted(s)}flights for those dates. " : Describe(offers[0], "The cheapest flight") + " ");
        text.Append(hotels.Count == 0 ? "I found no hotels for those dates." : $"To stay: {hotels[0].Hotel.Name} at {Price(hotels[0].Total)} in total.");
        return new TurnReply(text.ToString(), [.. offers.Select(FlightCard), .. hotels.Select(HotelCard)], ["nonstop only", "4 stars or more"], s);
    }

    private static TurnReply ShowSelections(DialogState s)
    {
        if (s.Selections.Count == 0)
        {
            return new TurnReply("You have not picked anything yet. Pick a flight or a hotel from the results and it is kept here; once signed in you can turn your picks into a trip.", [], [], s);
        }
        var names = s.Selections.Select(x => x.Card switch
        {
            { Flight: { } f } => $"flight {Flights(f.Itineraries[0])} at {Price(f.TotalPrice)}",
            { Hotel: { } h } => $"{h.Hotel.Name} at {Price(h.Total)}",
            { Activity: { } a } => a.Name,
            _ => x.OfferId,
        });
        return new TurnReply($"So far you picked: {string.Join("; ", names)}.", [.. s.Selections.Select(x => x.Card)], [], s);
    }

    private static string BookText(DialogState s) => s.Selections.Count == 0
        ? "To book, first pick one of the options I found (each card has a pick button), then book it from your picks. Tell me where you want to go to start."
        : "To book, open your picks and book the offer you want: the booking step asks for the travelers and confirms the price before it charges anything.";

    private const string HelpText =
        "I plan trips. Tell me where you want to go, from where, when and who travels — for example \"two adults from Boston to Lisbon next Friday, back Sunday\". "
        + "I ask for what is missing, then show flights, hotels or things to do. You can correct anything (\"actually make it Saturday\", \"business instead\", \"nonstop only\", \"add my wife\"), pick options and turn them into a trip.";

    private static string Wanted(DialogState s) =>
        (s.NonStop == true ? "nonstop " : "") + (s.Cabin is { } c && c != Inventory.Cabin.Economy ? CabinName(c) + " " : "");

    private static string CabinName(Cabin c) => c switch
    {
        Inventory.Cabin.PremiumEconomy => "premium economy",
        Inventory.Cabin.Business => "business class",
        Inventory.Cabin.First => "first class",
        _ => "economy",
    };

    private string Describe(FlightOffer offer, string lead)
    {
        var first = offer.Itineraries[0];
        var depart = first.Segments[0].Departure;
        var stops = first.Stops == 0 ? "nonstop" : $"{first.Stops} stop{(first.Stops > 1 ? "s" : "")}";
        var airline = inventory.Directory.AirlineName(offer.ValidatingAirline) ?? offer.ValidatingAirline;
        return string.Create(Invariant, $"{lead} is {airline} {Flights(first)}, leaving at {depart:HH:mm}, {stops}, {Price(offer.TotalPrice)} in total.");
    }

    private static string Flights(Itinerary itinerary) =>
        string.Join(" and ", itinerary.Segments.Select(x => $"{x.CarrierCode} {x.FlightNumber}"));

    internal static string Price(Platform.Money m) => string.Create(Invariant, $"{m.Currency} {m.Amount:0.00}");

    private static string Day(DateOnly d) => d.ToString("dddd d MMMM yyyy", Invariant);

    private static string People(PassengerCount p)
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

    internal static ResultCard FlightCard(FlightOffer o) => new(ResultCard.FlightKind, o.Id, Flight: o);

    internal static ResultCard HotelCard(HotelOffer o) => new(ResultCard.HotelKind, o.Id, Hotel: o);
}
