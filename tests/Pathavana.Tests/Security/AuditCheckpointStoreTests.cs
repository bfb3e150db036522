using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

/// <summary>
/// Signed checkpoints of the audit chain's head written to an S3-compatible bucket (a local s3rver),
/// read back by <c>pathavana audit verify</c>: a cut tail is reported, a forged checkpoint ignored.
/// </summary>
public sealed class AuditCheckpointStoreTests
{
    private const string Prefix = "pathavana/audit-checkpoints/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] command) =>
        ExternalProcess.TryRunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pathavana.dll"), .. command],
            environment: new Dictionary<string, string>(environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, timeout: TimeSpan.FromMinutes(5));

    [Fact]
    public async Task Checkpoints_go_to_the_bucket_and_audit_verify_reads_them_to_catch_a_cut_tail()
    {
        await using var s3 = await FakeS3.StartAsync("pathavana-backups");
        var data = Directory.CreateTempSubdirectory("pathavana-s3-audit-").FullName;
        var database = Path.Combine(data, "shared.db");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Pathavana"] = $"Data Source={database}",
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Audit:CheckpointStore"] = "S3",
            ["Audit:S3:Bucket"] = s3.Bucket,
            ["Audit:S3:Prefix"] = Prefix,
            ["Audit:S3:ServiceUrl"] = s3.ServiceUrl,
            ["Audit:S3:ForcePathStyle"] = "true",
            ["Audit:S3:AccessKeyId"] = FakeS3.AccessKeyId,
            ["Audit:S3:SecretAccessKey"] = FakeS3.SecretAccessKey,
        };
        // The app's own periodic writer is off here: the test writes the one checkpoint itself.
        await using (var app = PathavanaFactory.Embedded(new Dictionary<string, string?>(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
        {
            ["Audit:CheckpointIntervalSeconds"] = "0",
        }))
        {
            await app.SignUpAsync();
            await app.SignUpAsync();
        }
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["Storage__DataDirectory"] = Path.Combine(data, "cli");

        var written = await RunAsync(environment, "audit", "checkpoint");
        Assert.True(written.ExitCode == 0, written.Output);
        Assert.Contains($"s3://pathavana-backups/{Prefix}", written.Output, StringComparison.Ordinal);
        var key = Assert.Single(await s3.KeysAsync(Prefix));
        var checkpoint = JsonDocument.Parse(await s3.GetAsync(key)).RootElement;
        var sequence = checkpoint.GetProperty("sequence").GetInt64();
        Assert.Equal($"{Prefix}checkpoint-{sequence:D12}.json", key);
        Assert.True(sequence >= 4, $"two sign-ups and sign-ins make at least four audit records, the checkpoint saw {sequence}");
        Assert.Matches("^[0-9a-f]{64}$", checkpoint.GetProperty("signature").GetString());

        var intact = await RunAsync(environment, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("matches the checkpoint", intact.Output, StringComparison.Ordinal);

        // A checkpoint someone wrote without the key is ignored, and said so.
        await s3.PutAsync($"{Prefix}checkpoint-{sequence + 50:D12}.json", JsonSerializer.Serialize(new
        {
            sequence = sequence + 50, hash = new string('a', 64), at = DateTimeOffset.UtcNow, keyId = checkpoint.GetProperty("keyId").GetString(), signature = new string('b', 64),
        }));
        var forged = await RunAsync(environment, "audit", "verify");
        Assert.True(forged.ExitCode == 0, forged.Output);
        Assert.Contains("1 newer checkpoint(s)", forged.Output, StringComparison.Ordinal);

        // The newest two records go (the guard dropped first): the bucket remembers the head.
        await using (var sqlite = new SqliteConnection($"Data Source={database}"))
        {
            await sqlite.OpenAsync(Ct);
            await using var cut = sqlite.CreateCommand();
            cut.CommandText = "DROP TRIGGER audit_logs_no_delete; DELETE FROM audit_logs WHERE sequence > (SELECT max(sequence) - 2 FROM audit_logs);";
            await cut.ExecuteNonQueryAsync(Ct);
        }
        SqliteConnection.ClearAllPools();
        var truncated = await RunAsync(environment, "audit", "verify");
        Assert.Equal(1, truncated.ExitCode);
        Assert.Contains("TRUNCATED", truncated.Output, StringComparison.Ordinal);
        Assert.Contains("2 record(s) were cut from the end", truncated.Output, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }
}
