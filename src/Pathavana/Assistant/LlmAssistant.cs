using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;
using AiRole = Microsoft.Extensions.AI.ChatRole;

namespace Pathavana.Assistant;

/// <summary>LLM mode: an OpenAI-compatible chat-completions endpoint. Off unless <see cref="Endpoint"/> is set.</summary>
internal sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "gpt-4o-mini";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Input plus output tokens one user (or anonymous browser) may use per UTC day; then turns run offline.</summary>
    [Range(0, long.MaxValue)]
    public long MaxTokensPerUserPerDay { get; set; } = 200_000;

    [Range(1, 100_000)]
    public int MaxOutputTokens { get; set; } = 800;

    public bool Enabled => Endpoint is not null;
}

/// <summary>Why an LLM turn fell back to the offline path.</summary>
internal static class FallbackReasons
{
    public const string Error = "llm_error";
    public const string Timeout = "llm_timeout";
    public const string Budget = "token_budget_exhausted";

    /// <summary>LLM mode is on, but the traveller has not agreed to send chat text to the model (purpose <c>llm_chat</c>).</summary>
    public const string NoConsent = "llm_consent_missing";
}

/// <summary>The LLM's answer for one turn: text, cards gathered by its tool calls, the new state, tokens.</summary>
internal sealed record LlmReply(TurnReply Reply, long InputTokens, long OutputTokens);

/// <summary>Thrown when the LLM did not answer in time (distinct from the caller cancelling).</summary>
internal sealed class LlmTimeoutException(string message) : Exception(message);

/// <summary>
/// One LLM turn with tool calling over the inventory and the session's picks. Tool arguments are
/// validated like user input: a bad argument goes back to the model as an error message.
/// </summary>
internal sealed class LlmAssistant(IChatClient client, IOptions<LlmOptions> options, InventoryService inventory, OfflineAssistant offline)
{
    private const int HistoryMessages = 20;

    public async Task<LlmReply> ReplyAsync(
        DialogState state, IReadOnlyList<(ChatRole Role, string Text)> history, string utterance, DateOnly today, CancellationToken ct)
    {
        var settings = options.Value;
        var turn = new ToolContext(state, today, inventory, offline);
        var messages = new List<AiMessage> { new(AiRole.System, SystemPrompt(state, today)) };
        foreach (var (role, said) in history.TakeLast(HistoryMessages))
        {
            messages.Add(new AiMessage(role == ChatRole.User ? AiRole.User : AiRole.Assistant, said));
        }
        messages.Add(new AiMessage(AiRole.User, utterance));
        var chat = new ChatOptions
        {
            ModelId = settings.Model,
            MaxOutputTokens = settings.MaxOutputTokens,
            Tools = turn.Tools(),
            ToolMode = ChatToolMode.Auto,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, chat, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new LlmTimeoutException($"No answer within {settings.TimeoutSeconds} s.");
        }
        var text = response.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException("The model returned no text.");
        }
        var reply = new TurnReply(text.Trim(), turn.Cards, turn.Suggestions, turn.State, turn.Search);
        return new LlmReply(reply, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
    }

    private static string SystemPrompt(DialogState state, DateOnly today) => $"""
        You are Pathavana, a travel planner. Today is {today:yyyy-MM-dd} ({today.DayOfWeek}).
        Find flights, hotels and activities only with the tools; every price, time, flight number and hotel name you
        mention must come from a tool result in this conversation. Never invent one. Ask one short question when
        something required is missing (where from, where to, when, how many travel). Use IATA codes for places and
        YYYY-MM-DD for dates. Keep answers short: the user sees the results as cards beside your text.
        When the user picks an option, call add_to_selection with its offer id. Booking happens from the picks.
        To change the trip held below (a day earlier, come back later, an extra night, add a traveller, drop the budget,
        the airline or nonstop), call edit_trip or set_budget: they keep everything else and say what changed. For flexible
        dates call search_flexible_dates, for open destinations ("somewhere warm in January") suggest_destinations, for
        several cities search_multi_city. Budgets per person compare each traveller's fare; state prices per person and in total.
        What the session knows so far (JSON): {(state with { Selections = [] }).ToJson()}
        Picks so far: {string.Join(", ", state.Selections.Select(s => $"{s.Kind} {s.OfferId}"))}
        """;

