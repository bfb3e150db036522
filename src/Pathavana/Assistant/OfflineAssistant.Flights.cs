using System.Globalization;
using System.Text;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

/// <summary>What a flight search found: every offer of the search (as the API would list them) and those that meet the chat's own filters.</summary>
internal sealed record FlightFinding(FlightSearch Search, IReadOnlyList<FlightOffer> All, IReadOnlyList<FlightOffer> Matching, string? Problem = null);

internal sealed partial class OfflineAssistant
{
    /// <summary>
    /// The search the session asks for, with the parameters of <c>GET /api/v1/flights/search</c> only
    /// (route, dates, travellers, cabin, nonstop, currency): airlines, budget, time of day and sort are
    /// applied to its offers afterwards, so that <see cref="SearchInfo.Total"/> is what that endpoint lists.
    /// </summary>
    /// <summary>
    /// The party to search for: the one held (1 adult when none is), with at least one adult and no more lap
    /// infants than adults. The dialog asks again before searching a party <see cref="SearchRules.Passengers"/>
    /// refuses; this only guards the paths that search with fares per person before the party is known.
    /// </summary>
    private static PassengerMix Party(DialogState s)
    {
        var p = s.Passengers ?? new PassengerMix(1);
        var adults = Math.Max(1, p.Adults);
        return p with { Adults = adults, Infants = Math.Min(p.Infants, adults) };
    }

    internal static FlightSearch FlightSearchOf(DialogState s)
    {
        var mix = Party(s);
        List<FlightLeg> legs;
        if (s.Legs is { Count: > 0 } multi)
        {
            legs = [.. multi.Select(l => new FlightLeg(l.Origin.Code, l.Destination.Code, l.Date!.Value))];
        }
        else
        {
            legs = [new(s.Origin!.Code, s.Destination!.Code, s.DepartDate!.Value)];
            if (s.ReturnDate is { } r && s.TripType != Understanding.TripType.OneWay && r >= s.DepartDate)
            {
                legs.Add(new FlightLeg(s.Destination.Code, s.Origin.Code, r));
            }
        }
        return new FlightSearch(legs, mix, s.Cabin ?? Cabin.Economy, s.NonStop == true, Currency(s), MaxResults: 50);
    }

    /// <summary>What searches price in: the budget's currency, else the trip's origin's (<see cref="DialogState.Currency"/>), else US dollars.</summary>
    private static string Currency(DialogState s) => s.MaxPrice?.Currency ?? s.MaxNightly?.Currency ?? s.Currency ?? "USD";

