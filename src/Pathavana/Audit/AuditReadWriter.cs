using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Pathavana.Audit;

/// <summary>
/// The records of reads waiting to be appended to the audit chain: a bounded channel
/// (<see cref="AuditOptions.ReadQueueCapacity"/> records). Writers wait when it is full; nothing is dropped.
/// </summary>
internal sealed class AuditReadQueue(IOptions<AuditOptions> options)
{
    private readonly Channel<StampedAuditEvent> _channel = Channel.CreateBounded<StampedAuditEvent>(
        new BoundedChannelOptions(Math.Max(1, options.Value.ReadQueueCapacity)) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelWriter<StampedAuditEvent> Writer => _channel.Writer;

    public ChannelReader<StampedAuditEvent> Reader => _channel.Reader;
}

/// <summary>
/// Appends queued read records to the audit chain in batches of up to <see cref="BatchSize"/>, one
/// transaction each, in the order they were queued. A failed batch (database unavailable) is retried,
/// waiting 1 s, then 2 s… up to 30 s, and never dropped. On shutdown the queue is closed (a read
/// recorded after that is appended at once) and drained; only the host's shutdown time-out
/// (<c>HostOptions.ShutdownTimeout</c>, 30 s by default) can end the drain early, and then the number of
/// records left is logged as an error.
/// </summary>
internal sealed partial class AuditReadWriter(AuditReadQueue queue, IServiceScopeFactory scopes, AuditKeys keys, ILogger<AuditReadWriter> logger)
    : IHostedService, IDisposable
{
    public const int BatchSize = 500;
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        if (_loop is null)
        {
            return;
        }
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
            LogLeftUnwritten(logger, queue.Reader.Count);
        }
    }

    private async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<StampedAuditEvent>(BatchSize);
        try
        {
            // WaitToReadAsync answers false once the queue is closed and empty.
            while (await queue.Reader.WaitToReadAsync(abort))
            {
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }
                await AppendWithRetryAsync(batch, abort);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            if (batch.Count > 0)
            {
                LogLeftUnwritten(logger, batch.Count);
            }
        }
    }

    private async Task AppendWithRetryAsync(List<StampedAuditEvent> batch, CancellationToken abort)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AuditLog.AppendAsync(scopes, keys, batch, abort);
                return;
            }
            catch (Exception e) when (!abort.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt - 1, 5)));
                LogRetry(logger, e, batch.Count, attempt, wait.TotalSeconds);
                await Task.Delay(wait, abort);
            }
        }
    }

    public void Dispose() => _abort.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not append {Count} read records to the audit log (attempt {Attempt}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutting down with {Count} read records not yet in the audit log: the shutdown time-out ended the drain")]
    private static partial void LogLeftUnwritten(ILogger logger, int count);
}
