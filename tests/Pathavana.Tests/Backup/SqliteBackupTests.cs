using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pathavana.Platform.Backup;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>
/// The embedded default's backups through the real executable: SQLite's online backup of a database
/// the running app is using, list, verify (and a damaged file caught), restore to latest and to a time
/// into a new data directory that the app then serves, and the restore drill's report and metrics.
/// </summary>
public sealed class SqliteBackupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_restore_and_drill_on_the_embedded_default()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var created = await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(given: "Ana Maria", surname: "Silva"), Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));

        var metrics = Path.Combine(app.DataDirectory, "metrics", "backup.prom");
        var env = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = app.DataDirectory,
            ["Backup__MetricsFile"] = metrics,
        };

        // While the app holds the database open: SQLite's online backup.
        var ran = await BackupCli.RunOkAsync(env, null, "backup", "run");
        Assert.Contains("full backup pathavana-", ran, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(metrics, Ct);
        Assert.Contains("pathavana_backup_last_success_timestamp_seconds{mode=\"sqlite\"", text, StringComparison.Ordinal);
        await BackupCli.AssertValidMetricsAsync(metrics);
        var afterBackup = DateTimeOffset.UtcNow;

        // Bruno is added after the backup: a restore of that backup does not have him.
        Assert.True((await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(given: "Bruno", surname: "Costa", passport: "P7654321"), Ct)).IsSuccessStatusCode);

        var listed = BackupCli.Json(await BackupCli.RunOkAsync(env, null, "backup", "list", "--json"));
        var only = Assert.Single(listed.EnumerateArray());
        Assert.True(only.GetProperty("bytes").GetInt64() > 0);
        Assert.Contains("1 backup(s) sound", await BackupCli.RunOkAsync(env, null, "backup", "verify"), StringComparison.Ordinal);

        // Restore into a fresh data directory (with the local key ring, as an operator copies it) and serve it.
        var restoredData = Directory.CreateTempSubdirectory("pathavana-restored-").FullName;
        var restoredDb = Path.Combine(restoredData, "pathavana.db");
        var restored = await BackupCli.RunOkAsync(env, null, "restore", "--to", "latest", "--target", restoredDb);
        Assert.Contains("restored to", restored, StringComparison.Ordinal);
        // A target that already holds a database is not overwritten without --force.
        var (refused, refusal) = await BackupCli.RunAsync(env, null, "restore", "--to", "latest", "--target", restoredDb);
        Assert.Equal(1, refused);
        Assert.Contains("--force", refusal, StringComparison.Ordinal);

        CopyFolder(Path.Combine(app.DataDirectory, "keys"), Path.Combine(restoredData, "keys"));
        await using (var back = PathavanaFactory.Embedded(dataDirectory: restoredData))
        {
            var client = await back.SignInAsync(ana.Email, ana.Password);
            var travelers = await client.GetFromJsonAsync<JsonElement>("/api/v1/travelers", Ct);
            var names = Items(travelers).Select(t => $"{t.GetProperty("givenNames").GetString()} {t.GetProperty("surname").GetString()}").ToList();
            Assert.Equal(["Ana Maria Silva"], names);
        }

        var scratch = Directory.CreateTempSubdirectory("pathavana-restore-").FullName;
        // A time before the first backup has nothing to restore: said, not guessed.
        var (early, earlyOutput) = await BackupCli.RunAsync(env, null, "restore", "--to", "2020-01-01T00:00:00Z", "--target", Path.Combine(scratch, "other.db"));
        Assert.Equal(1, early);
        Assert.Contains("no backup", earlyOutput, StringComparison.Ordinal);
        var (bad, badOutput) = await BackupCli.RunAsync(env, null, "restore", "--to", "yesterday-ish", "--target", Path.Combine(scratch, "other.db"));
        Assert.Equal(1, bad);
        Assert.Contains("--to 'yesterday-ish'", badOutput, StringComparison.Ordinal);

        // A time after the backup restores it.
        var named = Path.Combine(scratch, "named.db");
        await BackupCli.RunOkAsync(env, null, "restore", "--to", afterBackup.ToString("O"), "--target", named);
        Assert.Equal(1L, Count(named, "travelers"));

        // The drill: scratch restore, migrations, counts, audit chain, a sample decrypt; RPO/RTO as JSON and metrics.
        var drillMetrics = Path.Combine(app.DataDirectory, "metrics", "drill.prom");
        var drillEnv = new Dictionary<string, string>(env) { ["Backup__MetricsFile"] = drillMetrics };
        var report = BackupCli.Json(await BackupCli.RunOkAsync(drillEnv, null, "restore-drill"));
        Assert.True(report.GetProperty("passed").GetBoolean(), report.ToString());
        Assert.Equal(1, report.GetProperty("rowCounts").GetProperty("users").GetInt64());
        Assert.Equal(1, report.GetProperty("rowCounts").GetProperty("travelers").GetInt64());
        Assert.Equal(1, report.GetProperty("travelersDecrypted").GetInt32());
        Assert.Empty(report.GetProperty("pendingMigrations").EnumerateArray());
        Assert.Contains("chain intact", report.GetProperty("audit").GetString(), StringComparison.Ordinal);
        Assert.InRange(report.GetProperty("rpoSeconds").GetDouble(), 0, 600);
        Assert.True(report.GetProperty("rtoSeconds").GetDouble() > 0);
        var drillText = await File.ReadAllTextAsync(drillMetrics, Ct);
        Assert.Contains("pathavana_restore_drill_passed{mode=\"sqlite\"} 1", drillText, StringComparison.Ordinal);
        Assert.Contains("pathavana_restore_drill_rpo_seconds{mode=\"sqlite\"}", drillText, StringComparison.Ordinal);
        await BackupCli.AssertValidMetricsAsync(drillMetrics);

        // A damaged backup is named by verify.
        var file = Directory.GetFiles(Path.Combine(app.DataDirectory, "backups"), "*.db").Single();
        await using (var stream = File.OpenWrite(file))
        {
            stream.Seek(4096, SeekOrigin.Begin);
            stream.Write("damaged"u8);
        }
        var (broken, brokenOutput) = await BackupCli.RunAsync(env, null, "backup", "verify");
        Assert.Equal(1, broken);
        Assert.Contains(Path.GetFileNameWithoutExtension(file), brokenOutput, StringComparison.Ordinal);
        Assert.Contains("SHA-256", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_keeps_the_newest_of_each_of_30_days_and_12_months()
    {
        var now = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
        // Two backups a day for 500 days.
        var backups = Enumerable.Range(0, 1000).Select(i => ($"b{i}", now.AddHours(-12 * i))).ToList();

        var keep = SqliteBackups.Keep(backups, daily: 30, monthly: 12);

        var kept = backups.Where(b => keep.Contains(b.Item1)).Select(b => b.Item2).ToList();
        // 30 days, one each (the newest of the day), plus the newest of 12 months: December's and
        // November's newest are already among the days, so 10 more.
        Assert.Equal(30 + 10, kept.Count);
        Assert.Contains(now, kept);
        Assert.DoesNotContain(kept, t => t == new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(30, kept.Count(t => t > now.AddDays(-30)));
        Assert.Equal(12, kept.Select(t => (t.Year, t.Month)).Distinct().Count());
        Assert.True(kept.Min() > now.AddMonths(-12));
    }

    private static IEnumerable<JsonElement> Items(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();

    private static long Count(string file, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
