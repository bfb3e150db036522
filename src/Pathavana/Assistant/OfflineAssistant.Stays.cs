using System.Globalization;
using System.Text;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

internal sealed partial class OfflineAssistant
{
    private static HotelSearch HotelSearchOf(DialogState s)
    {
        var checkIn = s.DepartDate!.Value;
        var checkOut = s.ReturnDate is { } r && r > checkIn ? r : checkIn.AddDays(s.Nights ?? 1);
        var guests = s.Passengers is { } p ? Math.Max(1, p.Adults + p.Children) : 1;
        var adults = Math.Clamp(s.Passengers?.Adults ?? 1, 1, InventoryLimits.MaxSeatedPassengers);
        var rooms = Math.Max(1, (int)Math.Ceiling(guests / 4.0));
        return new HotelSearch(checkIn, checkOut, adults, Math.Min(rooms, adults), CityCode: s.Destination!.Code, MinStars: s.MinStars, Currency: Currency(s));
    }

    private static SearchInfo HotelInfo(HotelSearch h, int total)
    {
        var q = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cityCode"] = h.CityCode!,
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
        return new SearchInfo("hotels", q, total);
    }

    private static bool HotelWithinBudget(HotelOffer h, DialogState s) =>
        (s.MaxNightly is not { } n || h.Nightly.Currency != n.Currency || h.Nightly.Amount <= n.Amount)
        && (s.Intent != TripIntent.SearchHotels || s.MaxPrice is not { } m || h.Total.Currency != m.Currency
            || (s.MaxPriceBasis == BudgetBasis.PerPerson ? h.Total.Amount / Math.Max(1, s.Passengers?.Adults ?? 1) : h.Total.Amount) <= m.Amount);

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

    private async Task<(IReadOnlyList<HotelOffer> All, List<HotelOffer> Matching, HotelSearch Search)> FindHotelsAsync(DialogState s, CancellationToken ct)
    {
        var search = HotelSearchOf(s);
        try
        {
            var all = await inventory.SearchHotelsAsync(search, ct);
            var matching = all.Where(h => HotelWithinBudget(h, s) && (s.Area is null || AreaMatches(h, s.Area)))
                .OrderBy(h => h.Total.Amount).ToList();
            return (all, matching, search);
        }
        catch (ArgumentException)
        {
            return ([], [], search);
        }
    }

    /// <summary>
    /// Whether a hotel is in the area asked for: its neighbourhood, a named landmark within 2 km
    /// ("near the Eiffel Tower"), its address or name, or the centre for "downtown".
    /// </summary>
    private static bool AreaMatches(HotelOffer h, string area) =>
        (h.Hotel.Address?.Contains(area, StringComparison.OrdinalIgnoreCase) ?? false) || h.Hotel.Name.Contains(area, StringComparison.OrdinalIgnoreCase)
        || Names(h.Hotel.Neighbourhood, area)
        || (h.Hotel.Landmarks?.Any(l => l.DistanceKm <= 2 && Names(l.Name, area)) ?? false)
        || area is "downtown" or "city center" or "old town" && (h.Hotel.CentreDistanceKm ?? h.Hotel.DistanceKm) is < 2.5 || h.Hotel.DistanceKm is null;

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

