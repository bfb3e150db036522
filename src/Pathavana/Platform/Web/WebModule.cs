using Microsoft.AspNetCore.StaticFiles;
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
/// handles it. The build writes each text asset pre-compressed beside itself (<c>.br</c>, <c>.gz</c>):
/// a client that accepts brotli or gzip gets that file with <c>Content-Encoding</c> and
/// <c>Vary: Accept-Encoding</c>, nothing is compressed per request. A missing build only logs a
/// warning: the API works without it.
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
        var types = new FileExtensionContentTypeProvider();

        // Pre-compressed variants first: the static file middleware below serves the rest.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && path.HasValue && path.Value != "/" && !NotTheApp.Where(p => p != "/assets").Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                && files.GetFileInfo(path.Value!) is { Exists: true, IsDirectory: false }
                && types.TryGetContentType(path.Value!, out var contentType)
                && await SendCompressedAsync(context, files, path.Value!, contentType, CacheFor(path)))
            {
                return;
            }
            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = CacheFor(context.Context.Request.Path);
                if (Compressible(context.File.Name))
                {
                    headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                }
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
            if (await SendCompressedAsync(context, files, "/" + IndexFile, "text/html; charset=utf-8", "no-cache"))
            {
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            await context.Response.SendFileAsync(files.GetFileInfo(IndexFile), context.RequestAborted);
        });
        LogServing(logger, root);
    }

    private static string CacheFor(PathString path) =>
        path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";

    private static bool Compressible(string name) =>
        name.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".css", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    /// <summary>The encodings the client accepts, best first: brotli, then gzip (a q=0 refuses one).</summary>
    internal static IEnumerable<(string Encoding, string Extension)> Accepted(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string name) => accepted.Any(a =>
            (a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Value.Equals("*", StringComparison.Ordinal)) && (a.Quality ?? 1) > 0)
            && !accepted.Any(a => a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) && a.Quality == 0);
        if (Accepts("br"))
        {
            yield return ("br", ".br");
        }
        if (Accepts("gzip"))
        {
            yield return ("gzip", ".gz");
        }
    }

    /// <summary>Sends the pre-compressed variant of <paramref name="path"/> the client accepts; false when there is none.</summary>
    private static async Task<bool> SendCompressedAsync(HttpContext context, IFileProvider files, string path, string contentType, string cacheControl)
    {
        foreach (var (encoding, extension) in Accepted(context.Request))
        {
            var file = files.GetFileInfo(path + extension);
            if (!file.Exists)
            {
                continue;
            }
            var response = context.Response;
            var etag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}-{encoding}\"");
            response.Headers[HeaderNames.CacheControl] = cacheControl;
            response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            response.Headers[HeaderNames.ETag] = etag.ToString();
            response.Headers[HeaderNames.LastModified] = file.LastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return true;
            }
            response.ContentType = contentType;
            response.Headers[HeaderNames.ContentEncoding] = encoding;
            response.ContentLength = file.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.SendFileAsync(file, context.RequestAborted);
            }
            return true;
        }
        return false;
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
