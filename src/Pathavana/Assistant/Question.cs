using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

/// <summary>
/// The dialog's questions: which piece is missing, how to ask for it (other words each time it is
/// asked again), and the sensible default taken after two tries ("I searched for 1 adult — tell me
/// if you are more").
/// </summary>
internal sealed record Question(string Slot, string Text, IReadOnlyList<string> Suggestions)
{
    /// <summary>The first missing or unusable slot, in the order a travel agent would ask.</summary>
    public static string? Missing(DialogState s, DateOnly today)
    {
        var flights = s.Intent is TripIntent.SearchFlights or TripIntent.PlanTrip || s.Somewhere is not null;
        var stay = s.Intent is TripIntent.SearchHotels or TripIntent.PlanTrip && s.Somewhere is null;
        if (s.Legs is { Count: > 0 } legs)
        {
            if (legs.Count > 6)
            {
                return null; // said in the answer: at most 6 flights
            }
            if (legs.Any(l => Unsearchable(l.Date, today)))
            {
                return "legDate";
            }
            return PartyMissing(s) ? "passengers" : null;
        }
        if (s.Destination is null && s.Somewhere is null)
        {
            return "destination";
        }
        if (s.Intent == TripIntent.SearchActivities && s.Somewhere is null)
        {
            return null;
        }
        if (flights && s.Origin is null)
        {
            return "origin";
        }
        if (flights && s.Origin is { } o && s.Destination is { } d && string.Equals(o.Code, d.Code, StringComparison.OrdinalIgnoreCase))
        {
            return "origin";
        }
        if (s.Somewhere is not null)
        {
            return s.DepartDate is null && s.Window is null ? "departDate" : null; // fares per person until the party is known
        }
        if (s.Window is not null && s.DepartDate is null && flights)
        {
            // A window ("in January") is searched day by day for the cheapest flights; a stay alone needs its dates.
            if (stay && s.Nights is null && s.Window.ReturnOn is null)
            {
                return "nights";
            }
            return PartyMissing(s) ? "passengers" : null;
        }
        if (Unsearchable(s.DepartDate, today))
        {
            return "departDate";
        }
        if (stay && s.ReturnDate is null && s.Nights is null)
        {
            return "returnDate";
        }
        return PartyMissing(s) ? "passengers" : null;
    }

    /// <summary>
    /// No party yet, or one that cannot travel as said (<see cref="SearchRules.Passengers"/>): no adult ("add a
    /// child aged 6" before any adult), more seats than one booking holds, more lap infants than adults.
    /// </summary>
    private static bool PartyMissing(DialogState s) => s.Passengers is not { } p || SearchRules.Passengers(p).Count > 0;

    /// <summary>Whether a travel date is still to be asked for: none said, or one <see cref="SearchRules.TravelDate"/> refuses (past, beyond the booking horizon).</summary>
    private static bool Unsearchable(DateOnly? date, DateOnly today) =>
        date is not { } day || SearchRules.TravelDate("date", day, today) is not null;

