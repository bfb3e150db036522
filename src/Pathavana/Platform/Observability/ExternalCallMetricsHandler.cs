using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pathavana.Platform.Observability;

/// <summary>
/// Records every call to an external provider (one per logical call, retries included) with its
/// outcome and duration. The operation is the request path with ids replaced, never a query.
/// Without a metrics service (adapters composed on their own) it only passes calls through.
/// </summary>
internal sealed partial class ExternalCallMetricsHandler(PathavanaMetrics? metrics, string provider) : DelegatingHandler
{
    [GeneratedRegex(@"/[^/]*\d[^/]*(?=/|$)")]
    private static partial Regex IdSegment();

    internal static string Operation(HttpRequestMessage request) =>
        $"{request.Method.Method} {IdSegment().Replace(request.RequestUri?.AbsolutePath ?? "/", "/{id}")}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var outcome = (int)response.StatusCode switch
            {
                < 400 => ExternalCallOutcome.Success,
                429 => ExternalCallOutcome.Rejected,
                _ => ExternalCallOutcome.Failure,
            };
            metrics?.RecordExternalCall(provider, Operation(request), outcome, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            metrics?.RecordExternalCall(provider, Operation(request), ExternalCallOutcome.Timeout, Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            metrics?.RecordExternalCall(provider, Operation(request), ExternalCallOutcome.Rejected, Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            metrics?.RecordExternalCall(provider, Operation(request), ExternalCallOutcome.Failure, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
