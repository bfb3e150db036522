using System.Text.RegularExpressions;
using Pathavana.Assistant.Knowledge;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

/// <summary>What one turn answers: the text, the result cards, suggestion chips, the new state and the search it ran.</summary>
internal sealed record TurnReply(string Text, IReadOnlyList<ResultCard> Cards, IReadOnlyList<string> Suggestions, DialogState State, SearchInfo? Search = null, string? Picked = null);

/// <summary>
/// The embedded dialog: understands the utterance, applies it to the session's constraints (add,
/// change, relax, remove), asks for one missing piece at a time without ever getting stuck, and when
/// enough is known searches the inventory and answers with cards. Every price, time and date in a
/// reply is read from the offers it shows (or from the climate normals it cites).
/// </summary>
internal sealed partial class OfflineAssistant(OfflineUnderstanding understanding, InventoryService inventory, TimeProvider clock)
{
    public const int MaxCards = 3;

    private static TravelKnowledge Knowledge => TravelKnowledge.Shared;

    public async Task<TurnReply> ReplyAsync(DialogState state, string utterance, DateOnly today, CancellationToken ct)
    {
        var reply = await ReplyToAsync(state, utterance, today, ct);
        // "Paris to Amsterdam by train?": say what is not searched rather than answer as if it were.
        return OtherTransport().IsMatch(utterance)
            ? reply with { Text = "I can't search trains, buses or ferries yet — only flights, places to stay and things to do. " + reply.Text }
            : reply;
    }

