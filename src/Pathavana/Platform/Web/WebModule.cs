using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Pathavana.Platform.Web;

/// <summary>Where the built web app (web/dist) is served from.</summary>
internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The folder holding index.html and assets/. Empty: <c>wwwroot</c> under the content root when it
    /// has an index.html (a published app), else the repository's <c>web/dist</c> found upwards from the
    /// content root (<c>dotnet run</c>, tests).
    /// </summary>
    public string? Root { get; set; }
}

/// <summary>
/// Serves the React app at <c>/</c>: hashed files under <c>/assets</c> cached for a year, <c>index.html</c>
/// never cached, and every other non-API path answered with <c>index.html</c> so the app's own router
/// handles it. A missing build only logs a warning: the API works without it.
/// </summary>
internal static partial class WebModule
{
    private const string IndexFile = "index.html";

    /// <summary>Paths the web app never answers for: a miss there is a real 404 problem.</summary>
    private static readonly string[] NotTheApp = ["/api", "/health", "/openapi", "/assets", "/metrics", "/docs"];

    public static void AddWeb(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section));

    public static void MapWeb(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pathavana.Platform.Web");
        var root = ResolveRoot(app.Services.GetRequiredService<IOptions<WebOptions>>().Value, app.Environment.ContentRootPath);
        if (root is null || !File.Exists(Path.Combine(root, IndexFile)))
        {
            LogMissing(logger, root ?? "web/dist");
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });

        // The SPA fallback: GET/HEAD of a path no endpoint matched, outside the API, probes, metrics
        // and assets. A middleware, not a routing fallback, so that 405 and 415 from the API stay intact.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.GetEndpoint() is not null
                || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || NotTheApp.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                await next(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo(IndexFile), context.RequestAborted);
        });
        LogServing(logger, root);
    }

    internal static string? ResolveRoot(WebOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.Root))
        {
            return Path.GetFullPath(options.Root, contentRoot);
        }
        var wwwroot = Path.Combine(contentRoot, "wwwroot");
        if (File.Exists(Path.Combine(wwwroot, IndexFile)))
        {
            return wwwroot;
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
            if (File.Exists(Path.Combine(dir.FullName, "Pathavana.slnx")))
            {
                break;
            }
        }
        return null;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning,
        Message = "The web app is not built ({Root} has no index.html): the API is served, the web pages are not. Build it (npm ci, then npm run build, in web/) or set Web__Root.")]
    private static partial void LogMissing(ILogger logger, string root);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Serving the web app from {Root}.")]
    private static partial void LogServing(ILogger logger, string root);
}
