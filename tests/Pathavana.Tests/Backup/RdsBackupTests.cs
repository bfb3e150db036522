using System.Net.Http.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>
/// RDS mode, checked offline: the commands drive snapshots, point-in-time restores and the drill's
/// temporary instance through the RDS API of a loopback fake that checks their signatures. The
/// "restored" instance answers at a real PostgreSQL database holding the data, so the drill's checks
/// run for real.
/// </summary>
public sealed class RdsBackupTests(TestServers servers)
{
    private const string Instance = "pathavana-test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshots_point_in_time_restore_and_the_drill_through_the_rds_api()
    {
        var connection = await servers.Postgres.CreateMigratedDatabaseAsync();
        await using (var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = connection,
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
        }))
        {
            var ana = await app.SignUpAsync();
            Assert.True((await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), Ct)).IsSuccessStatusCode);
        }
        await using var rds = new FakeRds(Instance, ("127.0.0.1", servers.Postgres.Port));
        var work = Directory.CreateTempSubdirectory("pathavana-rds-").FullName;
        var metrics = Path.Combine(work, "backup.prom");
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = connection,
            ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Storage__DataDirectory"] = work,
            ["Backup__Rds__InstanceIdentifier"] = Instance,
            ["Backup__Rds__ServiceUrl"] = rds.Url.ToString(),
            ["Backup__Rds__Region"] = "us-east-1",
            ["Backup__MetricsFile"] = metrics,
            ["AWS_ACCESS_KEY_ID"] = FakeRds.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeRds.SecretAccessKey,
        };

        var ran = await BackupCli.RunOkAsync(env, null, "backup", "run");
        Assert.Contains($"snapshot backup pathavana-backup-{Instance}-", ran, StringComparison.Ordinal);
        Assert.Contains("pathavana_backup_last_success_timestamp_seconds{mode=\"rds\",type=\"snapshot\"", await File.ReadAllTextAsync(metrics, Ct), StringComparison.Ordinal);
        // RDS briefly overloaded: the calls are tried again, as the AWS SDKs do, and the command succeeds.
        rds.Unavailable(2);
        var listed = BackupCli.Json(await BackupCli.RunOkAsync(env, null, "backup", "list", "--json"));
        // Down for longer: the command gives up after its retries, naming RDS's answer.
        rds.Unavailable(50);
        var (down, downOutput) = await BackupCli.RunAsync(env, null, "backup", "list");
        Assert.NotEqual(0, down);
        Assert.Contains("ServiceUnavailable", downOutput, StringComparison.Ordinal);
        rds.Unavailable(0);
        Assert.Equal(["automated", "snapshot"], listed.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Contains("sound", await BackupCli.RunOkAsync(env, null, "backup", "verify"), StringComparison.Ordinal);

        // A time after the latest restorable time is refused before anything is made.
        var (late, lateOutput) = await BackupCli.RunAsync(env, null, "restore", "--to", DateTimeOffset.UtcNow.AddHours(1).ToString("O"), "--target", "pathavana-test-pitr");
        Assert.Equal(1, late);
        Assert.Contains("latest restorable time", lateOutput, StringComparison.Ordinal);

        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var restored = await BackupCli.RunOkAsync(env, null, "restore", "--to", at.ToString("O"), "--target", "pathavana-test-pitr");
        Assert.Contains("pathavana-test-pitr", restored, StringComparison.Ordinal);
        var restore = Assert.Single(rds.Calls, c => c.Action == "RestoreDBInstanceToPointInTime").Parameters;
        Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), restore["RestoreTime"]);
        Assert.Equal("pathavana-test", restore["DBSubnetGroupName"]);
        Assert.Equal("sg-0123456789abcdef0", restore["VpcSecurityGroupIds.VpcSecurityGroupId.1"]);
        var (again, againOutput) = await BackupCli.RunAsync(env, null, "restore", "--to", "latest", "--target", "pathavana-test-pitr");
        Assert.Equal(1, again);
        Assert.Contains("DBInstanceAlreadyExists", againOutput, StringComparison.Ordinal);

        // The drill: a temporary instance at the latest restorable time, checked, then deleted.
        var drill = BackupCli.Json(await BackupCli.RunOkAsync(env, null, "restore-drill"));
        Assert.True(drill.GetProperty("passed").GetBoolean(), drill.ToString());
        Assert.Equal(1, drill.GetProperty("travelersDecrypted").GetInt32());
        Assert.InRange(drill.GetProperty("rpoSeconds").GetDouble(), 60, 3600);
        var drillInstance = Assert.Single(rds.Calls, c => c.Action == "RestoreDBInstanceToPointInTime" && c.Parameters["TargetDBInstanceIdentifier"] != "pathavana-test-pitr").Parameters["TargetDBInstanceIdentifier"];
        Assert.StartsWith($"{Instance}-drill-", drillInstance, StringComparison.Ordinal);
        Assert.DoesNotContain(drillInstance, rds.Instances);
        Assert.Contains("pathavana_restore_drill_passed{mode=\"rds\"} 1", await File.ReadAllTextAsync(metrics, Ct), StringComparison.Ordinal);

        // A wrong secret: RDS's own refusal, said plainly.
        var (refused, refusedOutput) = await BackupCli.RunAsync(new Dictionary<string, string>(env) { ["AWS_SECRET_ACCESS_KEY"] = "wrong" }, null, "backup", "list");
        Assert.Equal(1, refused);
        Assert.Contains("SignatureDoesNotMatch", refusedOutput, StringComparison.Ordinal);
    }
}
