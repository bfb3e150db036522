using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Observability;

namespace Pathavana.Platform.Security;

internal sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests a client IP may make per window (the platform document: 100 a minute).</summary>
    public int PermitLimit { get; set; } = 100;

    public int WindowSeconds { get; set; } = 60;
}

internal sealed class ForwardingOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses whose X-Forwarded-For is trusted (none by default).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (e.g. <c>10.0.0.0/16</c>) whose X-Forwarded-For is trusted.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.KnownProxies
            .Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"ForwardedHeaders__KnownProxies: '{p}' is not an IP address."));
        failures.AddRange(options.KnownNetworks
            .Where(n => !System.Net.IPNetwork.TryParse(n, out _))
            .Select(n => $"ForwardedHeaders__KnownNetworks: '{n}' is not a CIDR network."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static partial class SecurityModule
{
    private const string RateLimitingCategory = "Pathavana.Platform.Security.RateLimiting";

    /// <summary>Paths never rate limited: probes and scrapes come from the platform, not users.</summary>
    private static readonly PathString[] Unlimited = ["/health", "/metrics"];

    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.PermitLimit > 0, "RateLimiting__PermitLimit must be positive.")
            .Validate(o => o.WindowSeconds > 0, "RateLimiting__WindowSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<ForwardingOptions>()
            .Bind(builder.Configuration.GetSection(ForwardingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardingOptions>>((options, trusted) =>
        {
            // Only the proxies an operator names are trusted (not even loopback by default):
            // otherwise any client could pick the address the rate limiter counts against.
            // With no proxy named, the headers are not read at all (empty lists would mean "trust all").
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable CS0618, ASPDEPR005 // the obsolete list still holds loopback and is still consulted
            options.KnownNetworks.Clear();
#pragma warning restore CS0618, ASPDEPR005
            var any = trusted.Value.KnownProxies.Count + trusted.Value.KnownNetworks.Count > 0;
            options.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }
            foreach (var network in trusted.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var limit = limits.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (Unlimited.Any(p => context.Request.Path.StartsWithSegments(p)))
                {
                    return RateLimitPartition.GetNoLimiter("platform");
                }
                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? (int)Math.Ceiling(wait.TotalSeconds)
                    : limit.WindowSeconds;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var services = context.HttpContext.RequestServices;
                services.GetRequiredService<PathavanaMetrics>().RecordRateLimitRejection();
                LogRejected(services.GetRequiredService<ILoggerFactory>().CreateLogger(RateLimitingCategory),
                    context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", retryAfter);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"At most {limit.PermitLimit} requests per {limit.WindowSeconds} s from one address. Retry after {retryAfter} s.",
                    },
                });
            };
        });
    }

    public static void UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
        app.UseRateLimiter();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Rate limit reached: rejected a request from {ClientIp}; retry after {RetryAfterSeconds} s.")]
    private static partial void LogRejected(ILogger logger, [Pii] string clientIp, int retryAfterSeconds);
}
