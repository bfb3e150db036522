using System.Globalization;

namespace Pathavana.Platform.Backup;

/// <summary>One backup in a repository or folder: its label, kind (full, incr, diff, snapshot), when it ran, its size in bytes.</summary>
internal sealed record BackupRecord(string Label, string Type, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long Bytes, string Location)
{
    public TimeSpan Duration => FinishedAt - StartedAt;
}

/// <summary>What <c>backup verify</c> found: how many backups were checked, and the problems (empty: all sound).</summary>
internal sealed record VerifyReport(int Checked, IReadOnlyList<string> Problems)
{
    public bool Sound => Problems.Count == 0 && Checked > 0;
}

/// <summary>What a restore did: where to, from which backup, the time of the last transaction it holds (when known), how long it took.</summary>
internal sealed record RestoreReport(string Target, string Source, DateTimeOffset? LastTransactionAt, TimeSpan Duration);

/// <summary>The point to restore to: the latest the backups hold, or a named time (UTC).</summary>
internal sealed record RestorePoint(DateTimeOffset? Time)
{
    public static readonly RestorePoint Latest = new((DateTimeOffset?)null);

    public bool IsLatest => Time is null;

    /// <summary>Parses <c>latest</c> or an ISO-8601 time (<c>2026-03-12T14:05:00Z</c>; no offset means UTC); null when it is neither.</summary>
    public static RestorePoint? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return Latest;
        }
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new RestorePoint(time)
            : null;
    }

    public override string ToString() => Time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "latest";
}

/// <summary>A backup tool behind the <c>backup</c>, <c>restore</c> and <c>restore-drill</c> commands.</summary>
internal interface IBackupTool
{
    /// <summary>The mode's name as the metrics label it (<c>sqlite</c>, <c>pgbackrest</c>, <c>rds</c>).</summary>
    string Name { get; }

    /// <summary>Makes a backup. <paramref name="type"/>: full, incr or diff (null: the tool's default); <paramref name="repository"/>: pgBackRest's repo number.</summary>
    Task<BackupRecord> RunAsync(string? type, int? repository, CancellationToken cancellationToken);

    /// <summary>The backups there are, oldest first.</summary>
    Task<IReadOnlyList<BackupRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Checks that the backups can be restored (checksums, the WAL archive's continuity).</summary>
    Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken);

    /// <summary>Restores <paramref name="point"/> into <paramref name="target"/> (a SQLite connection string or file; a PostgreSQL data directory; an RDS instance identifier).</summary>
    Task<RestoreReport> RestoreAsync(RestorePoint point, string target, bool force, CancellationToken cancellationToken);
}

/// <summary>A backup or restore that cannot be done as asked (no backup yet, a target that is in use): the command says it and exits 1.</summary>
internal sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
