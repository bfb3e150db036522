using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Observability;

namespace Pathavana.Platform.Security;

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

/// <summary>Browser-facing headers and cross-origin access (section <c>Security</c>).</summary>
internal sealed class SecurityHeadersOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Web origins (scheme://host[:port]) allowed to call the API from a browser with credentials
    /// (CORS). Empty (the default): none — the web app is served from the API's own origin.
    /// </summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Extra image origins the Content-Security-Policy allows, such as the map tile server of VITE_TILE_URL.</summary>
    public List<string> ImageOrigins { get; set; } = [];

    /// <summary>HSTS max-age (outside Development, on HTTPS responses). Default one year.</summary>
    public int HstsMaxAgeSeconds { get; set; } = 31_536_000;
}

internal sealed class SecurityHeadersOptionsValidator : IValidateOptions<SecurityHeadersOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityHeadersOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.CorsOrigins.Where(o => !IsOrigin(o))
            .Select(o => $"Security__CorsOrigins: '{o}' is not an origin such as https://app.example.com (scheme and host, no path)."));
        failures.AddRange(options.ImageOrigins.Where(o => !IsOrigin(o))
            .Select(o => $"Security__ImageOrigins: '{o}' is not an origin such as https://tile.example.org (scheme and host, no path)."));
        if (options.HstsMaxAgeSeconds < 0)
        {
            failures.Add("Security__HstsMaxAgeSeconds must be zero or more.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An origin: scheme, host and optional port, nothing else.</summary>
    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && value.TrimEnd('/').Equals(uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}

internal static partial class SecurityModule
{
    private const string RateLimitingCategory = "Pathavana.Platform.Security.RateLimiting";
    private const string CorsPolicy = "web-origins";

    /// <summary>Paths the API limit covers; the web app's static files, probes and scrapes are not counted.</summary>
    private static readonly PathString[] Limited = ["/api", "/openapi", "/docs"];

    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.PermitLimit > 0, "RateLimiting__PermitLimit must be positive.")
            .Validate(o => o.WindowSeconds > 0, "RateLimiting__WindowSeconds must be positive.")
            .Validate(o => new[] { o.Auth, o.EmailPerAddress, o.EmailPerIp }.All(r => r.PermitLimit > 0 && r.WindowSeconds > 0),
                "RateLimiting__Auth, RateLimiting__EmailPerAddress and RateLimiting__EmailPerIp need a positive PermitLimit and WindowSeconds.")
            .ValidateOnStart();
        services.AddSingleton<RateLimits>();
        services.AddOptions<DatabaseRoleOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseRoleOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.AppRole) || DatabaseRole.IsValidName(o.AppRole),
                "Database__AppRole must be a lower-case PostgreSQL name (letters, digits, _), or empty.")
            .ValidateOnStart();
        services.AddHostedService<DatabaseRoleCheck>();
        services.AddOptions<ForwardingOptions>()
            .Bind(builder.Configuration.GetSection(ForwardingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>();
        services.AddOptions<SecurityHeadersOptions>()
            .Bind(builder.Configuration.GetSection(SecurityHeadersOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityHeadersOptions>, SecurityHeadersOptionsValidator>();

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

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<SecurityHeadersOptions>>((cors, security) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. security.Value.CorsOrigins.Select(o => o.TrimEnd('/'))])
                .AllowCredentials()
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Content-Type", "Authorization", Pathavana.Accounts.AccountsModule.AntiforgeryHeader, "Idempotency-Key", "traceparent", "tracestate")
                .WithExposedHeaders("Location", "Retry-After", "RateLimit", "RateLimit-Policy")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
    }

    public static void UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var options = app.Services.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value;
        var google = app.Services.GetRequiredService<IOptions<Accounts.GoogleOptions>>().Value;
        var strict = Headers(options, app.Environment, strictCsp: true, google.Enabled ? google.IdentityServices : null);
        if (app.Environment.IsDevelopment())
        {
            // The interactive API reference (/docs, Development only) runs its own inline scripts.
            var docs = Headers(options, app.Environment, strictCsp: false, googleIdentityServices: null);
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/docs"), b => b.UseSecurityHeaders(docs));
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/docs"), b => b.UseSecurityHeaders(strict));
        }
        else
        {
            app.UseSecurityHeaders(strict);
        }
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors(CorsPolicy);
        }
        app.UseMiddleware<ApiRateLimitMiddleware>();
    }

    /// <summary>
    /// The headers of every response. The CSP allows no inline script and no eval: the web app is a
    /// Vite build whose index.html only references hashed files under /assets. With sign-in with
    /// Google configured, Google Identity Services (<paramref name="googleIdentityServices"/>, its
    /// <c>/gsi/</c> path) may run its script, button frame and styles, as Google documents, and the
    /// opener policy lets its sign-in pop-up answer.
    /// </summary>
    private static HeaderPolicyCollection Headers(SecurityHeadersOptions options, IWebHostEnvironment environment, bool strictCsp, string? googleIdentityServices)
    {
        string[] gsi = googleIdentityServices is null ? [] : [googleIdentityServices];
        var headers = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(p => { if (gsi.Length > 0) p.SameOriginAllowPopups(); else p.SameOrigin(); })
            .AddCrossOriginResourcePolicy(p => p.SameSite())
            .AddPermissionsPolicy(p =>
            {
                p.AddAccelerometer().None();
                p.AddAutoplay().None();
                p.AddCamera().None();
                p.AddDisplayCapture().None();
                p.AddEncryptedMedia().None();
                p.AddFullscreen().Self();
                p.AddGeolocation().None();
                p.AddGyroscope().None();
                p.AddMagnetometer().None();
                p.AddMicrophone().None();
                p.AddMidi().None();
                p.AddPayment().None();
                p.AddPictureInPicture().None();
                p.AddUsb().None();
            });
        if (strictCsp)
        {
            headers.AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().From(gsi.Select(g => g + "client"));
                csp.AddStyleSrc().Self().From(gsi.Select(g => g + "style"));
                csp.AddImgSrc().Self().Data().Blob().From(options.ImageOrigins.Select(o => o.TrimEnd('/')));
                csp.AddFontSrc().Self().Data();
                csp.AddConnectSrc().Self().From(gsi);
                if (gsi.Length > 0)
                {
                    csp.AddFrameSrc().From(gsi);
                }
                csp.AddManifestSrc().Self();
                csp.AddWorkerSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().None();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            });
        }
        else
        {
            headers.AddContentSecurityPolicy(csp =>
            {
                csp.AddObjectSrc().None();
                csp.AddBaseUri().None();
                csp.AddFrameAncestors().None();
            });
        }
        if (!environment.IsDevelopment() && options.HstsMaxAgeSeconds > 0)
        {
            // Sent on HTTPS responses only (behind a proxy, X-Forwarded-Proto from a trusted proxy counts).
            headers.AddStrictTransportSecurityMaxAgeIncludeSubDomains(options.HstsMaxAgeSeconds);
        }
        return headers;
    }

    /// <summary>The address a client is counted by: IPv4 as is, IPv6 by its /64 (one subscriber's prefix).</summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    /// <summary>Answers a refused request: 429, the rate-limit headers, Retry-After and a problem body.</summary>
    public static async Task RejectAsync(HttpContext context, RateLimitDecision decision, string? what = null)
    {
        var services = context.RequestServices;
        services.GetRequiredService<PathavanaMetrics>().RecordRateLimitRejection(decision.PolicyName);
        var retryAfter = RateLimitDecision.RetryAfterSeconds(decision.RetryAfter ?? decision.Window);
        LogRejected(services.GetRequiredService<ILoggerFactory>().CreateLogger(RateLimitingCategory),
            decision.PolicyName, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", retryAfter);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        decision.WriteHeaders(context.Response);
        var window = decision.Window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        await services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"At most {decision.Limit} {what ?? "requests"} per {window} s. Retry after {retryAfter} s.",
                Extensions = { ["retryAfterSeconds"] = retryAfter, ["policy"] = decision.PolicyName },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Rate limit {Policy} reached: rejected a request from {ClientIp}; retry after {RetryAfterSeconds} s.")]
    private static partial void LogRejected(ILogger logger, string policy, [Pii] string clientIp, int retryAfterSeconds);

    /// <summary>
    /// The API limit: every request under /api, /openapi and /docs counts against its client address.
    /// Requests on the management port (<c>Metrics__Port</c>) do not: it answers only /metrics and
    /// /health, and 404 to anything else without spending anyone's permits.
    /// </summary>
    private sealed class ApiRateLimitMiddleware(RequestDelegate next, RateLimits limits, IOptions<MetricsOptions> metrics)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (!Limited.Any(p => context.Request.Path.StartsWithSegments(p)) || HttpMethods.IsOptions(context.Request.Method)
                || context.Connection.LocalPort == metrics.Value.Port)
            {
                await next(context);
                return;
            }
            var decision = await limits.AcquireAsync(RateLimitPolicy.Api, ClientKey(context), context.RequestAborted);
            if (!decision.Allowed)
            {
                await RejectAsync(context, decision);
                return;
            }
            decision.WriteHeaders(context.Response);
            await next(context);
        }
    }
}
