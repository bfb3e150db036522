using System.Net.Http.Headers;
using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Observability;
using Polly;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Registers the Amadeus implementations of the inventory ports, only when <c>Amadeus__ClientId</c>
/// is configured. Call before the simulators are registered with TryAdd; the ports registered here win.
/// The options, the token provider and the client settings here are shared with the booking side
/// (<c>Bookings/Amadeus</c>), which registers the order client and the booking provider itself.
/// </summary>
internal static class AmadeusSetup
{
    /// <summary>How long an open circuit stops calls to Amadeus.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    public static void AddAmadeus(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return;
        }
        var section = builder.Configuration.GetSection(AmadeusOptions.Section);

        // The resilience budget is fixed when the pipeline is built; read from configuration here so
        // that a bad setting is reported once, by the options validation, not again by each pipeline.
        var budget = TimeSpan.FromSeconds(Math.Clamp(section.GetValue(nameof(AmadeusOptions.TimeoutSeconds), 10), 1, 120));

        var services = builder.Services;
        services.AddOptions<AmadeusOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AmadeusOptions>, AmadeusOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(AmadeusClient.HttpClientName, ConfigureClient)
            .RedactLoggedHeaders([Microsoft.Net.Http.Headers.HeaderNames.Authorization])
            .AddHttpMessageHandler(sp => new ExternalCallMetricsHandler(sp.GetService<PathavanaMetrics>(), "amadeus"))
            .AddStandardResilienceHandler()
            .Configure(resilience => ConfigureResilience(resilience, budget));
        // The token request carries the client secret in its body: no request logging at all.
        services.AddHttpClient(AmadeusTokenProvider.HttpClientName, ConfigureClient)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ExternalCallMetricsHandler(sp.GetService<PathavanaMetrics>(), "amadeus"))
            .AddStandardResilienceHandler()
            .Configure(resilience => ConfigureResilience(resilience, budget));

        services.AddSingleton<AmadeusTokenProvider>();
        services.AddSingleton<AmadeusClient>();
        services.AddSingleton<AmadeusOfferStore>();
        services.AddSingleton<AmadeusFlightMapper>();
        services.AddSingleton<IFlightProvider, AmadeusFlightProvider>();
        services.AddSingleton<IHotelProvider, AmadeusHotelProvider>();
        services.AddSingleton<IActivityProvider, AmadeusActivityProvider>();
        services.AddSingleton<ILocationSearch, AmadeusLocationSearch>();
    }

    /// <summary>Whether Amadeus is configured (<c>Amadeus__ClientId</c>); its adapters register only then.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(AmadeusOptions.Section)[nameof(AmadeusOptions.ClientId)]);

    /// <summary>Base address, the stand-by time-out and the Accept headers every Amadeus client sends (searches, tokens, orders).</summary>
    internal static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<AmadeusOptions>>().Value;
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        // The resilience pipeline enforces the budget; this only backs it up.
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.amadeus+json"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, TimeSpan budget)
    {
        resilience.TotalRequestTimeout.Timeout = budget;
        resilience.AttemptTimeout.Timeout = budget;
        resilience.Retry.MaxRetryAttempts = 2;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context));
        resilience.CircuitBreaker.SamplingDuration = budget * 2 > TimeSpan.FromSeconds(30) ? budget * 2 : TimeSpan.FromSeconds(30);
        resilience.CircuitBreaker.BreakDuration = BreakDuration;
        // Pathavana's traffic is modest: the default (100 calls in the window) would never trip.
        resilience.CircuitBreaker.MinimumThroughput = 10;
        resilience.CircuitBreaker.FailureRatio = 0.5;
    }

    /// <summary>A circuit breaker and a time-out, and deliberately no retry: an order reaches the vendor at most once (Amadeus and Duffel orders).</summary>
    internal static void ConfigureOrderPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan budget)
    {
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = BreakDuration,
            MinimumThroughput = 5,
            FailureRatio = 0.5,
        });
        pipeline.AddTimeout(budget);
    }

    /// <summary>
    /// Transient failures of GETs and of POSTs marked safe (searches, pricing, the token) are retried.
    /// 429 is not: <see cref="AmadeusClient"/> honours its Retry-After itself.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests || !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        return request is null
            || request.Method == HttpMethod.Get
            || (request.Options.TryGetValue(AmadeusClient.SafeToRetry, out var safe) && safe);
    }
}
