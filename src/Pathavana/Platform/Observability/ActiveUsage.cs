using Pathavana.Platform.Hosting;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Pathavana.Platform.Observability;

internal sealed class ActiveUsageOptions
{
    public const string Section = "Metrics";

    /// <summary>Seconds between two refreshes of the active-user and session gauges (and flushes to the shared store).</summary>
    public int ActiveUsageRefreshSeconds { get; set; } = 15;
}

/// <summary>What is counted: signed-in users, or planner sessions (table <c>sessions</c>, signed in or not).</summary>
internal enum ActivityKind
{
    User,
    Session,
}

/// <summary>A look-back window of the gauges, and its label value.</summary>
internal sealed record ActivityWindow(string Label, TimeSpan Length);

/// <summary>
/// Who is using Pathavana: the number of distinct signed-in users, and of distinct planner
/// sessions, that made an API request in the last 5 minutes, hour and day — the platform
/// document's "User Metrics: Active users, sessions". Published as the gauges
/// <c>pathavana_active_users{window}</c> and <c>pathavana_active_sessions{window}</c>; their only
/// label is the window, never an id.
/// <para>
/// The counts are of the whole service, not of one instance: each instance adds what it saw to a
/// shared store every refresh (Redis HyperLogLogs when Redis is configured, so a person served by
/// three replicas counts once, within HyperLogLog's 0.81 % standard error; in process otherwise,
/// exact), and reads the union back. Every instance therefore reports the same numbers: take
/// <c>max</c>, not <c>sum</c>, over instances. What is stored is the first half of an id's SHA-256
/// inside a HyperLogLog (no id can be read back), in keys that expire after 2 hours
/// (minutes) and 26 hours (hours).
/// </para>
/// </summary>
internal sealed class ActiveUsage
{
    public static readonly IReadOnlyList<ActivityWindow> Windows =
    [
        new("5m", TimeSpan.FromMinutes(5)),
        new("1h", TimeSpan.FromHours(1)),
        new("1d", TimeSpan.FromDays(1)),
    ];

    /// <summary>The assistant's routes that name a planner session: <c>/api/v1/chat/sessions/{id}</c> and below.</summary>
    private const string SessionRoutePrefix = "/api/v1/chat/sessions/{id";

    private readonly IActivityStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte>[] _pending = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private long[][] _counts = [new long[Windows.Count], new long[Windows.Count]];

    public ActiveUsage(IMeterFactory meterFactory, IActivityStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        var meter = meterFactory.Create(PathavanaMetrics.MeterName);
        meter.CreateObservableGauge("pathavana.active_users", () => Observe(ActivityKind.User), "{user}",
            "Distinct signed-in users who made an API request in the window (5m, 1h, 1d), counted across every instance.");
        meter.CreateObservableGauge("pathavana.active_sessions", () => Observe(ActivityKind.Session), "{session}",
            "Distinct planner sessions (signed in or anonymous) that received a request in the window (5m, 1h, 1d), counted across every instance.");
    }

    /// <summary>Notes who made a finished API request: its signed-in user, and the planner session it addressed.</summary>
    public void Record(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var user))
        {
            Seen(ActivityKind.User, user);
        }
        // Only a session that exists and answered: probing unknown ids is not activity.
        if (context.Response.StatusCode < StatusCodes.Status400BadRequest
            && context.GetEndpoint() is RouteEndpoint endpoint
            && endpoint.RoutePattern.RawText?.StartsWith(SessionRoutePrefix, StringComparison.Ordinal) == true
            && Guid.TryParse(context.GetRouteValue("id")?.ToString(), out var session))
        {
            Seen(ActivityKind.Session, session);
        }
    }

    public void Seen(ActivityKind kind, Guid id) => _pending[(int)kind].TryAdd(Member(kind, id), 0);

    /// <summary>The latest count for a kind and window label (what the gauge reports).</summary>
    public long Count(ActivityKind kind, string window)
    {
        var index = Windows.Select(w => w.Label).ToList().IndexOf(window);
        return index < 0 ? throw new ArgumentOutOfRangeException(nameof(window), window, "Windows are 5m, 1h and 1d.") : Volatile.Read(ref _counts)[(int)kind][index];
    }

    /// <summary>Adds what this instance saw since the last refresh to the shared store, then reads every window's count back.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var counts = new long[2][];
        foreach (var kind in new[] { ActivityKind.User, ActivityKind.Session })
        {
            var batch = Interlocked.Exchange(ref _pending[(int)kind], new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
            if (!batch.IsEmpty)
            {
                await _store.AddAsync(kind, now, [.. batch.Keys], ct);
            }
            counts[(int)kind] = new long[Windows.Count];
            for (var i = 0; i < Windows.Count; i++)
            {
                counts[(int)kind][i] = await _store.CountAsync(kind, now, Windows[i].Length, ct);
            }
        }
        Volatile.Write(ref _counts, counts);
    }

    private IEnumerable<Measurement<long>> Observe(ActivityKind kind)
    {
        var counts = Volatile.Read(ref _counts)[(int)kind];
        for (var i = 0; i < Windows.Count; i++)
        {
            yield return new Measurement<long>(counts[i], new KeyValuePair<string, object?>("window", Windows[i].Label));
        }
    }

    /// <summary>What is stored for an id: 16 bytes of its SHA-256, in hex. Enough to tell people apart, useless to name them.</summary>
    private static string Member(ActivityKind kind, Guid id) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{id:N}")).AsSpan(0, 16));
}

