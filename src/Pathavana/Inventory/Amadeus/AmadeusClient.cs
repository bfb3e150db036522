using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Calls Amadeus with a bearer token and turns every answer into ours: success -> the typed body;
/// 401 -> one re-authentication; 429 -> one short wait (Retry-After) or a 503 carrying it;
/// other 4xx -> <see cref="ProviderRequestException"/> with Amadeus' detail and the field;
/// 5xx (after the resilience handler's retries), time-outs, an open circuit or malformed JSON ->
/// <see cref="DependencyUnavailableException"/>.
/// </summary>
internal sealed partial class AmadeusClient(
    IHttpClientFactory httpClients,
    AmadeusTokenProvider tokens,
    IOptions<AmadeusOptions> options,
    TimeProvider time,
    ILogger<AmadeusClient> logger)
{
    public const string HttpClientName = "amadeus";
    public const string Dependency = "amadeus";

    /// <summary>Marks a POST that only searches or prices, so the resilience handler may retry it.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new("pathavana.safe-to-retry");

    public Task<T> GetAsync<T>(string operation, string pathAndQuery, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        SendAsync(operation, () => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), responseType, cancellationToken);

    /// <summary>A POST that searches or prices (safe to retry). <paramref name="getOverride"/> adds Amadeus' X-HTTP-Method-Override: GET.</summary>
    public Task<T> PostSearchAsync<TBody, T>(
        string operation, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> responseType, bool getOverride, CancellationToken cancellationToken) =>
        SendAsync(operation, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, bodyType) };
            request.Options.Set(SafeToRetry, true);
            if (getOverride)
            {
                request.Headers.TryAddWithoutValidation("X-HTTP-Method-Override", "GET");
            }
            return request;
        }, responseType, cancellationToken);

    private async Task<T> SendAsync<T>(string operation, Func<HttpRequestMessage> createRequest, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = httpClients.CreateClient(HttpClientName);
        var reauthenticated = false;
        var waitedForRateLimit = false;
        while (true)
        {
            var token = await tokens.GetAsync(cancellationToken);
            using var request = createRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await SendOrThrowAsync(client, request, operation, settings, logger, cancellationToken);
            var status = (int)response.StatusCode;

            if (response.IsSuccessStatusCode)
            {
                return await ReadAsync(response, operation, responseType, cancellationToken);
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated)
            {
                reauthenticated = true;
                await tokens.InvalidateAsync(token, cancellationToken);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response) ?? TimeSpan.FromSeconds(1);
                if (!waitedForRateLimit && retryAfter <= TimeSpan.FromSeconds(settings.MaxRetryAfterWaitSeconds))
                {
                    waitedForRateLimit = true;
                    LogRateLimitedWaiting(logger, operation, retryAfter.TotalMilliseconds);
                    await Task.Delay(retryAfter, time, cancellationToken);
                    continue;
                }
                LogRateLimited(logger, operation, retryAfter.TotalSeconds);
                throw new DependencyUnavailableException(Dependency,
                    "The flight and hotel provider is rate limiting Pathavana; try again shortly.", retryAfter: retryAfter);
            }

            var errors = await ReadErrorsAsync(response, cancellationToken);
            var first = errors.Count > 0 ? errors[0] : null;
            LogVendorError(logger, operation, status, first?.Code);
            if (status is 400 or 404 or 409 or 410 or 422)
            {
                throw ToRequestException(status, errors);
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new DependencyUnavailableException(Dependency,
                    "Amadeus refused Pathavana's credentials; check Amadeus__ClientId and Amadeus__ClientSecret.");
            }
            throw new DependencyUnavailableException(Dependency, $"The flight and hotel provider failed (HTTP {status}).");
        }
    }

    /// <summary>Sends through the resilience pipeline and turns transport failures into 503s.</summary>
    internal static async Task<HttpResponseMessage> SendOrThrowAsync(
        HttpClient client, HttpRequestMessage request, string operation, AmadeusOptions settings, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            LogUnavailable(logger, operation, "timeout");
            throw new DependencyUnavailableException(Dependency,
                $"The flight and hotel provider did not answer within {settings.TimeoutSeconds} s.", ex);
        }
        catch (BrokenCircuitException ex)
        {
            LogUnavailable(logger, operation, "circuit-open");
            throw new DependencyUnavailableException(Dependency,
                "The flight and hotel provider is failing; Pathavana stopped calling it for a moment.", ex, AmadeusSetup.BreakDuration);
        }
        catch (HttpRequestException ex)
        {
            LogUnavailable(logger, operation, "connection");
            throw new DependencyUnavailableException(Dependency, "The flight and hotel provider could not be reached.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, operation, "timeout");
            throw new DependencyUnavailableException(Dependency,
                $"The flight and hotel provider did not answer within {settings.TimeoutSeconds} s.", ex);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            if (body is not null)
            {
                return body;
            }
        }
        catch (JsonException ex)
        {
            LogUnavailable(logger, operation, "malformed-json");
            throw new DependencyUnavailableException(Dependency, "The flight and hotel provider answered with malformed data.", ex);
        }
        catch (NotSupportedException ex)
        {
            LogUnavailable(logger, operation, "unexpected-content-type");
            throw new DependencyUnavailableException(Dependency, "The flight and hotel provider answered with malformed data.", ex);
        }
        LogUnavailable(logger, operation, "empty-body");
        throw new DependencyUnavailableException(Dependency, "The flight and hotel provider answered with an empty body.");
    }

    internal static async Task<IReadOnlyList<AmIssue>> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(AmadeusJsonContext.Default.AmErrors, cancellationToken);
            return body?.Errors ?? [];
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return [];
        }
    }

    internal static ProviderRequestException ToRequestException(int status, IReadOnlyList<AmIssue> errors)
    {
        var details = errors
            .Select(e => !string.IsNullOrWhiteSpace(e.Detail) ? e.Detail.Trim() : e.Title?.Trim())
            .Where(d => !string.IsNullOrEmpty(d))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var detail = details.Count > 0 ? string.Join("; ", details) : "The travel provider rejected the request.";
        var parameter = errors.Select(e => e.Source?.Parameter).FirstOrDefault(p => !string.IsNullOrEmpty(p));
        var code = errors.Select(e => e.Code).FirstOrDefault(c => c is not null);
        return new ProviderRequestException(Dependency, status, detail, AmadeusFields.ToOurs(parameter), code?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus {Operation} answered HTTP {Status} (code {VendorCode})")]
    private static partial void LogVendorError(ILogger logger, string operation, int status, long? vendorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus {Operation} rate limited; retrying in {WaitMilliseconds} ms")]
    private static partial void LogRateLimitedWaiting(ILogger logger, string operation, double waitMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus {Operation} rate limited; Retry-After {RetryAfterSeconds} s")]
    private static partial void LogRateLimited(ILogger logger, string operation, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus {Operation} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);
}

/// <summary>Amadeus query parameters named as Pathavana's API names them, for problem details.</summary>
internal static class AmadeusFields
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["originLocationCode"] = "origin",
        ["destinationLocationCode"] = "destination",
        ["departureDate"] = "departureDate",
        ["returnDate"] = "returnDate",
        ["adults"] = "adults",
        ["children"] = "children",
        ["infants"] = "infants",
        ["travelClass"] = "cabin",
        ["nonStop"] = "nonStop",
        ["currencyCode"] = "currency",
        ["currency"] = "currency",
        ["maxPrice"] = "maxPrice",
        ["includedAirlineCodes"] = "includedAirlines",
        ["excludedAirlineCodes"] = "excludedAirlines",
        ["max"] = "maxResults",
        ["keyword"] = "text",
        ["cityCode"] = "cityCode",
        ["checkInDate"] = "checkIn",
        ["checkOutDate"] = "checkOut",
        ["roomQuantity"] = "rooms",
        ["ratings"] = "minStars",
        ["priceRange"] = "maxNightly",
        ["latitude"] = "latitude",
        ["longitude"] = "longitude",
        ["radius"] = "radius",
    };

    public static string? ToOurs(string? parameter) =>
        parameter is null ? null : Map.GetValueOrDefault(parameter);
}
