using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pathavana.Inventory.Duffel;

/// <summary>
/// Calls Duffel's API as documented: <c>Authorization: Bearer</c>, <c>Duffel-Version: v2</c>, JSON
/// bodies wrapped in <c>data</c>, errors as <c>errors[]</c> with <c>code</c>, <c>message</c> and
/// <c>source.field</c>; the <c>ratelimit-remaining</c>/<c>ratelimit-reset</c> headers are tracked so a
/// spent window is waited out (briefly) or answered with a 503 carrying <c>Retry-After</c>.
/// Searches go through a client with retries; orders and bookings through one without any
/// (<see cref="SendOrderAsync"/>): an order reaches Duffel at most once.
/// </summary>
internal sealed partial class DuffelClient(
    IHttpClientFactory httpClients,
    IOptions<DuffelOptions> options,
    TimeProvider time,
    ILogger<DuffelClient> logger)
{
    public const string HttpClientName = "duffel";
    public const string OrderHttpClientName = "duffel-orders";
    public const string Dependency = "duffel";

    /// <summary>Marks a POST that only searches, prices or quotes, so the resilience handler may retry it.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new("pathavana.duffel.safe-to-retry");

    private readonly Lock gate = new();
    private int? remaining;
    private DateTimeOffset? resetsAt;

    /// <summary>A GET or a searching POST: retried on transient failures, 429 waited out once when short.</summary>
    public Task<JsonNode> SendAsync(string operation, HttpMethod method, string path, JsonNode? data, CancellationToken cancellationToken) =>
        SendCoreAsync(operation, method, path, data, order: false, cancellationToken);

    /// <summary>
    /// An order, booking or cancellation: never retried, never waited out; a refusal (4xx) is a
    /// <see cref="ProviderRequestException"/> with Duffel's words, which the booking provider turns
    /// into its own refusal.
    /// </summary>
    public Task<JsonNode> SendOrderAsync(string operation, HttpMethod method, string path, JsonNode? data, CancellationToken cancellationToken) =>
        SendCoreAsync(operation, method, path, data, order: true, cancellationToken);

    private async Task<JsonNode> SendCoreAsync(string operation, HttpMethod method, string path, JsonNode? data, bool order, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = httpClients.CreateClient(order ? OrderHttpClientName : HttpClientName);
        var waited = false;
        while (true)
        {
            if (!order && SpentWindow() is { } wait)
            {
                if (waited || wait > TimeSpan.FromSeconds(settings.MaxRetryAfterWaitSeconds))
                {
                    LogRateLimited(logger, operation, wait.TotalSeconds);
                    throw new DependencyUnavailableException(Dependency, "Duffel's rate limit is reached; try again shortly.", retryAfter: wait);
                }
                waited = true;
                await Task.Delay(wait, time, cancellationToken);
            }

            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
            request.Headers.Add("Duffel-Version", DuffelOptions.ApiVersion);
            if (data is not null)
            {
                var body = new JsonObject { ["data"] = data.DeepClone() };
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                request.Options.Set(SafeToRetry, !order);
            }
            using var response = await SendOrThrowAsync(client, request, operation, order, cancellationToken);
            Track(response);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return await ReadAsync(response, operation, cancellationToken);
            }

            var errors = await ReadErrorsAsync(response, cancellationToken);
            var first = errors.Count > 0 ? errors[0] : null;
            LogVendorError(logger, operation, status, first?.Code, RequestId(response));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response) ?? TimeSpan.FromSeconds(1);
                if (!order && !waited && retryAfter <= TimeSpan.FromSeconds(settings.MaxRetryAfterWaitSeconds))
                {
                    waited = true;
                    await Task.Delay(retryAfter, time, cancellationToken);
                    continue;
                }
                throw new DependencyUnavailableException(Dependency, "Duffel is rate limiting Pathavana; try again shortly.", retryAfter: retryAfter);
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new DependencyUnavailableException(Dependency, "Duffel refused Pathavana's access token; check Duffel__AccessToken.");
            }
            if (status is >= 400 and < 500)
            {
                throw new ProviderRequestException(Dependency, status is 400 or 404 or 409 or 410 or 422 ? status : 422, Detail(errors), Field(errors), first?.Code);
            }
            throw new DependencyUnavailableException(Dependency, $"Duffel failed (HTTP {status}).");
        }
    }

    /// <summary>The error codes of a refusal, for callers that treat some as "no longer available".</summary>
    public static bool IsGone(ProviderRequestException refused) =>
        refused.Status is 404 or 410 || refused.Code is "offer_no_longer_available" or "not_found" or "rate_unavailable" or "quote_expired"
            or "offer_request_already_booked" or "already_booked" or "price_changed";

    private TimeSpan? SpentWindow()
    {
        lock (gate)
        {
            if (remaining is 0 && resetsAt is { } reset)
            {
                var wait = reset - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    return wait;
                }
                remaining = null;
            }
            return null;
        }
    }

    private void Track(HttpResponseMessage response)
    {
        var left = Header(response, "ratelimit-remaining");
        var reset = Header(response, "ratelimit-reset");
        if (left is null)
        {
            return;
        }
        lock (gate)
        {
            remaining = int.TryParse(left, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            resetsAt = reset is not null && DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        var date = header?.Date ?? (Header(response, "ratelimit-reset") is { } reset
            && DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
        if (date is { } when)
        {
            var wait = when - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? RequestId(HttpResponseMessage response) => Header(response, "x-request-id");

    private async Task<HttpResponseMessage> SendOrThrowAsync(HttpClient client, HttpRequestMessage request, string operation, bool order, CancellationToken cancellationToken)
    {
        var budget = order ? options.Value.OrderTimeoutSeconds : options.Value.TimeoutSeconds;
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            LogUnavailable(logger, operation, "timeout");
            throw new DependencyUnavailableException(Dependency, $"Duffel did not answer within {budget} s.", ex);
        }
        catch (BrokenCircuitException ex)
        {
            LogUnavailable(logger, operation, "circuit-open");
            throw new DependencyUnavailableException(Dependency, "Duffel is failing; Pathavana stopped calling it for a moment.", ex, DuffelSetup.BreakDuration);
        }
        catch (HttpRequestException ex)
        {
            LogUnavailable(logger, operation, "connection");
            throw new DependencyUnavailableException(Dependency, "Duffel could not be reached.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, operation, "timeout");
            throw new DependencyUnavailableException(Dependency, $"Duffel did not answer within {budget} s.", new TimeoutException(ex.Message, ex));
        }
    }

    private async Task<JsonNode> ReadAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return new JsonObject();
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (JsonNode.Parse(text) is JsonObject root && (root["data"] is not null || root["meta"] is not null))
            {
                return root;
            }
        }
        catch (JsonException ex)
        {
            LogUnavailable(logger, operation, "malformed-json");
            throw new DependencyUnavailableException(Dependency, "Duffel answered with malformed data.", ex);
        }
        LogUnavailable(logger, operation, "no-data");
        throw new DependencyUnavailableException(Dependency, "Duffel answered without data.");
    }

    internal sealed record DuffelError(string? Code, string? Title, string? Message, string? Field);

    private static async Task<IReadOnlyList<DuffelError>> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var root = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return root?["errors"] is JsonArray errors
                ? [.. errors.OfType<JsonObject>().Select(e => new DuffelError(
                    (string?)e["code"], (string?)e["title"], (string?)e["message"], (string?)e["source"]?["field"] ?? (string?)e["source"]?["pointer"]))]
                : [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }
    }

    private static string Detail(IReadOnlyList<DuffelError> errors)
    {
        var details = errors.Select(e => e.Message ?? e.Title).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct().ToList();
        return details.Count > 0 ? string.Join("; ", details!) : "Duffel rejected the request.";
    }

    // Duffel's field names as Pathavana's API names them.
    private static string? Field(IReadOnlyList<DuffelError> errors)
    {
        var field = errors.Select(e => e.Field).FirstOrDefault(f => !string.IsNullOrEmpty(f))?.Trim('/');
        if (field is null)
        {
            return null;
        }
        if (field.StartsWith("slices", StringComparison.Ordinal))
        {
            // slices/2/departure_date → legs[2].date
            var parts = field.Split('/', '.', '[', ']').Where(p => p.Length > 0).ToArray();
            if (parts.Length >= 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var index))
            {
                var name = parts[2] switch { "departure_date" => "date", var other => other };
                return $"legs[{index}].{name}";
            }
            return "legs";
        }
        return field switch
        {
            "passengers" => "adults",
            "cabin_class" => "cabin",
            "check_in_date" => "checkIn",
            "check_out_date" => "checkOut",
            "rooms" => "rooms",
            "guests" => "adults",
            "location" => "cityCode",
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel {Operation} answered HTTP {Status} (code {VendorCode}, request {RequestId})")]
    private static partial void LogVendorError(ILogger logger, string operation, int status, string? vendorCode, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel {Operation} rate limited; the window resets in {RetryAfterSeconds} s")]
    private static partial void LogRateLimited(ILogger logger, string operation, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel {Operation} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);
}
