using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Pathavana.Platform.Caching;

internal sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string; empty means no Redis (in-process cache only).</summary>
    public string? Configuration { get; set; }

    public string InstanceName { get; set; } = "pathavana:";
}

/// <summary>
/// Limits of the in-process caches (section <c>Caching</c>). The defaults fit a 512 MiB pod with
/// headroom: about 32 MiB of cached results (a search's serialised size; the objects take roughly
/// two to three times that) plus 200,000 remembered offer ids (about 40 MiB).
/// </summary>
internal sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>
    /// Bytes of cached results kept in this process (counted as each entry's serialised size); when
    /// full, least recently used entries are evicted. Default 32 MiB.
    /// </summary>
    public long LocalMaxBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Offer and rate ids remembered in this process (id → the search that returned it) when there is
    /// no Redis; when full, least recently used ids are forgotten. Default 200,000.
    /// </summary>
    public long LocalMaxEntries { get; set; } = 200_000;

    /// <summary>The share of a full cache evicted at once (0.05–0.9), least recently used first. Default 0.2.</summary>
    public double CompactionPercentage { get; set; } = 0.2;

    /// <summary>The largest single cached result in bytes (at most <see cref="LocalMaxBytes"/>); a larger one is served but not cached. Default 4 MiB.</summary>
    public int MaxEntryBytes { get; set; } = 4 * 1024 * 1024;

    internal void Validate()
    {
        var errors = new List<string>();
        if (LocalMaxBytes < 64 * 1024)
        {
            errors.Add("Caching__LocalMaxBytes must be at least 65536 (64 KiB).");
        }
        if (LocalMaxEntries < 100)
        {
            errors.Add("Caching__LocalMaxEntries must be at least 100.");
        }
        if (CompactionPercentage is < 0.05 or > 0.9)
        {
            errors.Add("Caching__CompactionPercentage must be between 0.05 and 0.9.");
        }
        if (MaxEntryBytes < 1024)
        {
            errors.Add("Caching__MaxEntryBytes must be at least 1024.");
        }
        if (errors.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(CachingOptions), errors);
        }
    }
}

internal static class CachingModule
{
    public static void AddCaching(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        builder.Services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section));
        var limits = builder.Configuration.GetSection(CachingOptions.Section).Get<CachingOptions>() ?? new CachingOptions();
        limits.Validate();
        builder.Services.AddSingleton(limits);
        // HybridCache's local tier: sized in bytes (HybridCache gives each entry its serialised size).
        builder.Services.AddMemoryCache(options =>
        {
            options.SizeLimit = limits.LocalMaxBytes;
            options.CompactionPercentage = limits.CompactionPercentage;
            options.TrackStatistics = true;
        });
        builder.Services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(5),
                LocalCacheExpiration = TimeSpan.FromMinutes(1),
            };
            options.MaximumPayloadBytes = (int)Math.Min(limits.MaxEntryBytes, limits.LocalMaxBytes);
        });

        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            builder.Services.AddSingleton<IOfferIndex>(sp => new LocalOfferIndex(limits, sp.GetRequiredService<TimeProvider>()));
            return;
        }

        ConfigurationOptions redisConfiguration;
        try
        {
            redisConfiguration = ConfigurationOptions.Parse(redis.Configuration);
        }
        catch (ArgumentException ex)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                RedisOptions.Section, typeof(RedisOptions), [$"Redis__Configuration is malformed: {ex.Message}"]);
        }
        // Start even while Redis is away; readiness reports it and the client reconnects.
        redisConfiguration.AbortOnConnectFail = false;
        redisConfiguration.ConnectTimeout = 2000;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisConfiguration));
        builder.Services.AddSingleton<IDistributedCache>(sp => new RedisBufferCache(sp.GetRequiredService<IConnectionMultiplexer>(), redis.InstanceName));
        builder.Services.AddSingleton<IOfferIndex>(sp => new RedisOfferIndex(
            sp.GetRequiredService<IConnectionMultiplexer>(), redis.InstanceName, sp.GetRequiredService<TimeProvider>()));
    }
}
