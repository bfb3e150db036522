using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Pathavana.Platform.Backup;

/// <summary>
/// The embedded default's backups: SQLite's online backup API copies the live database (readers and
/// the writer keep working) into <c>pathavana-YYYYMMDDTHHMMSSfffZ.db</c> in the backup folder, with a
/// <c>.json</c> manifest beside it (size, SHA-256, time). Restores copy a backup into the target with the
/// same API. SQLite has no log to replay: a restore to a time takes the newest backup made at or before it.
/// Retention keeps the newest backup of each of the last <see cref="BackupOptions.KeepDaily"/> days and of
/// each of the last <see cref="BackupOptions.KeepMonthly"/> months.
/// </summary>
internal sealed class SqliteBackups(string sourceConnectionString, string directory, int keepDaily, int keepMonthly, TimeProvider clock) : IBackupTool
{
    private const string Prefix = "pathavana-";
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public string Name => "sqlite";

    public string Directory => directory;

    public async Task<BackupRecord> RunAsync(string? type, int? repository, CancellationToken cancellationToken)
    {
        if (type is not null && type != "full")
        {
            throw new BackupException($"SQLite backups are whole copies: --type {type} is not possible (use full).");
        }
        System.IO.Directory.CreateDirectory(directory);
        var started = clock.GetUtcNow();
        var label = Prefix + started.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var file = Path.Combine(directory, label + ".db");
        var partial = file + ".partial";
        await Task.Run(() =>
        {
            using var source = new SqliteConnection(sourceConnectionString);
            source.Open();
            File.Delete(partial);
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                destination.Open();
                source.BackupDatabase(destination);
                using var journal = destination.CreateCommand();
                // A backup is one self-contained file: no -wal beside it.
                journal.CommandText = "PRAGMA journal_mode=DELETE;";
                journal.ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();
        }, cancellationToken);
        File.Move(partial, file, overwrite: true);
        var finished = clock.GetUtcNow();
        var manifest = new Manifest(label, started, finished, new FileInfo(file).Length, await Sha256Async(file, cancellationToken));
        await File.WriteAllTextAsync(Path.Combine(directory, label + ".json"), JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken);
        Prune(finished);
        return manifest.ToRecord(file);
    }

    public async Task<IReadOnlyList<BackupRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await ManifestsAsync(cancellationToken)).Select(m => m.ToRecord(Path.Combine(directory, m.Label + ".db")))];

    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var manifests = await ManifestsAsync(cancellationToken);
        foreach (var manifest in manifests)
        {
            var file = Path.Combine(directory, manifest.Label + ".db");
            if (!File.Exists(file))
            {
                problems.Add($"{manifest.Label}: the file is missing.");
                continue;
            }
            if (await Sha256Async(file, cancellationToken) != manifest.Sha256)
            {
                problems.Add($"{manifest.Label}: the SHA-256 does not match the manifest (the file was changed or damaged).");
                continue;
            }
            var check = IntegrityCheck(file);
            if (check != "ok")
            {
                problems.Add($"{manifest.Label}: PRAGMA integrity_check: {check}");
            }
        }
        if (manifests.Count == 0)
        {
            problems.Add($"no backup in {directory}.");
        }
        return new VerifyReport(manifests.Count, problems);
    }

    public async Task<RestoreReport> RestoreAsync(RestorePoint point, string target, bool force, CancellationToken cancellationToken)
    {
        var manifests = await ManifestsAsync(cancellationToken);
        var chosen = (point.Time is { } time ? manifests.Where(m => m.FinishedAt <= time) : manifests).LastOrDefault()
            ?? throw new BackupException(point.IsLatest
                ? $"no backup in {directory} to restore."
                : $"no backup in {directory} was made at or before {point}; the oldest is {manifests.FirstOrDefault()?.FinishedAt.ToString("O", CultureInfo.InvariantCulture) ?? "none"}.");
        var file = Path.Combine(directory, chosen.Label + ".db");
        if (await Sha256Async(file, cancellationToken) != chosen.Sha256)
        {
            throw new BackupException($"{chosen.Label}: the SHA-256 does not match the manifest; choose an earlier time.");
        }
        var targetConnection = TargetConnectionString(target);
        var targetFile = new SqliteConnectionStringBuilder(targetConnection).DataSource;
        if (!force && File.Exists(targetFile) && new FileInfo(targetFile).Length > 0)
        {
            throw new BackupException($"{targetFile} already holds a database; stop the server and add --force to replace it.");
        }
        var started = clock.GetUtcNow();
        await Task.Run(() =>
        {
            if (Path.GetDirectoryName(Path.GetFullPath(targetFile)) is { } folder)
            {
                System.IO.Directory.CreateDirectory(folder);
            }
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            source.Open();
            using var destination = new SqliteConnection(targetConnection);
            destination.Open();
            source.BackupDatabase(destination);
            using var journal = destination.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=WAL;";
            journal.ExecuteNonQuery();
            SqliteConnection.ClearAllPools();
        }, cancellationToken);
        return new RestoreReport(targetFile, chosen.Label, chosen.StartedAt, clock.GetUtcNow() - started);
    }

    /// <summary>A SQLite connection string for <paramref name="target"/>: a connection string as given, or a file path.</summary>
    internal static string TargetConnectionString(string target) =>
        target.Contains('=', StringComparison.Ordinal)
            ? target
            : new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(target), Pooling = false }.ToString();

    /// <summary>The labels to keep: the newest of each of the last <paramref name="daily"/> days and <paramref name="monthly"/> months that have a backup.</summary>
    internal static IReadOnlySet<string> Keep(IEnumerable<(string Label, DateTimeOffset At)> backups, int daily, int monthly)
    {
        var newestFirst = backups.OrderByDescending(b => b.At).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var day in newestFirst.GroupBy(b => DateOnly.FromDateTime(b.At.UtcDateTime)).Take(daily))
        {
            keep.Add(day.First().Label);
        }
        foreach (var month in newestFirst.GroupBy(b => (b.At.UtcDateTime.Year, b.At.UtcDateTime.Month)).Take(monthly))
        {
            keep.Add(month.First().Label);
        }
        return keep;
    }

    private void Prune(DateTimeOffset now)
    {
        var all = ManifestsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var keep = Keep(all.Select(m => (m.Label, m.StartedAt)), keepDaily, keepMonthly);
        foreach (var manifest in all.Where(m => !keep.Contains(m.Label) && m.StartedAt < now))
        {
            File.Delete(Path.Combine(directory, manifest.Label + ".db"));
            File.Delete(Path.Combine(directory, manifest.Label + ".json"));
        }
    }

    private async Task<List<Manifest>> ManifestsAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }
        var manifests = new List<Manifest>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, Prefix + "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(path, cancellationToken), ManifestJson) is { } manifest)
                {
                    manifests.Add(manifest);
                }
            }
            catch (JsonException)
            {
                // A manifest cut short by a crash: its backup is not listed (and verify does not vouch for it).
            }
        }
        return [.. manifests.OrderBy(m => m.StartedAt)];
    }

    private static string IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "no answer";
    }

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record Manifest(string Label, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long Bytes, string Sha256)
    {
        public BackupRecord ToRecord(string file) => new(Label, "full", StartedAt, FinishedAt, Bytes, file);
    }
}