    private async Task<TurnReply> HotelsAsync(DialogState s, CancellationToken ct)
    {
        var (all, hotels, search) = await FindHotelsAsync(s, ct);
        var info = HotelInfo(search, all.Count);
        var where = $"in {s.Destination!.Name}, {Day(search.CheckIn)} to {Day(search.CheckOut)}";
        if (hotels.Count == 0)
        {
            if (all.Count == 0)
            {
                return new TurnReply(s.MinStars is { } stars
                    ? $"I found no hotel of {stars} stars or more {where}."
                    : $"I found no hotels {where}.", [], s.MinStars is not null ? ["any stars"] : ["a day later"], s, info);
            }
            // Name the wish that left nothing: the area when hotels within the budget exist elsewhere, else the budget.
            var affordable = all.Where(h => HotelWithinBudget(h, s)).OrderBy(h => h.Nightly.Amount).ToList();
            if (s.Area is { } area && affordable.Count > 0)
            {
                var elsewhere = affordable[0];
                return new TurnReply($"No hotel {where} is {AreaWords(area)}. The cheapest elsewhere is {elsewhere.Hotel.Name} at {Money(elsewhere.Nightly)} a night.",
                    [HotelCard(elsewhere, s)], ["anywhere in the city"], s, info);
            }
            var cheapest = all.OrderBy(h => h.Nightly.Amount).First();
            var card = HotelCard(cheapest, s);
            var reason = s.MaxNightly is { } n
                ? $"Nothing {where} is under {Money(n)} a night: the cheapest, {cheapest.Hotel.Name}, is {Money(cheapest.Nightly)} a night, {Money(card.Price!.OverBudget ?? cheapest.Nightly)} over."
                : $"Nothing {where} is within {Money(s.MaxPrice!)}: the cheapest, {cheapest.Hotel.Name}, is {Money(cheapest.Total)} in total.";
            return new TurnReply(reason, [card], ["no budget limit"], s, info);
        }
        var best = hotels[0];
        var shown = hotels.Take(MaxCards).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Here {(shown.Count == 1 ? "is 1 hotel" : $"are {shown.Count} hotels")} {where} ({Plural(search.Nights, "night", "nights")}), for {(s.Passengers is { } p ? People(p) : "1 adult")}");
        if (s.MinStars is { } min)
        {
            text.Append(CultureInfo.InvariantCulture, $", {min} stars or more");
        }
        if (s.MaxNightly is { } max)
        {
            text.Append(CultureInfo.InvariantCulture, $", under {Money(max)} a night");
        }
        text.Append(CultureInfo.InvariantCulture, $". {best.Hotel.Name}{(best.Hotel.Stars is { } st ? $" ({st} stars)" : "")} is {Money(best.Nightly)} a night, {Money(best.Total)} in total.");
        AppendNearestAirports(text, s with { Origin = null });
        return new TurnReply(text.ToString(), [.. shown.Select(h => HotelCard(h, s))], ["4 stars or more", "an extra night", "one night fewer"], s, info);
    }

    private async Task<TurnReply> ActivitiesAsync(DialogState s, CancellationToken ct)
    {
        var place = inventory.Directory.Find(s.Destination!.Code);
        if (place is null)
        {
            return new TurnReply($"I do not know where {s.Destination.Name} is.", [], [], s);
        }
        var found = await inventory.SearchActivitiesAsync(new ActivitySearch(place.Point, RadiusKm: 15, Currency: Currency(s)), ct);
        var best = found.OrderByDescending(a => a.Rating ?? 0).Take(MaxCards).ToList();
        var info = new SearchInfo("activities", new Dictionary<string, string>(StringComparer.Ordinal) { ["cityCode"] = place.Code, ["currency"] = Currency(s) }, found.Count);
        if (best.Count == 0)
        {
            return new TurnReply($"I found nothing to do near {s.Destination.Name}.", [], [], s, info);
        }
        var text = $"Here are {best.Count} things to do in {s.Destination.Name}: {string.Join("; ", best.Select(a => a.Name))}.";
        return new TurnReply(text, [.. best.Select(a => new ResultCard(ResultCard.ActivityKind, a.Id, Activity: a))], [], s, info);
    }

    private async Task<TurnReply> PlanAsync(DialogState s, CancellationToken ct)
    {
        var flights = await FindFlightsAsync(s, ct);
        var (_, hotels, _) = await FindHotelsAsync(s, ct);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"A trip from {s.Origin!.Name} to {s.Destination!.Name}, {Day(s.DepartDate!.Value)} to {Day(s.ReturnDate!.Value)}, for {People(s.Passengers!)}. ");
        var offers = flights.Matching.Take(MaxCards).ToList();
        text.Append(offers.Count == 0 ? $"I found no {Wanted(s)}flights for those dates{(s.MaxPrice is not null ? " within the budget" : "")}. " : Describe(offers[0], "The cheapest flight", s) + " ");
        text.Append(hotels.Count == 0 ? "I found no hotels for those dates." : $"To stay: {hotels[0].Hotel.Name} at {Money(hotels[0].Nightly)} a night, {Money(hotels[0].Total)} in total.");
        return new TurnReply(text.ToString(), [.. offers.Select(o => Card(o, s)), .. hotels.Take(MaxCards).Select(h => HotelCard(h, s))], ["nonstop only", "4 stars or more", "a day later"], s,
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

    /// <summary>Where a held area puts a hotel, in words: "near the beach", "near the airport", "in Alfama".</summary>
    private static string AreaWords(string area) =>
        area is "beach" or "airport" or "station" or "centre" or "center" or "sea" or "port" ? $"near the {area}" : $"in {area}";
}
