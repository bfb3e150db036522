using System.Diagnostics.Metrics;

namespace Pathavana.Platform.Observability;

/// <summary>How an outgoing call to a provider (Amadeus, Google, the LLM, SMTP…) ended.</summary>
internal enum ExternalCallOutcome
{
    /// <summary>The provider answered as documented (including a well-formed "nothing found").</summary>
    Success,

    /// <summary>The provider answered with an error, an unreadable body, or the connection failed.</summary>
    Failure,

    /// <summary>No answer within the time-out (or the resilience pipeline gave up waiting).</summary>
    Timeout,

    /// <summary>Not attempted: the circuit breaker is open or the provider throttled us.</summary>
    Rejected,
}

/// <summary>Which engine produced an assistant reply.</summary>
internal enum ChatMode
{
    Offline,
    Llm,
}

/// <summary>What a traveler searched for.</summary>
internal enum SearchKind
{
    Flight,
    Hotel,
    Activity,
    Location,
    Calendar,
}

/// <summary>
/// Pathavana's own metrics (meter <c>Pathavana</c>). One singleton; inject it and call the method
/// for what just happened. Label values are a small fixed set — never ids, names or free text.
/// The Prometheus series each method feeds are listed in <c>docs/observability.md</c>.
/// </summary>
internal sealed class PathavanaMetrics
{
    public const string MeterName = "Pathavana";

