using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Pathavana.Platform.Caching;

/// <summary>
/// HybridCache's shared tier on Redis with one command per operation: an entry is a plain string
/// value (<c>GET</c>, <c>SET … PX ttl</c>), where the Microsoft Redis cache stores a hash and sends
/// <c>HSET</c> then <c>EXPIRE</c> one after the other. Keys are <c>{instance}{key}</c>.
/// </summary>
/// <remarks>
/// Sliding expiration is not supported (HybridCache sets only absolute lifetimes); <see cref="Refresh"/>
/// does nothing. Redis failures surface as <see cref="RedisException"/>s, which HybridCache treats as
/// a miss (reads) or logs (writes).
/// </remarks>
internal sealed class RedisBufferCache(IConnectionMultiplexer redis, string instanceName) : IBufferDistributedCache
{
    private IDatabase Database => redis.GetDatabase();

    private RedisKey Key(string key) => instanceName + key;

    /// <summary>The lifetime asked for, or null for none; an entry already expired gets the shortest lifetime Redis allows.</summary>
    internal static TimeSpan? Lifetime(DistributedCacheEntryOptions options, DateTimeOffset now)
    {
        TimeSpan? ttl = options.AbsoluteExpirationRelativeToNow
            ?? (options.AbsoluteExpiration is { } at ? at - now : (TimeSpan?)null)
            ?? options.SlidingExpiration;
        return ttl is { } t && t <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : ttl;
    }

    public byte[]? Get(string key) => Database.StringGet(Key(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await Database.StringGetAsync(Key(key)).WaitAsync(token).ConfigureAwait(false);

    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        using var lease = Database.StringGetLease(Key(key));
        return Copy(lease, destination);
    }

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        using var lease = await Database.StringGetLeaseAsync(Key(key)).WaitAsync(token).ConfigureAwait(false);
        return Copy(lease, destination);
    }

    private static bool Copy(Lease<byte>? lease, IBufferWriter<byte> destination)
    {
        if (lease is null)
        {
            return false;
        }
        destination.Write(lease.Span);
        return true;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Database.StringSet(Key(key), value, Lifetime(options, DateTimeOffset.UtcNow));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Database.StringSetAsync(Key(key), value, Lifetime(options, DateTimeOffset.UtcNow)).WaitAsync(token);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) =>
        Database.StringSet(Key(key), Value(value), Lifetime(options, DateTimeOffset.UtcNow));

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await Database.StringSetAsync(Key(key), Value(value), Lifetime(options, DateTimeOffset.UtcNow)).WaitAsync(token).ConfigureAwait(false);

    private static RedisValue Value(ReadOnlySequence<byte> value) => value.IsSingleSegment ? value.First : value.ToArray();

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => Database.KeyDelete(Key(key));

    public Task RemoveAsync(string key, CancellationToken token = default) => Database.KeyDeleteAsync(Key(key)).WaitAsync(token);
}
