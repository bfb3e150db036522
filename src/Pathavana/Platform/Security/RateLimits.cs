using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Caching;
using Pathavana.Platform.Observability;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Pathavana.Platform.Security;

/// <summary>One limit: so many permits per sliding window.</summary>
internal sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public double WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>
/// Every rate limit (section <c>RateLimiting</c>). Counters live in Redis when it is configured, so
/// all replicas share one limit; otherwise (and while Redis is down) in this process.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests to the API a client IP may make per window (the platform document: 100 a minute).</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>The API window in seconds (fractions allowed).</summary>
    public double WindowSeconds { get; set; } = 60;

    /// <summary>Sign-in, sign-up, password reset and email confirmation attempts per client IP.</summary>
    public RateLimitRule Auth { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>Account emails (confirmation, reset, "someone used your address") sent to one address.</summary>
    public RateLimitRule EmailPerAddress { get; set; } = new() { PermitLimit = 3, WindowSeconds = 3600 };

    /// <summary>Account emails one client IP may cause to be sent.</summary>
    public RateLimitRule EmailPerIp { get; set; } = new() { PermitLimit = 20, WindowSeconds = 3600 };

    public RateLimitRule Api => new() { PermitLimit = PermitLimit, WindowSeconds = WindowSeconds };
}

/// <summary>The named limits. Values are stable: they are Redis key parts and metric labels.</summary>
internal enum RateLimitPolicy
{
    Api,
    Auth,
    EmailPerAddress,
    EmailPerIp,
}

/// <summary>What a limiter decided: allowed or not, what is left, when to come back.</summary>
internal sealed record RateLimitDecision(RateLimitPolicy Policy, bool Allowed, int Limit, TimeSpan Window, int? Remaining, TimeSpan? RetryAfter, bool Distributed)
{
    public string PolicyName => RateLimits.Name(Policy);

