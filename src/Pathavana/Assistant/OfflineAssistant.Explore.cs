using System.Globalization;
using System.Text;
using Pathavana.Assistant.Knowledge;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

// Flexible dates (the price calendar), open destinations (climate normals, distance, real fares)
// and questions answered from what the product knows (weather, local time, currency).
internal sealed partial class OfflineAssistant
{
    /// <summary>
    /// "the least expensive 5 days in June", "three nights sometime in October", "over Thanksgiving":
    /// every departure day of the window is priced from the price calendar (and the return day from the
    /// reverse calendar); the cheapest pair is then searched for real and shown.
    /// </summary>
    private async Task<TurnReply> FlexibleAsync(DialogState s, DateOnly today, CancellationToken ct)
    {
        var window = s.Window!;
        var from = window.From > today ? window.From : today.AddDays(1);
        var lastDay = SearchRules.LastDay(today);
        var to = window.To < lastDay ? window.To : lastDay;
        int? nights = s.Nights ?? (window.ReturnOn is not null ? null : s.TripType == Understanding.TripType.RoundTrip && s.ReturnDate is null ? 7 : null);
        if (from > to || window.ReturnOn is { } latest && latest > lastDay)
        {
            return new TurnReply($"{window.Label} is too far ahead: I can search up to {InventoryLimits.BookingHorizonDays} days from today.", [], [], s);
        }
        var outbound = await CalendarDaysAsync(s.Origin!.Code, s.Destination!.Code, from, to, s, ct);
        var returnFrom = window.ReturnOn ?? from.AddDays(nights ?? 0);
        var returnTo = window.ReturnOn ?? to.AddDays(nights ?? 0);
        var inbound = nights is not null || window.ReturnOn is not null
            ? (await CalendarDaysAsync(s.Destination.Code, s.Origin.Code, returnFrom, returnTo, s, ct)).ToDictionary(d => d.Date)
            : null;
        DateOnly? bestDepart = null, bestReturn = null;
        decimal best = decimal.MaxValue;
        foreach (var day in outbound.Where(d => d.CheapestPrice is not null && (s.DepartOn is not { } days || days.Contains(d.Date.DayOfWeek))))
        {
            var amount = day.CheapestPrice!.Amount;
            DateOnly? back = null;
            if (inbound is not null)
            {
                back = window.ReturnOn ?? day.Date.AddDays(nights!.Value);
                if (back <= day.Date || !inbound.TryGetValue(back.Value, out var b) || b.CheapestPrice is null)
                {
                    continue;
                }
                amount += b.CheapestPrice.Amount;
            }
            if (amount < best)
            {
                (best, bestDepart, bestReturn) = (amount, day.Date, back);
            }
        }
        if (bestDepart is null)
        {
            return new TurnReply($"I found no flights from {s.Origin.Name} to {s.Destination.Name} {(window.ReturnOn is not null ? "over" : "in")} {window.Label}. Try other dates or a nearby airport.", [], [], s);
        }
        var chosen = s with
        {
            DepartDate = bestDepart, ReturnDate = bestReturn,
            TripType = bestReturn is null ? Understanding.TripType.OneWay : Understanding.TripType.RoundTrip,
        };
        var found = await FindFlightsAsync(chosen, ct);
        var info = FlightInfo(found.Search, found.All.Count);
        if (found.Matching.Count == 0)
        {
            // The reply names the days it priced ("nothing on Wednesday 5 May is under…"): they are the trip's
            // days now, so a stay asked for next follows them and "a day later" moves them.
            return (await ExplainEmptyAsync(chosen, found, info, ct)) with { State = chosen with { Window = null } };
        }
        var offers = found.Matching.Take(MaxCards).ToList();
        var text = new StringBuilder();
        var what = bestReturn is null ? "day to fly" : $"{Plural(bestReturn.Value.DayNumber - bestDepart.Value.DayNumber, "night", "nights")}";
        text.Append(CultureInfo.InvariantCulture, $"{s.Origin.Name} to {s.Destination.Name}, the cheapest {what} {(window.ReturnOn is not null ? "over " : "in ")}{window.Label}: ");
        text.Append(bestReturn is null ? $"{Day(bestDepart.Value)}, one way" : $"{Day(bestDepart.Value)} to {Day(bestReturn.Value)}");
        text.Append(CultureInfo.InvariantCulture, $". I priced every departure day of {window.Label} in the price calendar and chose the lowest {(bestReturn is null ? "fare" : "fares out and back")}. ");
        text.Append(Describe(offers[0], "The cheapest flight", chosen));
        var chips = new List<string> { "a day earlier", "a day later" };
        if (bestReturn is null)
        {
            chips.Add("for a week");
        }
        // The dates are now chosen: later edits ("a day later") move them.
        var held = chosen with { Window = null };
        return new TurnReply(text.ToString(), [.. offers.Select(o => Card(o, chosen))], chips, held, info);
    }