    /// <summary>The tools of one turn and what they gathered.</summary>
    private sealed class ToolContext(DialogState state, DateOnly today, InventoryService inventory, OfflineAssistant offline)
    {
        public DialogState State { get; private set; } = state;

        public List<ResultCard> Cards { get; } = [];

        public List<AITool> Tools() =>
        [
            AIFunctionFactory.Create(SearchFlightsAsync, "search_flights",
                "Search flight offers. origin and destination: IATA airport or city codes; departDate and optional returnDate: YYYY-MM-DD; cabin: economy, premiumEconomy, business or first."),
            AIFunctionFactory.Create(SearchHotelsAsync, "search_hotels",
                "Search hotel offers in a city (IATA city or airport code) between checkIn and checkOut (YYYY-MM-DD). Optional: near (a landmark or neighbourhood the traveller named, e.g. \"Colosseum\": hotels within 2 km of it), amenities (comma-separated: pool, wifi, breakfast, parking, gym, spa, pets; breakfast means a rate that includes it), maxNightly (the most a night per room, in currency), minStars (1-5)."),
            AIFunctionFactory.Create(SearchActivitiesAsync, "search_activities", "Things to do in a city (IATA city or airport code); interest, when asked for one kind: food, culture, outdoors, day-trips or nightlife."),
            AIFunctionFactory.Create(AddToSelectionAsync, "add_to_selection",
                "Keep an offer the user picked on the session. kind: flight, hotel or activity; offerId: from a search result."),
            AIFunctionFactory.Create(ShowSelection, "show_selection", "The offers the user picked so far."),
            AIFunctionFactory.Create(EditTripAsync, "edit_trip",
                "Change the trip held in the session and search again: shift the departure, the return or the whole trip by days (negative: earlier), stay more or fewer nights, add travellers, or remove constraints (remove: any of airlines, maxPrice, nonStop, departTime, cabin, minStars, area). Returns what changed and the new offers."),
            AIFunctionFactory.Create(SetBudgetAsync, "set_budget",
                "Set the budget and search again. basis: perPerson (each traveller's fare), total (the whole party) or perNight (a stay). currency: ISO 4217 (USD, EUR, GBP…)."),
            AIFunctionFactory.Create(SearchFlexibleDatesAsync, "search_flexible_dates",
                "Find the cheapest dates in a window from the price calendar: origin and destination IATA codes, earliest and latest departure (YYYY-MM-DD), nights (omit for one way), adults."),
            AIFunctionFactory.Create(SuggestDestinationsAsync, "suggest_destinations",
                "Suggest destinations from an origin (IATA code) for a month (1-12) ranked by climate normals, distance and real fares: warm, sunny, snow, beach, cityBreak, cheap; region (Europe, Asia, Africa, Oceania, North America, South America, Caribbean, Middle East); maxFlightHours."),
            AIFunctionFactory.Create(SearchMultiCityAsync, "search_multi_city",
                "Search a multi-city trip of 2 to 6 flights: legs as ORIGIN-DESTINATION-YYYY-MM-DD separated by commas (IATA codes), adults, children, infants."),
        ];

        public List<string> Suggestions { get; private set; } = [];

        public SearchInfo? Search { get; private set; }

        /// <summary>Runs the offline dialog on a changed state (questions, searches, explanations) and returns its answer to the model.</summary>
        private async Task<string> AnswerAsync(DialogState next, IReadOnlyList<string> changes, CancellationToken ct)
        {
            var reply = await offline.AnswerAsync(next, today, changes, ct);
            State = reply.State;
            Cards.AddRange(reply.Cards);
            Suggestions = [.. reply.Suggestions];
            Search = reply.Search ?? Search;
            return JsonSerializer.Serialize(new
            {
                said = reply.Text,
                offers = reply.Cards.Where(c => c.Flight is not null || c.Hotel is not null).Select(c => new
                {
                    offerId = c.OfferId,
                    kind = c.Kind,
                    total = c.Price is { } p ? OfflineAssistant.Price(p.Total) : null,
                    perPerson = c.Price is { } pp ? OfflineAssistant.Price(pp.PerPerson) : null,
                    destination = c.Destination?.City,
                }),
                suggestions = reply.Suggestions,
            }, DialogJson.Options);
        }

