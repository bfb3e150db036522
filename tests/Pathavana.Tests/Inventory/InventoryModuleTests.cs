using Microsoft.Extensions.DependencyInjection;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory;

public sealed class InventoryModuleTests
{
    [Fact]
    public async Task Without_configuration_the_offline_adapters_serve_and_the_gazetteer_is_also_keyed_for_fallback()
    {
        await using var app = PathavanaFactory.Embedded();
        var services = app.Services;

        Assert.IsType<SimulatedFlightProvider>(services.GetRequiredService<IFlightProvider>());
        Assert.IsType<SimulatedHotelProvider>(services.GetRequiredService<IHotelProvider>());
        Assert.IsType<SimulatedActivityProvider>(services.GetRequiredService<IActivityProvider>());
        Assert.IsType<GazetteerGeocoder>(services.GetRequiredService<IGeocoder>());
        Assert.IsType<DirectoryLocationSearch>(services.GetRequiredService<ILocationSearch>());
        Assert.IsType<GazetteerGeocoder>(services.GetRequiredKeyedService<IGeocoder>("gazetteer"));
        Assert.Same(LocationDirectory.Shared, services.GetRequiredService<ILocationDirectory>());
        Assert.Same(services.GetRequiredService<InventoryService>(), services.GetRequiredService<InventoryService>());
    }
}
