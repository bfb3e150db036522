namespace Pathavana.Platform.Backup;

/// <summary>Which tool makes and restores the backups.</summary>
internal enum BackupMode
{
    /// <summary>SQLite's online backup on the embedded default; pgBackRest on PostgreSQL; RDS when <c>Backup__Rds__InstanceIdentifier</c> is set.</summary>
    Auto,

    /// <summary>SQLite's online backup API into <see cref="BackupOptions.Directory"/>.</summary>
    Sqlite,

    /// <summary>pgBackRest: full/incremental backups and continuous WAL archiving to its repositories (see pgbackrest.conf).</summary>
    PgBackRest,

    /// <summary>Amazon RDS: manual snapshots and point-in-time restore through the RDS API.</summary>
    Rds,
}

/// <summary>
/// The <c>Backup</c> section (environment: <c>Backup__*</c>). Read by <c>pathavana backup|restore|restore-drill</c>;
/// the web server does not use it.
/// </summary>
internal sealed class BackupOptions
{
    public const string Section = "Backup";

    public BackupMode Mode { get; set; } = BackupMode.Auto;

    /// <summary>SQLite mode: the folder the backup files go to; relative paths resolve against the data directory. Default <c>backups</c>.</summary>
    public string Directory { get; set; } = "backups";

    /// <summary>SQLite mode: daily backups kept (the newest of each of the last N days that have one). Default 30.</summary>
    public int KeepDaily { get; set; } = 30;

    /// <summary>SQLite mode: monthly backups kept (the newest of each of the last N months that have one). Default 12.</summary>
    public int KeepMonthly { get; set; } = 12;

    /// <summary>pgBackRest: the stanza (the cluster's name in the repositories). Default <c>pathavana</c>.</summary>
    public string Stanza { get; set; } = "pathavana";

    /// <summary>pgBackRest: the executable (a path, or a name on PATH). Default <c>pgbackrest</c>.</summary>
    public string PgBackRestExecutable { get; set; } = "pgbackrest";

    /// <summary>pgBackRest: its configuration file (repositories, cipher, retention); default: pgBackRest's own (<c>/etc/pgbackrest/pgbackrest.conf</c>).</summary>
    public string? PgBackRestConfig { get; set; }

    /// <summary>restore-drill (pgBackRest): the folder the scratch cluster is restored into; default: a new temp folder, removed afterwards.</summary>
    public string? ScratchDirectory { get; set; }

    /// <summary>restore-drill (pgBackRest): PostgreSQL's server binaries (pg_ctl); default: the newest /usr/lib/postgresql/*/bin.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>The recovery point objective the drill's achieved RPO is compared with, seconds. Default 3600 (the platform's 1 h).</summary>
    public double RpoTargetSeconds { get; set; } = 3600;

    /// <summary>The recovery time objective the drill's achieved RTO is compared with, seconds. Default 14400 (the platform's 4 h).</summary>
    public double RtoTargetSeconds { get; set; } = 14400;

    /// <summary>A Prometheus Pushgateway (<c>http://pushgateway.monitoring.svc:9091</c>) the commands push their metrics to; none: not pushed.</summary>
    public Uri? PushgatewayUrl { get; set; }

    /// <summary>Also (or instead) write the metrics in Prometheus text format to this file (node-exporter textfile pattern).</summary>
    public string? MetricsFile { get; set; }

    public RdsBackupOptions Rds { get; set; } = new();
}

/// <summary>The <c>Backup:Rds</c> section: the RDS instance whose snapshots and point-in-time restores the commands drive.</summary>
internal sealed class RdsBackupOptions
{
    /// <summary>The DB instance identifier (<c>pathavana-production</c>); set: RDS mode.</summary>
    public string? InstanceIdentifier { get; set; }

    /// <summary>AWS region; default: the SDK's (AWS_REGION).</summary>
    public string? Region { get; set; }

    /// <summary>An RDS endpoint other than AWS's (a local fake in tests); default: AWS's regional endpoint.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The instance class of restored instances (drill, PITR); default: the source's.</summary>
    public string? RestoreInstanceClass { get; set; }
}