        private async Task<string> EditTripAsync(int shiftDepartureDays = 0, int shiftReturnDays = 0, int shiftTripDays = 0, int extraNights = 0,
            string[]? remove = null, int addAdults = 0, int addChildren = 0, int addInfants = 0, CancellationToken ct = default)
        {
            var edits = new List<FrameEdit>();
            if (shiftDepartureDays != 0) { edits.Add(new FrameEdit(EditKind.ShiftDepart, shiftDepartureDays)); }
            if (shiftReturnDays != 0) { edits.Add(new FrameEdit(EditKind.ShiftReturn, shiftReturnDays)); }
            if (shiftTripDays != 0) { edits.Add(new FrameEdit(EditKind.ShiftTrip, shiftTripDays)); }
            if (extraNights != 0) { edits.Add(new FrameEdit(EditKind.Nights, extraNights)); }
            string[] known = ["airlines", "maxPrice", "nonStop", "departTime", "cabin", "minStars", "area"];
            var bad = (remove ?? []).Where(r => !known.Contains(r, StringComparer.Ordinal)).ToList();
            if (bad.Count > 0 || Math.Abs(shiftDepartureDays) > 60 || Math.Abs(shiftReturnDays) > 60 || Math.Abs(shiftTripDays) > 60 || Math.Abs(extraNights) > 30 || addAdults < 0 || addChildren < 0 || addInfants < 0)
            {
                return Error([.. bad.Select(b => $"remove: '{b}' is not one of {string.Join(", ", known)}."), .. Math.Abs(shiftDepartureDays) > 60 || Math.Abs(shiftReturnDays) > 60 || Math.Abs(shiftTripDays) > 60 ? new[] { "shift: at most 60 days." } : [], .. addAdults < 0 || addChildren < 0 || addInfants < 0 ? new[] { "add: 0 or more travellers." } : []]);
            }
            edits.AddRange((remove ?? []).Select(r => new FrameEdit(EditKind.Remove, Slot: r)));
            var frame = new TripFrame
            {
                Edits = edits,
                Passengers = addAdults + addChildren + addInfants > 0 ? new PassengerMix(addAdults, addChildren, addInfants) : null,
                Act = addAdults + addChildren + addInfants > 0 ? FrameAct.Add : FrameAct.Change,
            };
            var (next, changes) = OfflineAssistant.Apply(State, frame, "", today);
            return await AnswerAsync(next, changes, ct);
        }

        private async Task<string> SetBudgetAsync(decimal amount, string currency = "USD", string basis = "perPerson", CancellationToken ct = default)
        {
            var code = currency.Trim().ToUpperInvariant();
            if (amount <= 0 || amount > 1_000_000 || code.Length != 3 || basis is not ("perPerson" or "total" or "perNight"))
            {
                return Error(["amount: more than 0.", "currency: an ISO 4217 code.", "basis: perPerson, total or perNight."]);
            }
            var money = new Platform.Money(amount, code);
            var next = basis == "perNight"
                ? State with { MaxNightly = money }
                : State with { MaxPrice = money, MaxPriceBasis = basis == "perPerson" ? BudgetBasis.PerPerson : BudgetBasis.Total };
            return await AnswerAsync(next, [], ct);
        }

