using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pathavana.Assistant.Understanding;

internal static class UnderstandingServices
{
    /// <summary>
    /// Registers <see cref="OfflineUnderstanding"/> as a singleton (its gazetteers are built once from the
    /// registered <see cref="Pathavana.Inventory.ILocationDirectory"/>). For the assistant module's AddX().
    /// </summary>
    public static IServiceCollection AddOfflineUnderstanding(this IServiceCollection services)
    {
        services.TryAddSingleton<OfflineUnderstanding>();
        return services;
    }
}