    private static readonly HashSet<string> Caribbean = ["JM", "BS", "DO", "PR", "CU", "BB", "TT", "AW", "CW", "KY", "LC", "AG", "VI", "VG", "TC", "GD", "KN", "VC", "MQ", "GP", "SX", "MF", "BL", "HT", "DM", "BQ", "AI", "MS"];
    private static readonly HashSet<string> MiddleEast = ["AE", "QA", "IL", "JO", "LB", "OM", "SA", "BH", "KW", "IR", "IQ", "SY", "YE", "PS"];

    private static bool InRegion(string countryCode, string region)
    {
        var continent = Knowledge.CurrencyOf(countryCode)?.Continent;
        return region switch
        {
            "Europe" => continent == "EU",
            "Asia" => continent == "AS" && !MiddleEast.Contains(countryCode),
            "Africa" => continent == "AF",
            "Oceania" => continent == "OC",
            "South America" => continent == "SA",
            "North America" => continent == "NA" && !Caribbean.Contains(countryCode),
            "Caribbean" => Caribbean.Contains(countryCode),
            "Middle East" => MiddleEast.Contains(countryCode),
            _ => true,
        };
    }

    /// <summary>How well a month's climate fits the wishes (higher is better); null when it does not fit at all.</summary>
    private static double? ClimateFit(MonthClimate m, DestinationWishes w)
    {
        var score = 0.0;
        if (w.Snow)
        {
            if (m.SnowDays is not ({ } snow and >= 3) || m.HighC > 8)
            {
                return null;
            }
            score += snow * 2 - m.HighC;
        }
        if (w.Warm || w.Beach)
        {
            if (m.HighC < 23)
            {
                return null;
            }
            score += 30 - Math.Abs(m.HighC - 29);
        }
        if (w.Sunny)
        {
            if (m.DryDays < 15 || m.HighC < 20)
            {
                return null;
            }
            score += m.DryDays;
        }
        if (!w.Snow && !w.Warm && !w.Beach && !w.Sunny)
        {
            score += m.DryDays / 2.0 + Math.Min(m.HighC, 25) / 2.0; // a city break: mild and dry is nicer
        }
        return score;
    }

