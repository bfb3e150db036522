using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace Pathavana.Platform.Caching;

internal sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string; empty means no Redis (in-process cache only).</summary>
    public string? Configuration { get; set; }

    public string InstanceName { get; set; } = "pathavana:";
}

internal static class CachingModule
{
    public static void AddCaching(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        builder.Services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section));
        builder.Services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(5),
                LocalCacheExpiration = TimeSpan.FromMinutes(1),
            };
            options.MaximumPayloadBytes = 4 * 1024 * 1024;
        });

        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
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
        builder.Services.AddStackExchangeRedisCache(options => options.InstanceName = redis.InstanceName);
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, sp) =>
            options.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()));
    }
}
