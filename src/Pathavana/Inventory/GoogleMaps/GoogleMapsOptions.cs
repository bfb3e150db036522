using Microsoft.Extensions.Options;

namespace Pathavana.Inventory.GoogleMaps;

/// <summary>Google Maps Platform (section <c>GoogleMaps</c>). Without <see cref="ApiKey"/> the bundled gazetteer geocodes.</summary>
internal sealed class GoogleMapsOptions
{
    public const string Section = "GoogleMaps";
    public const string DefaultBaseUrl = "https://maps.googleapis.com";

    /// <summary>Sent as the <c>key</c> query parameter; never logged.</summary>
    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Budget for one Google call, retries included; past it the gazetteer answers.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>How far around a given point Places Text Search prefers results, in metres.</summary>
    public int BiasRadiusMeters { get; set; } = 50_000;
}

internal sealed class GoogleMapsOptionsValidator : IValidateOptions<GoogleMapsOptions>
{
    public ValidateOptionsResult Validate(string? name, GoogleMapsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"GoogleMaps__BaseUrl must be an absolute http(s) URL such as {GoogleMapsOptions.DefaultBaseUrl}.");
        }
        if (options.TimeoutSeconds is < 1 or > 60)
        {
            failures.Add("GoogleMaps__TimeoutSeconds must be between 1 and 60.");
        }
        if (options.BiasRadiusMeters is < 1 or > 50_000)
        {
            failures.Add("GoogleMaps__BiasRadiusMeters must be between 1 and 50000.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