    private static readonly double[] CallBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] TurnBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

    private readonly Histogram<double> _externalCallDuration;
    private readonly Counter<long> _cacheRequests;
    private readonly Counter<long> _chatTurns;
    private readonly Histogram<double> _chatTurnDuration;
    private readonly Counter<long> _llmTokens;
    private readonly Counter<long> _searches;
    private readonly Counter<long> _bookings;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _rateLimitLocalDecisions;
    private readonly Gauge<int> _dependencyUp;

    public PathavanaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _externalCallDuration = meter.CreateHistogram(
            "pathavana.external.call.duration", "s", "Duration of calls to external providers (Amadeus, Google, the LLM…).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallBuckets });
        _cacheRequests = meter.CreateCounter<long>(
            "pathavana.cache.requests", "{request}", "Cache look-ups by cache and result (hit or miss).");
        _chatTurns = meter.CreateCounter<long>(
            "pathavana.chat.turns", "{turn}", "Assistant turns answered, by mode (offline or llm) and whether the LLM fell back to offline.");
        _chatTurnDuration = meter.CreateHistogram(
            "pathavana.chat.turn.duration", "s", "Time to answer one assistant turn.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
        _llmTokens = meter.CreateCounter<long>(
            "pathavana.llm.tokens", "{token}", "Tokens sent to (input) and received from (output) the LLM.");
        _searches = meter.CreateCounter<long>(
            "pathavana.searches", "{search}", "Searches run, by kind and by the source that answered.");
        _bookings = meter.CreateCounter<long>(
            "pathavana.bookings", "{booking}", "Bookings reaching a status (pending, confirmed, failed, cancelled).");
        _rateLimitRejections = meter.CreateCounter<long>(
            "pathavana.rate_limit.rejections", "{request}", "Requests rejected by the rate limiter (HTTP 429), by policy (api, auth, email).");
        _rateLimitLocalDecisions = meter.CreateCounter<long>(
            "pathavana.rate_limit.local_decisions", "{request}",
            "Rate-limit decisions taken by this replica's local limiter because Redis, which holds the shared counters, did not answer.");
        _dependencyUp = meter.CreateGauge<int>(
            "pathavana.dependency.up", unit: null,
            description: "1 when the dependency (database, redis) passed its last health check, 0 when it failed.");
    }

    /// <summary>An outgoing call finished. <paramref name="provider"/>: <c>amadeus</c>, <c>google</c>, <c>llm</c>, <c>smtp</c>…;
    /// <paramref name="operation"/>: a short fixed name such as <c>flight_offers</c>, <c>hotel_offers</c>, <c>geocode</c>, <c>chat_completion</c>.</summary>
    public void RecordExternalCall(string provider, string operation, ExternalCallOutcome outcome, TimeSpan duration) =>
        _externalCallDuration.Record(duration.TotalSeconds,
            new("provider", provider), new("operation", operation), new("outcome", Name(outcome)));

    /// <summary>A cache was asked for a value. <paramref name="cache"/>: a short fixed name such as <c>flights</c>, <c>places</c>.</summary>
    public void RecordCacheLookup(string cache, bool hit) =>
        _cacheRequests.Add(1, new("cache", cache), new("result", hit ? "hit" : "miss"));

    /// <summary>An assistant turn was answered. <paramref name="mode"/> is the engine that produced the reply;
    /// <paramref name="fallback"/> is true when the LLM was configured but failed and the offline engine answered instead.</summary>
    public void RecordChatTurn(ChatMode mode, bool fallback, TimeSpan duration)
    {
        var modeTag = new KeyValuePair<string, object?>("mode", mode == ChatMode.Llm ? "llm" : "offline");
        var fallbackTag = new KeyValuePair<string, object?>("fallback", fallback ? "true" : "false");
        _chatTurns.Add(1, modeTag, fallbackTag);
        _chatTurnDuration.Record(duration.TotalSeconds, modeTag, fallbackTag);
    }

    /// <summary>Token usage reported by one LLM response.</summary>
    public void RecordLlmTokens(long inputTokens, long outputTokens)
    {
        if (inputTokens > 0)
        {
            _llmTokens.Add(inputTokens, new KeyValuePair<string, object?>("type", "input"));
        }
        if (outputTokens > 0)
        {
            _llmTokens.Add(outputTokens, new KeyValuePair<string, object?>("type", "output"));
        }
    }

    /// <summary>A search ran. <paramref name="source"/>: one of <c>Pathavana.Inventory.Sources</c>
    /// (<c>simulated</c>, <c>amadeus</c>, <c>google</c>, <c>gazetteer</c>), or <c>cache</c>.</summary>
    public void RecordSearch(SearchKind kind, string source) =>
        _searches.Add(1, new("kind", Name(kind)), new("source", source));

    /// <summary>A booking reached <paramref name="status"/>: <c>pending</c>, <c>confirmed</c>, <c>failed</c> or <c>cancelled</c>
    /// (the BookingStatus name; it is lower-cased here).</summary>
    public void RecordBooking(string status) =>
        _bookings.Add(1, new KeyValuePair<string, object?>("status", status.ToLowerInvariant()));

    /// <summary>The rate limiter rejected a request (called by the security module). <paramref name="policy"/>: <c>api</c>, <c>auth</c>, <c>email</c>…</summary>
    public void RecordRateLimitRejection(string policy = "api") =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    /// <summary>A rate-limit decision fell back to the local, per-replica limiter (Redis unavailable): fail-safe, not fail-open.</summary>
    public void RecordRateLimitLocalDecision(string policy) =>
        _rateLimitLocalDecisions.Add(1, new KeyValuePair<string, object?>("policy", policy));

    /// <summary>The latest health of a dependency (<c>database</c>, <c>redis</c>), published by the health checks.</summary>
    public void SetDependencyHealth(string dependency, bool healthy) =>
        _dependencyUp.Record(healthy ? 1 : 0, new KeyValuePair<string, object?>("dependency", dependency));

    private static string Name(ExternalCallOutcome outcome) => outcome switch
    {
        ExternalCallOutcome.Success => "success",
        ExternalCallOutcome.Failure => "failure",
        ExternalCallOutcome.Timeout => "timeout",
        ExternalCallOutcome.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static string Name(SearchKind kind) => kind switch
    {
        SearchKind.Flight => "flight",
        SearchKind.Hotel => "hotel",
        SearchKind.Activity => "activity",
        SearchKind.Location => "location",
        SearchKind.Calendar => "calendar",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
