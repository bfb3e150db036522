using Npgsql;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>
/// The in-cluster PostgreSQL's backups as Kubernetes runs them (deploy/k8s/components/in-cluster-data):
/// the database side and the backup job each use the shipped pgbackrest.conf (database.conf,
/// job.conf) with only this machine's places put in. The job has no access to the data directory:
/// it backs up through pgBackRest's TLS server beside PostgreSQL, authenticated by its client
/// certificate, and restores from the repository on its own. Real pgBackRest, real PostgreSQL,
/// s3rver over TLS.
/// </summary>
public sealed class TlsServerBackupTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_job_reaches_the_database_through_the_tls_server_and_restores_on_its_own()
    {
        await using var rig = await PgBackRestRig.StartAsync(archiveTimeoutSeconds: 5, tlsServer: true);
        var metrics = Path.Combine(rig.Work, "backup.prom");
        var env = rig.Environment(metrics);
        await BackupCli.RunOkAsync(env, rig.User, "migrate");
        await rig.ExecuteAsync("CREATE TABLE markers (id bigint PRIMARY KEY)");
        await rig.ExecuteAsync("INSERT INTO markers SELECT generate_series(1, 500)");

        var full = await BackupCli.RunOkAsync(env, rig.User, "backup", "run");
        Assert.Contains("full backup", full, StringComparison.Ordinal);

        // Written after the backup: only the archived WAL brings these back.
        await rig.ExecuteAsync("INSERT INTO markers SELECT generate_series(501, 800)");
        var segment = await ScalarAsync<string>(rig.ConnectionString(), "SELECT pg_walfile_name(pg_current_wal_lsn())");
        await rig.ExecuteAsync("SELECT pg_switch_wal()");
        await Eventually.UntilAsync(
            ct => ScalarAsync<string>(rig.ConnectionString(), "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver", ct),
            archived => string.CompareOrdinal(archived, segment) >= 0);

        // Without the TLS server the job cannot reach the database's files: the backup fails and says where it looked.
        await rig.StopTlsServerAsync();
        var (exit, refused) = await BackupCli.RunAsync(env, rig.User, "backup", "run");
        Assert.NotEqual(0, exit);
        Assert.Contains("127.0.0.1", refused, StringComparison.Ordinal);
        await rig.StartTlsServerAsync();
        Assert.Contains("incr backup", await BackupCli.RunOkAsync(env, rig.User, "backup", "run"), StringComparison.Ordinal);

        // The job restores on its own (the repository only), to latest: every marker.
        var target = Path.Combine(rig.Work, "restored");
        await BackupCli.RunOkAsync(env, rig.User, "restore", "--to", "latest", "--target", target);
        var port = await rig.StartRestoredAsync(target);
        Assert.Equal(800L, await ScalarAsync<long>(rig.ConnectionString(port), "SELECT count(*) FROM markers"));
        await rig.StopAsync(target);

        var drill = BackupCli.Json(await BackupCli.RunOkAsync(env, rig.User, "restore-drill"));
        Assert.True(drill.GetProperty("passed").GetBoolean(), drill.ToString());
        var listed = BackupCli.Json(await BackupCli.RunOkAsync(env, rig.User, "backup", "list", "--json"));
        Assert.Equal(["full", "incr"], listed.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        output.WriteLine($"Through the TLS server: full and incremental backups; restore to latest holds all 800 markers; " +
                         $"drill RPO {drill.GetProperty("rpoSeconds").GetDouble():F1} s, RTO {drill.GetProperty("rtoSeconds").GetDouble():F1} s.");
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct == default ? Ct : ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct == default ? Ct : ct))!;
    }
}
