using Pathavana.Inventory.Amadeus;
using Pathavana.Platform.Observability;

namespace Pathavana.Bookings.Amadeus;

/// <summary>
/// Registers Amadeus as a booking provider (Flight Create Orders, Hotel Booking), only when
/// <c>Amadeus__ClientId</c> is configured. The options, the token provider and the offer store are
/// the inventory adapter's (<see cref="AmadeusSetup.AddAmadeus"/>, registered by the Inventory module
/// under the same condition): Bookings depends on Inventory, never the reverse.
/// </summary>
internal static class AmadeusBookingSetup
{
    public static void AddAmadeusBookings(this WebApplicationBuilder builder)
    {
        if (!AmadeusSetup.IsConfigured(builder.Configuration))
        {
            return;
        }
        var section = builder.Configuration.GetSection(AmadeusOptions.Section);

        // Orders (create, cancel) are NEVER retried: a time-out and a circuit breaker only.
        var orderBudget = TimeSpan.FromSeconds(Math.Clamp(section.GetValue(nameof(AmadeusOptions.OrderTimeoutSeconds), 30), 1, 120));
        var services = builder.Services;
        services.AddHttpClient(AmadeusOrderClient.HttpClientName, (provider, client) =>
            {
                AmadeusSetup.ConfigureClient(provider, client);
                client.Timeout = orderBudget + TimeSpan.FromSeconds(5);
            })
            .RedactLoggedHeaders([Microsoft.Net.Http.Headers.HeaderNames.Authorization])
            .AddHttpMessageHandler(sp => new ExternalCallMetricsHandler(sp.GetService<PathavanaMetrics>(), "amadeus"))
            .AddResilienceHandler("amadeus-orders", pipeline => AmadeusSetup.ConfigureOrderPipeline(pipeline, orderBudget));

        services.AddSingleton<AmadeusOrderClient>();
        services.AddSingleton<IBookingProvider, AmadeusBookingProvider>();
    }
}
