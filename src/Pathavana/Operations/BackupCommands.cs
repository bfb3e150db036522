using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Pathavana.Platform.Backup;
using Pathavana.Platform.Configuration;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;

namespace Pathavana.Operations;

/// <summary>
/// <c>pathavana backup run|list|verify|status</c>, <c>restore</c> and <c>restore-drill</c>: the backup service
/// (SQLite online backup on the embedded default, pgBackRest on self-managed PostgreSQL). Settings:
/// <c>Backup__*</c> (see <see cref="BackupOptions"/> and docs/runbooks/backup.md). Exit codes: 0 done,
/// 1 the backup or restore could not be done (the reason is printed), 2 a configuration error,
/// 3 a dependency did not answer.
/// </summary>
internal static class BackupCommands
{
    private const string BackupJob = "pathavana_backup";
    private const string DrillJob = "pathavana_restore_drill";

    public static IEnumerable<Command> All()
    {
        var backup = new Command("backup", "Database backups: SQLite's online backup on the embedded default, pgBackRest on PostgreSQL (Backup__* settings).");

        var type = new Option<string?>("--type") { Description = "pgBackRest: full, incr (the default; full when there is none yet) or diff." };
        var repo = new Option<int?>("--repo") { Description = "pgBackRest: the repository number to back up to (default: repo1; repo2 is the cross-region copy)." };
        var run = new Command("run", "Make a backup now and push its metrics.") { Options = { type, repo }, TreatUnmatchedTokensAsErrors = false };
        run.SetAction((r, ct) => Guard(() => RunAsync(r.GetValue(type), r.GetValue(repo), [.. r.UnmatchedTokens], ct)));
        backup.Subcommands.Add(run);

        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the backups, oldest first.") { Options = { json }, TreatUnmatchedTokensAsErrors = false };
        list.SetAction((r, ct) => Guard(() => ListAsync(r.GetValue(json), [.. r.UnmatchedTokens], ct)));
        backup.Subcommands.Add(list);

        var verify = new Command("verify", "Check that the backups can be restored (checksums and integrity; pgBackRest verify); exit 1 naming what is wrong.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.SetAction((r, ct) => Guard(() => VerifyAsync([.. r.UnmatchedTokens], ct)));
        backup.Subcommands.Add(verify);

        var status = new Command("status", "PostgreSQL: read the WAL archiver's state (pg_stat_archiver) and push it as metrics (the archive-lag alert's input).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        status.SetAction((r, ct) => Guard(() => StatusAsync([.. r.UnmatchedTokens], ct)));
        backup.Subcommands.Add(status);
        yield return backup;

        var to = new Option<string>("--to") { Description = "'latest', or a time (ISO 8601, UTC unless it says otherwise: 2026-03-12T14:05:00Z).", Required = true };
        var target = new Option<string>("--target")
        {
            Description = "Where to restore: a SQLite file or connection string (embedded default); the data directory of a stopped PostgreSQL server (pgBackRest).",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace what the target holds." };
        var restore = new Command("restore", "Restore the database as it was at a point in time (or the latest the backups hold).")
        {
            Options = { to, target, force },
            TreatUnmatchedTokensAsErrors = false,
        };
        restore.SetAction((r, ct) => Guard(() => RestoreAsync(r.GetValue(to)!, r.GetValue(target)!, r.GetValue(force), [.. r.UnmatchedTokens], ct)));
        yield return restore;

        var drill = new Command("restore-drill",
            "Restore the latest backup into a scratch database, check migrations, row counts, the audit chain and a sample decrypt; print RPO and RTO as JSON and push them as metrics.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        drill.SetAction((r, ct) => Guard(() => DrillAsync([.. r.UnmatchedTokens], ct)));
        yield return drill;
    }

    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (BackupException ex)
        {
            Console.Error.WriteLine($"pathavana: {ex.Message}");
            return 1;
        }
        catch (Amazon.Runtime.AmazonClientException ex)
        {
            Console.Error.WriteLine($"pathavana: no AWS credentials for the RDS API ({ex.Message}); set AWS_* or the service account's IAM role.");
            return 2;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"pathavana: the backup service's endpoint did not answer ({ex.GetBaseException().Message}); try again when it does.");
            return 3;
        }
    }

    /// <summary>The configured backup tool and settings.</summary>
    internal static (IBackupTool Tool, BackupOptions Options, DatabaseOptions Database) Resolve(WebApplication app)
    {
        var options = app.Configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var mode = options.Mode;
        if (mode == BackupMode.Auto)
        {
            mode = database.Provider == DatabaseProvider.Sqlite ? BackupMode.Sqlite
                : !string.IsNullOrWhiteSpace(options.Rds.InstanceIdentifier) ? BackupMode.Rds
                : BackupMode.PgBackRest;
        }
        IBackupTool tool = mode switch
        {
            BackupMode.Sqlite when database.Provider != DatabaseProvider.Sqlite =>
                throw new BackupException("Backup__Mode=Sqlite needs Database__Provider=Sqlite."),
            BackupMode.Sqlite => new SqliteBackups(
                app.Services.GetRequiredService<DataModule.EmbeddedDatabase>().ConnectionString,
                Path.IsPathRooted(options.Directory) ? options.Directory : storage.PathFor(options.Directory),
                options.KeepDaily, options.KeepMonthly, clock),
            BackupMode.PgBackRest => new PgBackRest(options, clock),
            BackupMode.Rds => new RdsBackups(RdsApi.Create(options.Rds), options, clock),
            _ => throw new BackupException($"Backup__Mode={mode} is not available in this build."),
        };
        return (tool, options, database);
    }

    private static async Task<int> RunAsync(string? type, int? repository, string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var (tool, options, database) = Resolve(app);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var labels = new Dictionary<string, string> { ["mode"] = tool.Name };
        var metrics = new BackupMetrics();
        try
        {
            var record = await tool.RunAsync(type, repository, ct);
            var backupLabels = new Dictionary<string, string>(labels) { ["type"] = record.Type, ["repo"] = record.Location.StartsWith("repo", StringComparison.Ordinal) ? record.Location : "local" };
            metrics
                .Gauge("pathavana_backup_last_success_timestamp_seconds", "When the last successful backup finished (unix seconds).", record.FinishedAt.ToUnixTimeMilliseconds() / 1000.0, backupLabels)
                .Gauge("pathavana_backup_last_duration_seconds", "How long the last successful backup took (seconds).", record.Duration.TotalSeconds, backupLabels)
                .Gauge("pathavana_backup_last_size_bytes", "Bytes the last successful backup added to its repository.", record.Bytes, backupLabels);
            Console.WriteLine($"pathavana backup run: {record.Type} backup {record.Label} in {record.Location}, {Bytes(record.Bytes)}, {record.Duration.TotalSeconds:F1} s.");
        }
        catch (Exception ex) when (ex is BackupException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            metrics.Gauge("pathavana_backup_last_failure_timestamp_seconds", "When the last backup attempt failed (unix seconds).", clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, labels);
            await PublishAsync(metrics, options, BackupJob, tool.Name, ct);
            throw ex is BackupException ? ex : new BackupException($"the backup failed: {ex.Message}", ex);
        }
        if (tool is PgBackRest)
        {
            await ArchiverMetricsAsync(metrics, database, labels, ct);
        }
        await PublishAsync(metrics, options, BackupJob, tool.Name, ct);
        return 0;
    }

    private static async Task<int> StatusAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var (tool, options, database) = Resolve(app);
        if (database.Provider != DatabaseProvider.Postgres)
        {
            throw new BackupException("backup status reads PostgreSQL's WAL archiver; the embedded default has no WAL archive.");
        }
        var metrics = new BackupMetrics();
        var line = await ArchiverMetricsAsync(metrics, database, new Dictionary<string, string> { ["mode"] = tool.Name }, ct);
        Console.WriteLine($"pathavana backup status: {line}");
        await PublishAsync(metrics, options, BackupJob + "_status", tool.Name, ct);
        return 0;
    }

    /// <summary>Adds the WAL archiver's state from pg_stat_archiver; answers a line for the log.</summary>
    private static async Task<string> ArchiverMetricsAsync(BackupMetrics metrics, DatabaseOptions database, Dictionary<string, string> labels, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT archived_count, failed_count, last_archived_time, last_failed_time, current_setting('archive_mode'), current_setting('archive_timeout') FROM pg_stat_archiver", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var archived = reader.GetInt64(0);
        var failed = reader.GetInt64(1);
        DateTimeOffset? lastArchived = reader.IsDBNull(2) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc));
        DateTimeOffset? lastFailed = reader.IsDBNull(3) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc));
        var mode = reader.GetString(4);
        var timeout = reader.GetString(5);
        metrics.Gauge("pathavana_wal_archive_enabled", "1 when PostgreSQL's archive_mode is on.", mode is "on" or "always" ? 1 : 0, labels)
            .Gauge("pathavana_wal_archive_archived_count", "WAL segments archived since the server's statistics were reset.", archived, labels)
            .Gauge("pathavana_wal_archive_failed_count", "Failed WAL archive attempts since the server's statistics were reset.", failed, labels);
        if (lastArchived is { } at)
        {
            metrics.Gauge("pathavana_wal_archive_last_archived_timestamp_seconds", "When PostgreSQL last archived a WAL segment (unix seconds).", at.ToUnixTimeMilliseconds() / 1000.0, labels);
        }
        if (lastFailed is { } failedAt)
        {
            metrics.Gauge("pathavana_wal_archive_last_failed_timestamp_seconds", "When a WAL archive attempt last failed (unix seconds).", failedAt.ToUnixTimeMilliseconds() / 1000.0, labels);
        }
        return $"archive_mode={mode}, archive_timeout={timeout}, {archived} segment(s) archived, {failed} failure(s), last archived {lastArchived?.ToString("O", CultureInfo.InvariantCulture) ?? "never"}.";
    }

    private static async Task<int> ListAsync(bool json, string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var (tool, _, _) = Resolve(app);
        var backups = await tool.ListAsync(ct);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(backups, Json));
            return 0;
        }
        if (backups.Count == 0)
        {
            Console.WriteLine($"pathavana backup list: no {tool.Name} backup yet.");
            return 0;
        }
        foreach (var b in backups)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{b.Label,-36} {b.Type,-5} {b.FinishedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {Bytes(b.Bytes),10} {b.Duration.TotalSeconds,7:F1} s  {b.Location}"));
        }
        return 0;
    }

    private static async Task<int> VerifyAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var (tool, _, _) = Resolve(app);
        var report = await tool.VerifyAsync(ct);
        foreach (var problem in report.Problems)
        {
            Console.Error.WriteLine($"pathavana backup verify: {problem}");
        }
        if (!report.Sound)
        {
            return 1;
        }
        Console.WriteLine($"pathavana backup verify: {report.Checked} backup(s) sound.");
        return 0;
    }

    private static async Task<int> RestoreAsync(string to, string target, bool force, string[] hostArgs, CancellationToken ct)
    {
        var point = RestorePoint.Parse(to) ?? throw new BackupException($"--to '{to}' is neither 'latest' nor a time (2026-03-12T14:05:00Z).");
        await using var app = PathavanaApp.Create(hostArgs);
        var (tool, _, _) = Resolve(app);
        var report = await tool.RestoreAsync(point, target, force, ct);
        var holds = report.LastTransactionAt is { } last ? $"; it holds what was committed before {last:O}" : "";
        Console.WriteLine($"pathavana restore: {report.Source} restored to {report.Target} in {report.Duration.TotalSeconds:F1} s{holds}.");
        return 0;
    }

    private static async Task<int> DrillAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var (tool, options, database) = Resolve(app);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var report = await RestoreDrill.RunAsync(tool, options, database, hostArgs, clock, ct);
        Console.WriteLine(JsonSerializer.Serialize(report, Json));
        var labels = new Dictionary<string, string> { ["mode"] = tool.Name };
        var metrics = new BackupMetrics()
            .Gauge("pathavana_restore_drill_last_run_timestamp_seconds", "When the last restore drill ran (unix seconds).", report.StartedAt.ToUnixTimeMilliseconds() / 1000.0, labels)
            .Gauge("pathavana_restore_drill_passed", "1 when the last restore drill's checks all passed.", report.Passed ? 1 : 0, labels)
            .Gauge("pathavana_restore_drill_rto_seconds", "The last drill's achieved RTO: from its start until the restored database answered (seconds).", report.RtoSeconds, labels)
            .Gauge("pathavana_restore_drill_rpo_target_seconds", "The recovery point objective (seconds).", report.RpoTargetSeconds, labels)
            .Gauge("pathavana_restore_drill_rto_target_seconds", "The recovery time objective (seconds).", report.RtoTargetSeconds, labels);
        if (report.RpoSeconds is { } rpo)
        {
            metrics.Gauge("pathavana_restore_drill_rpo_seconds", "The last drill's achieved RPO: its start minus the last transaction the restored database holds (seconds).", rpo, labels);
        }
        if (report.Passed)
        {
            metrics.Gauge("pathavana_restore_drill_last_success_timestamp_seconds", "When the last restore drill that passed ran (unix seconds).", report.StartedAt.ToUnixTimeMilliseconds() / 1000.0, labels);
        }
        await PublishAsync(metrics, options, DrillJob, tool.Name, ct);
        foreach (var problem in report.Problems)
        {
            Console.Error.WriteLine($"pathavana restore-drill: {problem}");
        }
        return report.Passed ? 0 : 1;
    }

    private static async Task PublishAsync(BackupMetrics metrics, BackupOptions options, string job, string mode, CancellationToken ct)
    {
        foreach (var done in await metrics.PublishAsync(options.PushgatewayUrl, options.MetricsFile, job, mode, ct))
        {
            Console.WriteLine($"pathavana: metrics {done}.");
        }
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
