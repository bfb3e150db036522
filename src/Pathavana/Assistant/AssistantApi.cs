using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Platform.Data;
using Pathavana.Platform.Http;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Trips;

namespace Pathavana.Assistant;

internal sealed record CreateSessionRequest(string? Title);

internal sealed record RenameSessionRequest(string? Title);

internal sealed record SendMessageRequest(string? Text);

internal sealed record SelectOfferRequest(string? OfferId, string? Kind);

internal sealed record CreateTripFromSessionRequest(string? Title, string? Currency);

internal sealed record SessionResponse(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// One message. An assistant reply carries <c>search</c>: null when the turn ran no search, else the
/// search it ran (<c>kind</c>, <c>query</c> in the parameters of <c>GET /api/v1/{kind}/search</c>, <c>total</c> offers found),
/// and <c>picked</c>: the offer id of the card the message picked ("I'll take the first one"), kept in the session's selections; else null.
/// </summary>
internal sealed record MessageResponse(
    Guid Id, int Seq, string Role, string Text, IReadOnlyList<ResultCard> Cards, IReadOnlyList<string> Suggestions,
    DateTimeOffset CreatedAt, string? Mode, bool Fallback, string? FallbackReason, SearchInfo? Search, string? Picked = null);

/// <summary>
/// A session: its messages, <c>state</c> (the dialog state as stored), <c>understood</c> (the constraints
/// the assistant holds, one line each, for "what I understood") and the picks.
/// </summary>
internal sealed record SessionDetailResponse(
    Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonElement State, IReadOnlyList<UnderstoodItem> Understood,
    IReadOnlyList<Selection> Selections, IReadOnlyList<MessageResponse> Messages, bool HasEarlier);

/// <summary>The <c>cards</c> event of the stream: the reply's cards, chips, search (null when none ran) and the offer id it picked (null when none).</summary>
internal sealed record CardsEvent(IReadOnlyList<ResultCard> Cards, IReadOnlyList<string> Suggestions, SearchInfo? Search, string? Picked = null)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public SearchInfo? Search { get; init; } = Search;
}

internal sealed record TurnResponse(Guid SessionId, MessageResponse UserMessage, MessageResponse Reply, string Mode, bool Fallback, string? FallbackReason);

internal sealed record SelectionsResponse(Guid SessionId, IReadOnlyList<Selection> Selections);

internal sealed record ClaimResponse(int Claimed);

internal sealed record TripCreatedResponse(Guid TripId);

/// <summary>
/// Chat sessions and turns under <c>/api/v1/chat/sessions</c>. Before sign-in a session belongs to
/// the browser's anonymous cookie; a session of another user or browser answers 404.
/// </summary>
internal static class AssistantApi
{
    private const int MaxMessageLength = 2000;
    private const int MaxTitleLength = 200;

