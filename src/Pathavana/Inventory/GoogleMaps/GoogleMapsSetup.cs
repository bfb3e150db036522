using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Observability;
using Polly;

namespace Pathavana.Inventory.GoogleMaps;

/// <summary>
/// Registers Google Maps as the <see cref="IGeocoder"/> when <c>GoogleMaps__ApiKey</c> is set;
/// otherwise does nothing and the gazetteer (registered with TryAdd) geocodes.
/// </summary>
internal static class GoogleMapsSetup
{
    public static void AddGoogleMaps(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GoogleMapsOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(GoogleMapsOptions.ApiKey)]))
        {
            return;
        }

        // Read here, not from the validated options, so a bad setting is reported once.
        var budget = TimeSpan.FromSeconds(Math.Clamp(section.GetValue(nameof(GoogleMapsOptions.TimeoutSeconds), 5), 1, 60));
        var services = builder.Services;
        services.AddOptions<GoogleMapsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GoogleMapsOptions>, GoogleMapsOptionsValidator>();

        // The key travels in the query string: this client logs no requests at all.
        services.AddHttpClient(GoogleMapsGeocoder.HttpClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<GoogleMapsOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
            })
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ExternalCallMetricsHandler(sp.GetRequiredService<PathavanaMetrics>(), "google"))
            .AddStandardResilienceHandler()
            .Configure(resilience =>
            {
                resilience.TotalRequestTimeout.Timeout = budget;
                resilience.AttemptTimeout.Timeout = budget;
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.CircuitBreaker.SamplingDuration = budget * 2 > TimeSpan.FromSeconds(30) ? budget * 2 : TimeSpan.FromSeconds(30);
            });

        services.AddSingleton<IGeocoder, GoogleMapsGeocoder>();
    }
}