    /// <summary>Up to three check-in days in <paramref name="window"/> from tomorrow on, Fridays first, as "Friday 8 January".</summary>
    private static List<string> CheckInDays(DateWindow window, DateOnly today)
    {
        var from = window.From > today ? window.From : today.AddDays(1);
        var days = Enumerable.Range(0, Math.Max(0, window.To.DayNumber - from.DayNumber + 1)).Select(from.AddDays).ToList();
        var fridays = days.Where(d => d.DayOfWeek == DayOfWeek.Friday).Take(3).ToList();
        return [.. (fridays.Count > 0 ? fridays : days.Take(1)).Select(d => d.ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>The question for a slot; <paramref name="asked"/> is how many times it was asked already (the words differ each time).</summary>
    public static Question? Ask(DialogState s, string slot, int asked, DateOnly today)
    {
        var flights = s.Intent is TripIntent.SearchFlights or TripIntent.PlanTrip || s.Somewhere is not null;
        var stay = s.Intent is TripIntent.SearchHotels or TripIntent.PlanTrip;
        string Pick(params string[] texts) => texts[asked % texts.Length]; // never the same words twice in a row
        switch (slot)
        {
            case "destination":
                return new Question(slot, s.Intent == TripIntent.SearchHotels
                        ? Pick("Which city would you like to stay in?", "In which city should I look for a place to stay?", "Tell me the city for the hotel, for example \"Paris\".")
                        : s.Intent == TripIntent.SearchActivities
                            ? Pick("In which city are you looking for things to do?", "Which city should I find things to do in?", "Tell me a city, for example \"things to do in Rome\".")
                            : Pick("Where would you like to go?", "Which city are you heading to?", "Tell me a destination, for example \"Lisbon\", or ask for ideas: \"somewhere warm\"."),
                    asked >= 1 ? ["Somewhere warm and cheap", "Lisbon", "New York"] : []);
            case "origin":
                var to = s.Destination?.Name;
                if (s.Origin is { } o && s.Destination is { } d && o.Code == d.Code)
                {
                    return new Question(slot, $"You are already in {o.Name}. Where will you be flying from?", []);
                }
                return new Question(slot, to is null
                        ? Pick("Where will you be flying from?", "Which city do you leave from?", "I still need your departure city or airport, for example \"from Boston\".")
                        : Pick($"Where will you be flying to {to} from?", "Which city do you leave from?", $"I still need your departure city or airport to search flights to {to}, for example \"from Boston\"."),
                    asked >= 1 ? ["from New York", "from London", "from Boston"] : []);
            case "departDate":
                var horizon = (s.DepartDate is { } said ? SearchRules.TravelDate("departDate", said, today)?.Rule : null) switch
                {
                    SearchRule.DateInPast => "That date has passed. ",
                    SearchRule.DateBeyondHorizon => $"I can search up to {InventoryLimits.BookingHorizonDays} days ahead. ",
                    _ => "",
                };
                if (stay && !flights && s.Window is { } month)
                {
                    // "a hotel in Rome in January": a stay needs its day; offer days of that window.
                    var days = CheckInDays(month, today);
                    return new Question(slot, horizon + Pick($"Which day in {month.Label} do you check in?", $"What day in {month.Label} do you arrive at the hotel?",
                        $"Tell me the check-in day in {month.Label}{(days.Count > 0 ? $", for example \"{days[0]}\"" : "")}."), days);
                }
                return new Question(slot, horizon + (stay && !flights
                        ? Pick("When would you like to check in?", "What day do you arrive at the hotel?", "Which check-in date should I search? (\"12 March\", \"next Friday\")")
                        : Pick("When would you like to leave?", "What day would you like to fly out?", "Which departure date should I search? A month works too (\"sometime in June\").")),
                    stay && !flights ? ["tomorrow", "next Friday", "in two weeks"] : ["tomorrow", "next Friday", "sometime next month"]);
            case "returnDate":
                return new Question(slot, flights
                        ? Pick("When will you come back?", "What day do you fly home?", "How long will you stay? (\"for a week\", \"back on the 20th\")")
                        : Pick("When will you check out?", "How many nights will you stay?", "Which check-out date should I search?"),
                    ["for 3 nights", "for a week", flights ? "one way" : "for 2 nights"]);
            case "nights":
                return new Question(slot, Pick("How many nights would you like to stay?", "How long is the stay?", "Tell me the length, for example \"3 nights\"."), ["3 nights", "a week", "one way"]);
            case "legDate":
                var leg = s.Legs!.First(l => Unsearchable(l.Date, today));
                var index = s.Legs!.ToList().IndexOf(leg);
                return new Question(slot, index == 0
                        ? Pick($"When do you fly from {leg.Origin.Name} to {leg.Destination.Name}?", $"What day is the first flight, {leg.Origin.Name} to {leg.Destination.Name}?", $"Which date for {leg.Origin.Name} to {leg.Destination.Name}?")
                        : Pick($"And when do you fly on from {leg.Origin.Name} to {leg.Destination.Name}?", $"How many nights in {leg.Origin.Name} before flying to {leg.Destination.Name}?", $"Which date for {leg.Origin.Name} to {leg.Destination.Name}?"),
                    index == 0 ? ["next Friday", "in two weeks"] : ["3 nights later", "a week later"]);
            case "passengers":
                IReadOnlyList<SearchIssue> issues = s.Passengers is { } party ? SearchRules.Passengers(party) : [];
                var why = (issues.Count > 0 ? issues[0].Rule : (SearchRule?)null) switch
                {
                    SearchRule.TooManySeated => $"I can search for up to {InventoryLimits.MaxSeatedPassengers} seated travellers in one booking. ",
                    SearchRule.InfantsOutnumberAdults => "Each infant travels on an adult's lap, so there can be no more infants than adults. ",
                    _ => "",
                };
                return new Question(slot, why + (flights
                        ? Pick("How many people are travelling?", "Who is coming along? Just you, or more of you?", "How many travellers should I search for?")
                        : Pick("How many guests?", "How many people will stay?", "For how many guests should I search?")),
                    ["1 adult", "2 adults", "2 adults and 1 child"]);
            default:
                return null;
        }
    }

    /// <summary>After two tries: the sensible default and the words that say it, or null when there is none (places).</summary>
    public static (DialogState State, string Said)? Default(DialogState s, string slot, DateOnly today)
    {
        switch (slot)
        {
            case "passengers":
                return (s with { Passengers = new PassengerMix(1) }, "I searched for 1 adult — tell me if you are more.");
            case "returnDate" when s.Intent is TripIntent.SearchHotels or TripIntent.PlanTrip && s.DepartDate is { } d:
                return (s with { ReturnDate = d.AddDays(2), Nights = 2 }, $"I searched for 2 nights, to {Day(d.AddDays(2))} — tell me if you stay longer.");
            case "nights":
                return (s with { Nights = 3 }, "I searched for 3 nights — tell me if you stay longer.");
            case "departDate":
                if (s.Window is { } w && w.From >= today)
                {
                    // A month or a range was said ("in January"): its first day, not an unrelated one.
                    return (s with { DepartDate = w.From, Window = null }, $"I searched from {Day(w.From)}, the start of {w.Label} — tell me the date you have in mind.");
                }
                var date = today.AddDays(14);
                return (s with { DepartDate = date, Window = null }, $"I searched for {Day(date)}, two weeks from today — tell me the date you have in mind.");
            case "legDate":
                var legs = s.Legs!.ToList();
                var previous = today.AddDays(11);
                for (var i = 0; i < legs.Count; i++)
                {
                    if (Unsearchable(legs[i].Date, today))
                    {
                        legs[i] = legs[i] with { Date = previous.AddDays(3) };
                    }
                    previous = legs[i].Date!.Value;
                }
                return (s with { Legs = legs }, "I took 3 nights at each stop, starting two weeks from today — tell me your dates.");
            default:
                return null;
        }
    }
}
