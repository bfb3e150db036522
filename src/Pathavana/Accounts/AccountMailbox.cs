using System.Threading.Channels;

namespace Pathavana.Accounts;

/// <summary>
/// Account emails (confirmation, reset, "this address already has an account") are looked up and
/// sent after the response, so sign-up and forgot-password take the same time whether or not the
/// address has an account. A bounded queue: when it is full the request still answers the same
/// and the work is dropped with a warning (the person can ask again).
/// </summary>
internal sealed partial class AccountMailbox(IServiceScopeFactory scopes, ILogger<AccountMailbox> logger) : BackgroundService
{
    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _queue =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(1000)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    /// <summary>Queues work that runs in a scope of its own after the current request.</summary>
    public void Enqueue(Func<IServiceProvider, CancellationToken, Task> work)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            LogDropped(logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The account email queue is full: a confirmation or reset email was not sent")]
    private static partial void LogDropped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An account email could not be sent")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
