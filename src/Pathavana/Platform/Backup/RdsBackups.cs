using System.Globalization;
using System.Xml.Linq;

namespace Pathavana.Platform.Backup;

/// <summary>
/// Backups of an Amazon RDS instance through the RDS API: <c>backup run</c> takes a manual snapshot
/// (<c>CreateDBSnapshot</c>, waited on until available) and prunes this job's older snapshots to 30
/// daily and 12 monthly; <c>list</c> shows the automated and manual snapshots; <c>verify</c> checks
/// that point-in-time recovery is current (<c>LatestRestorableTime</c> within 15 minutes) and the newest
/// snapshot is available; <c>restore</c> is <c>RestoreDBInstanceToPointInTime</c> into a new instance
/// (<c>--target</c> names it) in the source's subnet group and security groups; the drill restores the
/// latest restorable time into a temporary instance and deletes it afterwards.
/// </summary>
internal sealed class RdsBackups(RdsApi api, BackupOptions options, TimeProvider clock) : IBackupTool
{
    private const string SnapshotPrefix = "pathavana-backup-";

    private string Instance => options.Rds.InstanceIdentifier ?? throw new BackupException("Backup__Rds__InstanceIdentifier is required in RDS mode.");

    /// <summary>How often a wait polls RDS (snapshots and restores take minutes).</summary>
    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    public string Name => "rds";

    public async Task<BackupRecord> RunAsync(string? type, int? repository, CancellationToken cancellationToken)
    {
        if (type is not null and not "snapshot")
        {
            throw new BackupException($"RDS backups are snapshots (and continuous automated backups): --type {type} is not possible.");
        }
        var started = clock.GetUtcNow();
        var id = $"{SnapshotPrefix}{Instance}-{started.UtcDateTime:yyyyMMdd-HHmmss}";
        await api.CallAsync("CreateDBSnapshot", new Dictionary<string, string>
        {
            ["DBInstanceIdentifier"] = Instance,
            ["DBSnapshotIdentifier"] = id,
            ["Tags.Tag.1.Key"] = "created-by",
            ["Tags.Tag.1.Value"] = "pathavana backup run",
        }, cancellationToken);
        var snapshot = await WaitAsync(async ct => (await SnapshotsAsync(ct, id)).SingleOrDefault(), s => s?.Status == "available",
            s => s?.Status is "failed" or "incompatible-restore", $"snapshot {id}", cancellationToken);
        var all = await SnapshotsAsync(cancellationToken);
        var ours = all.Where(s => s.Type == "manual" && s.Id.StartsWith(SnapshotPrefix + Instance + "-", StringComparison.Ordinal)).ToList();
        var keep = SqliteBackups.Keep(ours.Select(s => (s.Id, s.Created)), options.KeepDaily, options.KeepMonthly);
        foreach (var old in ours.Where(s => !keep.Contains(s.Id)))
        {
            await api.CallAsync("DeleteDBSnapshot", new Dictionary<string, string> { ["DBSnapshotIdentifier"] = old.Id }, cancellationToken);
        }
        return snapshot!.ToRecord(clock.GetUtcNow());
    }

