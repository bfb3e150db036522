using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>
/// Self-managed PostgreSQL's backups with the real tools: pgBackRest backs up to an encrypted S3
/// repository (s3rver over TLS), PostgreSQL archives its WAL continuously; a writer inserts a marker
/// row every 100 ms; the server is killed with SIGKILL; a restore to latest loses only the markers
/// after the last archived WAL (RPO within archive_timeout, and at most 60 s), a restore to a named
/// time holds exactly the markers committed up to it; the restore drill passes on what is left.
/// The figures are printed.
/// </summary>
public sealed class PointInTimeRecoveryTests(ITestOutputHelper output)
{
    /// <summary>The test's archive_timeout (the in-cluster database: 60 s, deploy/k8s/components/in-cluster-data); short so that the test is quick.</summary>
    private const int ArchiveTimeoutSeconds = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_database_restores_to_latest_and_to_a_named_time()
    {
        await using var rig = await PgBackRestRig.StartAsync(ArchiveTimeoutSeconds);
        var metrics = Path.Combine(rig.Work, "backup.prom");
        var env = rig.Environment(metrics);
        await BackupCli.RunOkAsync(env, rig.User, "migrate");

        // A traveller with encrypted fields, for the drill's sample decrypt.
        await using (var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = rig.ConnectionString(),
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
        }))
        {
            var ana = await app.SignUpAsync();
            Assert.True((await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), Ct)).IsSuccessStatusCode);
        }
        await rig.ExecuteAsync("CREATE TABLE markers (id bigint PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT clock_timestamp())");

        // The first backup (stanza-create, then a full backup: an incremental has nothing to build on).
        var ran = await BackupCli.RunOkAsync(env, rig.User, "backup", "run");
        Assert.Contains("full backup", ran, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(metrics, Ct);
        Assert.Contains("pathavana_backup_last_success_timestamp_seconds{mode=\"pgbackrest\",type=\"full\",repo=\"repo1\"}", text, StringComparison.Ordinal);
        Assert.Contains("pathavana_wal_archive_enabled{mode=\"pgbackrest\"} 1", text, StringComparison.Ordinal);
        await BackupCli.AssertValidMetricsAsync(metrics);

        // The writer: a marker every 100 ms, each its own transaction; the ids whose commit returned.
        var committed = new ConcurrentDictionary<long, DateTimeOffset>();
        using var stopWriter = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writer = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(rig.ConnectionString());
            await connection.OpenAsync(stopWriter.Token);
            for (long id = 1; !stopWriter.IsCancellationRequested; id++)
            {
                try
                {
                    await using var insert = new NpgsqlCommand($"INSERT INTO markers (id) VALUES ({id})", connection);
                    await insert.ExecuteNonQueryAsync(stopWriter.Token);
                    committed[id] = DateTimeOffset.UtcNow;
                    await Task.Delay(100, stopWriter.Token);
                }
                catch (Exception) when (stopWriter.IsCancellationRequested)
                {
                    return;
                }
                catch (NpgsqlException)
                {
                    return; // the server was killed
                }
            }
        }, Ct);

        // An incremental backup while the writer writes.
        await Eventually.UntilAsync(_ => Task.FromResult(committed.Count), n => n >= 20);
        Assert.Contains("incr backup", await BackupCli.RunOkAsync(env, rig.User, "backup", "run"), StringComparison.Ordinal);
        await Eventually.UntilAsync(_ => Task.FromResult(committed.Count), n => n >= 60);

        // The named time: halfway between the commits of two markers (commit times from track_commit_timestamp).
        var commits = await CommitTimesAsync(rig.ConnectionString());
        var k = commits.Count / 2;
        var named = commits[k].At + ((commits[k + 1].At - commits[k].At) / 2);
        var expectedAtNamed = commits.Where(c => c.At <= named).Select(c => c.Id).ToList();
        // Wait (on the archiver, not the clock) until the WAL holding the named time is archived, then write on.
        var lsn = await ScalarAsync<string>(rig.ConnectionString(), "SELECT pg_walfile_name(pg_current_wal_lsn())");
        await Eventually.UntilAsync(
            ct => ScalarAsync<string>(rig.ConnectionString(), "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver", ct),
            archived => string.CompareOrdinal(archived, lsn) >= 0);
        Assert.Contains("archive_mode=on", await BackupCli.RunOkAsync(env, rig.User, "backup", "status"), StringComparison.Ordinal);
        var beforeKill = committed.Count;
        await Eventually.UntilAsync(_ => Task.FromResult(committed.Count), n => n >= beforeKill + 15);

        await rig.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await stopWriter.CancelAsync();
        await writer;
        var written = committed.Keys.Max();

        // Restore to latest: all the archived WAL replayed; the markers in the unarchived segment are lost.
        var latest = Path.Combine(rig.Work, "latest");
        var clock = Stopwatch.StartNew();
        await BackupCli.RunOkAsync(env, rig.User, "restore", "--to", "latest", "--target", latest);
        var port = await rig.StartRestoredAsync(latest);
        var rto = clock.Elapsed;
        var restored = await MarkerIdsAsync(rig.ConnectionString(port));
        Assert.Equal(Enumerable.Range(1, restored.Count).Select(i => (long)i), restored); // no gap: a prefix of what was written
        var lastRestored = restored.Count == 0 ? 0 : restored[^1];
        var lost = written - lastRestored;
        var rpo = killedAt - (lastRestored == 0 ? killedAt : committed[lastRestored]);
        Assert.True(lastRestored >= expectedAtNamed[^1], "the restore to latest lacks markers whose WAL was archived");
        Assert.InRange(rpo.TotalSeconds, 0, 60);
        await rig.StopAsync(latest);

        // Restore to the named time: exactly the markers committed up to it.
        var atTime = Path.Combine(rig.Work, "named");
        await BackupCli.RunOkAsync(env, rig.User, "restore", "--to", named.ToString("O"), "--target", atTime);
        var namedPort = await rig.StartRestoredAsync(atTime);
        var restoredAtNamed = await MarkerIdsAsync(rig.ConnectionString(namedPort));
        Assert.Equal(expectedAtNamed, restoredAtNamed);
        await rig.StopAsync(atTime);

        // The drill on the dead server's backups.
        var drill = BackupCli.Json(await BackupCli.RunOkAsync(env, rig.User, "restore-drill"));
        Assert.True(drill.GetProperty("passed").GetBoolean(), drill.ToString());
        Assert.Equal(1, drill.GetProperty("rowCounts").GetProperty("travelers").GetInt64());
        Assert.Equal(1, drill.GetProperty("travelersDecrypted").GetInt32());
        Assert.Contains("chain intact", drill.GetProperty("audit").GetString(), StringComparison.Ordinal);
        var drillText = await File.ReadAllTextAsync(metrics, Ct);
        Assert.Contains("pathavana_restore_drill_passed{mode=\"pgbackrest\"} 1", drillText, StringComparison.Ordinal);
        Assert.Contains("backup(s) sound", await BackupCli.RunOkAsync(env, rig.User, "backup", "verify"), StringComparison.Ordinal);
        var listed = BackupCli.Json(await BackupCli.RunOkAsync(env, rig.User, "backup", "list", "--json"));
        Assert.Equal(["full", "incr"], listed.EnumerateArray().Select(b => b.GetProperty("type").GetString()));

        output.WriteLine($"pgBackRest to s3rver (TLS, aes-256-cbc), archive_timeout={ArchiveTimeoutSeconds} s: {written} markers written, " +
                         $"{lastRestored} restored to latest, {lost} lost (after the last archived WAL); RPO {rpo.TotalSeconds:F1} s; " +
                         $"RTO (restore + recovery until it answers) {rto.TotalSeconds:F1} s; named time {named:O} holds {restoredAtNamed.Count} markers, exactly those committed before it; " +
                         $"drill RPO {drill.GetProperty("rpoSeconds").GetDouble():F1} s, RTO {drill.GetProperty("rtoSeconds").GetDouble():F1} s.");
    }

    private static async Task<List<(long Id, DateTimeOffset At)>> CommitTimesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT id, pg_xact_commit_timestamp(xmin) FROM markers ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(long, DateTimeOffset)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetInt64(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc))));
        }
        return rows;
    }

    private static async Task<List<long>> MarkerIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT id FROM markers ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<long>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
