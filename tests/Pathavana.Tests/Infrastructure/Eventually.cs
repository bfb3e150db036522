using System.Net;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// Waiting on conditions, not on the clock: poll until something is true. The limit is only a
/// safety net that ends a test which would otherwise wait for ever, sized for a loaded machine.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(3);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds (or <paramref name="giveUp"/> does); answers the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, Func<bool>? giveUp = null, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(SafetyNet);
        var last = default(T)!;
        while (!limit.IsCancellationRequested && giveUp?.Invoke() != true)
        {
            try
            {
                last = await probe(limit.Token);
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return last;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; answers the last status seen (null: never answered).</summary>
    public static Task<HttpStatusCode?> ReadyAsync(HttpClient http, Func<bool>? exited = null, CancellationToken cancellationToken = default) =>
        UntilAsync<HttpStatusCode?>(async ct => (await http.GetAsync("/health/ready", ct)).StatusCode, s => s == HttpStatusCode.OK, exited, cancellationToken);
}
