using Microsoft.Extensions.Options;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Amadeus Self-Service credentials and endpoint (section <c>Amadeus</c>). Nothing is registered
/// unless <see cref="ClientId"/> is set; the offline simulator answers instead.
/// </summary>
internal sealed class AmadeusOptions
{
    public const string Section = "Amadeus";
    public const string TestBaseUrl = "https://test.api.amadeus.com";
    public const string ProductionBaseUrl = "https://api.amadeus.com";

    /// <summary>The test environment by default; <c>https://api.amadeus.com</c> for production.</summary>
    public string BaseUrl { get; set; } = TestBaseUrl;

    public string? ClientId { get; set; }

    /// <summary>Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Budget for one call to Amadeus, retries included; past it the caller gets a 503.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>A 429 whose Retry-After is at most this long is waited out and tried once more.</summary>
    public int MaxRetryAfterWaitSeconds { get; set; } = 2;

    /// <summary>How long an offer's vendor document is kept server-side for pricing and booking.</summary>
    public int OfferRetentionMinutes { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}

internal sealed class AmadeusOptionsValidator : IValidateOptions<AmadeusOptions>
{
    public ValidateOptionsResult Validate(string? name, AmadeusOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Amadeus__ClientSecret is required when Amadeus__ClientId is set.");
        }
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Amadeus__BaseUrl must be an absolute http(s) URL such as {AmadeusOptions.TestBaseUrl} or {AmadeusOptions.ProductionBaseUrl}.");
        }
        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add("Amadeus__TimeoutSeconds must be between 1 and 120.");
        }
        if (options.MaxRetryAfterWaitSeconds is < 0 or > 30)
        {
            failures.Add("Amadeus__MaxRetryAfterWaitSeconds must be between 0 and 30.");
        }
        if (options.OfferRetentionMinutes is < 1 or > 240)
        {
            failures.Add("Amadeus__OfferRetentionMinutes must be between 1 and 240.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
