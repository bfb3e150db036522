using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Pathavana.Inventory.Amadeus;
using Pathavana.Platform.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pathavana.Bookings.Amadeus;

/// <summary>
/// Sends order calls (create, cancel) to Amadeus through the <c>amadeus-orders</c> pipeline, which
/// has a time-out and a circuit breaker but NO retry: an order call reaches Amadeus at most once.
/// The only second attempt is after a 401, which Amadeus' gateway answers before any order logic
/// runs. Vendor 4xx -> <see cref="ProviderRejectedException"/> with Amadeus' detail; 5xx, time-outs,
/// connection failures, an open circuit and unreadable answers -> <see cref="DependencyUnavailableException"/>
/// (the outcome of the order is then unknown and must be reconciled, never re-ordered).
/// </summary>
internal sealed partial class AmadeusOrderClient(
    IHttpClientFactory httpClients,
    AmadeusTokenProvider tokens,
    IOptions<AmadeusOptions> options,
    ILogger<AmadeusOrderClient> logger)
{
    public const string HttpClientName = "amadeus-orders";

    /// <summary>Sends one order call; <paramref name="responseType"/> null means no body is read (DELETE).</summary>
    public async Task<T?> SendAsync<T>(
        string operation, Func<HttpRequestMessage> createRequest, JsonTypeInfo<T>? responseType, CancellationToken cancellationToken)
        where T : class
    {
        var client = httpClients.CreateClient(HttpClientName);
        var reauthenticated = false;
        while (true)
        {
            var token = await tokens.GetAsync(cancellationToken);
            using var request = createRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await SendOnceAsync(client, request, operation, cancellationToken);
            var status = (int)response.StatusCode;

            if (response.IsSuccessStatusCode)
            {
                LogOrderAnswered(logger, operation, status);
                return responseType is null ? null : await ReadAsync(response, operation, responseType, cancellationToken);
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated)
            {
                // A rejected token is refused by the gateway before the order logic: safe to send again.
                reauthenticated = true;
                await tokens.InvalidateAsync(token, cancellationToken);
                continue;
            }

            var errors = await AmadeusClient.ReadErrorsAsync(response, cancellationToken);
            var first = errors.Count > 0 ? errors[0] : null;
            LogOrderFailed(logger, operation, status, first?.Code);
            if (status is >= 400 and < 500)
            {
                throw new ProviderRejectedException(AmadeusClient.Dependency, Describe(status, errors));
            }
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                $"Amadeus failed while placing the order (HTTP {status}); whether it was placed is unknown until reconciled.");
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpClient client, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        var timeout = options.Value.OrderTimeoutSeconds;
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            LogOrderUnavailable(logger, operation, "timeout");
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                $"Amadeus did not answer the order within {timeout} s; whether it was placed is unknown until reconciled.", ex);
        }
        catch (BrokenCircuitException ex)
        {
            LogOrderUnavailable(logger, operation, "circuit-open");
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                "Amadeus is failing; Pathavana stopped sending it orders for a moment. Nothing was ordered.", ex, AmadeusSetup.BreakDuration);
        }
        catch (HttpRequestException ex)
        {
            LogOrderUnavailable(logger, operation, "connection");
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                "Amadeus could not be reached to place the order.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogOrderUnavailable(logger, operation, "timeout");
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                $"Amadeus did not answer the order within {timeout} s; whether it was placed is unknown until reconciled.", ex);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            if (body is not null)
            {
                return body;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            LogOrderUnavailable(logger, operation, "malformed-json");
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                "Amadeus answered the order with unreadable data; whether it was placed is unknown until reconciled.", ex);
        }
        LogOrderUnavailable(logger, operation, "empty-body");
        throw new DependencyUnavailableException(AmadeusClient.Dependency,
            "Amadeus answered the order with an empty body; whether it was placed is unknown until reconciled.");
    }

    /// <summary>Amadeus' own words ("SEGMENT SELL FAILURE: …", "PRICE DISCREPANCY"), with the HTTP status when it gave none.</summary>
    internal static string Describe(int status, IReadOnlyList<AmIssue> errors)
    {
        var details = errors
            .Select(e => (e.Title?.Trim(), e.Detail?.Trim()) switch
            {
                ({ Length: > 0 } title, { Length: > 0 } detail) when !detail.Contains(title, StringComparison.OrdinalIgnoreCase) => $"{title}: {detail}",
                (_, { Length: > 0 } detail) => detail,
                ({ Length: > 0 } title, _) => title,
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return details.Count > 0
            ? "Amadeus refused the order: " + string.Join("; ", details)
            : string.Create(CultureInfo.InvariantCulture, $"Amadeus refused the order (HTTP {status}).");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus {Operation} answered HTTP {Status}")]
    private static partial void LogOrderAnswered(ILogger logger, string operation, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus {Operation} refused with HTTP {Status} (code {VendorCode})")]
    private static partial void LogOrderFailed(ILogger logger, string operation, int status, long? vendorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus {Operation} outcome unknown: {Reason}")]
    private static partial void LogOrderUnavailable(ILogger logger, string operation, string reason);
}
