using Pathavana.Platform.Caching;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Http;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// The OAuth2 client-credentials token for Amadeus, kept in this process and in the shared cache
/// (so replicas reuse one token) and renewed a minute before it expires. Concurrent callers wait
/// for one renewal; a token Amadeus rejects (401) is dropped and fetched again once.
/// </summary>
internal sealed partial class AmadeusTokenProvider(
    IHttpClientFactory httpClients,
    HybridCache cache,
    IOptions<AmadeusOptions> options,
    TimeProvider time,
    ILogger<AmadeusTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "amadeus-auth";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);


    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string cacheKey = CacheKeyFor(options.Value);
    private AmadeusToken? current;

    /// <summary>A bearer token that is valid for at least the refresh margin.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var token = current;
        if (token is not null && IsFresh(token))
        {
            return token.AccessToken;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            token = current;
            if (token is not null && IsFresh(token))
            {
                return token.AccessToken;
            }

            // Another replica may hold a fresh token already.
            token = await cache.TryGetAsync<AmadeusToken>(cacheKey, cancellationToken);
            if (token is null || !IsFresh(token))
            {
                token = await FetchAsync(cancellationToken);
                var lifetime = token.RefreshAt - time.GetUtcNow();
                if (lifetime > TimeSpan.Zero)
                {
                    await cache.SetAsync(cacheKey, token, new HybridCacheEntryOptions
                    {
                        Expiration = lifetime,
                        LocalCacheExpiration = lifetime,
                    }, cancellationToken: cancellationToken);
                }
            }
            current = token;
            return token.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops a token Amadeus rejected, unless another caller has replaced it already.</summary>
    public async ValueTask InvalidateAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is null || string.Equals(current.AccessToken, rejectedToken, StringComparison.Ordinal))
            {
                current = null;
                await cache.RemoveAsync(cacheKey, cancellationToken);
                LogTokenRejected(logger);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private bool IsFresh(AmadeusToken token) => time.GetUtcNow() < token.RefreshAt;

    private async Task<AmadeusToken> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/security/oauth2/token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", settings.ClientId!),
                new("client_secret", settings.ClientSecret!),
            ]),
        };
        request.Options.Set(AmadeusClient.SafeToRetry, true);

        var client = httpClients.CreateClient(HttpClientName);
        using var response = await AmadeusClient.SendOrThrowAsync(client, request, "oauth2-token", settings, logger, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            LogCredentialsRejected(logger, (int)response.StatusCode);
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                "Amadeus rejected the configured credentials (Amadeus__ClientId, Amadeus__ClientSecret).");
        }
        if (!response.IsSuccessStatusCode)
        {
            LogTokenFailed(logger, (int)response.StatusCode);
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                $"Amadeus could not issue an access token (HTTP {(int)response.StatusCode}).");
        }

        AmToken? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(AmadeusJsonContext.Default.AmToken, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new DependencyUnavailableException(AmadeusClient.Dependency, "Amadeus answered the token request with malformed JSON.", ex);
        }
        if (string.IsNullOrEmpty(body?.AccessToken) || body.ExpiresIn is not > 0)
        {
            throw new DependencyUnavailableException(AmadeusClient.Dependency, "Amadeus answered the token request without a usable token.");
        }

        // Renewed a minute early (half its life for very short-lived tokens) so no call carries a dying token.
        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn.Value);
        var margin = lifetime / 2 < RefreshMargin ? lifetime / 2 : RefreshMargin;
        LogTokenIssued(logger, body.ExpiresIn.Value);
        return new AmadeusToken(body.AccessToken, time.GetUtcNow() + lifetime - margin);
    }

    private static string CacheKeyFor(AmadeusOptions settings)
    {
        // The key names the account without spelling out the client id.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.BaseUrl.TrimEnd('/')}|{settings.ClientId}"));
        return "amadeus:token:" + Convert.ToHexStringLower(hash, 0, 8);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus access token issued, valid for {ExpiresInSeconds} s")]
    private static partial void LogTokenIssued(ILogger logger, int expiresInSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus rejected the access token; fetching a new one")]
    private static partial void LogTokenRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Amadeus rejected the configured client credentials (HTTP {Status})")]
    private static partial void LogCredentialsRejected(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus token request failed with HTTP {Status}")]
    private static partial void LogTokenFailed(ILogger logger, int status);
}
