namespace Pathavana.Platform.Hosting;

/// <summary>
/// Runs a job every period of a <see cref="TimeProvider"/> until the server stops: the loop behind
/// each in-process timer (session clean-up, retention, audit checkpoints, active-user gauges).
/// </summary>
/// <remarks>
/// Ticks that pass while the job runs are not queued: a late job runs once, not once per missed
/// period. The job never runs on the thread that moved the clock, so a clock that jumps (a test's
/// fake clock advanced by a month, a host resumed from sleep) costs one run, not one per period
/// crossed — SQLite's synchronous I/O would otherwise run a one-minute job 44,640 times inline.
/// A job that throws is reported to the <c>failed</c> callback and tried again on the next tick.
/// </remarks>
internal static class Periodic
{
    /// <param name="period">Time between runs; must be positive.</param>
    /// <param name="clock">The clock the period is measured on.</param>
    /// <param name="runAtStart">Run once at once, before the first period has passed.</param>
    /// <param name="job">The work; it receives the stopping token.</param>
    /// <param name="failed">Told of each failure other than the server stopping.</param>
    /// <param name="stoppingToken">Ends the loop; returns without throwing.</param>
    public static async Task RunAsync(TimeSpan period, TimeProvider clock, bool runAtStart, Func<CancellationToken, Task> job,
        Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            var run = runAtStart;
            while (run || await timer.WaitForNextTickAsync(stoppingToken))
            {
                run = false;
                // Off the clock's thread: the ticks it fires meanwhile collapse into one.
                await Task.Yield();
                try
                {
                    await job(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