/// <summary>Where the instances put what they saw: minute buckets (windows up to an hour) and hour buckets (the day).</summary>
internal interface IActivityStore
{
    Task AddAsync(ActivityKind kind, DateTimeOffset at, IReadOnlyCollection<string> members, CancellationToken ct);

    Task<long> CountAsync(ActivityKind kind, DateTimeOffset now, TimeSpan window, CancellationToken ct);
}

internal static class ActivityBuckets
{
    public static readonly TimeSpan MinuteBucketLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan HourBucketLifetime = TimeSpan.FromHours(26);

    public static string Minute(DateTimeOffset at) => "m:" + at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static string Hour(DateTimeOffset at) => "h:" + at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>The buckets a window covers, the current one included: minutes up to an hour, hours beyond.</summary>
    public static IReadOnlyList<string> Covering(DateTimeOffset now, TimeSpan window) =>
        window <= TimeSpan.FromHours(1)
            ? [.. Enumerable.Range(0, (int)window.TotalMinutes).Select(i => Minute(now.AddMinutes(-i)))]
            : [.. Enumerable.Range(0, (int)window.TotalHours).Select(i => Hour(now.AddHours(-i)))];
}

/// <summary>One process (the embedded default, or no Redis): exact sets, pruned as they age out.</summary>
internal sealed class MemoryActivityStore : IActivityStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Expires, HashSet<string> Members)> _buckets = new(StringComparer.Ordinal);

    public Task AddAsync(ActivityKind kind, DateTimeOffset at, IReadOnlyCollection<string> members, CancellationToken ct)
    {
        lock (_gate)
        {
            foreach (var key in _buckets.Where(b => b.Value.Expires <= at).Select(b => b.Key).ToList())
            {
                _buckets.Remove(key);
            }
            Add($"{kind}:{ActivityBuckets.Minute(at)}", at + ActivityBuckets.MinuteBucketLifetime);
            Add($"{kind}:{ActivityBuckets.Hour(at)}", at + ActivityBuckets.HourBucketLifetime);
        }
        return Task.CompletedTask;

        void Add(string key, DateTimeOffset expires)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = (expires, new HashSet<string>(StringComparer.Ordinal));
                _buckets[key] = bucket;
            }
            bucket.Members.UnionWith(members);
        }
    }

    public Task<long> CountAsync(ActivityKind kind, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        lock (_gate)
        {
            var union = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bucket in ActivityBuckets.Covering(now, window))
            {
                if (_buckets.TryGetValue($"{kind}:{bucket}", out var found) && found.Expires > now)
                {
                    union.UnionWith(found.Members);
                }
            }
            return Task.FromResult((long)union.Count);
        }
    }
}

/// <summary>
/// Shared by every instance through Redis: one HyperLogLog per bucket (PFADD), windows counted as
/// the union of their buckets (PFCOUNT over several keys). The keys share a hash tag, so a
/// window's keys are in one slot even on a clustered Redis.
/// </summary>
internal sealed class RedisActivityStore(IConnectionMultiplexer redis, string prefix) : IActivityStore
{
    private RedisKey Key(ActivityKind kind, string bucket) => $"{prefix}{{activity:{kind.ToString().ToLowerInvariant()}}}:{bucket}";

    public async Task AddAsync(ActivityKind kind, DateTimeOffset at, IReadOnlyCollection<string> members, CancellationToken ct)
    {
        var values = members.Select(m => (RedisValue)m).ToArray();
        var db = redis.GetDatabase();
        var minute = Key(kind, ActivityBuckets.Minute(at));
        var hour = Key(kind, ActivityBuckets.Hour(at));
        var batch = db.CreateBatch();
        Task[] sent =
        [
            batch.HyperLogLogAddAsync(minute, values),
            batch.KeyExpireAsync(minute, ActivityBuckets.MinuteBucketLifetime),
            batch.HyperLogLogAddAsync(hour, values),
            batch.KeyExpireAsync(hour, ActivityBuckets.HourBucketLifetime),
        ];
        batch.Execute();
        await Task.WhenAll(sent).WaitAsync(ct);
    }

    public async Task<long> CountAsync(ActivityKind kind, DateTimeOffset now, TimeSpan window, CancellationToken ct) =>
        await redis.GetDatabase()
            .HyperLogLogLengthAsync([.. ActivityBuckets.Covering(now, window).Select(b => Key(kind, b))])
            .WaitAsync(ct);
}

/// <summary>Refreshes <see cref="ActiveUsage"/> every <see cref="ActiveUsageOptions.ActiveUsageRefreshSeconds"/> seconds while the server runs.</summary>
internal sealed partial class ActiveUsageRefresher(
    ActiveUsage usage, TimeProvider time, Microsoft.Extensions.Options.IOptions<ActiveUsageOptions> options, ILogger<ActiveUsageRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // When Redis is away the gauges keep their last values; its own health gauge says why.
        await Periodic.RunAsync(TimeSpan.FromSeconds(options.Value.ActiveUsageRefreshSeconds), time, runAtStart: true,
            usage.RefreshAsync, ex => LogRefreshFailed(logger, ex.Message), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active users and sessions were not refreshed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