    /// <summary>Writes <c>RateLimit-Policy</c>, <c>RateLimit</c> (IETF httpapi draft, structured fields) and, when refused, <c>Retry-After</c>.</summary>
    public void WriteHeaders(HttpResponse response)
    {
        var window = (int)Math.Ceiling(Window.TotalSeconds);
        response.Headers["RateLimit-Policy"] = $"\"{PolicyName}\";q={Limit};w={window}";
        var value = $"\"{PolicyName}\";r={Remaining ?? 0}";
        if (!Allowed && RetryAfter is { } wait)
        {
            var seconds = RetryAfterSeconds(wait);
            value += $";t={seconds}";
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        response.Headers["RateLimit"] = value;
    }

    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// <summary>
/// The rate limits of every replica. With Redis: a sliding-window log per key in Redis
/// (RedisRateLimiting), exact across replicas — no window boundary lets a burst through. Without
/// Redis, or while it does not answer, a local sliding window per process applies instead
/// (fail-safe, never unlimited) and <c>pathavana.rate_limit.local_decisions</c> counts it.
/// </summary>
internal sealed partial class RateLimits : IAsyncDisposable
{
    private static readonly TimeSpan RetryRedisAfter = TimeSpan.FromSeconds(5);

    private readonly IConnectionMultiplexer? _redis;
    private readonly string _prefix;
    private readonly PathavanaMetrics _metrics;
    private readonly ILogger<RateLimits> _logger;
    private readonly Dictionary<RateLimitPolicy, RateLimitRule> _rules;
    private readonly ConcurrentDictionary<RateLimitPolicy, PartitionedRateLimiter<string>> _distributed = new();
    private readonly ConcurrentDictionary<RateLimitPolicy, PartitionedRateLimiter<string>> _local = new();
    private long _redisRetryAt;

    public RateLimits(IOptions<RateLimitOptions> options, IOptions<RedisOptions> redisOptions, IServiceProvider services,
        PathavanaMetrics metrics, ILogger<RateLimits> logger)
    {
        var o = options.Value;
        _rules = new()
        {
            [RateLimitPolicy.Api] = o.Api,
            [RateLimitPolicy.Auth] = o.Auth,
            [RateLimitPolicy.EmailPerAddress] = o.EmailPerAddress,
            [RateLimitPolicy.EmailPerIp] = o.EmailPerIp,
        };
        _redis = services.GetService<IConnectionMultiplexer>();
        _prefix = redisOptions.Value.InstanceName;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>True when decisions are shared through Redis right now.</summary>
    public bool IsDistributed => _redis is { IsConnected: true } && Environment.TickCount64 >= Interlocked.Read(ref _redisRetryAt);

    public RateLimitRule Rule(RateLimitPolicy policy) => _rules[policy];

    public static string Name(RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.Api => "api",
        RateLimitPolicy.Auth => "auth",
        RateLimitPolicy.EmailPerAddress => "email-address",
        RateLimitPolicy.EmailPerIp => "email-ip",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    /// <summary>Takes one permit for <paramref name="key"/> (an IP address, a normalised email…) under a policy.</summary>
    public async ValueTask<RateLimitDecision> AcquireAsync(RateLimitPolicy policy, string key, CancellationToken cancellationToken)
    {
        var rule = _rules[policy];
        if (_redis is not null)
        {
            if (IsDistributed)
            {
                try
                {
                    return await AcquireDistributedAsync(policy, rule, key, cancellationToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    Interlocked.Exchange(ref _redisRetryAt, Environment.TickCount64 + (long)RetryRedisAfter.TotalMilliseconds);
                    LogRedisUnavailable(_logger, Name(policy), ex);
                }
            }
            _metrics.RecordRateLimitLocalDecision(Name(policy));
        }
        return await AcquireLocalAsync(policy, rule, key, cancellationToken);
    }

    private async ValueTask<RateLimitDecision> AcquireDistributedAsync(RateLimitPolicy policy, RateLimitRule rule, string key, CancellationToken ct)
    {
        var limiter = _distributed.GetOrAdd(policy, p => PartitionedRateLimiter.Create<string, string>(k =>
            RedisRateLimitPartition.GetSlidingWindowRateLimiter(k, _ => new RedisSlidingWindowRateLimiterOptions
            {
                PermitLimit = rule.PermitLimit,
                Window = rule.Window,
                ConnectionMultiplexerFactory = () => _redis!,
            })));
        var partition = PartitionKey(policy, key);
        using var lease = await limiter.AcquireAsync(partition, 1, ct);
        // The library reports the permits left before this request.
        var before = lease.TryGetMetadata(RateLimitMetadataName.Remaining.Name, out var left) && left is long l ? (int)l : (int?)null;
        if (lease.IsAcquired)
        {
            return new RateLimitDecision(policy, true, rule.PermitLimit, rule.Window, before is { } b ? Math.Max(0, b - 1) : null, null, true);
        }
        return new RateLimitDecision(policy, false, rule.PermitLimit, rule.Window, 0, await DistributedRetryAfterAsync(partition, rule), true);
    }

    /// <summary>When the oldest request in the window leaves it, a permit frees up.</summary>
    private async Task<TimeSpan> DistributedRetryAfterAsync(string partition, RateLimitRule rule)
    {
        // RedisRateLimiting's sliding-window key for a partition; its scores are Unix seconds.
        var oldest = await _redis!.GetDatabase().SortedSetRangeByRankWithScoresAsync($"rl:sw:{{{partition}}}", 0, 0);
        if (oldest.Length == 0)
        {
            return TimeSpan.FromSeconds(1);
        }
        // The library stamps entries with the replica's wall clock, so this does too.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var wait = oldest[0].Score + rule.WindowSeconds - now;
        return TimeSpan.FromSeconds(Math.Clamp(wait, 0, rule.WindowSeconds));
    }

    private string PartitionKey(RateLimitPolicy policy, string key) => $"{_prefix}{Name(policy)}:{key}";

    private async ValueTask<RateLimitDecision> AcquireLocalAsync(RateLimitPolicy policy, RateLimitRule rule, string key, CancellationToken ct)
    {
        var limiter = _local.GetOrAdd(policy, p => PartitionedRateLimiter.Create<string, string>(k =>
            RateLimitPartition.GetSlidingWindowLimiter(k, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = rule.PermitLimit,
                Window = rule.Window,
                SegmentsPerWindow = 10,
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        using var lease = await limiter.AcquireAsync(key, 1, ct);
        var remaining = (int?)limiter.GetStatistics(key)?.CurrentAvailablePermits;
        TimeSpan? retry = lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : rule.Window;
        return new RateLimitDecision(policy, lease.IsAcquired, rule.PermitLimit, rule.Window, remaining, retry, false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _distributed.Values.Concat(_local.Values))
        {
            await limiter.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis did not answer the {Policy} rate limiter: this replica applies its local limit until Redis is back")]
    private static partial void LogRedisUnavailable(ILogger logger, string policy, Exception exception);
}