    [GeneratedRegex(@"\bfamily\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Family();

    [GeneratedRegex(@"\b(?:trains?|rail|railways?|eurostar|bus|buses|ferry|ferries)\b(?!\s+(?:stations?|terminals?|stops?|port|tours?|rides?))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherTransport();

    private async Task<TurnReply> ReplyToAsync(DialogState state, string utterance, DateOnly today, CancellationToken ct)
    {
        var frame = understanding.Parse(utterance, today);
        (frame, state) = InOwnCurrency(frame, state);
        if (frame.Question is { } question)
        {
            return Answer(question, utterance, state, today);
        }
        var slots = DialogState.HasSlots(frame);
        switch (frame.Intent)
        {
            case TripIntent.Help when !slots:
                return new TurnReply(HelpText, [], ["Flights from Boston to Lisbon next Friday", "Hotels in Paris for 3 nights", "Somewhere warm in January from Boston"], state);
            case TripIntent.SmallTalk when !slots:
                return new TurnReply("Hello! Tell me where you would like to go, and from where, and I will find flights, hotels and things to do.",
                    [], ["Plan a trip to Lisbon", "Somewhere warm and cheap in January", "Help"], state);
            case TripIntent.ShowTrip when !slots:
                return ShowSelections(state);
            case TripIntent.Book when !slots:
                return new TurnReply(BookText(state), [], [], state);
        }
        // "Lisbon" or "the second one" after a list of destinations: that one, with the same dates and people.
        if (Choose(state, frame, utterance) is { } chosen)
        {
            frame = frame with { Destination = chosen, Somewhere = null };
            slots = true;
        }
        if (!slots && frame.Intent is null)
        {
            return NotUnderstood(state, utterance, today);
        }
        if (!slots && state.Intent is not null && frame.Intent == state.Intent)
        {
            // "can you look for flights?" again: nothing new, so ask or say what is missing instead of replaying results.
            return NotUnderstood(state, utterance, today);
        }
        if (frame.Edits is { Count: > 0 } && state.Intent is not null && frame.Destination is null && frame.Origin is null && frame.Somewhere is null)
        {
            // "stay an extra night", "a stop is fine": an edit of the trip under way, not a new kind of search;
            // while looking at things to do, the trip is the flights or stay searched before.
            frame = frame with { Intent = state.Intent == TripIntent.SearchActivities ? state.TripIntent : null };
        }
        frame = NearHeldDate(frame, state, utterance);
        frame = InHeldWindow(frame, state, utterance);
        var (next, changes) = Apply(state, frame, utterance, today);
        if (state.Asking is not null)
        {
            // An answer that fills another piece than the one asked: say it was kept.
            var before = Understood.Of(state).Select(u => u.Text).ToHashSet(StringComparer.Ordinal);
            // What a change line already says ("Budget: $400 each.") is not noted twice.
            var added = Understood.Of(next).Where(u => !before.Contains(u.Text) && u.Slot is not "intent"
                    && !changes.Any(c => c.Contains(u.Text, StringComparison.OrdinalIgnoreCase) || u.Slot is "maxPrice" or "maxNightly" && c.StartsWith("Budget", StringComparison.Ordinal)))
                .Select(u => u.Slot switch { "departTime" => "the time of day", "maxPrice" or "maxNightly" => "your budget", _ => InSentence(u.Text) }).ToList();
            if (added.Count > 0 && Question.Missing(next, today) == state.Asking)
            {
                changes.Insert(0, $"Noted: {List(added)}.");
            }
        }
        if (frame.ChildrenOnly && frame.Passengers is { Adults: > 1 })
        {
            changes.Add("Children of 12 and over fly at the adult fare.");
        }
        if (frame.PartyIsSize && next.Passengers is { Children: 0, Infants: 0, Adults: >= 3 } family && Family().IsMatch(utterance))
        {
            // "a family of five": likely some children, whose fares are lower; the ages decide the fare.
            changes.Add($"I've priced all {family.Adults} as adults: if some are children, tell me their ages (\"the kids are 4 and 9\") for children's fares.");
        }
        if (next.Intent is null or TripIntent.ShowTrip or TripIntent.Book or TripIntent.Help or TripIntent.SmallTalk)
        {
            next = next with { Intent = TripIntent.SearchFlights };
        }
        return await AnswerAsync(next, today, changes, ct);
    }

    /// <summary>
    /// Prices in the traveller's own money: searches from Manchester in pounds, from Lisbon in euros (the
    /// origin country's currency, when searches can price in it), and a budget said without a currency
    /// ("under 900") in the same money. A budget with its currency ("$900", "900 euros") keeps it.
    /// </summary>
    private (TripFrame Frame, DialogState State) InOwnCurrency(TripFrame frame, DialogState state)
    {
        var origin = frame.Origin ?? (frame.Legs is { Count: > 0 } legs ? legs[0].Origin : state.Origin);
        var home = origin is not null && inventory.Directory.Find(origin.Code) is { } place
            && Knowledge.CurrencyOf(place.CountryCode)?.Code is { } code && SearchCurrencies.IsSupported(code) ? code : null;
        var money = home ?? "USD";
        static Platform.Money? As(Platform.Money? m, string currency) => m is null || m.Currency == currency ? m : m with { Currency = currency };
        if (frame.BudgetCurrencyAssumed)
        {
            frame = frame with { MaxPrice = As(frame.MaxPrice, money), Stay = frame.Stay is { } stay ? stay with { MaxNightly = As(stay.MaxNightly, money) } : null };
        }
        state = state with { Currency = home };
        if (state.BudgetCurrencyAssumed)
        {
            state = state with { MaxPrice = As(state.MaxPrice, money), MaxNightly = As(state.MaxNightly, money) };
        }
        return (frame, state);
    }

    /// <summary>A "what I understood" line inside a sentence: "With a pool" as "with a pool"; "From Boston (BOS)" keeps its names.</summary>
    private static string InSentence(string line) =>
        line.Length > 1 && char.IsUpper(line[0]) && char.IsLower(line[1]) ? char.ToLowerInvariant(line[0]) + line[1..] : line;

    private static PlaceRef? Choose(DialogState state, TripFrame frame, string utterance)
    {
        if (state.Offered is not { Count: > 0 } offered || frame.Somewhere is not null)
        {
            return null;
        }
        if (frame.Destination is { } d && offered.FirstOrDefault(o => o.Code == d.Code || string.Equals(o.Name, d.Name, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            return named;
        }
        var words = utterance.ToLowerInvariant();
        string[] ordinals = ["first", "second", "third", "fourth"];
        for (var i = 0; i < Math.Min(offered.Count, ordinals.Length); i++)
        {
            if (words.Contains(ordinals[i], StringComparison.Ordinal) || words.Contains($"number {i + 1}", StringComparison.Ordinal) || words.Contains($"option {i + 1}", StringComparison.Ordinal))
            {
                return offered[i];
            }
        }
        return offered.FirstOrDefault(o => words.Contains(o.Name.ToLowerInvariant(), StringComparison.Ordinal));
    }

    /// <summary>Nothing travel-like was said: never a replay of old results; the pending question again in other words, or a plain "I can't help with that".</summary>
    private static TurnReply NotUnderstood(DialogState state, string utterance, DateOnly today)
    {
        if (state.Asking is not null && Question.Ask(state, state.Asking, state.Asked, today) is { } again)
        {
            return new TurnReply($"Sorry, I did not catch that. {again.Text}", [], again.Suggestions, state with { Asked = state.Asked + 1 });
        }
        var looksLikeQuestion = utterance.TrimEnd().EndsWith('?') || utterance.StartsWith("what", StringComparison.OrdinalIgnoreCase) || utterance.StartsWith("who", StringComparison.OrdinalIgnoreCase)
            || utterance.StartsWith("how", StringComparison.OrdinalIgnoreCase) || utterance.StartsWith("why", StringComparison.OrdinalIgnoreCase);
        var text = state.Intent is null && !looksLikeQuestion
            ? "I did not catch a trip in that. Tell me where you want to go, for example \"flights from Boston to Lisbon next Friday\", or ask for ideas: \"somewhere warm in January\"."
            : "I can't help with that here. I plan trips: flights, places to stay and things to do, and I can tell you the typical weather, local time and currency of a destination.";
        return new TurnReply(text, [], ["Help", "Somewhere warm in January"], state);
    }

    /// <summary>
    /// "actually make it Saturday" corrects the planned day: a weekday said in a correction is the
    /// one nearest the held departure, not the first one after today.
    /// </summary>
    private static TripFrame NearHeldDate(TripFrame frame, DialogState state, string utterance)
    {
        // A correction ("actually make it Saturday"), or a follow-up on the same route that names only a
        // weekday ("what about flights that leave friday morning"): "next"/"this" Friday mean what they say.
        var followUp = frame is { Origin: null, Destination: null, Window: null, Somewhere: null }
            && !ExplicitWeek().IsMatch(utterance);
        if (frame is not { DepartDate: { } said, ReturnDate: null } || frame.Act != FrameAct.Change && !followUp || state.DepartDate is not { } held
            || !utterance.Contains(said.DayOfWeek.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return frame;
        }
        var shift = ((int)said.DayOfWeek - (int)held.DayOfWeek + 7) % 7;
        var near = held.AddDays(shift > 3 ? shift - 7 : shift);
        return frame with { DepartDate = near };
    }

    /// <summary>
    /// "the 12th" while a month is held ("somewhere warm in January", no day chosen yet): that day of
    /// the held month, not of the current one. Only a bare day of the month moves; a named month,
    /// "tomorrow" or a weekday means what it says.
    /// </summary>
    private static TripFrame InHeldWindow(TripFrame frame, DialogState state, string utterance)
    {
        if (state.Window is not { } w || state.DepartDate is not null || !BareDayOfMonth().IsMatch(utterance) || MonthName().IsMatch(utterance))
        {
            return frame;
        }
        DateOnly? Within(DateOnly? said)
        {
            if (said is not { } d || d >= w.From && d <= w.To)
            {
                return said;
            }
            for (var m = new DateOnly(w.From.Year, w.From.Month, 1); m <= w.To; m = m.AddMonths(1))
            {
                if (d.Day <= DateTime.DaysInMonth(m.Year, m.Month) && new DateOnly(m.Year, m.Month, d.Day) is var day && day >= w.From && day <= w.To)
                {
                    return day;
                }
            }
            return said;
        }
        return frame with
        {
            DepartDate = Within(frame.DepartDate),
            Stay = frame.Stay is { CheckIn: not null } stay ? stay with { CheckIn = Within(stay.CheckIn) } : frame.Stay,
        };
    }

    [GeneratedRegex(@"\b(?:next|this|coming|tomorrow|today|tonight)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitWeek();

    [GeneratedRegex(@"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|\bthe\s+\d{1,2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex BareDayOfMonth();

    [GeneratedRegex(@"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}[/.-]\d{1,2}", RegexOptions.IgnoreCase)]
    private static partial Regex MonthName();

    /// <summary>
    /// Applies a frame to the state: its values (the last word wins), then its edits (shifts, nights,
    /// removals), and says what changed in words for the reply ("Leaving Thursday 13 March instead, same return").
    /// </summary>
    internal static (DialogState State, List<string> Changes) Apply(DialogState before, TripFrame frame, string utterance, DateOnly today)
    {
        var state = before.Merge(frame, utterance);
        var changes = new List<string>();
        foreach (var edit in frame.Edits ?? [])
        {
            switch (edit.Kind)
            {
                case EditKind.ShiftDepart when state.DepartDate is { } d:
                    // A trip given by its length ("for a week", "3 nights") keeps it: the return moves too.
                    var byLength = state.Nights is { } length && state.ReturnDate == d.AddDays(length);
                    state = state with { DepartDate = d.AddDays(edit.Days) };
                    if (byLength)
                    {
                        state = state with { ReturnDate = state.ReturnDate!.Value.AddDays(edit.Days) };
                    }
                    else if (state.ReturnDate is { } held && held <= state.DepartDate)
                    {
                        state = state with { ReturnDate = state.DepartDate.Value.AddDays(Math.Max(1, held.DayNumber - d.DayNumber)) };
                    }
                    break;
                case EditKind.ShiftReturn when state.ReturnDate is { } r:
                    state = state with { ReturnDate = r.AddDays(edit.Days) };
                    break;
                case EditKind.ShiftReturn when state.DepartDate is not null:
                    changes.Add("There is no return date to move yet.");
                    break;
                case EditKind.ShiftTrip when state.DepartDate is { } d:
                    state = state with { DepartDate = d.AddDays(edit.Days), ReturnDate = state.ReturnDate?.AddDays(edit.Days) };
                    break;
                case EditKind.Nights when state.DepartDate is { } d:
                    var nights = (state.ReturnDate is { } back ? back.DayNumber - d.DayNumber : state.Nights ?? 0) + edit.Days;
                    if (nights < 1)
                    {
                        changes.Add("That would leave no night at all, so I kept the dates.");
                        break;
                    }
                    state = state with { ReturnDate = d.AddDays(nights), Nights = nights, TripType = Understanding.TripType.RoundTrip };
                    break;
                case EditKind.Nights:
                    state = state with { Nights = Math.Max(1, (state.Nights ?? 0) + edit.Days) };
                    break;
                case EditKind.Remove:
                    (state, var said) = Remove(state, edit.Slot);
                    changes.Add(said);
                    break;
                default:
                    changes.Add("There is no date to move yet: tell me when you would like to leave.");
                    break;
            }
        }
        changes.InsertRange(0, Describe(before, state, frame));
        return (state, changes);
    }

    /// <summary>The removal slot of one amenity: "amenity:breakfast".</summary>
    internal const string AmenitySlot = "amenity:";

    private static (DialogState, string) Remove(DialogState s, string? slot) => slot switch
    {
        "airlines" => (s with { Airlines = null }, "Any airline now."),
        "maxPrice" => (s with { MaxPrice = null, MaxPriceBasis = null, MaxNightly = null }, "No budget limit now."),
        "nonStop" => (s with { NonStop = null }, "Flights with stops are fine now."),
        "departTime" => (s with { DepartTime = null, ReturnTime = null }, "Any time of day now."),
        "cabin" => (s with { Cabin = null }, "Any cabin now, so economy fares."),
        "minStars" => (s with { MinStars = null }, "Any star rating now."),
        "area" => (s with { Area = null }, "Anywhere in the city now."),
        { } said when said.StartsWith(AmenitySlot, StringComparison.Ordinal) && s.Amenities?.Contains(said[AmenitySlot.Length..]) == true =>
            (s with { Amenities = s.Amenities.Count == 1 ? null : [.. s.Amenities.Where(a => a != said[AmenitySlot.Length..])] }, $"Not only hotels {AmenityPhrase([said[AmenitySlot.Length..]])} now."),
        _ => (s, ""),
    };

    /// <summary>What differs between two states, in words, for constraints the traveller had already given.</summary>
    private static IEnumerable<string> Describe(DialogState a, DialogState b, TripFrame frame)
    {
        var departMoved = a.DepartDate is { } ad && b.DepartDate is { } bd && ad != bd;
        var returnMoved = a.ReturnDate is { } ar && b.ReturnDate is { } br && ar != br;
        if (departMoved && returnMoved && b.ReturnDate!.Value.DayNumber - b.DepartDate!.Value.DayNumber == a.ReturnDate!.Value.DayNumber - a.DepartDate!.Value.DayNumber)
        {
            var days = b.DepartDate.Value.DayNumber - a.DepartDate.Value.DayNumber;
            yield return $"Moved the whole trip {Plural(Math.Abs(days), "day", "days")} {(days > 0 ? "later" : "earlier")}: {Day(b.DepartDate.Value)} to {Day(b.ReturnDate.Value)}.";
        }
        else if (departMoved)
        {
            yield return $"Leaving {Day(b.DepartDate!.Value)} instead{(b.ReturnDate is { } r ? returnMoved ? $", back {Day(r)}" : ", same return" : "")}.";
        }
        else if (returnMoved)
        {
            yield return $"Coming back {Day(b.ReturnDate!.Value)} instead, same departure.";
        }
        else if (a.ReturnDate is null && b.ReturnDate is { } added && a.DepartDate is not null && a.Intent is TripIntent.SearchFlights && frame.Edits is { Count: > 0 })
        {
            yield return $"Coming back {Day(added)}.";
        }
        if (a.Passengers is { } ap && b.Passengers is { } bp && ap != bp)
        {
            yield return $"Now {People(bp)}.";
        }
        if (a.Cabin != b.Cabin && a.Origin is not null && b.Cabin is { } c)
        {
            yield return $"{char.ToUpperInvariant(CabinName(c)[0])}{CabinName(c)[1..]} now.";
        }
        if (a.NonStop != true && b.NonStop == true && a.Origin is not null)
        {
            yield return "Nonstop only now.";
        }
        if (a.Origin is { } ao && b.Origin is { } bo && ao.Code != bo.Code)
        {
            yield return $"From {bo.Name} now.";
        }
        if (a.Destination is { } ade && b.Destination is { } bde && ade.Code != bde.Code)
        {
            yield return $"To {bde.Name} now.";
        }
        if (b.MaxPrice is { } m && (a.MaxPrice != m || a.MaxPriceBasis != b.MaxPriceBasis) && a.Origin is not null)
        {
            yield return $"Budget: {Money(m)} {(b.MaxPriceBasis == BudgetBasis.PerPerson ? "each" : "in total")}.";
        }
    }

    /// <summary>Asks the next missing piece (never the same words twice in a row, a default after two tries — one for the party), or searches.</summary>
    public async Task<TurnReply> AnswerAsync(DialogState state, DateOnly today, IReadOnlyList<string> changes, CancellationToken ct)
    {
        var defaults = new List<string>();
        while (Question.Missing(state, today) is { } slot)
        {
            var asked = state.Asking == slot ? state.Asked : 0;
            // The party has a plain default said aloud ("1 adult — tell me if you are more"): asked once is enough.
            if (asked >= (slot == "passengers" ? 1 : 2) && Question.Default(state, slot, today) is { } fallback)
            {
                state = fallback.State with { Asking = null, Asked = 0 };
                defaults.Add(fallback.Said);
                continue;
            }
            var question = Question.Ask(state, slot, asked, today)!;
            var lead = string.Join(" ", changes.Where(c => c.Length > 0));
            return new TurnReply((lead.Length > 0 ? lead + " " : "") + question.Text, [], question.Suggestions, state with { Asking = slot, Asked = asked + 1 });
        }
        state = state with { Asking = null, Asked = 0 };
        var reply = state switch
        {
            { Somewhere: not null } => await DestinationsAsync(state, today, ct),
            { Legs.Count: > 0 } => await MultiCityAsync(state, ct),
            { Window: not null, DepartDate: null } when state.Intent is TripIntent.SearchFlights or TripIntent.PlanTrip => await FlexibleAsync(state, today, ct),
            { Intent: TripIntent.SearchHotels } => await HotelsAsync(state, ct),
            { Intent: TripIntent.SearchActivities } => await ActivitiesAsync(state, ct),
            { Intent: TripIntent.PlanTrip } => await PlanAsync(state, ct),
            _ => await FlightsAsync(state, ct),
        };
        var notes = changes.Where(c => c.Length > 0).Concat(defaults).ToList();
        return notes.Count == 0 ? reply : reply with { Text = string.Join(" ", notes) + " " + reply.Text };
    }

    private static TurnReply ShowSelections(DialogState s)
    {
        if (s.Selections.Count == 0)
        {
            return new TurnReply("You have not picked anything yet. Pick a flight or a hotel from the results and it is kept here; once signed in you can turn your picks into a trip.", [], [], s);
        }
        var names = s.Selections.Select(x => PickName(x.Card));
        return new TurnReply($"So far you picked: {string.Join("; ", names)}.", [.. s.Selections.Select(x => x.Card)], [], s);
    }

    private static string BookText(DialogState s) => s.Selections.Count == 0
        ? "To book, first pick one of the options I found: press its pick button, or say \"I'll take the first one\". Then press \"Review and book\" in your trip so far."
        : "To book, press \"Review and book\" in your trip so far: the booking step asks for the travellers and confirms the price before it charges anything.";

    private const string HelpText =
        "I plan trips. Tell me where you want to go, from where, when and who travels — for example \"two adults from Boston to Lisbon next Friday, back Sunday, under 900 dollars each\". "
        + "I ask for what is missing, then show flights, hotels or things to do. Change anything as we go (\"a day earlier\", \"come back on the 20th instead\", \"nonstop only\", \"business instead\", \"add my wife\", \"forget the budget\"), "
        + "ask for ideas (\"somewhere warm and cheap in January\", \"the cheapest 5 days in June\"), or ask about a place (\"what's the weather like in Lisbon in March?\").";

    internal static string Flights(Itinerary itinerary) =>
        string.Join(" and ", itinerary.Segments.Select(x => $"{x.CarrierCode} {x.FlightNumber}"));

    internal static string Price(Platform.Money m) => Money(m);

    internal static ResultCard FlightCard(FlightOffer o) => new(ResultCard.FlightKind, o.Id, Flight: o, Price: FlightPrice(o, null, null));

    internal static ResultCard HotelCard(HotelOffer o) => new(ResultCard.HotelKind, o.Id, Hotel: o,
        Price: new CardPrice(o.Total, o.Nightly, Math.Max(1, o.Adults), o.Nightly, o.CheckOut.DayNumber - o.CheckIn.DayNumber));
}