    /// <summary>
    /// "somewhere sunny and cheap in January from Boston", "a ski trip in Europe in February", "a city
    /// break within a 3-hour flight of Paris": destinations with climate normals are ranked by what was
    /// asked (the month's climate, the distance and flight time), the best few are searched for real,
    /// and each is answered as a card with its cheapest fare and why it was chosen.
    /// </summary>
    private async Task<TurnReply> DestinationsAsync(DialogState s, DateOnly today, CancellationToken ct)
    {
        var wishes = s.Somewhere!;
        var origin = inventory.Directory.Find(s.Origin!.Code);
        if (origin is null)
        {
            return new TurnReply($"I do not know where {s.Origin.Name} is.", [], [], s);
        }
        var depart = s.DepartDate ?? s.Window?.From ?? today.AddDays(14);
        if (depart <= today)
        {
            depart = today.AddDays(1);
        }
        if (s.Window is { } w && w.To.DayNumber - w.From.DayNumber >= 7)
        {
            depart = w.From.AddDays(7) > today ? w.From.AddDays(7) : today.AddDays(7);
        }
        if (s.DepartDate is null && s.DepartOn is { Count: > 0 } departOn)
        {
            // A weekend away leaves on its day (the latest of them: Friday for a long weekend, so it
            // comes back on Monday), the first such day from the one chosen.
            var on = departOn.Max();
            depart = depart.AddDays(((int)on - (int)depart.DayOfWeek + 7) % 7);
        }
        var month = depart.Month;
        var originAirports = inventory.Directory.AirportsFor(origin.Code).Select(a => a.Code).Append(origin.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = new List<(ClimateCity City, Location Place, MonthClimate Climate, double Km, double Hours, double Score)>();
        foreach (var city in Knowledge.Climate)
        {
            var place = inventory.Directory.Find(city.Code);
            if (place is null || originAirports.Contains(city.Code) || inventory.Directory.AirportsFor(city.Code).Any(a => originAirports.Contains(a.Code)))
            {
                continue;
            }
            if (wishes.Region is { } region && !InRegion(place.CountryCode, region))
            {
                continue;
            }
            var climate = city.In(month);
            // A beach trip goes where there is a beach: warm alone would offer Mexico City or Phoenix.
            if (wishes.Beach && city.Beach is null || ClimateFit(climate, wishes) is not { } fit)
            {
                continue;
            }
            var km = TravelKnowledge.DistanceKm(origin.Point, place.Point);
            var hours = TravelKnowledge.TypicalFlightTime(km).TotalHours;
            if (km < 150 || wishes.MaxFlightHours is { } limit && hours > limit + 0.25)
            {
                continue;
            }
            candidates.Add((city, place, climate, km, hours, fit - (wishes.Cheap || wishes.CityBreak ? km / 1000 : 0)));
        }
        if (candidates.Count == 0)
        {
            return new TurnReply($"None of the destinations I know fits that in {Month(month)} from {s.Origin.Name}. Try another month, fewer wishes, or name a city.", [],
                ["somewhere warm", "a city break"], s with { Somewhere = null });
        }
        var shortlist = candidates.OrderByDescending(c => c.Score).Take(6).ToList();
        var found = new List<(ClimateCity City, Location Place, MonthClimate Climate, double Km, FlightOffer Offer, SearchInfo Info)>();
        foreach (var c in shortlist)
        {
            var trial = s with { Destination = new PlaceRef(c.Place.Code, c.City.City), DepartDate = depart, ReturnDate = s.Nights is { } n ? depart.AddDays(n) : s.ReturnDate, Somewhere = null };
            var flights = await FindFlightsAsync(trial, ct);
            var offer = flights.Matching.FirstOrDefault(o => wishes.MaxFlightHours is not { } limit || o.Itineraries[0].Duration.TotalHours <= limit);
            if (offer is not null)
            {
                found.Add((c.City, c.Place, c.Climate, c.Km, offer, FlightInfo(flights.Search, flights.All.Count)));
            }
        }
        if (found.Count == 0)
        {
            return new TurnReply($"I found no flights from {s.Origin.Name} around {Day(depart)} to the places that fit{(s.MaxPrice is not null ? " within the budget" : "")}. Try other dates.", [], [], s);
        }
        var ranked = (wishes.Cheap ? found.OrderBy(f => PerPerson(f.Offer).Amount) : found.OrderByDescending(f => shortlist.First(c => c.City == f.City).Score))
            .Take(MaxCards).ToList();
        var cards = ranked.Select(f => Card(f.Offer, s) with
        {
            Destination = new DestinationInsight(f.Place.Code, f.City.City, f.City.Country, month, f.Climate.HighC, f.Climate.LowC, f.Climate.DryDays, f.Climate.SnowDays,
                (int)Math.Round(f.Km), Math.Round(f.Offer.Itineraries[0].Duration.TotalHours, 1)),
        }).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Describe(wishes)} from {s.Origin.Name}, leaving {Day(depart)}: ");
        var parts = ranked.Select((f, i) =>
        {
            var climate = wishes.Snow
                ? $"{f.Climate.SnowDays} snow days, {f.Climate.HighC:0.#} °C by day"
                : $"{f.Climate.HighC:0.#} °C by day, {f.Climate.DryDays} dry days";
            var seg = f.Offer.Itineraries[0];
            var stops = seg.Stops == 0 ? "nonstop" : Plural(seg.Stops, "stop", "stops");
            var beach = wishes.Beach && f.City.Beach is { } b ? $", the beach at {b}" : "";
            return $"{f.City.City} ({climate} in {Month(month)}{beach}), from {Money(PerPerson(f.Offer))}{(s.Passengers is null ? " per person" : s.Travellers > 1 ? " each" : "")}, {stops}";
        });
        text.Append(string.Join("; ", parts)).Append('.');
        text.Append(wishes.Cheap ? " Cheapest first." : " Best fit first.");
        text.Append(" Pick one and I will plan the rest.");
        var offered = ranked.Select(f => new PlaceRef(f.Place.Code, f.City.City)).ToList();
        return new TurnReply(text.ToString(), cards, [.. offered.Select(o => o.Name)], s with { Offered = offered, DepartDate = s.DepartDate }, ranked[0].Info);
    }

    private static string Describe(DestinationWishes w)
    {
        var words = new List<string>();

        if (w.Warm || w.Beach)
        {
            words.Add("warm");
        }
        if (w.Sunny)
        {
            words.Add("sunny");
        }
        if (w.Cheap)
        {
            words.Add("cheap");
        }
        var kind = w.Snow ? "ski destinations" : w.CityBreak ? "city breaks" : w.Beach ? "beach destinations" : "destinations";
        var lead = words.Count == 0 ? char.ToUpperInvariant(kind[0]) + kind[1..] : char.ToUpperInvariant(List(words)[0]) + List(words)[1..] + " " + kind;
        if (w.Region is { } region)
        {
            lead += $" in {region}";
        }
        if (w.MaxFlightHours is { } h)
        {
            lead += string.Create(CultureInfo.InvariantCulture, $" within {h:0.#} hours' flight");
        }
        return lead;
    }

