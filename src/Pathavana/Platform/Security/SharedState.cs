using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Caching;
using StackExchange.Redis;

namespace Pathavana.Platform.Security;

/// <summary>
/// Short-lived security state every replica must see the same way: session revocations, sign-in
/// back-off counters. In Redis when it is configured (keys under <c>Redis__InstanceName</c>), else in
/// this process. A Redis failure never throws from here: reads report <see cref="SharedRead.Unavailable"/>
/// so the caller can go to the database, and counters fall back to this process.
/// </summary>
internal sealed partial class SharedState(IOptions<RedisOptions> redisOptions, IServiceProvider services, TimeProvider clock, ILogger<SharedState> logger)
{
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly string _prefix = redisOptions.Value.InstanceName;
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset Expires)> _local = new();

    /// <summary>True when Redis holds the state (shared by all replicas).</summary>
    public bool IsShared => _redis is not null;

    /// <summary>Reads several keys. Unavailable when Redis is configured but does not answer.</summary>
    public async Task<SharedRead> GetAsync(params string[] keys)
    {
        if (_redis is null)
        {
            return new SharedRead(true, [.. keys.Select(LocalGet)]);
        }
        if (!_redis.IsConnected)
        {
            return SharedRead.Unavailable;
        }
        try
        {
            var values = await _redis.GetDatabase().StringGetAsync([.. keys.Select(k => (RedisKey)(_prefix + k))]);
            return new SharedRead(true, [.. values.Select(v => v.IsNull ? null : (string?)v.ToString())]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
            return SharedRead.Unavailable;
        }
    }

    /// <summary>Sets a value; with <paramref name="onlyIfAbsent"/>, never overwrites (a revocation written meanwhile wins).</summary>
    public async Task SetAsync(string key, string value, TimeSpan ttl, bool onlyIfAbsent = false)
    {
        if (_redis is null)
        {
            SweepLocal();
            var expires = clock.GetUtcNow() + ttl;
            if (onlyIfAbsent)
            {
                _local.AddOrUpdate(key, _ => (value, expires), (_, old) => old.Expires > clock.GetUtcNow() ? old : (value, expires));
            }
            else
            {
                _local[key] = (value, expires);
            }
            return;
        }
        try
        {
            await _redis.GetDatabase().StringSetAsync(_prefix + key, value, ttl, onlyIfAbsent ? When.NotExists : When.Always);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
        }
    }

    /// <summary>Adds one to a counter that expires <paramref name="ttl"/> after its first increment; returns the new count.</summary>
    public async Task<long> IncrementAsync(string key, TimeSpan ttl)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                var db = _redis.GetDatabase();
                var count = await db.StringIncrementAsync(_prefix + key);
                if (count == 1)
                {
                    await db.KeyExpireAsync(_prefix + key, ttl);
                }
                return count;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogUnavailable(logger, ex);
            }
        }
        SweepLocal();
        var now = clock.GetUtcNow();
        var updated = _local.AddOrUpdate(key, _ => ("1", now + ttl), (_, old) => old.Expires <= now
            ? ("1", now + ttl)
            : ((long.Parse(old.Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), old.Expires));
        return long.Parse(updated.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How long a key still lives; null when it does not exist.</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(string key)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                return await _redis.GetDatabase().KeyTimeToLiveAsync(_prefix + key);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogUnavailable(logger, ex);
            }
        }
        return _local.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Expires - clock.GetUtcNow() : null;
    }

    public async Task DeleteAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            _local.TryRemove(key, out _);
        }
        if (_redis is { IsConnected: true })
        {
            try
            {
                await _redis.GetDatabase().KeyDeleteAsync([.. keys.Select(k => (RedisKey)(_prefix + k))]);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogUnavailable(logger, ex);
            }
        }
    }

    /// <summary>Drops expired entries once the local table grows, so counters keyed by address cannot fill memory.</summary>
    private void SweepLocal()
    {
        if (_local.Count < 10_000)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _local)
        {
            if (entry.Expires <= now)
            {
                _local.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private string? LocalGet(string key)
    {
        if (_local.TryGetValue(key, out var entry))
        {
            if (entry.Expires > clock.GetUtcNow())
            {
                return entry.Value;
            }
            _local.TryRemove(KeyValuePair.Create(key, entry));
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer a security-state call; falling back to the database or this replica")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

/// <summary>The values read (null where absent), or <see cref="Unavailable"/>.</summary>
internal sealed record SharedRead(bool Available, IReadOnlyList<string?> Values)
{
    public static SharedRead Unavailable { get; } = new(false, []);
}
