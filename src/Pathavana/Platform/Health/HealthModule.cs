using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathavana.Platform.Data;
using StackExchange.Redis;

namespace Pathavana.Platform.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer).</summary>
internal static class HealthModule
{
    private const string Ready = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<PathavanaDbContext>("database", HealthStatus.Unhealthy, [Ready],
                customTestQuery: static (db, ct) => db.Database.CanConnectAsync(ct));
        checks.Add(new HealthCheckRegistration("redis", sp => new RedisHealthCheck(sp.GetService<IConnectionMultiplexer>()),
            HealthStatus.Unhealthy, [Ready], CheckTimeout));
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
        });
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message });
        if (report.Status == HealthStatus.Healthy)
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new { status = "Healthy", checks });
            return;
        }
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key);
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

    /// <summary>PINGs Redis when it is configured; healthy (and says so) when it is not.</summary>
    private sealed class RedisHealthCheck(IConnectionMultiplexer? redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (redis is null)
            {
                return HealthCheckResult.Healthy("not configured: in-process cache");
            }
            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(CheckTimeout, cancellationToken);
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.#} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis did not answer.", ex);
            }
        }
    }
}
