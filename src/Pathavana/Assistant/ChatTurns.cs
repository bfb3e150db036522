using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Data;
using Pathavana.Platform.Observability;
using Pathavana.Privacy;

namespace Pathavana.Assistant;

/// <summary>Who a session belongs to: a signed-in user, or before sign-in an anonymous browser (its token's SHA-256).</summary>
internal sealed record ChatOwner(Guid? UserId, string? AnonymousHash)
{
    /// <summary>The budget and usage subject.</summary>
    public string Subject => UserId?.ToString() ?? AnonymousHash ?? "";

    public IQueryable<ChatSession> Scope(IQueryable<ChatSession> sessions) => UserId is { } user
        ? sessions.Where(s => s.OwnerId == user)
        : sessions.Where(s => s.OwnerId == null && s.AnonymousTokenHash == AnonymousHash);
}

/// <summary>The anonymous browser cookie: a random 256-bit token, only its SHA-256 is stored.</summary>
internal static class AnonymousBrowser
{
    public const string CookieName = "pathavana.anon";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The hash of the browser's token, or null when it has none (or a malformed one).</summary>
    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var token) && token is { Length: 43 } ? Hash(token) : null;

    /// <summary>The browser's token hash, issuing a new HttpOnly, Secure, SameSite=Strict cookie on first use.</summary>
    public static string Ensure(HttpContext context)
    {
        if (Read(context) is { } hash)
        {
            return hash;
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/api/v1/chat",
            MaxAge = TimeSpan.FromDays(30),
            IsEssential = true,
        });
        return Hash(token);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What is stored in <c>session_messages.payload</c> and returned with each message.</summary>
internal sealed record MessagePayload(
    IReadOnlyList<ResultCard> Cards, IReadOnlyList<string> Suggestions, string? Mode = null, bool Fallback = false, string? FallbackReason = null, SearchInfo? Search = null, string? Picked = null)
{
    public static MessagePayload Parse(string? json) =>
        string.IsNullOrEmpty(json) ? new MessagePayload([], []) : JsonSerializer.Deserialize<MessagePayload>(json, DialogJson.Options) ?? new MessagePayload([], []);

    public string ToJson() => JsonSerializer.Serialize(this, DialogJson.Options);
}

/// <summary>One answered turn: both stored messages and how it was answered.</summary>
internal sealed record TurnOutcome(ChatMessage UserMessage, ChatMessage Reply, MessagePayload Payload);