    // ---- knowledge questions ----------------------------------------------------------------------

    private static ResultCard PlaceCard(Location location, string name, DateTimeOffset now)
    {
        var country = Knowledge.CurrencyOf(location.CountryCode);
        return new ResultCard(ResultCard.PlaceKind, $"place-{location.Code}",
            Place: new PlaceInsight(location.Code, name, country?.CountryName ?? location.CountryCode, location.TimeZone, now, country?.Code, country?.Name));
    }

    private TurnReply Answer(KnowledgeQuestion question, string utterance, DialogState state, DateOnly today)
    {
        var place = question.Place ?? state.Destination;
        switch (question.Kind)
        {
            case QuestionKind.Weather:
                {
                    if (place is null)
                    {
                        return new TurnReply("Which place would you like the typical weather of? For example \"what's the weather like in Lisbon in March?\"", [], [], state);
                    }
                    var month = question.Month ?? state.DepartDate?.Month ?? today.AddMonths(1).Month;
                    if (Knowledge.ClimateOf(place.Code, inventory.Directory) is not { } city)
                    {
                        return new TurnReply($"I have no climate figures for {place.Name}, so I can't say what the weather is usually like there. I know the typical weather of {Knowledge.Climate.Count} big destinations, such as Lisbon, Tokyo or Miami.", [],
                            [$"flights to {place.Name}"], state);
                    }
                    var m = city.In(month);
                    var card = new ResultCard(ResultCard.ClimateKind, $"climate-{city.Code}-{month:00}",
                        Climate: new ClimateInsight(city.Code, city.City, city.Country, month, m.HighC, m.LowC, m.DryDays, m.SnowDays, m.RainfallMm));
                    var feel = m.HighC >= 27 ? "hot" : m.HighC >= 21 ? "warm" : m.HighC >= 14 ? "mild" : m.HighC >= 5 ? "cool" : "cold";
                    var snow = m.SnowDays is > 0 ? $", {m.SnowDays} days with snow" : "";
                    var text = string.Create(CultureInfo.InvariantCulture,
                        $"{city.City} in {Month(month)} is usually {feel}: about {m.HighC:0.#} °C by day and {m.LowC:0.#} °C at night, {m.DryDays} dry days{snow} and {m.RainfallMm:0.#} mm of rain over the month. These are long-term averages, not a forecast.");
                    return new TurnReply(text, [card], [$"flights to {city.City} in {Month(month)}", $"hotels in {city.City}"], state);
                }
            case QuestionKind.LocalTime:
                {
                    if (place is null || inventory.Directory.Find(place.Code) is not { } location)
                    {
                        return new TurnReply("Which city's local time would you like? For example \"what time is it in Tokyo?\"", [], [], state);
                    }
                    try
                    {
                        var zone = TimeZoneInfo.FindSystemTimeZoneById(location.TimeZone);
                        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
                        var offset = now.Offset;
                        var sign = offset < TimeSpan.Zero ? "−" : "+";
                        var card = PlaceCard(location, place.Name, now);
                        return new TurnReply(string.Create(CultureInfo.InvariantCulture,
                            $"In {place.Name} it is {now:HH:mm} on {Day(DateOnly.FromDateTime(now.DateTime))} (time zone {location.TimeZone}, UTC{sign}{offset.Duration():hh\\:mm})."), [card], [], state);
                    }
                    catch (TimeZoneNotFoundException)
                    {
                        return new TurnReply($"I don't know the time zone of {place.Name}.", [], [], state);
                    }
                }
            default:
                {
                    var country = place is not null && inventory.Directory.Find(place.Code) is { } loc ? Knowledge.CurrencyOf(loc.CountryCode) : null;
                    var lower = " " + Utterance.Fold(utterance).ToLowerInvariant() + " ";
                    country = Knowledge.Countries.Where(c => lower.Contains(" " + c.CountryName.ToLowerInvariant(), StringComparison.Ordinal))
                        .OrderByDescending(c => c.CountryName.Length).FirstOrDefault() ?? country;
                    if (country is null)
                    {
                        return new TurnReply("Which country or city do you mean? For example \"what currency do they use in Japan?\"", [], [], state);
                    }
                    var where = place is not null && question.Place is not null && !lower.Contains(" " + country.CountryName.ToLowerInvariant(), StringComparison.Ordinal) ? $"{place.Name} ({country.CountryName})" : country.CountryName;
                    var currencyCard = new ResultCard(ResultCard.PlaceKind, $"place-{country.CountryCode}",
                        Place: new PlaceInsight(place?.Code, place?.Name ?? country.CountryName, country.CountryName, null, null, country.Code, country.Name));
                    return new TurnReply($"In {where} people pay in {country.Name} ({country.Code}).", [currencyCard], [], state);
                }
        }
    }
}
