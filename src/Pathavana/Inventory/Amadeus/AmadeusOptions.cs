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

    /// <summary>Budget for one order call (create or cancel). Order calls are never retried.</summary>
    public int OrderTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The card Hotel Booking v2 demands as guarantee, for the TEST environment only (Amadeus
    /// publishes test card numbers for it). Refused with the production base URL: Pathavana does
    /// not take real payment cards.
    /// </summary>
    public AmadeusTestPaymentCard TestPaymentCard { get; set; } = new();

    public bool IsProduction =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url)
        && string.Equals(url.Host, new Uri(ProductionBaseUrl).Host, StringComparison.OrdinalIgnoreCase);

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>A test card (<c>Amadeus__TestPaymentCard__Number</c> …); never a real one, never logged.</summary>
internal sealed class AmadeusTestPaymentCard
{
    /// <summary>Two-letter card vendor code (VI, CA, AX…).</summary>
    public string VendorCode { get; set; } = "VI";

    public string? Number { get; set; }

    /// <summary>yyyy-MM.</summary>
    public string? Expiry { get; set; }

    public string HolderName { get; set; } = "PATHAVANA TEST";

    public bool Configured => !string.IsNullOrWhiteSpace(Number) && !string.IsNullOrWhiteSpace(Expiry);
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
        if (options.OrderTimeoutSeconds is < 1 or > 120)
        {
            failures.Add("Amadeus__OrderTimeoutSeconds must be between 1 and 120.");
        }
        var card = options.TestPaymentCard;
        if (!string.IsNullOrWhiteSpace(card.Number) && options.IsProduction)
        {
            failures.Add("Amadeus__TestPaymentCard__Number is for the Amadeus test environment only; remove it when Amadeus__BaseUrl is production.");
        }
        if (!string.IsNullOrWhiteSpace(card.Number)
            && (!card.Number.All(char.IsAsciiDigit) || card.Number.Length is < 12 or > 19
                || !DateTime.TryParseExact(card.Expiry, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                || card.VendorCode is not { Length: 2 }))
        {
            failures.Add("Amadeus__TestPaymentCard needs Number (12–19 digits), Expiry (yyyy-MM) and a two-letter VendorCode.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