/// <summary>
/// Runs one chat turn: loads the session's state, answers in LLM mode when configured (falling
/// back to the offline path on failure, time-out or an exhausted budget), stores the user's
/// message, the reply and the new state. All state is in the database.
/// </summary>
internal sealed partial class ChatTurns(
    PathavanaDbContext db,
    OfflineAssistant offline,
    IServiceProvider services,
    IOptions<LlmOptions> llmOptions,
    TimeProvider clock,
    PathavanaMetrics metrics,
    Consents consents,
    ILogger<ChatTurns> logger)
{
    public const string DefaultTitle = "New chat";

    /// <summary>Said before an offline answer when the model could not answer, so the traveller knows why it reads differently.</summary>
    public const string FallbackNote = "(The language model is unavailable; I answered offline with what we had so far.) ";

    /// <summary>Said before an offline answer when LLM mode is on but the traveller has not agreed to send chat text to the model.</summary>
    public const string NoConsentNote = "(You have not agreed to send your messages to the language model, so the offline assistant answered on our server. "
        + "You can agree under Account, Privacy.) ";

    public async Task<TurnOutcome> RunAsync(ChatSession session, ChatOwner owner, string text, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var state = DialogState.Parse(session.State);

        TurnReply? reply = null;
        string mode = "offline";
        string? fallbackReason = null;
        var settings = llmOptions.Value;
        var consented = settings.Enabled && await consents.HasAsync(new ConsentSubject(owner.UserId, owner.AnonymousHash), ConsentPurposes.LanguageModel, ct);
        if (consented)
        {
            (reply, fallbackReason) = await TryLlmAsync(session, owner, state, text, today, settings, ct);
            mode = reply is null ? "offline" : "llm";
        }
        if (reply is null && OfflineAssistant.MayPick(text))
        {
            // "I'll take the first one": a card of the last results shown (a reply that picked one shows only
            // that card: "the second one" after it still means the list before), kept as its pick button keeps it.
            var recent = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == session.Id && m.Role == ChatRole.Assistant)
                .OrderByDescending(m => m.Seq).Take(10).ToListAsync(ct);
            var shown = recent.Select(m => MessagePayload.Parse(m.Payload)).FirstOrDefault(m => m.Picked is null && m.Cards.Count > 0);
            reply = shown is null ? null : offline.Pick(state, text, shown.Cards, today, now);
        }
        reply ??= await offline.ReplyAsync(state, text, today, ct);
        if (fallbackReason is not null)
        {
            reply = reply with { Text = FallbackNote + reply.Text };
        }
        else if (settings.Enabled && !consented)
        {
            // Not a failure: the traveller's choice. The reply says why it is the offline assistant.
            fallbackReason = FallbackReasons.NoConsent;
            reply = reply with { Text = NoConsentNote + reply.Text };
        }
        var failed = fallbackReason is not null && fallbackReason != FallbackReasons.NoConsent;

        var seq = await db.ChatMessages.Where(m => m.SessionId == session.Id).MaxAsync(m => (int?)m.Seq, ct) ?? 0;
        var payload = new MessagePayload(reply.Cards, reply.Suggestions, mode, fallbackReason is not null, fallbackReason, reply.Search, reply.Picked);
        var userMessage = new ChatMessage { SessionId = session.Id, Role = ChatRole.User, Text = text, Seq = seq + 1 };
        var assistant = new ChatMessage
        {
            SessionId = session.Id, Role = ChatRole.Assistant, Text = reply.Text, Payload = payload.ToJson(), Seq = seq + 2,
        };
        db.AddRange(userMessage, assistant);
        session.State = reply.State.ToJson();
        if (session.Title == DefaultTitle)
        {
            var title = text.Trim();
            session.Title = title.Length > 60 ? title[..60].TrimEnd() + "…" : title;
        }
        session.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        metrics.RecordChatTurn(mode == "llm" ? ChatMode.Llm : ChatMode.Offline, failed, Stopwatch.GetElapsedTime(started));
        LogTurn(session.Id, mode, fallbackReason ?? "none", reply.Cards.Count);
        return new TurnOutcome(userMessage, assistant, payload);
    }

    private async Task<(TurnReply? Reply, string? FallbackReason)> TryLlmAsync(
        ChatSession session, ChatOwner owner, DialogState state, string text, DateOnly today, LlmOptions settings, CancellationToken ct)
    {
        var subject = owner.Subject;
        var used = await db.Set<LlmUsage>().Where(u => u.Subject == subject && u.Day == today)
            .SumAsync(u => u.InputTokens + u.OutputTokens, ct);
        if (used >= settings.MaxTokensPerUserPerDay)
        {
            LogBudget(session.Id);
            return (null, FallbackReasons.Budget);
        }
        // Whole rows: the text is encrypted, and only a materialised message is decrypted.
        var history = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == session.Id)
            .OrderBy(m => m.Seq).ToListAsync(ct);
        var llm = services.GetRequiredService<LlmAssistant>();
        try
        {
            var answer = await llm.ReplyAsync(state, [.. history.Select(h => (h.Role, h.Text))], text, today, ct);
            db.Add(new LlmUsage
            {
                Subject = subject, SessionId = session.Id, Day = today, Model = settings.Model,
                InputTokens = answer.InputTokens, OutputTokens = answer.OutputTokens,
            });
            metrics.RecordLlmTokens(answer.InputTokens, answer.OutputTokens);
            return (answer.Reply, null);
        }
        catch (LlmTimeoutException)
        {
            LogFallback(session.Id, FallbackReasons.Timeout);
            return (null, FallbackReasons.Timeout);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Any failure of the model or its endpoint (HTTP errors, bad JSON, no text) falls back.
            LogFallbackError(session.Id, e.GetType().Name);
            return (null, FallbackReasons.Error);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Chat turn on session {SessionId}: {Mode}, fallback {Fallback}, {Cards} cards")]
    private partial void LogTurn(Guid sessionId, string mode, string fallback, int cards);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "LLM turn on session {SessionId} fell back to offline: {Reason}")]
    private partial void LogFallback(Guid sessionId, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "LLM turn on session {SessionId} failed ({ErrorType}); answered offline")]
    private partial void LogFallbackError(Guid sessionId, string errorType);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "LLM token budget exhausted for the owner of session {SessionId}; answered offline")]
    private partial void LogBudget(Guid sessionId);
}
