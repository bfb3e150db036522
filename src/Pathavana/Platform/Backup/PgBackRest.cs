using System.Globalization;
using System.Text.Json;

namespace Pathavana.Platform.Backup;

/// <summary>
/// Self-managed PostgreSQL's backups with pgBackRest: the repositories, their cipher and retention are
/// pgBackRest's configuration (deploy/k8s/components/in-cluster-data/pgbackrest: the database's and the backup job's); PostgreSQL pushes its WAL
/// with <c>archive_command = 'pgbackrest --stanza=pathavana archive-push %p'</c> and <c>archive_timeout = 60</c>,
/// so at most a minute of commits is only in the live server's WAL. This class runs
/// <c>stanza-create</c> (first time), <c>backup</c>, <c>info</c>, <c>verify</c> and <c>restore</c>.
/// </summary>
internal sealed class PgBackRest(BackupOptions options, TimeProvider clock) : IBackupTool
{
    public string Name => "pgbackrest";

    private IEnumerable<string> Common()
    {
        if (!string.IsNullOrWhiteSpace(options.PgBackRestConfig))
        {
            yield return $"--config={options.PgBackRestConfig}";
        }
        yield return $"--stanza={options.Stanza}";
    }

    public async Task<BackupRecord> RunAsync(string? type, int? repository, CancellationToken cancellationToken)
    {
        if (type is not null and not ("full" or "incr" or "diff"))
        {
            throw new BackupException($"--type must be full, incr or diff, not '{type}'.");
        }
        var (exit, output) = await ProcessRunner.RunAsync(options.PgBackRestExecutable, [.. Common(), "--output=json", "info"], cancellationToken);
        if (exit != 0 || StanzaMissing(output))
        {
            await ProcessRunner.RunCheckedAsync(options.PgBackRestExecutable, [.. Common(), "stanza-create"], cancellationToken);
        }
        var started = clock.GetUtcNow();
        var args = Common().ToList();
        if (repository is { } repo)
        {
            args.Add($"--repo={repo}");
        }
        // pgBackRest makes a full backup when an incremental has no full to build on.
        args.Add($"--type={type ?? "incr"}");
        args.Add("backup");
        await ProcessRunner.RunCheckedAsync(options.PgBackRestExecutable, args, cancellationToken);
        var newest = (await ListAsync(cancellationToken)).Where(b => b.FinishedAt >= started.AddSeconds(-1)).LastOrDefault()
            ?? throw new BackupException("pgbackrest reported success but its info lists no new backup.");
        return newest;
    }

    public async Task<IReadOnlyList<BackupRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var output = await ProcessRunner.RunCheckedAsync(options.PgBackRestExecutable, [.. Common(), "--output=json", "info"], cancellationToken);
        return ParseInfo(output);
    }

    /// <summary>The backups in pgBackRest's <c>info --output=json</c>, oldest first.</summary>
    internal static IReadOnlyList<BackupRecord> ParseInfo(string json)
    {
        using var document = JsonDocument.Parse(json);
        var records = new List<BackupRecord>();
        foreach (var stanza in document.RootElement.EnumerateArray())
        {
            if (!stanza.TryGetProperty("backup", out var backups))
            {
                continue;
            }
            foreach (var backup in backups.EnumerateArray())
            {
                var timestamp = backup.GetProperty("timestamp");
                var repo = backup.TryGetProperty("database", out var db) && db.TryGetProperty("repo-key", out var key) ? key.GetInt32() : 1;
                var size = backup.GetProperty("info").TryGetProperty("repository", out var repository) && repository.TryGetProperty("delta", out var delta) ? delta.GetInt64() : 0;
                records.Add(new BackupRecord(
                    backup.GetProperty("label").GetString()!,
                    backup.GetProperty("type").GetString()!,
                    DateTimeOffset.FromUnixTimeSeconds(timestamp.GetProperty("start").GetInt64()),
                    DateTimeOffset.FromUnixTimeSeconds(timestamp.GetProperty("stop").GetInt64()),
                    size,
                    $"repo{repo}"));
            }
        }
        return [.. records.OrderBy(r => r.FinishedAt)];
    }

    private static bool StanzaMissing(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray().Any(s => s.GetProperty("status").GetProperty("code").GetInt32() == 1);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var backups = await ListAsync(cancellationToken);
        if (backups.Count == 0)
        {
            return new VerifyReport(0, [$"stanza {options.Stanza} has no backup yet."]);
        }
        var (exit, output) = await ProcessRunner.RunAsync(options.PgBackRestExecutable, [.. Common(), "verify"], cancellationToken);
        return exit == 0
            ? new VerifyReport(backups.Count, [])
            : new VerifyReport(backups.Count, [$"pgbackrest verify exited with {exit}: {output.Trim()}"]);
    }

    /// <summary>Restores into the PostgreSQL data directory <paramref name="target"/> (the server stopped); recovery replays the archived WAL to the point and promotes.</summary>
    public async Task<RestoreReport> RestoreAsync(RestorePoint point, string target, bool force, CancellationToken cancellationToken)
    {
        if (target.Contains('=', StringComparison.Ordinal))
        {
            throw new BackupException("pgBackRest restores a whole cluster: --target is the data directory of a stopped PostgreSQL server (e.g. /var/lib/postgresql/15/main), not a connection string.");
        }
        var directory = Path.GetFullPath(target);
        var nonEmpty = Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any();
        if (nonEmpty && File.Exists(Path.Combine(directory, "postmaster.pid")))
        {
            throw new BackupException($"{directory} belongs to a running server (postmaster.pid); stop it first.");
        }
        if (nonEmpty && !force)
        {
            throw new BackupException($"{directory} is not empty; add --force to restore over it (pgBackRest --delta keeps the files that match).");
        }
        var args = Common().ToList();
        args.Add($"--pg1-path={directory}");
        // A repository host (the backup job, which reaches the database through pgBackRest's TLS
        // server: pg1-host in its configuration) restores here, into a folder of its own.
        args.Add("--reset-pg1-host");
        if (nonEmpty)
        {
            args.Add("--delta");
        }
        if (point.Time is { } time)
        {
            args.Add("--type=time");
            args.Add($"--target={time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00");
            args.Add("--target-action=promote");
        }
        args.Add("restore");
        var started = clock.GetUtcNow();
        await ProcessRunner.RunCheckedAsync(options.PgBackRestExecutable, args, cancellationToken);
        return new RestoreReport(directory, $"stanza {options.Stanza}, to {point}", null, clock.GetUtcNow() - started);
    }
}
