using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Pathavana.Inventory.Amadeus;
using Pathavana.Platform.Observability;
using Polly;

namespace Pathavana.Inventory.Duffel;

/// <summary>
/// Registers Duffel for flights and stays, only when <c>Duffel__AccessToken</c> is configured. Called
/// after <see cref="AmadeusSetup.AddAmadeus"/>: the last registration of a port wins, so with both
/// configured Duffel answers flights and hotels while Amadeus keeps activities and airport search
/// (Duffel has neither). The booking provider is the Bookings module's (<c>Bookings/Duffel</c>); it
/// uses this client's order pipeline, which never retries. With both configured, both booking
/// providers stay registered for the offers they made.
/// </summary>
internal static class DuffelSetup
{
    /// <summary>How long an open circuit stops calls to Duffel.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    public static void AddDuffel(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return;
        }
        var section = builder.Configuration.GetSection(DuffelOptions.Section);
        var budget = TimeSpan.FromSeconds(Math.Clamp(section.GetValue(nameof(DuffelOptions.TimeoutSeconds), 25), 1, 120));
        var orderBudget = TimeSpan.FromSeconds(Math.Clamp(section.GetValue(nameof(DuffelOptions.OrderTimeoutSeconds), 60), 1, 180));

        var services = builder.Services;
        services.AddOptions<DuffelOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DuffelOptions>, DuffelOptionsValidator>();

        // Searches: retries for transient failures of GETs and searching POSTs (never for 429).
        services.AddHttpClient(DuffelClient.HttpClientName, (sp, client) => Configure(sp, client, budget))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip })
            .RedactLoggedHeaders([Microsoft.Net.Http.Headers.HeaderNames.Authorization])
            .AddHttpMessageHandler(sp => new ExternalCallMetricsHandler(sp.GetService<PathavanaMetrics>(), "duffel"))
            .AddStandardResilienceHandler()
            .Configure(resilience =>
            {
                resilience.TotalRequestTimeout.Timeout = budget;
                resilience.AttemptTimeout.Timeout = budget;
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(300);
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = true;
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context));
                resilience.CircuitBreaker.SamplingDuration = budget * 2 > TimeSpan.FromSeconds(30) ? budget * 2 : TimeSpan.FromSeconds(30);
                resilience.CircuitBreaker.BreakDuration = BreakDuration;
                resilience.CircuitBreaker.MinimumThroughput = 10;
                resilience.CircuitBreaker.FailureRatio = 0.5;
            });
        // Orders and bookings: a time-out and a circuit breaker, deliberately no retry.
        services.AddHttpClient(DuffelClient.OrderHttpClientName, (sp, client) => Configure(sp, client, orderBudget))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip })
            .RedactLoggedHeaders([Microsoft.Net.Http.Headers.HeaderNames.Authorization])
            .AddHttpMessageHandler(sp => new ExternalCallMetricsHandler(sp.GetService<PathavanaMetrics>(), "duffel"))
            .AddResilienceHandler("duffel-orders", pipeline => AmadeusSetup.ConfigureOrderPipeline(pipeline, orderBudget));

        services.AddSingleton<DuffelClient>();
        services.AddSingleton<DuffelOfferStore>();
        services.AddSingleton<IFlightProvider, DuffelFlightProvider>();
        services.AddSingleton<IHotelProvider, DuffelHotelProvider>();
    }

    /// <summary>Whether Duffel is configured (<c>Duffel__AccessToken</c>); its adapters register only then.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(DuffelOptions.Section)[nameof(DuffelOptions.AccessToken)]);

    private static void Configure(IServiceProvider services, HttpClient client, TimeSpan budget)
    {
        var options = services.GetRequiredService<IOptions<DuffelOptions>>().Value;
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        client.Timeout = budget + TimeSpan.FromSeconds(5);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests || !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        return request is null
            || request.Method == HttpMethod.Get
            || (request.Options.TryGetValue(DuffelClient.SafeToRetry, out var safe) && safe);
    }
}
