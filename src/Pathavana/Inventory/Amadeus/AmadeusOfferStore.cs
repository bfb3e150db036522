using Pathavana.Platform.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Keeps each Amadeus offer document server-side under our offer id, because pricing and booking
/// need it verbatim. Clients only ever see our model and our id. Offers carry no personal data.
/// </summary>
internal sealed class AmadeusOfferStore(HybridCache cache, IOptions<AmadeusOptions> options)
{
    private const string Prefix = "amadeus-";


    public static string NewId(string kind) => $"{Prefix}{kind}-{Guid.CreateVersion7():N}";

    public static bool IsOurs(string? id) => id is { Length: > 9 and < 80 } && id.StartsWith(Prefix, StringComparison.Ordinal);

    public ValueTask SaveAsync(string id, string vendorJson, CancellationToken cancellationToken)
    {
        var retention = TimeSpan.FromMinutes(options.Value.OfferRetentionMinutes);
        return cache.SetAsync(Key(id), vendorJson, new HybridCacheEntryOptions
        {
            Expiration = retention,
            LocalCacheExpiration = retention,
        }, cancellationToken: cancellationToken);
    }

    /// <summary>The vendor document for one of our offer ids, or null when it expired or never existed.</summary>
    public async ValueTask<string?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsOurs(id))
        {
            return null;
        }
        return await cache.TryGetAsync<string>(Key(id), cancellationToken);
    }

    private static string Key(string id) => "amadeus:offer:" + id;
}