        private async Task<string> SearchFlexibleDatesAsync(string origin, string destination, string earliest, string latest, int? nights = null, int adults = 1, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var from = Place(origin, "origin", errors);
            var to = Place(destination, "destination", errors);
            var start = Date(earliest, "earliest", errors);
            var end = Date(latest, "latest", errors);
            if (start is { } first && end is { } last)
            {
                Add(errors, SearchRules.InOrder(first, last, "earliest", "latest"));
            }
            if (nights is { } n)
            {
                Add(errors, SearchRules.Nights(n));
            }
            errors.AddRange(SearchRules.Passengers(new PassengerMix(adults)).Select(i => i.Message));
            if (errors.Count > 0)
            {
                return Error(errors);
            }
            var next = State with
            {
                Intent = TripIntent.SearchFlights, Origin = from, Destination = to, DepartDate = null, ReturnDate = null, Nights = nights,
                TripType = nights is null ? TripType.OneWay : TripType.RoundTrip, Passengers = State.Passengers ?? new PassengerMix(adults),
                Window = new DateWindow(start!.Value, end!.Value, $"{start:d MMMM} to {end:d MMMM}"), Somewhere = null, Legs = null,
            };
            return await AnswerAsync(next, [], ct);
        }

        private async Task<string> SuggestDestinationsAsync(string origin, int month, bool warm = false, bool sunny = false, bool snow = false, bool beach = false,
            bool cityBreak = false, bool cheap = false, string? region = null, double? maxFlightHours = null, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var from = Place(origin, "origin", errors);
            if (month is < 1 or > 12)
            {
                errors.Add("month: 1 to 12.");
            }
            if (maxFlightHours is <= 0 or > 24)
            {
                errors.Add("maxFlightHours: more than 0, at most 24.");
            }
            if (errors.Count > 0)
            {
                return Error(errors);
            }
            var first = new DateOnly(today.Year, month, 1);
            if (first.AddMonths(1) <= today)
            {
                first = first.AddYears(1);
            }
            var next = State with
            {
                Intent = TripIntent.SearchFlights, Origin = from, Destination = null, DepartDate = null, Legs = null,
                Window = new DateWindow(first < today ? today.AddDays(1) : first, first.AddMonths(1).AddDays(-1), first.ToString("MMMM", CultureInfo.InvariantCulture)),
                Somewhere = new DestinationWishes { Warm = warm, Sunny = sunny, Snow = snow, Beach = beach, CityBreak = cityBreak, Cheap = cheap, Region = region, MaxFlightHours = maxFlightHours },
            };
            return await AnswerAsync(next, [], ct);
        }