    public async Task<IReadOnlyList<BackupRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await SnapshotsAsync(cancellationToken)).Select(s => s.ToRecord(null)).OrderBy(r => r.FinishedAt)];

    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var instance = await DescribeInstanceAsync(Instance, cancellationToken);
        var latest = Time(instance, "LatestRestorableTime");
        if (latest is null)
        {
            problems.Add($"{Instance} has no point-in-time recovery (automated backups off: BackupRetentionPeriod 0).");
        }
        else if (clock.GetUtcNow() - latest > TimeSpan.FromMinutes(15))
        {
            problems.Add($"{Instance}'s latest restorable time is {latest:O}, more than 15 minutes ago: transaction logs are not being backed up.");
        }
        var snapshots = await SnapshotsAsync(cancellationToken);
        if (snapshots.Count == 0)
        {
            problems.Add($"{Instance} has no snapshot.");
        }
        else if (snapshots.MaxBy(s => s.Created) is { Status: not "available" } newest)
        {
            problems.Add($"the newest snapshot {newest.Id} is {newest.Status}.");
        }
        return new VerifyReport(snapshots.Count, problems);
    }

    public async Task<RestoreReport> RestoreAsync(RestorePoint point, string target, bool force, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var (endpoint, restoredTo) = await RestoreToNewInstanceAsync(point, target, cancellationToken);
        return new RestoreReport($"{target} ({endpoint})", $"{Instance} at {point}", restoredTo, clock.GetUtcNow() - started);
    }

    /// <summary>The drill's restore: the latest restorable time into <c>{instance}-drill-{time}</c>; the report's target is its <c>host:port</c>.</summary>
    public async Task<RestoreReport> RestoreForDrillAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        DrillInstance = $"{Instance}-drill-{started.UtcDateTime:yyyyMMddHHmm}";
        var (endpoint, restoredTo) = await RestoreToNewInstanceAsync(RestorePoint.Latest, DrillInstance, cancellationToken);
        return new RestoreReport(endpoint, $"{Instance} at its latest restorable time", restoredTo, clock.GetUtcNow() - started);
    }

    /// <summary>The drill's temporary instance, once made.</summary>
    public string? DrillInstance { get; private set; }

    public async Task DeleteDrillInstanceAsync(CancellationToken cancellationToken)
    {
        if (DrillInstance is { } id)
        {
            await api.CallAsync("DeleteDBInstance", new Dictionary<string, string>
            {
                ["DBInstanceIdentifier"] = id,
                ["SkipFinalSnapshot"] = "true",
                ["DeleteAutomatedBackups"] = "true",
            }, cancellationToken);
        }
    }

    private async Task<(string Endpoint, DateTimeOffset? RestoredTo)> RestoreToNewInstanceAsync(RestorePoint point, string target, CancellationToken cancellationToken)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9-]{0,62}$"))
        {
            throw new BackupException($"on RDS --target names the new DB instance (letters, digits, hyphens; 63 at most): '{target}' is not one.");
        }
        var source = await DescribeInstanceAsync(Instance, cancellationToken);
        var latest = Time(source, "LatestRestorableTime");
        if (point.Time is { } time && latest is { } l && time > l)
        {
            throw new BackupException($"{Instance} can be restored up to {l:O} (its latest restorable time); {point} is later.");
        }
        var parameters = new Dictionary<string, string>
        {
            ["SourceDBInstanceIdentifier"] = Instance,
            ["TargetDBInstanceIdentifier"] = target,
            ["CopyTagsToSnapshot"] = "true",
        };
        if (point.Time is { } at)
        {
            parameters["RestoreTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        else
        {
            parameters["UseLatestRestorableTime"] = "true";
        }
        if (source.Element(RdsApi.Name("DBSubnetGroup"))?.Element(RdsApi.Name("DBSubnetGroupName"))?.Value is { } subnets)
        {
            parameters["DBSubnetGroupName"] = subnets;
        }
        var groups = source.Element(RdsApi.Name("VpcSecurityGroups"))?.Elements().Select(g => g.Element(RdsApi.Name("VpcSecurityGroupId"))?.Value).OfType<string>().ToList() ?? [];
        for (var i = 0; i < groups.Count; i++)
        {
            parameters[$"VpcSecurityGroupIds.VpcSecurityGroupId.{i + 1}"] = groups[i];
        }
        parameters["DBInstanceClass"] = options.Rds.RestoreInstanceClass ?? source.Element(RdsApi.Name("DBInstanceClass"))?.Value ?? "db.t3.medium";
        await api.CallAsync("RestoreDBInstanceToPointInTime", parameters, cancellationToken);
        var restored = await WaitAsync(ct => DescribeInstanceAsync(target, ct), i => i.Element(RdsApi.Name("DBInstanceStatus"))?.Value == "available",
            i => i.Element(RdsApi.Name("DBInstanceStatus"))?.Value is "failed" or "incompatible-restore", $"instance {target}", cancellationToken);
        var endpoint = restored.Element(RdsApi.Name("Endpoint"));
        return ($"{endpoint?.Element(RdsApi.Name("Address"))?.Value}:{endpoint?.Element(RdsApi.Name("Port"))?.Value}", point.Time ?? latest);
    }

    private async Task<XElement> DescribeInstanceAsync(string id, CancellationToken cancellationToken)
    {
        var result = await api.CallAsync("DescribeDBInstances", new Dictionary<string, string> { ["DBInstanceIdentifier"] = id }, cancellationToken);
        return result.Descendants(RdsApi.Name("DBInstance")).FirstOrDefault() ?? throw new BackupException($"RDS has no instance {id}.");
    }

    private async Task<List<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken, string? id = null)
    {
        var parameters = new Dictionary<string, string>();
        if (id is null)
        {
            parameters["DBInstanceIdentifier"] = Instance;
        }
        else
        {
            parameters["DBSnapshotIdentifier"] = id;
        }
        var result = await api.CallAsync("DescribeDBSnapshots", parameters, cancellationToken);
        return [.. result.Descendants(RdsApi.Name("DBSnapshot")).Select(s => new Snapshot(
            s.Element(RdsApi.Name("DBSnapshotIdentifier"))!.Value,
            s.Element(RdsApi.Name("SnapshotType"))?.Value ?? "manual",
            s.Element(RdsApi.Name("Status"))?.Value ?? "unknown",
            Time(s, "SnapshotCreateTime") ?? clock.GetUtcNow(),
            long.Parse(s.Element(RdsApi.Name("AllocatedStorage"))?.Value ?? "0", CultureInfo.InvariantCulture) << 30))];
    }

    private static DateTimeOffset? Time(XElement element, string name) =>
        element.Element(RdsApi.Name(name))?.Value is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    private async Task<T> WaitAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, Func<T, bool> failed, string what, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(1000, PollInterval.TotalMilliseconds));
        while (true)
        {
            var value = await probe(cancellationToken);
            if (done(value))
            {
                return value;
            }
            if (failed(value))
            {
                throw new BackupException($"RDS reports {what} failed.");
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(PollInterval.Ticks, delay.Ticks * 2));
        }
    }

    private sealed record Snapshot(string Id, string Type, string Status, DateTimeOffset Created, long Bytes)
    {
        public BackupRecord ToRecord(DateTimeOffset? finished) => new(Id, Type == "automated" ? "automated" : "snapshot", Created, finished ?? Created, Bytes, "rds");
    }
}
