using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;

namespace Pathavana.Platform.Backup;

/// <summary>
/// What <c>pathavana restore-drill</c> found (printed as JSON, and pushed as metrics). RPO: the drill's
/// start minus the last transaction the restored database holds (for pgBackRest, the last commit WAL
/// replay applied, or the latest backup's end when none was replayed), seconds. RTO: the drill's start until
/// the restored database answered, seconds.
/// </summary>
internal sealed record DrillReport(
    string Mode,
    DateTimeOffset StartedAt,
    string Source,
    DateTimeOffset? LastTransactionAt,
    double? RpoSeconds,
    double RtoSeconds,
    double RpoTargetSeconds,
    double RtoTargetSeconds,
    IReadOnlyList<string> PendingMigrations,
    IReadOnlyDictionary<string, long> RowCounts,
    long AuditRecords,
    string Audit,
    int TravelersDecrypted,
    IReadOnlyList<string> Problems)
{
    [JsonPropertyOrder(-1)]
    public bool Passed => Problems.Count == 0;
}

/// <summary>Restores the latest backup into a scratch database and checks that the application can run on it.</summary>
internal static class RestoreDrill
{
    private const int DecryptSample = 5;

    /// <summary>Runs the drill. <paramref name="hostArgs"/>: the command's configuration, to which the scratch connection is added.</summary>
    public static async Task<DrillReport> RunAsync(IBackupTool tool, BackupOptions options, Pathavana.Platform.Data.DatabaseOptions database,
        string[] hostArgs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var scratch = options.ScratchDirectory is { } folder
            ? Directory.CreateDirectory(Path.Combine(folder, $"drill-{started.UtcDateTime:yyyyMMddTHHmmss}")).FullName
            : Directory.CreateTempSubdirectory("pathavana-drill-").FullName;
        ScratchPostgres? server = null;
        try
        {
            string provider;
            string connection;
            DateTimeOffset? lastTransaction;
            string source;
            if (tool is SqliteBackups)
            {
                var file = Path.Combine(scratch, "pathavana.db");
                var restored = await tool.RestoreAsync(RestorePoint.Latest, file, force: false, cancellationToken);
                provider = "Sqlite";
                connection = SqliteBackups.TargetConnectionString(file);
                lastTransaction = restored.LastTransactionAt;
                source = restored.Source;
            }
            else if (tool is PgBackRest)
            {
                var data = Path.Combine(scratch, "data");
                var restored = await tool.RestoreAsync(RestorePoint.Latest, data, force: false, cancellationToken);
                var live = new NpgsqlConnectionStringBuilder(database.ConnectionString);
                var bin = options.PostgresBinDirectory ?? ScratchPostgres.DefaultBinDirectory()
                    ?? throw new BackupException("PostgreSQL's server binaries (pg_ctl) are not installed; set Backup__PostgresBinDirectory.");
                server = await ScratchPostgres.StartAsync(bin, data, live.Username ?? "postgres", live.Database ?? "postgres", cancellationToken);
                provider = "Postgres";
                connection = server.ConnectionString(live.Username ?? "postgres", live.Database ?? "postgres");
                lastTransaction = await server.LastReplayedTransactionAsync(live.Username ?? "postgres", live.Database ?? "postgres", cancellationToken);
                source = restored.Source;
                if (lastTransaction is null)
                {
                    // No commit was replayed past the backup (a database idle since its latest backup):
                    // the restore holds everything up to that backup's end, which is the point to measure from.
                    var backups = await tool.ListAsync(cancellationToken);
                    if (backups.Count > 0)
                    {
                        lastTransaction = backups[^1].FinishedAt;
                        source += $"; no transaction after backup {backups[^1].Label}, measured from its end";
                    }
                }
            }
            else if (tool is RdsBackups rds)
            {
                try
                {
                    var restored = await rds.RestoreForDrillAsync(started, cancellationToken);
                    var (host, port) = (restored.Target[..restored.Target.LastIndexOf(':')], int.Parse(restored.Target[(restored.Target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                    var restoreTime = clock.GetUtcNow() - started;
                    var scratchConnection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = host, Port = port }.ToString();
                    return await CheckAsync(tool.Name, started, restored.Source, "Postgres", scratchConnection, restored.LastTransactionAt, restoreTime, options, hostArgs, cancellationToken);
                }
                finally
                {
                    await rds.DeleteDrillInstanceAsync(CancellationToken.None);
                }
            }
            else
            {
                throw new BackupException($"restore-drill does not know the {tool.Name} mode.");
            }
            var rto = clock.GetUtcNow() - started;
            return await CheckAsync(tool.Name, started, source, provider, connection, lastTransaction, rto, options, hostArgs, cancellationToken);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner.
            }
            catch (UnauthorizedAccessException)
            {
                // Left for the temp cleaner.
            }
        }
    }

    private static async Task<DrillReport> CheckAsync(string mode, DateTimeOffset started, string source, string provider, string connection,
        DateTimeOffset? lastTransaction, TimeSpan rto, BackupOptions options, string[] hostArgs, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        string[] args = [.. hostArgs, $"--Database:Provider={provider}", $"--Database:ConnectionString={connection}", $"--ConnectionStrings:Pathavana={connection}"];
        await using var app = PathavanaApp.Create(args);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();

        // The migrations check: the restored schema is the one this build expects.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (pending.Count > 0)
        {
            problems.Add($"{pending.Count} migration(s) not applied in the restored database: {string.Join(", ", pending)}.");
        }
        if (unknown.Count > 0)
        {
            problems.Add($"the restored database has migration(s) this build does not know (a newer release made the backup): {string.Join(", ", unknown)}.");
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["users"] = await db.Users.LongCountAsync(cancellationToken),
            ["travelers"] = await db.Travelers.LongCountAsync(cancellationToken),
            ["bookings"] = await db.Bookings.LongCountAsync(cancellationToken),
            ["chat_sessions"] = await db.ChatSessions.LongCountAsync(cancellationToken),
            ["chat_messages"] = await db.ChatMessages.LongCountAsync(cancellationToken),
            ["audit_logs"] = await db.AuditLogs.LongCountAsync(cancellationToken),
        };

        // audit verify: the chain must be intact; a checkpoint signed after the restore point is expected to be ahead of it.
        var keys = app.Services.GetRequiredService<AuditKeys>();
        var chain = await AuditChain.VerifyAsync(db, keys, null, cancellationToken);
        string audit;
        if (chain.FirstBroken is { } broken)
        {
            audit = $"BROKEN at record {broken.Sequence}: {chain.Reason}";
            problems.Add($"audit verify: {audit}.");
        }
        else
        {
            audit = $"{chain.Records} record(s), chain intact";
            var (checkpoint, _) = await app.Services.GetRequiredService<AuditCheckpoints>().ReadLatestAsync(cancellationToken);
            if (checkpoint is not null && chain.Records >= checkpoint.Sequence)
            {
                var withCheckpoint = await AuditChain.VerifyAsync(db, keys, checkpoint, cancellationToken);
                if (withCheckpoint.Truncation is { } rewritten)
                {
                    audit = rewritten;
                    problems.Add($"audit verify: {rewritten}.");
                }
                else
                {
                    audit += $"; matches the checkpoint of {checkpoint.At:O} at record {checkpoint.Sequence}";
                }
            }
            else if (checkpoint is not null)
            {
                audit += $"; the newest checkpoint ({checkpoint.At:O}, record {checkpoint.Sequence}) is newer than the restore point";
            }
        }

        // A sample decrypt: traveller records must read back with the configured master key.
        var decrypted = 0;
        try
        {
            var sample = await db.Travelers.AsNoTracking().OrderByDescending(t => t.UpdatedAt).Take(DecryptSample).ToListAsync(cancellationToken);
            foreach (var traveler in sample)
            {
                if (traveler.Surname.StartsWith(Pathavana.Platform.Security.Encryption.RowEncryptionInterceptor.Prefix, StringComparison.Ordinal))
                {
                    problems.Add($"traveler {traveler.Id} did not decrypt.");
                    continue;
                }
                decrypted++;
            }
        }
        catch (Exception ex) when (ex is Pathavana.Platform.Security.Encryption.PiiUnavailableException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
        {
            problems.Add($"traveler records do not decrypt with the configured master key: {ex.Message}");
        }

        double? rpo = lastTransaction is { } last ? Math.Max(0, (started - last).TotalSeconds) : null;
        if (rpo is null)
        {
            problems.Add("the restored database shows no transaction time; the RPO is unknown.");
        }
        else if (rpo > options.RpoTargetSeconds)
        {
            problems.Add($"RPO {rpo.Value:F0} s is over the target of {options.RpoTargetSeconds:F0} s.");
        }
        if (rto.TotalSeconds > options.RtoTargetSeconds)
        {
            problems.Add($"RTO {rto.TotalSeconds:F0} s is over the target of {options.RtoTargetSeconds:F0} s.");
        }
        return new DrillReport(mode, started, source, lastTransaction, rpo, rto.TotalSeconds, options.RpoTargetSeconds, options.RtoTargetSeconds,
            pending, counts, chain.Records, audit, decrypted, problems);
    }
}