    /// <summary>The query of <c>GET /api/v1/flights/search</c> for a search (one-way or round trip; multi-city lists its legs).</summary>
    internal static SearchInfo FlightInfo(FlightSearch search, int total)
    {
        var q = new Dictionary<string, string>(StringComparer.Ordinal);
        var legs = search.Legs;
        var roundTrip = legs.Count == 2 && legs[0].Origin == legs[1].Destination && legs[0].Destination == legs[1].Origin;
        if (legs.Count <= 1 || roundTrip)
        {
            q["origin"] = legs[0].Origin;
            q["destination"] = legs[0].Destination;
            q["departureDate"] = legs[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (roundTrip)
            {
                q["returnDate"] = legs[1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
        else
        {
            // Multi-city: one "ORIGIN-DESTINATION-YYYY-MM-DD" per flight, comma-separated, in order.
            q["legs"] = string.Join(",", legs.Select(l => $"{l.Origin}-{l.Destination}-{l.Date:yyyy-MM-dd}"));
        }
        q["adults"] = search.Passengers.Adults.ToString(CultureInfo.InvariantCulture);
        q["children"] = search.Passengers.Children.ToString(CultureInfo.InvariantCulture);
        q["infants"] = search.Passengers.Infants.ToString(CultureInfo.InvariantCulture);
        q["cabin"] = search.Cabin switch { Cabin.PremiumEconomy => "premium_economy", Cabin.Business => "business", Cabin.First => "first", _ => "economy" };
        q["nonStop"] = search.NonStop ? "true" : "false";
        q["currency"] = search.Currency;
        return new SearchInfo("flights", q, total);
    }

    /// <summary>The fare one traveller pays: the adult fare of the breakdown (else the average).</summary>
    /// <summary>Whom a fare of the price breakdown is for, in words: "an adult", "a child", "a lap infant".</summary>
    private static string FareFor(PassengerPrice fare) => fare.Category switch
    {
        PassengerCategory.Child => "a child",
        PassengerCategory.Infant => fare.Type.Equals("SEATED_INFANT", StringComparison.OrdinalIgnoreCase) ? "a seated infant" : "a lap infant",
        _ => "an adult",
    };

    internal static Platform.Money PerPerson(FlightOffer o)
    {
        var adult = o.PriceBreakdown.FirstOrDefault(p => p.Type.Equals("adult", StringComparison.OrdinalIgnoreCase) || p.Type.Equals("ADT", StringComparison.OrdinalIgnoreCase));
        if (adult is not null)
        {
            return adult.PerPerson;
        }
        var count = Math.Max(1, o.PriceBreakdown.Sum(p => p.Count));
        return new Platform.Money(Math.Round(o.TotalPrice.Amount / count, 2), o.TotalPrice.Currency);
    }

    /// <summary>True when the offer is within the budget, compared the way it was said (per person or for the party).</summary>
    internal static bool WithinBudget(FlightOffer o, DialogState s) => s.MaxPrice is not { } max || o.TotalPrice.Currency != max.Currency
        || (s.MaxPriceBasis == BudgetBasis.PerPerson ? PerPerson(o).Amount : o.TotalPrice.Amount) <= max.Amount;

    internal static CardPrice FlightPrice(FlightOffer o, DialogState? s, Platform.Money? budget)
    {
        var travellers = Math.Max(1, o.PriceBreakdown.Sum(p => p.Count));
        var perPerson = PerPerson(o);
        Platform.Money? over = null;
        if (budget is { } b && b.Currency == o.TotalPrice.Currency)
        {
            var compared = s?.MaxPriceBasis == BudgetBasis.PerPerson ? perPerson.Amount : o.TotalPrice.Amount;
            over = compared > b.Amount ? new Platform.Money(compared - b.Amount, b.Currency) : null;
        }
        return new CardPrice(o.TotalPrice, perPerson, travellers, Budget: budget,
            BudgetBasis: budget is null ? null : s?.MaxPriceBasis == BudgetBasis.PerPerson ? "perPerson" : "total", OverBudget: over);
    }

    private static ResultCard Card(FlightOffer o, DialogState s) => new(ResultCard.FlightKind, o.Id, Flight: o, Price: FlightPrice(o, s, s.MaxPrice));

    private async Task<FlightFinding> FindFlightsAsync(DialogState s, CancellationToken ct, FlightSearch? search = null)
    {
        search ??= FlightSearchOf(s);
        IReadOnlyList<FlightOffer> all;
        try
        {
            all = await inventory.SearchFlightsAsync(search, ct);
        }
        catch (ArgumentException)
        {
            return new FlightFinding(search, [], [], "I could not search that route. Check the airports and dates.");
        }
        return new FlightFinding(search, all, Filter(all, s));
    }

    private static List<FlightOffer> Filter(IEnumerable<FlightOffer> offers, DialogState s, bool budget = true, bool time = true, bool airlines = true)
    {
        if (airlines && s.Airlines is { Count: > 0 } wanted)
        {
            offers = offers.Where(o => wanted.Contains(o.ValidatingAirline, StringComparer.OrdinalIgnoreCase)
                || o.Itineraries.All(i => i.Segments.All(x => wanted.Contains(x.CarrierCode, StringComparer.OrdinalIgnoreCase))));
        }
        if (time && s.DepartTime is { } window)
        {
            offers = offers.Where(o => InWindow(TimeOnly.FromDateTime(o.Itineraries[0].Segments[0].Departure.DateTime), window));
        }
        if (time && s.ReturnTime is { } back)
        {
            // The way back is the second itinerary of a round trip; a one-way offer has none to check.
            offers = offers.Where(o => o.Itineraries.Count < 2 || InWindow(TimeOnly.FromDateTime(o.Itineraries[1].Segments[0].Departure.DateTime), back));
        }
        if (budget)
        {
            offers = offers.Where(o => WithinBudget(o, s));
        }
        return [.. s.Sort == SortOrder.Duration
            ? offers.OrderBy(o => o.Itineraries.Sum(i => i.Duration.Ticks)).ThenBy(o => o.TotalPrice.Amount)
            : offers.OrderBy(o => o.TotalPrice.Amount).ThenBy(o => o.Itineraries.Sum(i => i.Duration.Ticks))];
    }

    private static bool InWindow(TimeOnly t, TimeWindow w) => w.From <= w.To ? t >= w.From && t <= w.To : t >= w.From || t <= w.To;

    private static string Wanted(DialogState s) =>
        (s.NonStop == true ? "nonstop " : "") + (s.Cabin is { } c && c != Cabin.Economy ? CabinName(c) + " " : "");

    private async Task<TurnReply> FlightsAsync(DialogState s, CancellationToken ct)
    {
        var found = await FindFlightsAsync(s, ct);
        if (found.Problem is not null)
        {
            return new TurnReply(found.Problem, [], [], s);
        }
        var info = FlightInfo(found.Search, found.All.Count);
        if (found.Matching.Count == 0)
        {
            return await ExplainEmptyAsync(s, found, info, ct);
        }
        var offers = found.Matching.Take(MaxCards).ToList();
        var text = new StringBuilder();
        var roundTrip = found.Search.Legs.Count == 2;
        text.Append(CultureInfo.InvariantCulture, $"Here {(offers.Count == 1 ? "is the best" : $"are the {offers.Count} best")} {Wanted(s)}{(roundTrip ? "round-trip " : "")}flight{(offers.Count == 1 ? "" : "s")} from {s.Origin!.Name} to {s.Destination!.Name}, ");
        text.Append(Day(s.DepartDate!.Value));
        if (roundTrip)
        {
            text.Append(" to ").Append(Day(s.ReturnDate!.Value));
        }
        text.Append(", for ").Append(People(s.Passengers!));
        if (s.MaxPrice is { } max)
        {
            text.Append(s.MaxPriceBasis == BudgetBasis.PerPerson ? $", under {Money(max)} each" : $", under {Money(max)} in total");
        }
        text.Append(". ");
        text.Append(Describe(offers[0], s.Sort == SortOrder.Duration ? "The quickest" : "The cheapest", s));
        AppendNearestAirports(text, s);
        var chips = new List<string>();
        if (s.NonStop != true && offers.Any(o => o.Itineraries[0].Stops > 0))
        {
            chips.Add("nonstop only");
        }
        chips.Add("a day earlier");
        chips.Add("a day later");
        if (s.Cabin is null or Cabin.Economy)
        {
            chips.Add("business instead");
        }
        return new TurnReply(text.ToString(), [.. offers.Select(o => Card(o, s))], chips, s, info);
    }

    /// <summary>"Anaheim has no airport of its own: I searched the nearest, Santa Ana (SNA)." (No distance: every number a reply states is one of its cards'.)</summary>
    private void AppendNearestAirports(StringBuilder text, DialogState s)
    {
        foreach (var place in new[] { s.Origin, s.Destination })
        {
            if (place is { NearestAirportKm: not null } && inventory.Directory.Find(place.Code) is { } airport)
            {
                text.Append(CultureInfo.InvariantCulture, $" {place.Name} has no airport of its own: I searched the nearest, {airport.City} ({airport.Code}).");
            }
        }
    }

    /// <summary>The offer in words, from its own fields: airline, flights, local times (+1 day), stops with their airports, prices per person and in total.</summary>
    private string Describe(FlightOffer offer, string lead, DialogState s)
    {
        var text = new StringBuilder();
        var airline = inventory.Directory.AirlineName(offer.ValidatingAirline) ?? offer.ValidatingAirline;
        text.Append(CultureInfo.InvariantCulture, $"{lead}: {airline},");
        for (var i = 0; i < offer.Itineraries.Count; i++)
        {
            var it = offer.Itineraries[i];
            var first = it.Segments[0];
            var last = it.Segments[^1];
            var via = it.Stops == 0 ? "nonstop" : $"{Plural(it.Stops, "stop", "stops")} ({string.Join(", ", it.Segments.Take(it.Segments.Count - 1).Select(x => x.Destination))})";
            var lab = offer.Itineraries.Count switch { 1 => "", 2 => i == 0 ? " out" : "; back", _ => i == 0 ? "" : ";" };
            text.Append(CultureInfo.InvariantCulture,
                $"{lab} {Flights(it)}, {first.Origin} {Time(first.Departure)} → {last.Destination} {Time(last.Arrival)}{NextDay(first.Departure, last.Arrival)}, {via}");
        }
        var travellers = Math.Max(1, offer.PriceBreakdown.Sum(p => p.Count));
        text.Append(travellers == 1 ? $". {Money(offer.TotalPrice)}."
            : offer.PriceBreakdown.Count > 1 ? $". {string.Join(", ", offer.PriceBreakdown.Select(p => $"{Money(p.PerPerson)} {FareFor(p)}"))}, {Money(offer.TotalPrice)} in total."
            : $". {Money(PerPerson(offer))} each, {Money(offer.TotalPrice)} in total.");
        _ = s;
        return text.ToString();
    }

    /// <summary>
    /// Nothing met every wish: say which wish emptied the list (budget, time, airline, nonstop, cabin,
    /// date) and offer the nearest alternatives as cards and chips: the cheapest over the budget with the
    /// gap, cheaper dates within three days from the price calendar, one stop instead of nonstop.
    /// </summary>
    private async Task<TurnReply> ExplainEmptyAsync(DialogState s, FlightFinding found, SearchInfo info, CancellationToken ct)
    {
        var route = $"from {s.Origin!.Name} to {s.Destination!.Name} on {Day(s.DepartDate!.Value)}";
        var chips = new List<string>();
        var cards = new List<ResultCard>();
        var text = new StringBuilder();
        if (found.All.Count > 0)
        {
            // The search found flights: one of the chat's filters removed them all.
            var withoutBudget = Filter(found.All, s, budget: false);
            var withoutTime = Filter(found.All, s, time: false);
            var withoutAirline = Filter(found.All, s, airlines: false);
            if (s.MaxPrice is { } max && withoutBudget.Count > 0)
            {
                var cheapest = withoutBudget.OrderBy(o => o.TotalPrice.Amount).First();
                var card = Card(cheapest, s);
                var each = s.MaxPriceBasis == BudgetBasis.PerPerson;
                text.Append(CultureInfo.InvariantCulture,
                    $"Nothing {route} is under {Money(max)}{(each ? " each" : " in total")}: the cheapest is {Money(each ? card.Price!.PerPerson : card.Price!.Total)}{(each ? " each" : "")}, {Money(card.Price.OverBudget!)} over. ");
                text.Append(Describe(cheapest, "That one", s));
                cards.Add(card);
                chips.Add("no budget limit");
                if (await NearbyWithinBudgetAsync(s, ct) is { } nearby)
                {
                    var shift = nearby.State.DepartDate!.Value.DayNumber - s.DepartDate!.Value.DayNumber;
                    text.Append(CultureInfo.InvariantCulture, $" Leaving {Day(nearby.State.DepartDate.Value)} fits the budget: ");
                    text.Append(Describe(nearby.Offer, "x", nearby.State)[3..]);
                    cards.Add(Card(nearby.Offer, nearby.State));
                    chips.Insert(0, $"{Plural(Math.Abs(shift), "day", "days")} {(shift > 0 ? "later" : "earlier")}");
                }
            }
            else if ((s.DepartTime ?? s.ReturnTime) is { } w && withoutTime.Count > 0)
            {
                var best = withoutTime[0];
                text.Append(CultureInfo.InvariantCulture, $"No flight {(s.DepartTime is not null ? route : "back")} leaves at the time of day you asked for ({TimeWords(w)}). The closest: ");
                text.Append(Describe(best, "it is", s).Replace("it is: ", "", StringComparison.Ordinal));
                cards.Add(Card(best, s));
                chips.Add("the time doesn't matter");
            }
            else if (s.Airlines is { Count: > 0 } airlines && withoutAirline.Count > 0)
            {
                var names = airlines.Select(a => inventory.Directory.AirlineName(a) ?? a).ToList();
                text.Append(CultureInfo.InvariantCulture, $"{List(names)} {(names.Count == 1 ? "has" : "have")} no flight {route}. Other airlines do: ");
                text.Append(Describe(withoutAirline[0], "the cheapest", s).Replace("the cheapest: ", "", StringComparison.Ordinal));
                cards.Add(Card(withoutAirline[0], s));
                chips.Add("whatever airline");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"No flight {route} meets all of that. ");
            }
            return new TurnReply(text.ToString().Trim(), cards, chips, s, info);
        }
        // The search itself found nothing: nonstop, cabin, then the date.
        if (s.NonStop == true)
        {
            var withStops = await FindFlightsAsync(s with { NonStop = null }, ct);
            if (withStops.Matching.Count > 0)
            {
                var best = withStops.Matching[0];
                text.Append(CultureInfo.InvariantCulture, $"There is no nonstop flight {route}. With a stop, the best: ");
                text.Append(Describe(best, "x", s)[3..]);
                return new TurnReply(text.ToString(), [Card(best, s)], ["a stop is fine", "a day later"], s, FlightInfo(withStops.Search, withStops.All.Count));
            }
        }
        if (s.Cabin is { } cabin && cabin != Cabin.Economy)
        {
            var economy = await FindFlightsAsync(s with { Cabin = Cabin.Economy }, ct);
            if (economy.Matching.Count > 0)
            {
                var best = economy.Matching[0];
                text.Append(CultureInfo.InvariantCulture, $"No {CabinName(cabin)} seats {route}. In economy, the best: ");
                text.Append(Describe(best, "x", s)[3..]);
                return new TurnReply(text.ToString(), [Card(best, s)], ["economy is fine", "a day later"], s, FlightInfo(economy.Search, economy.All.Count));
            }
        }
        // Nearby dates from the price calendar (one-way fares, ±3 days).
        var near = await NearbyDatesAsync(s, ct);
        if (near is { } alt)
        {
            var moved = s with { DepartDate = alt.Date, ReturnDate = s.ReturnDate?.AddDays(alt.Date.DayNumber - s.DepartDate.Value.DayNumber) };
            var other = await FindFlightsAsync(moved, ct);
            if (other.Matching.Count > 0)
            {
                var best = other.Matching[0];
                text.Append(CultureInfo.InvariantCulture, $"I found no {Wanted(s)}flights {route}. {Day(alt.Date)} has some: ");
                text.Append(Describe(best, "x", moved)[3..]);
                var shift = alt.Date.DayNumber - s.DepartDate.Value.DayNumber;
                return new TurnReply(text.ToString(), [Card(best, moved)], [$"{Plural(Math.Abs(shift), "day", "days")} {(shift > 0 ? "later" : "earlier")}"], s, FlightInfo(other.Search, other.All.Count));
            }
        }
        return new TurnReply($"I found no {Wanted(s)}flights {route}, nor within three days of it. Try another airport nearby or other dates.", [], ["a week later"], s, info);
    }

    /// <summary>A departure within ±3 days (cheapest first by the price calendar) whose flights fit the budget, searched for real.</summary>
    private async Task<(DialogState State, FlightOffer Offer)?> NearbyWithinBudgetAsync(DialogState s, CancellationToken ct)
    {
        var depart = s.DepartDate!.Value;
        var days = await CalendarDaysAsync(s.Origin!.Code, s.Destination!.Code, depart.AddDays(-3), depart.AddDays(3), s, ct);
        foreach (var day in days.Where(d => d.CheapestPrice is not null && d.Date != depart && d.Date > inventory.Today).OrderBy(d => d.CheapestPrice!.Amount).Take(3))
        {
            var shift = day.Date.DayNumber - depart.DayNumber;
            var moved = s with { DepartDate = day.Date, ReturnDate = s.ReturnDate?.AddDays(shift) };
            var found = await FindFlightsAsync(moved, ct);
            if (found.Matching.Count > 0)
            {
                return (moved, found.Matching[0]);
            }
        }
        return null;
    }

    /// <summary>The cheapest day within ±3 days of the departure that has a flight, from the price calendar.</summary>
    private async Task<CalendarDay?> NearbyDatesAsync(DialogState s, CancellationToken ct)
    {
        var depart = s.DepartDate!.Value;
        var days = await CalendarDaysAsync(s.Origin!.Code, s.Destination!.Code, depart.AddDays(-3), depart.AddDays(3), s, ct);
        return days.Where(d => d.CheapestPrice is not null && d.Date != depart && d.Date >= inventory.Today)
            .OrderBy(d => d.CheapestPrice!.Amount).ThenBy(d => Math.Abs(d.Date.DayNumber - depart.DayNumber)).FirstOrDefault();
    }

    /// <summary>Calendar days between two dates (the months they touch), cheapest one-way fare each.</summary>
    private async Task<List<CalendarDay>> CalendarDaysAsync(string origin, string destination, DateOnly from, DateOnly to, DialogState s, CancellationToken ct)
    {
        var result = new List<CalendarDay>();
        var mix = Party(s);
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            try
            {
                var calendar = await inventory.FlightCalendarAsync(origin, destination, month.Year, month.Month, mix, s.Cabin ?? Cabin.Economy, Currency(s), ct);
                result.AddRange(calendar.Days.Where(d => d.Date >= from && d.Date <= to));
            }
            catch (ArgumentException)
            {
                // An unknown route: no days.
            }
        }
        return result;
    }
}
