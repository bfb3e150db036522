using Pathavana.Platform.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Pathavana.Inventory.Duffel;

/// <summary>
/// Keeps what Duffel needs later (an offer's id and passenger ids, a rate's id) server-side under
/// Pathavana's offer id (<c>duffel-f-…</c>, <c>duffel-h-…</c>). Clients never see Duffel's JSON.
/// Offers and rates carry no personal data.
/// </summary>
internal sealed class DuffelOfferStore(HybridCache cache, IOptions<DuffelOptions> options)
{
    public const string FlightPrefix = "duffel-f-";
    public const string HotelPrefix = "duffel-h-";


    public static bool IsOurs(string? id) =>
        id is { Length: > 12 and < 120 } && (id.StartsWith(FlightPrefix, StringComparison.Ordinal) || id.StartsWith(HotelPrefix, StringComparison.Ordinal));

    public ValueTask SaveAsync(string id, string json, CancellationToken cancellationToken)
    {
        var retention = TimeSpan.FromMinutes(options.Value.OfferRetentionMinutes);
        return cache.SetAsync("duffel:offer:" + id, json, new HybridCacheEntryOptions { Expiration = retention, LocalCacheExpiration = retention },
            cancellationToken: cancellationToken);
    }

    public async ValueTask<string?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsOurs(id)
            ? await cache.TryGetAsync<string>("duffel:offer:" + id, cancellationToken)
            : null;
}
