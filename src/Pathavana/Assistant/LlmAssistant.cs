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
}

/// <summary>The LLM's answer for one turn: text, cards gathered by its tool calls, the new state, tokens.</summary>
internal sealed record LlmReply(TurnReply Reply, long InputTokens, long OutputTokens);

/// <summary>Thrown when the LLM did not answer in time (distinct from the caller cancelling).</summary>
internal sealed class LlmTimeoutException(string message) : Exception(message);

/// <summary>
/// One LLM turn with tool calling over the inventory and the session's picks. Tool arguments are
/// validated like user input: a bad argument goes back to the model as an error message.
/// </summary>
internal sealed class LlmAssistant(IChatClient client, IOptions<LlmOptions> options, InventoryService inventory)
{
    private const int HistoryMessages = 20;

    public async Task<LlmReply> ReplyAsync(
        DialogState state, IReadOnlyList<(ChatRole Role, string Text)> history, string utterance, DateOnly today, CancellationToken ct)
    {
        var settings = options.Value;
        var turn = new ToolContext(state, today, inventory);
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
        var reply = new TurnReply(text.Trim(), turn.Cards, [], turn.State);
        return new LlmReply(reply, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
    }

    private static string SystemPrompt(DialogState state, DateOnly today) => $"""
        You are Pathavana, a travel planner. Today is {today:yyyy-MM-dd} ({today.DayOfWeek}).
        Find flights, hotels and activities only with the tools; every price, time, flight number and hotel name you
        mention must come from a tool result in this conversation. Never invent one. Ask one short question when
        something required is missing (where from, where to, when, how many travel). Use IATA codes for places and
        YYYY-MM-DD for dates. Keep answers short: the user sees the results as cards beside your text.
        When the user picks an option, call add_to_selection with its offer id. Booking happens from the picks.
        What the session knows so far (JSON): {(state with { Selections = [] }).ToJson()}
        Picks so far: {string.Join(", ", state.Selections.Select(s => $"{s.Kind} {s.OfferId}"))}
        """;

    /// <summary>The tools of one turn and what they gathered.</summary>
    private sealed class ToolContext(DialogState state, DateOnly today, InventoryService inventory)
    {
        public DialogState State { get; private set; } = state;

        public List<ResultCard> Cards { get; } = [];

        public List<AITool> Tools() =>
        [
            AIFunctionFactory.Create(SearchFlightsAsync, "search_flights",
                "Search flight offers. origin and destination: IATA airport or city codes; departDate and optional returnDate: YYYY-MM-DD; cabin: economy, premiumEconomy, business or first."),
            AIFunctionFactory.Create(SearchHotelsAsync, "search_hotels",
                "Search hotel offers in a city (IATA city or airport code) between checkIn and checkOut (YYYY-MM-DD)."),
            AIFunctionFactory.Create(SearchActivitiesAsync, "search_activities", "Things to do in a city (IATA city or airport code)."),
            AIFunctionFactory.Create(AddToSelectionAsync, "add_to_selection",
                "Keep an offer the user picked on the session. kind: flight, hotel or activity; offerId: from a search result."),
            AIFunctionFactory.Create(ShowSelection, "show_selection", "The offers the user picked so far."),
        ];

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
            if (date < today || date.DayNumber - today.DayNumber > InventoryLimits.BookingHorizonDays)
            {
                errors.Add($"{field}: between {today:yyyy-MM-dd} and {today.AddDays(InventoryLimits.BookingHorizonDays):yyyy-MM-dd}.");
                return null;
            }
            return date;
        }

        private static string Error(List<string> errors) => "Error: " + string.Join(" ", errors);

        [Description("Search flights")]
        private async Task<string> SearchFlightsAsync(string origin, string destination, string departDate, string? returnDate = null,
            int adults = 1, int children = 0, int infants = 0, string? cabin = null, bool nonStop = false, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var from = Place(origin, "origin", errors);
            var to = Place(destination, "destination", errors);
            var depart = Date(departDate, "departDate", errors);
            var back = Date(returnDate, "returnDate", errors, optional: true);
            if (depart is not null && back is not null && back < depart)
            {
                errors.Add("returnDate: not before departDate.");
            }
            if (adults < 1 || children < 0 || infants < 0 || infants > adults || adults + children > InventoryLimits.MaxSeatedPassengers)
            {
                errors.Add($"passengers: at least 1 adult, at most {InventoryLimits.MaxSeatedPassengers} seated, no more infants than adults.");
            }
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
                TripType = back is null ? TripType.OneWay : TripType.RoundTrip, Passengers = new PassengerCount(adults, children, infants),
                Cabin = wanted, NonStop = nonStop, Asking = null,
            };
            var offers = (await inventory.SearchFlightsAsync(OfflineAssistant.FlightSearchOf(State), ct)).Take(OfflineAssistant.MaxCards).ToList();
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

        private async Task<string> SearchHotelsAsync(string city, string checkIn, string checkOut, int adults = 1, int? minStars = null, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var place = Place(city, "city", errors);
            var from = Date(checkIn, "checkIn", errors);
            var to = Date(checkOut, "checkOut", errors);
            if (from is not null && to is not null && (to <= from || to.Value.DayNumber - from.Value.DayNumber > 30))
            {
                errors.Add("checkOut: 1 to 30 nights after checkIn.");
            }
            if (adults is < 1 or > 9)
            {
                errors.Add("adults: 1 to 9.");
            }
            if (minStars is < 1 or > 5)
            {
                errors.Add("minStars: 1 to 5.");
            }
            if (errors.Count > 0)
            {
                return Error(errors);
            }
            State = State with { Destination = place, DepartDate = from, ReturnDate = to, MinStars = minStars, Passengers = State.Passengers ?? new PassengerCount(adults) };
            var offers = (await inventory.SearchHotelsAsync(new HotelSearch(from!.Value, to!.Value, adults, CityCode: place!.Code, MinStars: minStars), ct))
                .OrderBy(h => h.Total.Amount).Take(OfflineAssistant.MaxCards).ToList();
            Cards.AddRange(offers.Select(OfflineAssistant.HotelCard));
            return offers.Count == 0 ? "No offers." : JsonSerializer.Serialize(offers.Select(h => new
            {
                offerId = h.Id, name = h.Hotel.Name, stars = h.Hotel.Stars, nightly = OfflineAssistant.Price(h.Nightly), total = OfflineAssistant.Price(h.Total),
            }), DialogJson.Options);
        }

        private async Task<string> SearchActivitiesAsync(string city, CancellationToken ct = default)
        {
            var errors = new List<string>();
            var place = Place(city, "city", errors);
            if (place is null)
            {
                return Error(errors);
            }
            var point = inventory.Directory.Find(place.Code)!.Point;
            var found = (await inventory.SearchActivitiesAsync(new ActivitySearch(point, RadiusKm: 15), ct))
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