        private async Task<string> SearchMultiCityAsync(string legs, int adults = 1, int children = 0, int infants = 0, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var parsed = new List<TripLeg>();
            var parts = (legs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            DateOnly? previous = null;
            for (var i = 0; i < parts.Length; i++)
            {
                var bits = parts[i].Split('-', 3);
                if (bits.Length != 3)
                {
                    errors.Add($"legs: '{parts[i]}' is not ORIGIN-DESTINATION-YYYY-MM-DD.");
                    continue;
                }
                var o = Place(bits[0], $"legs[{i}].origin", errors);
                var d = Place(bits[1], $"legs[{i}].destination", errors);
                var date = Date(bits[2], $"legs[{i}].date", errors);
                if (date is { } day && previous is { } before)
                {
                    Add(errors, SearchRules.InOrder(before, day, $"legs[{i - 1}].date", $"legs[{i}].date"));
                }
                previous = date ?? previous;
                if (o is not null && d is not null && date is not null)
                {
                    parsed.Add(new TripLeg(o, d, date));
                }
            }
            if (parsed.Count is < 2 or > InventoryLimits.MaxLegs && errors.Count == 0)
            {
                errors.Add($"legs: 2 to {InventoryLimits.MaxLegs} flights.");
            }
            var party = new PassengerMix(adults, children, infants);
            errors.AddRange(SearchRules.Passengers(party).Select(i => i.Message));
            if (errors.Count > 0)
            {
                return Error(errors);
            }
            var next = State with
            {
                Intent = TripIntent.SearchFlights, Legs = parsed, Origin = parsed[0].Origin, Destination = parsed[0].Destination, DepartDate = parsed[0].Date,
                ReturnDate = null, Passengers = party, Somewhere = null, Window = null,
            };
            return await AnswerAsync(next, [], ct);
        }

        private PlaceRef? Place(string? code, string field, List<string> errors)
        {
            var location = string.IsNullOrWhiteSpace(code) || code.Trim().Length != 3 ? null : inventory.Directory.Find(code.Trim());
            if (location is null)
            {
                errors.Add($"{field}: not a known IATA airport or city code.");
                return null;
            }
            return new PlaceRef(location.Code, location.City);
        }

        private DateOnly? Date(string? text, string field, List<string> errors, bool optional = false)
        {
            if (optional && string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{field}: a date as YYYY-MM-DD.");
                return null;
            }
            if (SearchRules.TravelDate(field, date, today) is { } issue)
            {
                errors.Add(issue.Message);
                return null;
            }
            return date;
        }

        private static void Add(List<string> errors, SearchIssue? issue)
        {
            if (issue is not null)
            {
                errors.Add(issue.Message);
            }
        }

        private static string Error(IEnumerable<string> errors) => "Error: " + string.Join(" ", errors);

        [Description("Search flights")]
        private async Task<string> SearchFlightsAsync(string origin, string destination, string departDate, string? returnDate = null,
            int adults = 1, int children = 0, int infants = 0, string? cabin = null, bool nonStop = false, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var from = Place(origin, "origin", errors);
            var to = Place(destination, "destination", errors);
            var depart = Date(departDate, "departDate", errors);
            var back = Date(returnDate, "returnDate", errors, optional: true);
            if (depart is { } d && back is { } b)
            {
                Add(errors, SearchRules.InOrder(d, b, "departDate", "returnDate"));
            }
            var party = new PassengerMix(adults, children, infants);
            errors.AddRange(SearchRules.Passengers(party).Select(i => i.Message));
            Cabin? wanted = null;
            if (!string.IsNullOrWhiteSpace(cabin))
            {
                if (Enum.TryParse<Cabin>(cabin.Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var c)
                    && !int.TryParse(cabin, out _))
                {
                    wanted = c;
                }
                else
                {
                    errors.Add("cabin: economy, premiumEconomy, business or first.");
                }
            }
            if (errors.Count > 0)
            {
                return Error(errors);
            }
            State = State with
            {
                Intent = TripIntent.SearchFlights, Origin = from, Destination = to, DepartDate = depart, ReturnDate = back,
                TripType = back is null ? TripType.OneWay : TripType.RoundTrip, Passengers = party,
                Cabin = wanted, NonStop = nonStop, Asking = null,
            };
            var search = OfflineAssistant.FlightSearchOf(State);
            var all = await inventory.SearchFlightsAsync(search, ct);
            Search = OfflineAssistant.FlightInfo(search, all.Count);
            var offers = all.Take(OfflineAssistant.MaxCards).ToList();
            Cards.AddRange(offers.Select(OfflineAssistant.FlightCard));
            return offers.Count == 0 ? "No offers." : JsonSerializer.Serialize(offers.Select(o => new
            {
                offerId = o.Id,
                total = OfflineAssistant.Price(o.TotalPrice),
                airline = o.ValidatingAirline,
                itineraries = o.Itineraries.Select(i => new
                {
                    stops = i.Stops,
                    duration = i.Duration.ToString(),
                    segments = i.Segments.Select(s => new { flight = $"{s.CarrierCode} {s.FlightNumber}", s.Origin, s.Destination, departure = s.Departure.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), arrival = s.Arrival.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) }),
                }),
            }), DialogJson.Options);
        }

