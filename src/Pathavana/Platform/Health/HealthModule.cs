using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathavana.Platform.Data;
using StackExchange.Redis;

namespace Pathavana.Platform.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer).</summary>
internal static partial class HealthModule
{
    private const string Ready = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<PathavanaDbContext>("database", HealthStatus.Unhealthy, [Ready],
                customTestQuery: static (db, ct) => db.Database.CanConnectAsync(ct));
        // Redis down leaves the replica ready but degraded: caches, rate limits and session checks
        // fall back to this process and the database (pathavana_dependency_up{dependency="redis"} 0).
        checks.Add(new HealthCheckRegistration("redis",
            sp => new RedisHealthCheck(sp.GetService<IConnectionMultiplexer>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pathavana.Platform.Health")),
            HealthStatus.Degraded, [Ready], CheckTimeout));
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = CheckTimeout;
            }
        });
    }

    public static void MapHealthApi(this WebApplication app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        group.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(Ready),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message });
        if (report.Status != HealthStatus.Unhealthy)
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString(), checks });
            return;
        }
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Not ready.",
            Detail = $"Failing: {string.Join(", ", failing)}.",
            Extensions = { ["checks"] = checks },
        };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>PINGs Redis when it is configured; healthy (and says so) when it is not. Logs a warning when Redis goes away.</summary>
    private sealed partial class RedisHealthCheck(IConnectionMultiplexer? redis, ILogger logger) : IHealthCheck
    {
        private static int _down;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (redis is null)
            {
                return HealthCheckResult.Healthy("not configured: in-process cache");
            }
            try
            {
                if (!redis.IsConnected)
                {
                    throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Not connected to Redis.");
                }
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(CheckTimeout, cancellationToken);
                if (Interlocked.Exchange(ref _down, 0) == 1)
                {
                    LogBack(logger);
                }
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.#} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (Interlocked.Exchange(ref _down, 1) == 0)
                {
                    LogDegraded(logger, ex);
                }
                return HealthCheckResult.Degraded(
                    "Redis did not answer: this replica serves on, with its own cache and rate limits, until Redis is back.", ex);
            }
        }

        [LoggerMessage(Level = LogLevel.Warning,
            Message = "Redis does not answer: serving degraded (local cache and rate limits, sessions checked in the database)")]
        private static partial void LogDegraded(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: shared cache and rate limits resumed")]
        private static partial void LogBack(ILogger logger);
    }
}
