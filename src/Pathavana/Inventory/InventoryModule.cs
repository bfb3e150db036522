using Microsoft.Extensions.DependencyInjection.Extensions;
using Pathavana.Inventory.Amadeus;
using Pathavana.Inventory.Duffel;
using Pathavana.Inventory.GoogleMaps;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Inventory;

internal static class InventoryModule
{
    /// <summary>The key of the bundled gazetteer geocoder, for adapters that fall back to it.</summary>
    public const string GazetteerKey = Sources.Gazetteer;

    public static void AddInventory(this WebApplicationBuilder builder)
    {
        // Vendor adapters register first when configured; the TryAdds below fill whatever they left.
        // Precedence: Duffel (registered last) answers flights and hotels when configured; Amadeus keeps
        // what Duffel lacks (activities, airport search) and answers everything when alone.
        builder.AddAmadeus();
        builder.AddDuffel();
        builder.AddGoogleMaps();

        var services = builder.Services;
        services.TryAddSingleton(_ => LocationDirectory.Shared);
        services.TryAddSingleton<ILocationDirectory>(sp => sp.GetRequiredService<LocationDirectory>());
        services.TryAddSingleton(_ => CityGuide.Shared);
        services.TryAddSingleton<GazetteerGeocoder>();
        services.TryAddKeyedSingleton<IGeocoder>(GazetteerKey, (sp, _) => sp.GetRequiredService<GazetteerGeocoder>());

        services.TryAddSingleton<ILocationSearch, DirectoryLocationSearch>();
        services.TryAddSingleton<IGeocoder>(sp => sp.GetRequiredService<GazetteerGeocoder>());
        services.TryAddSingleton<IFlightProvider, SimulatedFlightProvider>();
        services.TryAddSingleton<IHotelProvider, SimulatedHotelProvider>();
        services.TryAddSingleton<IActivityProvider, SimulatedActivityProvider>();

        services.TryAddSingleton<InventoryService>();
        services.AddHostedService<InventoryProvidersReport>();
    }
}

/// <summary>Says at start which provider answers each kind of search, and why when several are configured.</summary>
internal sealed partial class InventoryProvidersReport(
    InventoryService inventory,
    IConfiguration configuration,
    ILogger<InventoryProvidersReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var duffel = !string.IsNullOrWhiteSpace(configuration["Duffel:AccessToken"]);
        var amadeus = !string.IsNullOrWhiteSpace(configuration["Amadeus:ClientId"]);
        var mode = !duffel ? "" : configuration["Duffel:AccessToken"]!.StartsWith("duffel_test_", StringComparison.Ordinal)
            ? " (Duffel test mode: the test airline Duffel Airways, ZZ; nothing is ticketed)" : " (Duffel live mode: orders are real)";
        LogProviders(logger, inventory.FlightSource, inventory.HotelSource, inventory.ActivitySource, inventory.LocationSource, inventory.GeocoderSource, mode);
        if (inventory.FlightSource == Sources.Simulated)
        {
            // Load the route network off the start path, so the first search does not wait for it.
            _ = Task.Run(() => Simulation.RouteNetwork.Shared, CancellationToken.None);
        }
        if (duffel && amadeus)
        {
            LogPrecedence(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information,
        Message = "Inventory providers: flights {Flights}, hotels {Hotels}, activities {Activities}, airport search {Locations}, places {Places}{Mode}")]
    private static partial void LogProviders(ILogger logger, string flights, string hotels, string activities, string locations, string places, string mode);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning,
        Message = "Both Duffel and Amadeus are configured: Duffel answers flights and hotels; Amadeus only activities and airport search, and books the Amadeus offers it made before")]
    private static partial void LogPrecedence(ILogger logger);
}
