using Microsoft.Extensions.Options;

namespace Pathavana.Platform.Data;

/// <summary>
/// On the embedded default, creates and migrates the SQLite file before anything else starts.
/// PostgreSQL is never migrated by the web host: <c>pathavana migrate</c> (a Kubernetes Job) does that.
/// </summary>
internal sealed partial class EmbeddedDatabaseInitializer(
    IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<EmbeddedDatabaseInitializer> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var applied = await services.MigrateSqliteAsync(cancellationToken);
        if (applied > 0)
        {
            LogMigrated(logger, applied);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded SQLite database migrated ({Count} migration(s) applied)")]
    private static partial void LogMigrated(ILogger logger, int count);
}
