using Microsoft.Extensions.DependencyInjection.Extensions;
using Pathavana.Inventory.Amadeus;
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
        builder.AddAmadeus();
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
    }
}