    public static void MapAssistantApi(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/v1/chat/sessions").WithTags("Assistant");
        chat.MapPost("/", CreateAsync).WithName("CreateChatSession").WithSummary("Start a chat session (anonymous before sign-in).");
        chat.MapGet("/", ListAsync).WithName("ListChatSessions").WithSummary("Your chat sessions, latest first, a page at a time (Link rel=next).");
        chat.MapPost("/claim", ClaimAsync).RequireAuthorization().WithName("ClaimChatSessions")
            .WithSummary("Move this browser's anonymous sessions to the signed-in user.");
        chat.MapGet("/{id:guid}", GetAsync).WithName("GetChatSession").WithSummary("A session with its messages and state.");
        chat.MapPatch("/{id:guid}", RenameAsync).WithName("RenameChatSession").WithSummary("Rename a session.");
        chat.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteChatSession").WithSummary("Delete a session and its messages.");
        chat.MapPost("/{id:guid}/messages", SendAsync).WithName("SendChatMessage").WithSummary("Send a message; the reply as JSON.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        chat.MapPost("/{id:guid}/messages/stream", StreamAsync).WithName("StreamChatMessage")
            .WithSummary("Send a message; the reply as server-sent events: delta…, cards, done.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        chat.MapPost("/{id:guid}/selections", SelectAsync).WithName("SelectChatOffer").WithSummary("Keep a picked offer on the session.");
        chat.MapPost("/{id:guid}/trip", CreateTripAsync).RequireAuthorization().WithName("CreateTripFromChat")
            .WithSummary("Turn the session's picks into a trip.");
    }

    private static ChatOwner? OwnerOf(HttpContext context, bool issueCookie)
    {
        if (context.User.TryGetId() is { } user)
        {
            return new ChatOwner(user, null);
        }
        var hash = issueCookie ? AnonymousBrowser.Ensure(context) : AnonymousBrowser.Read(context);
        return hash is null ? null : new ChatOwner(null, hash);
    }

    private static Task<ChatSession?> FindAsync(PathavanaDbContext db, ChatOwner owner, Guid id, CancellationToken ct) =>
        owner.Scope(db.ChatSessions).SingleOrDefaultAsync(s => s.Id == id, ct);

    private static SessionResponse Describe(ChatSession s) => new(s.Id, s.Title, s.CreatedAt, s.UpdatedAt);

    internal static MessageResponse Describe(ChatMessage m)
    {
        var payload = MessagePayload.Parse(m.Payload);
        return new MessageResponse(m.Id, m.Seq, m.Role.ToString().ToLowerInvariant(), m.Text, payload.Cards, payload.Suggestions,
            m.CreatedAt, payload.Mode, payload.Fallback, payload.FallbackReason, m.Role == ChatRole.Assistant ? payload.Search : null,
            m.Role == ChatRole.Assistant ? payload.Picked : null);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string? CleanTitle(string? title, out string? error)
    {
        error = null;
        var trimmed = title?.Trim();
        if (trimmed is not null && (trimmed.Length == 0 || trimmed.Length > MaxTitleLength))
        {
            error = $"A title of 1 to {MaxTitleLength} characters.";
        }
        return trimmed;
    }

    private static async Task<Results<Created<SessionResponse>, ValidationProblem>> CreateAsync(
        CreateSessionRequest? request, HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        var title = CleanTitle(request?.Title, out var error);
        if (error is not null)
        {
            return Invalid("title", error);
        }
        var owner = OwnerOf(context, issueCookie: true)!;
        var session = new ChatSession { Title = title ?? ChatTurns.DefaultTitle, OwnerId = owner.UserId, AnonymousTokenHash = owner.AnonymousHash };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/chat/sessions/{session.Id}", Describe(session));
    }

    private static async Task<Results<Ok<List<SessionResponse>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        var (onePage, problem) = Page.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        var owner = OwnerOf(context, issueCookie: false);
        if (owner is null)
        {
            return TypedResults.Ok(new List<SessionResponse>());
        }
        var sessions = await onePage.ReadAsync(owner.Scope(db.ChatSessions.AsNoTracking())
            .OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id), context, ct);
        return TypedResults.Ok(sessions.Select(Describe).ToList());
    }

    private static async Task<Ok<ClaimResponse>> ClaimAsync(HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        var user = context.User.Id();
        var hash = AnonymousBrowser.Read(context);
        if (hash is null)
        {
            return TypedResults.Ok(new ClaimResponse(0));
        }
        var sessions = await db.ChatSessions.Where(s => s.OwnerId == null && s.AnonymousTokenHash == hash).ToListAsync(ct);
        foreach (var session in sessions)
        {
            session.OwnerId = user;
            session.AnonymousTokenHash = null;
        }
        await db.SaveChangesAsync(ct);
        // The user adopts the browser's key: what was written before sign-in stays readable, and is erased with the account.
        await DataKeys.AdoptAsync(db, hash, user, ct);
        // And the browser's consent decisions (the latest decision, the user's or the browser's, counts).
        await Pathavana.Privacy.Consents.AdoptAsync(db, hash, user, ct);
        return TypedResults.Ok(new ClaimResponse(sessions.Count));
    }

    /// <summary>
    /// The session with its latest <c>pageSize</c> messages (default 50, at most 100) in order, or those before
    /// message <c>before</c> (a <c>seq</c>); <c>hasEarlier</c> says whether older ones remain.
    /// </summary>
    private static async Task<Results<Ok<SessionDetailResponse>, NotFound, UnauthorizedHttpResult, ValidationProblem>> GetAsync(
        Guid id, int? before, int? pageSize, HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        var (onePage, problem) = Page.From(null, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        if (OwnerOf(context, issueCookie: false) is not { } owner)
        {
            return TypedResults.Unauthorized();
        }
        var session = await owner.Scope(db.ChatSessions.AsNoTracking()).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        var query = db.ChatMessages.AsNoTracking().Where(m => m.SessionId == id);
        if (before is { } seq)
        {
            query = query.Where(m => m.Seq < seq);
        }
        var messages = await query.OrderByDescending(m => m.Seq).Take(onePage.Size + 1).ToListAsync(ct);
        var hasEarlier = messages.Count > onePage.Size;
        messages = [.. messages.Take(onePage.Size).Reverse()];
        var state = DialogState.Parse(session.State);
        using var stateJson = JsonDocument.Parse((state with { Selections = [] }).ToJson());
        return TypedResults.Ok(new SessionDetailResponse(session.Id, session.Title, session.CreatedAt, session.UpdatedAt,
            stateJson.RootElement.Clone(), Understood.Of(state), state.Selections, messages.Select(Describe).ToList(), hasEarlier));
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound, UnauthorizedHttpResult, ValidationProblem>> RenameAsync(
        Guid id, RenameSessionRequest request, HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        if (OwnerOf(context, issueCookie: false) is not { } owner)
        {
            return TypedResults.Unauthorized();
        }
        var session = await FindAsync(db, owner, id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        var title = CleanTitle(request.Title, out var error);
        if (error is not null || title is null)
        {
            return Invalid("title", error ?? $"A title of 1 to {MaxTitleLength} characters.");
        }
        session.Title = title;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Describe(session));
    }

    private static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> DeleteAsync(
        Guid id, HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        if (OwnerOf(context, issueCookie: false) is not { } owner)
        {
            return TypedResults.Unauthorized();
        }
        var session = await FindAsync(db, owner, id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        await db.ChatMessages.Where(m => m.SessionId == id).ExecuteDeleteAsync(ct);
        db.Remove(session);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(ChatSession? Session, ChatOwner? Owner, IResult? Problem)> PrepareTurnAsync(
        Guid id, SendMessageRequest request, HttpContext context, PathavanaDbContext db, CancellationToken ct)
    {
        if (OwnerOf(context, issueCookie: false) is not { } owner)
        {
            return (null, null, TypedResults.Unauthorized());
        }
        var session = await FindAsync(db, owner, id, ct);
        if (session is null)
        {
            return (null, null, TypedResults.NotFound());
        }
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxMessageLength)
        {
            return (null, null, Invalid("text", $"A message of 1 to {MaxMessageLength} characters."));
        }
        return (session, owner, null);
    }

    private static async Task<Results<Ok<TurnResponse>, NotFound, UnauthorizedHttpResult, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid id, SendMessageRequest request, HttpContext context, PathavanaDbContext db, ChatTurns turns, CancellationToken ct)
    {
        var (session, owner, problem) = await PrepareTurnAsync(id, request, context, db, ct);
        switch (problem)
        {
            case UnauthorizedHttpResult u: return u;
            case NotFound n: return n;
            case ValidationProblem v: return v;
        }
        var outcome = await RunAsync(turns, session!, owner!, request.Text!, ct);
        return outcome is null ? Conflict() : TypedResults.Ok(Respond(session!.Id, outcome));
    }

    /// <summary>Runs the turn; null when another turn on the same session (another tab or replica) was stored first.</summary>
    private static async Task<TurnOutcome?> RunAsync(ChatTurns turns, ChatSession session, ChatOwner owner, string text, CancellationToken ct)
    {
        try
        {
            return await turns.RunAsync(session, owner, text.Trim(), ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConcurrentWrite(e))
        {
            return null;
        }
    }

    private static ProblemHttpResult Conflict() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "Another message on this session was answered at the same time.", detail: "Reload the session and send the message again.");

    private static TurnResponse Respond(Guid sessionId, TurnOutcome o) =>
        new(sessionId, Describe(o.UserMessage), Describe(o.Reply), o.Payload.Mode ?? "offline", o.Payload.Fallback, o.Payload.FallbackReason);

    private static async Task<Results<ServerSentEventsResult<string>, NotFound, UnauthorizedHttpResult, ValidationProblem, ProblemHttpResult>> StreamAsync(
        Guid id, SendMessageRequest request, HttpContext context, PathavanaDbContext db, ChatTurns turns, CancellationToken ct)
    {
        var (session, owner, problem) = await PrepareTurnAsync(id, request, context, db, ct);
        switch (problem)
        {
            case UnauthorizedHttpResult u: return u;
            case NotFound n: return n;
            case ValidationProblem v: return v;
        }
        var outcome = await RunAsync(turns, session!, owner!, request.Text!, ct);
        return outcome is null ? Conflict() : TypedResults.ServerSentEvents(Events(Respond(session!.Id, outcome), ct));
    }

    /// <summary>The reply as events: <c>delta</c> text chunks, then <c>cards</c>, then <c>done</c> with the message ids and mode.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(TurnResponse turn, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in Chunks(turn.Reply.Text))
        {
            ct.ThrowIfCancellationRequested();
            yield return new SseItem<string>(JsonSerializer.Serialize(new { text = chunk }, DialogJson.Options), "delta");
            await Task.Yield();
        }
        yield return new SseItem<string>(JsonSerializer.Serialize(new CardsEvent(turn.Reply.Cards, turn.Reply.Suggestions, turn.Reply.Search, turn.Reply.Picked), DialogJson.Options), "cards");
        yield return new SseItem<string>(JsonSerializer.Serialize(new
        {
            messageId = turn.Reply.Id, userMessageId = turn.UserMessage.Id, mode = turn.Mode, fallback = turn.Fallback, fallbackReason = turn.FallbackReason,
        }, DialogJson.Options), "done");
    }

    /// <summary>Splits text into chunks of a few words, keeping the spaces so the chunks join back to the text.</summary>
    internal static IEnumerable<string> Chunks(string text)
    {
        const int WordsPerChunk = 4;
        var start = 0;
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && ++words == WordsPerChunk)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
                words = 0;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static async Task<Results<Ok<SelectionsResponse>, NotFound, UnauthorizedHttpResult, ValidationProblem>> SelectAsync(
        Guid id, SelectOfferRequest request, HttpContext context, PathavanaDbContext db, Inventory.InventoryService inventory,
        TimeProvider clock, CancellationToken ct)
    {
        if (OwnerOf(context, issueCookie: false) is not { } owner)
        {
            return TypedResults.Unauthorized();
        }
        var session = await FindAsync(db, owner, id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        if (request.Kind?.Trim().ToLowerInvariant() is not (ResultCard.FlightKind or ResultCard.HotelKind or ResultCard.ActivityKind))
        {
            return Invalid("kind", "One of: flight, hotel, activity.");
        }
        // Whole rows: the payload is encrypted, and only a materialised message is decrypted.
        var recent = (await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == id && m.Role == ChatRole.Assistant)
                .OrderByDescending(m => m.Seq).Take(10).ToListAsync(ct))
            .SelectMany(m => MessagePayload.Parse(m.Payload).Cards);
        var card = await SelectionCards.FindAsync(inventory, request.OfferId, request.Kind, recent, ct);
        if (card is null)
        {
            return Invalid("offerId", "This offer is not current. Search again and pick from the new results.");
        }
        var state = DialogState.Parse(session.State);
        if (SelectionFit.Why(state, card) is { } stale)
        {
            return Invalid("offerId", stale);
        }
        state = state with { Selections = [.. state.Selections.Where(s => s.OfferId != card.OfferId), new Selection(card.OfferId, card.Kind, card, clock.GetUtcNow())] };
        session.State = state.ToJson();
        session.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SelectionsResponse(session.Id, state.Selections));
    }

    private static async Task<Results<Created<TripCreatedResponse>, NotFound, ValidationProblem>> CreateTripAsync(
        Guid id, CreateTripFromSessionRequest? request, ClaimsPrincipal user, PathavanaDbContext db, ITripPlans plans, CancellationToken ct)
    {
        var me = user.Id();
        var session = await db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.OwnerId == me, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        var state = DialogState.Parse(session.State);
        var picks = state.Selections.Where(s => s.Kind is ResultCard.FlightKind or ResultCard.HotelKind).ToList();
        if (picks.Count == 0)
        {
            return Invalid("selections", "Pick at least one flight or hotel first.");
        }
        var days = picks.SelectMany(DaysOf).ToList();
        var currency = request?.Currency?.Trim().ToUpperInvariant() is { Length: 3 } c && c.All(char.IsAsciiLetterUpper) ? c
            : picks[0].Card.Flight?.TotalPrice.Currency ?? picks[0].Card.Hotel?.Total.Currency ?? "USD";
        var title = request?.Title?.Trim() is { Length: > 0 and <= MaxTitleLength } t ? t
            : state.Destination is { } d ? $"Trip to {d.Name}" : session.Title;
        var result = await plans.CreateFromSelectionsAsync(me, title, days.Min(), days.Max(), currency, session.Id,
            [.. picks.Select(p => new PickedOffer(p.OfferId, p.Kind))], ct);
        if (result.TripId is not { } tripId)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value));
        }
        return TypedResults.Created($"/api/v1/trips/{tripId}", new TripCreatedResponse(tripId));
    }

    private static IEnumerable<DateOnly> DaysOf(Selection s)
    {
        if (s.Card.Flight is { } f)
        {
            foreach (var segment in f.Itineraries.SelectMany(i => i.Segments))
            {
                yield return DateOnly.FromDateTime(segment.Departure.DateTime);
                yield return DateOnly.FromDateTime(segment.Arrival.DateTime);
            }
        }
        if (s.Card.Hotel is { } h)
        {
            yield return h.CheckIn;
            yield return h.CheckOut;
        }
    }
}
