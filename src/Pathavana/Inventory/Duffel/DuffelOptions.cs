using Microsoft.Extensions.Options;

namespace Pathavana.Inventory.Duffel;

/// <summary>
/// Duffel (flights and stays), switched on by <c>Duffel__AccessToken</c>. A token starting
/// <c>duffel_test_</c> is test mode (the test airline "Duffel Airways", ZZ; nothing is ticketed);
/// <c>duffel_live_</c> books for real.
/// </summary>
internal sealed class DuffelOptions
{
    public const string Section = "Duffel";
    public const string DefaultBaseUrl = "https://api.duffel.com";

    /// <summary>The API version sent in the <c>Duffel-Version</c> header.</summary>
    public const string ApiVersion = "v2";

    public string? AccessToken { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Budget for one search call, retries included, in seconds (airline searches are slow).</summary>
    public int TimeoutSeconds { get; set; } = 25;

    /// <summary>How long Duffel may wait for airlines within a search, in milliseconds (its <c>supplier_timeout</c>).</summary>
    public int SupplierTimeoutMilliseconds { get; set; } = 15_000;

    /// <summary>Budget for one order or booking call (create, cancel), in seconds. Never retried.</summary>
    public int OrderTimeoutSeconds { get; set; } = 60;

    /// <summary>A 429 (or an exhausted rate-limit window) at most this long is waited out once, for searches only.</summary>
    public int MaxRetryAfterWaitSeconds { get; set; } = 2;

    /// <summary>How long a Duffel offer or rate is kept server-side for pricing and booking.</summary>
    public int OfferRetentionMinutes { get; set; } = 25;

    /// <summary>At most this many hotels of a stay search get their rates fetched (one call each).</summary>
    public int MaxHotelsWithRates { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(AccessToken);

    public bool TestMode => AccessToken?.StartsWith("duffel_test_", StringComparison.Ordinal) == true;
}

internal sealed class DuffelOptionsValidator : IValidateOptions<DuffelOptions>
{
    public ValidateOptionsResult Validate(string? name, DuffelOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (!options.AccessToken!.StartsWith("duffel_test_", StringComparison.Ordinal) && !options.AccessToken.StartsWith("duffel_live_", StringComparison.Ordinal))
        {
            failures.Add("Duffel__AccessToken must be a Duffel access token (duffel_test_… or duffel_live_…).");
        }
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Duffel__BaseUrl must be an absolute http(s) URL such as {DuffelOptions.DefaultBaseUrl}.");
        }
        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add("Duffel__TimeoutSeconds must be between 1 and 120.");
        }
        if (options.SupplierTimeoutMilliseconds is < 2_000 or > 60_000)
        {
            failures.Add("Duffel__SupplierTimeoutMilliseconds must be between 2000 and 60000.");
        }
        if (options.OrderTimeoutSeconds is < 1 or > 180)
        {
            failures.Add("Duffel__OrderTimeoutSeconds must be between 1 and 180.");
        }
        if (options.MaxRetryAfterWaitSeconds is < 0 or > 30)
        {
            failures.Add("Duffel__MaxRetryAfterWaitSeconds must be between 0 and 30.");
        }
        if (options.OfferRetentionMinutes is < 1 or > 240)
        {
            failures.Add("Duffel__OfferRetentionMinutes must be between 1 and 240.");
        }
        if (options.MaxHotelsWithRates is < 1 or > 50)
        {
            failures.Add("Duffel__MaxHotelsWithRates must be between 1 and 50.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
