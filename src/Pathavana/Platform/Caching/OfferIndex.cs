using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Pathavana.Platform.Caching;

/// <summary>
/// Which cached search returned an offer: offer (or rate) id → the search's cache key, so that an
/// offer is found by id from the one cached entry of its search instead of being stored again on
/// its own. Ids and keys are codes, dates and counts: never personal data.
/// </summary>
internal interface IOfferIndex
{
    /// <summary>Remembers that every id in <paramref name="ids"/> came from the search cached under <paramref name="searchKey"/>, for about <paramref name="lifetime"/>.</summary>
    Task RememberAsync(string kind, IReadOnlyCollection<string> ids, string searchKey, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>The search key an id was remembered under, or null when unknown or forgotten.</summary>
    Task<string?> FindAsync(string kind, string id, CancellationToken cancellationToken);
}

/// <summary>
/// The index in this process (no Redis): a <see cref="MemoryCache"/> of at most
/// <see cref="CachingOptions.LocalMaxEntries"/> ids, least recently used forgotten first.
/// </summary>
internal sealed class LocalOfferIndex(CachingOptions limits, TimeProvider time) : IOfferIndex, IDisposable
{
    private readonly MemoryCache _ids = new(new MemoryCacheOptions
    {
        SizeLimit = limits.LocalMaxEntries,
        CompactionPercentage = limits.CompactionPercentage,
    });

    /// <summary>Ids held now (for tests and diagnostics).</summary>
    public int Count => _ids.Count;

    public Task RememberAsync(string kind, IReadOnlyCollection<string> ids, string searchKey, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + lifetime;
        foreach (var id in ids)
        {
            _ids.Set((kind, id), new Remembered(searchKey, expires), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        }
        return Task.CompletedTask;
    }

    public Task<string?> FindAsync(string kind, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_ids.TryGetValue((kind, id), out Remembered? found) && found!.Expires > time.GetUtcNow() ? found.SearchKey : null);

    public void Dispose() => _ids.Dispose();

    private sealed record Remembered(string SearchKey, DateTimeOffset Expires);
}

/// <summary>
/// The index in Redis, shared by every instance: one hash per hour of the app's clock
/// (<c>{instance}offer-index:{kind}:{yyyyMMddHH}</c>, field = id, value = search key) that expires
/// <c>lifetime</c> + 1 h after its last write. Remembering a search is <c>HSET</c> + <c>EXPIRE</c>
/// in one round trip; finding an id asks the hashes of the last hours covering <c>lifetime</c>
/// (<c>HGET</c>s pipelined, one round trip). Bounded by time: nothing outlives its hour + lifetime.
/// </summary>
internal sealed class RedisOfferIndex(IConnectionMultiplexer redis, string instanceName, TimeProvider time) : IOfferIndex
{
    /// <summary>The longest lifetime looked back over (hashes of the last <c>MaxLifetime</c> hours + the current one are asked).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(2);

    private RedisKey Bucket(string kind, DateTimeOffset at) =>
        $"{instanceName}offer-index:{kind}:{at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";

    public async Task RememberAsync(string kind, IReadOnlyCollection<string> ids, string searchKey, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        lifetime = lifetime > MaxLifetime ? MaxLifetime : lifetime;
        var bucket = Bucket(kind, time.GetUtcNow());
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        RedisValue key = searchKey;
        var set = batch.HashSetAsync(bucket, [.. ids.Select(id => new HashEntry(id, key))]);
        var expire = batch.KeyExpireAsync(bucket, lifetime + TimeSpan.FromHours(1));
        batch.Execute();
        await Task.WhenAll(set, expire).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindAsync(string kind, string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hours = (int)Math.Ceiling(MaxLifetime.TotalHours);
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var lookups = new Task<RedisValue>[hours + 1];
        for (var i = 0; i <= hours; i++)
        {
            lookups[i] = batch.HashGetAsync(Bucket(kind, now.AddHours(-i)), id);
        }
        batch.Execute();
        var found = await Task.WhenAll(lookups).WaitAsync(cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault(v => v.HasValue) is { HasValue: true } value ? value.ToString() : null;
    }
}
