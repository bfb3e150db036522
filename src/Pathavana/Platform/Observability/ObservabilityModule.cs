using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pathavana.Platform.Observability;

internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// The management port. Empty (the embedded default): <c>/metrics</c> answers on the main port.
    /// Set (production): Kestrel also listens on this port, <c>/metrics</c> answers only there,
    /// and the main port answers 404 for it — the public ingress never routes to this port.
    /// </summary>
    public int? Port { get; set; }
}

internal static class ObservabilityModule
{
    public const string ServiceName = "pathavana";

    /// <summary>Paths that are not traced (probes and scrapes) and the only ones the management port serves.</summary>
    private static readonly PathString[] PlatformPaths = ["/health", "/metrics"];

    private const string MetricsPath = "/metrics";

    /// <summary>
    /// Logs (readable console in Development, flat JSON lines with trace and span ids elsewhere, personal
    /// data redacted), traces (OpenTelemetry; OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set) and
    /// metrics (Prometheus format on <c>/metrics</c>, on <c>Metrics__Port</c> when set).
    /// </summary>
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        builder.AddLogs();
        builder.AddManagementPort();

        var services = builder.Services;
        services.AddSingleton<PathavanaMetrics>();
        services.AddActiveUsage(builder.Configuration);
        services.AddSingleton<IHealthCheckPublisher, DependencyHealthPublisher>();
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(5);
            o.Period = TimeSpan.FromSeconds(30);
        });

        var version = typeof(ObservabilityModule).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName, serviceVersion: version))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(PathavanaTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !IsPlatformPath(context.Request.Path);
                        o.RecordException = true;
                    })
                    .AddHttpClientInstrumentation(o => o.RecordException = true)
                    // PostgreSQL commands are traced by Npgsql itself (AddNpgsql); EF Core's own spans
                    // cover the other provider (SQLite) so a command is never traced twice.
                    .AddEntityFrameworkCoreInstrumentation(o =>
                        o.Filter = (provider, _) => provider is not "Npgsql.EntityFrameworkCore.PostgreSQL")
                    .AddNpgsql()
                    .AddRedisInstrumentation();
                if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics => ((IDeferredMeterProviderBuilder)metrics
                // Meters made by another host's IMeterFactory (a second host in the same process, as
                // in tests) are not this service's: leave them out rather than mix their series in.
                .AddMeter(PathavanaMetrics.MeterName))
                .Configure((sp, provider) =>
                {
                    var own = sp.GetRequiredService<IMeterFactory>();
                    provider.AddView(instrument => instrument.Meter.Scope is IMeterFactory scope && !ReferenceEquals(scope, own)
                        ? MetricStreamConfiguration.Drop
                        : null);
                })
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics")
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime")
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore")
                .AddPrometheusExporter());
    }

    /// <summary>
    /// The scrape endpoint: on the main port by default; only on the management port when
    /// <c>Metrics__Port</c> is set, where nothing but <c>/metrics</c> and <c>/health/*</c> answers.
    /// </summary>
    public static void MapObservability(this WebApplication app)
    {
        app.RecordActiveUsage();
        var port = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port;
        if (port is int managementPort)
        {
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort == managementPort && !IsPlatformPath(context.Request.Path))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return next(context);
            });
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == MetricsPath
                && (port is null || context.Connection.LocalPort == port),
            path: null,
            configureBranchedPipeline: branch => branch.Use((context, next) =>
            {
                // A scrape is not traffic: keep it out of http.server.request.duration.
                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
                {
                    tags.MetricsDisabled = true;
                }
                return next(context);
            }),
            optionsName: null);
    }

    private static bool IsPlatformPath(PathString path) => PlatformPaths.Any(p => path.StartsWithSegments(p));

    /// <summary>Active users and sessions (<see cref="ActiveUsage"/>): shared through Redis when it is configured.</summary>
    private static void AddActiveUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ActiveUsageOptions>()
            .Bind(configuration.GetSection(ActiveUsageOptions.Section))
            .Validate(o => o.ActiveUsageRefreshSeconds is >= 1 and <= 300, "Metrics__ActiveUsageRefreshSeconds must be between 1 and 300.")
            .ValidateOnStart();
        var prefix = configuration["Redis:InstanceName"] is { Length: > 0 } instance ? instance : "pathavana:";
        services.AddSingleton<IActivityStore>(sp => sp.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis
            ? new RedisActivityStore(redis, prefix)
            : new MemoryActivityStore());
        services.AddSingleton<ActiveUsage>();
        services.AddHostedService<ActiveUsageRefresher>();
    }

    /// <summary>After each API request has finished (authentication and routing done), note who made it.</summary>
    private static void RecordActiveUsage(this WebApplication app)
    {
        var usage = app.Services.GetRequiredService<ActiveUsage>();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.OnCompleted(static state =>
                {
                    var (usage, context) = ((ActiveUsage, HttpContext))state;
                    usage.Record(context);
                    return Task.CompletedTask;
                }, (usage, context));
            }
            return next(context);
        });
    }

    private static void AddLogs(this WebApplicationBuilder builder)
    {
        var logging = builder.Logging;
        logging.ClearProviders();
        logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (builder.Environment.IsDevelopment())
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            logging.AddConsole(o => o.FormatterName = PathavanaJsonFormatter.FormatterName);
            logging.AddConsoleFormatter<PathavanaJsonFormatter, ConsoleFormatterOptions>();
        }

        // Values classified [Pii] are redacted before any log provider sees them.
        logging.EnableRedaction();
        builder.Services.AddOptions<RedactionOptions>()
            .Bind(builder.Configuration.GetSection(RedactionOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.PiiHashKey) || o.PiiHashKey.Length >= 32,
                "Observability__PiiHashKey must be at least 32 characters (or empty to erase personal data).")
            .ValidateOnStart();
        builder.Services.AddRedaction(redaction =>
            redaction.SetRedactor<PiiRedactor>(new DataClassificationSet(PathavanaTaxonomy.Pii)));
    }

    /// <summary>With <c>Metrics__Port</c> set, Kestrel listens on it besides the main address(es).</summary>
    private static void AddManagementPort(this WebApplicationBuilder builder)
    {
        // Read by hand: the port decides which addresses Kestrel listens on, before options exist.
        var raw = builder.Configuration[$"{MetricsOptions.Section}:Port"];
        int? port = null;
        if (!string.IsNullOrWhiteSpace(raw))
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
            {
                throw new OptionsValidationException(MetricsOptions.Section, typeof(MetricsOptions),
                    [$"Metrics__Port must be a TCP port (1-65535), not '{raw}'."]);
            }
            port = parsed;
        }
        builder.Services.AddOptions<MetricsOptions>().Configure(o => o.Port = port);
        if (port is null)
        {
            return;
        }
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var endpoints = new List<string>();
        if (!string.IsNullOrWhiteSpace(urls))
        {
            endpoints.AddRange(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else
        {
            // URLS replaces HTTP_PORTS/HTTPS_PORTS, so carry those over as URLs.
            endpoints.AddRange(Ports(builder.Configuration["http_ports"]).Select(p => $"http://+:{p}"));
            endpoints.AddRange(Ports(builder.Configuration["https_ports"]).Select(p => $"https://+:{p}"));
        }
        endpoints.Add($"http://+:{port}");
        builder.WebHost.UseUrls([.. endpoints]);

        static IEnumerable<string> Ports(string? ports) =>
            (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
