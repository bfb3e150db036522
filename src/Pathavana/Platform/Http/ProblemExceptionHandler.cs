using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Pathavana.Platform.Http;

/// <summary>
/// Turns exceptions into RFC 9457 problem details: request errors keep their status and say
/// what was wrong (naming the JSON field when the body could not be read); anything else is a
/// 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException bad:
                problem = FromBadRequest(bad);
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The client went away; nobody is listening for a body.
                httpContext.Response.StatusCode = 499;
                return true;
            case DependencyUnavailableException unavailable:
                LogDependencyUnavailable(logger, unavailable.Dependency, unavailable);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "A service Pathavana depends on is unavailable.",
                    Detail = unavailable.Message,
                };
                if (unavailable.RetryAfter is { } retry)
                {
                    httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                break;
            case Pathavana.Inventory.ProviderRequestException refused:
                LogProviderRefused(logger, refused.Provider, refused.Status, refused.Code);
                problem = FromProviderRefusal(refused);
                break;
            case var outage when Outage(outage) is { } dependency:
                LogDependencyUnavailable(logger, dependency, outage);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Pathavana is briefly unavailable.",
                    Detail = dependency == "database"
                        ? "The database did not answer. Nothing was changed by this request; try again shortly."
                        : $"A service Pathavana depends on ({dependency}) did not answer. Try again shortly.",
                };
                httpContext.Response.Headers.RetryAfter = OutageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case Security.Encryption.PiiUnavailableException:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status410Gone,
                    Title = "This personal data can no longer be read.",
                    Detail = "Its encryption key was destroyed when the data was erased.",
                };
                break;
            default:
                LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                    Detail = "The error has been logged. Try again, and quote the traceId if it persists.",
                };
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private const int OutageRetryAfterSeconds = 10;

    /// <summary>
    /// The dependency whose outage caused this exception, if any: the database could not be reached
    /// or timed out (connection failures, server shutting down or out of connections), or Redis.
    /// A query refused for its content (a constraint, bad SQL) is not an outage.
    /// </summary>
    internal static string? Outage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                           || pg.SqlState is "57P01" or "57P02" or "57P03" or "57014" or "55P03" or "40001" or "40P01"
                        ? "database" : null;
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException:
                    return "database";
                case Microsoft.Data.Sqlite.SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14:
                    return "database";
                case StackExchange.Redis.RedisException:
                    return "redis";
            }
        }
        return null;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
            if (field.Length == 0)
            {
                field = "body";
            }
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json is InvalidTextException ? json.Message : $"The value at '{json.Path}' is not valid JSON for this field."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
            };
        }
        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                _ => "The request is not valid.",
            },
            Detail = bad.Message,
        };
    }

    /// <summary>A provider's 4xx: its explanation, naming our field like a validation error when known.</summary>
    private static ProblemDetails FromProviderRefusal(Pathavana.Inventory.ProviderRequestException refused)
    {
        if (refused.Field is { Length: > 0 } field)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [refused.Detail] })
            {
                Status = refused.Status,
                Title = "The travel provider did not accept the request.",
                Detail = refused.Detail,
            };
        }
        return new ProblemDetails
        {
            Status = refused.Status,
            Title = "The travel provider did not accept the request.",
            Detail = refused.Detail,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {Provider} refused a request with {Status} (code {VendorCode})")]
    private static partial void LogProviderRefused(ILogger logger, string provider, int status, string? vendorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency {Dependency} unavailable")]
    private static partial void LogDependencyUnavailable(ILogger logger, string dependency, Exception exception);
}

/// <summary>A dependency (database, cache, provider) failed or timed out: answered as 503.</summary>
internal sealed class DependencyUnavailableException(string dependency, string message, Exception? inner = null, TimeSpan? retryAfter = null)
    : Exception(message, inner)
{
    public string Dependency { get; } = dependency;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