        private async Task<string> SearchHotelsAsync(string city, string checkIn, string checkOut, int adults = 1, int? minStars = null,
            string? near = null, string? amenities = null, decimal? maxNightly = null, string currency = "USD", CancellationToken ct = default)
        {
            var errors = new List<string>();
            var place = Place(city, "city", errors);
            var from = Date(checkIn, "checkIn", errors);
            var to = Date(checkOut, "checkOut", errors);
            if (from is { } @in && to is { } @out)
            {
                Add(errors, SearchRules.Stay(@in, @out));
            }
            errors.AddRange(SearchRules.Guests(adults, HotelSearch.RoomsFor(adults)).Select(i => i.Message));
            if (minStars is < 1 or > 5)
            {
                errors.Add("minStars: 1 to 5.");
            }
            var wanted = (amenities ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()).Distinct().ToList();
            if (wanted.Any(a => !HotelAmenities.All.Contains(a)))
            {
                errors.Add($"amenities: comma-separated, each one of {string.Join(", ", HotelAmenities.All)}.");
            }
            var code = currency.Trim().ToUpperInvariant();
            if (maxNightly is { } limit && (limit <= 0 || limit > 1_000_000 || code.Length != 3))
            {
                errors.Add("maxNightly: more than 0, in currency (ISO 4217).");
            }
            if (near is { Length: > 80 })
            {
                errors.Add("near: a landmark or neighbourhood name, at most 80 characters.");
            }
            if (errors.Count > 0)
            {
                return Error(errors);
            }
            // The offline dialog's stay search: near a named place, amenities (breakfast priced in), the price a night, explained when empty.
            var next = State with
            {
                Intent = TripIntent.SearchHotels, Destination = place, DepartDate = from, ReturnDate = to, MinStars = minStars,
                Passengers = State.Passengers ?? new PassengerMix(adults), Area = string.IsNullOrWhiteSpace(near) ? null : near.Trim(),
                Amenities = wanted.Count == 0 ? null : wanted, MaxNightly = maxNightly is { } max ? new Platform.Money(max, code) : null, Window = null, Asking = null,
            };
            return await AnswerAsync(next, [], ct);
        }

        private async Task<string> SearchActivitiesAsync(string city, string? interest = null, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var place = Place(city, "city", errors);
            if (!ActivityInterests.TryRead(interest, out var kind))
            {
                errors.Add(ActivityInterests.Expected);
            }
            if (place is null || errors.Count > 0)
            {
                return Error(errors);
            }
            var point = inventory.Directory.Find(place.Code)!.Point;
            var found = (await inventory.SearchActivitiesAsync(new ActivitySearch(point, RadiusKm: 15, Interest: kind), ct))
                .OrderByDescending(a => a.Rating ?? 0).Take(OfflineAssistant.MaxCards).ToList();
            Cards.AddRange(found.Select(a => new ResultCard(ResultCard.ActivityKind, a.Id, Activity: a)));
            return JsonSerializer.Serialize(found.Select(a => new { offerId = a.Id, a.Name, a.Category, price = a.Price is null ? null : OfflineAssistant.Price(a.Price) }), DialogJson.Options);
        }

        private async Task<string> AddToSelectionAsync(string offerId, string kind, CancellationToken ct = default)
        {
            var card = await SelectionCards.FindAsync(inventory, offerId, kind, Cards, ct);
            if (card is null)
            {
                return "Error: no current offer with that id and kind; search again.";
            }
            if (SelectionFit.Why(State, card) is { } stale)
            {
                return $"Error: {stale}";
            }
            State = State with { Selections = [.. State.Selections.Where(s => s.OfferId != card.OfferId), new Selection(card.OfferId, card.Kind, card, DateTimeOffset.UtcNow)] };
            return $"Kept {card.Kind} {card.OfferId}. {State.Selections.Count} picked.";
        }

        private string ShowSelection() => State.Selections.Count == 0 ? "Nothing picked yet."
            : JsonSerializer.Serialize(State.Selections.Select(s => new { s.Kind, s.OfferId }), DialogJson.Options);
    }
}

/// <summary>Finds the card for an offer id: a flight or hotel from the inventory, an activity from the cards just shown.</summary>
internal static class SelectionCards
{
    public static async Task<ResultCard?> FindAsync(InventoryService inventory, string? offerId, string? kind, IEnumerable<ResultCard> recent, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(offerId) || offerId.Length > 512)
        {
            return null;
        }
        switch (kind?.Trim().ToLowerInvariant())
        {
            case ResultCard.FlightKind:
                return await inventory.GetFlightOfferAsync(offerId, ct) is { } f ? OfflineAssistant.FlightCard(f) : null;
            case ResultCard.HotelKind:
                return await inventory.GetHotelOfferAsync(offerId, ct) is { } h ? OfflineAssistant.HotelCard(h) : null;
            case ResultCard.ActivityKind:
                return recent.FirstOrDefault(c => c.Kind == ResultCard.ActivityKind && c.OfferId == offerId);
            default:
                return null;
        }
    }
}
