using System.Net.Http.Json;
using Npgsql;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

public sealed class AuditIntegrityTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] command) =>
        ExternalProcess.TryRunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pathavana.dll"), .. command],
            environment: new Dictionary<string, string>(environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, timeout: TimeSpan.FromMinutes(5));

    [Fact]
    public async Task The_app_role_may_only_read_and_append_audit_records_and_a_cut_tail_is_reported()
    {
        // A fresh database migrated by the real migrate command, as the owner.
        var owner = await servers.Postgres.CreateEmptyDatabaseAsync();
        var data = Directory.CreateTempSubdirectory("pathavana-audit-").FullName;
        var ownerEnv = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = owner,
            ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Storage__DataDirectory"] = data,
            ["Audit__CheckpointDirectory"] = Path.Combine(data, "checkpoints"),
        };
        var migrated = await RunAsync(ownerEnv, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Output);
        Assert.Contains("pathavana_app", migrated.Output, StringComparison.Ordinal);
        var appConnection = new NpgsqlConnectionStringBuilder(owner) { Username = "pathavana_app" }.ConnectionString;

        // The app runs as that role: sign-ups and sign-ins write audit records.
        await using (var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = appConnection,
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Audit:CheckpointDirectory"] = Path.Combine(data, "checkpoints"),
        }))
        {
            var ana = await app.SignUpAsync();
            await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), Ct);
            Assert.DoesNotContain(app.Logs.Records, r => r.Message.Contains("can delete, truncate or own the audit log", StringComparison.Ordinal));
        }

        await using (var asApp = new NpgsqlConnection(appConnection))
        {
            await asApp.OpenAsync(Ct);
            foreach (var sql in new[] { "TRUNCATE audit_logs", "DELETE FROM audit_logs", "UPDATE audit_logs SET action = 'x'", "ALTER TABLE audit_logs DISABLE TRIGGER ALL" })
            {
                await using var command = new NpgsqlCommand(sql, asApp);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
                Assert.Contains(refused.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege, "42501" });
            }
            await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_logs", asApp);
            Assert.True((long)(await count.ExecuteScalarAsync(Ct))! >= 3);
        }

        var checkpoint = await RunAsync(ownerEnv, "audit", "checkpoint");
        Assert.True(checkpoint.ExitCode == 0, checkpoint.Output);
        var intact = await RunAsync(ownerEnv, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("chain intact", intact.Output, StringComparison.Ordinal);

        // Someone with the owner's powers drops the guard and cuts the newest records: every row left
        // still chains perfectly, but the signed checkpoint outside the database remembers the head.
        await using (var asOwner = new NpgsqlConnection(owner))
        {
            await asOwner.OpenAsync(Ct);
            await using var cut = new NpgsqlCommand(
                "ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only; DELETE FROM audit_logs WHERE sequence > (SELECT max(sequence) - 2 FROM audit_logs);", asOwner);
            await cut.ExecuteNonQueryAsync(Ct);
        }
        var truncated = await RunAsync(ownerEnv, "audit", "verify");
        Assert.Equal(1, truncated.ExitCode);
        Assert.Contains("TRUNCATED", truncated.Output, StringComparison.Ordinal);
        Assert.Contains("2 record(s) were cut from the end", truncated.Output, StringComparison.Ordinal);

        // TRUNCATE of the whole table is caught the same way.
        await using (var asOwner = new NpgsqlConnection(owner))
        {
            await asOwner.OpenAsync(Ct);
            await using var wipe = new NpgsqlCommand("TRUNCATE audit_logs", asOwner);
            await wipe.ExecuteNonQueryAsync(Ct);
        }
        var wiped = await RunAsync(ownerEnv, "audit", "verify");
        Assert.Equal(1, wiped.ExitCode);
        Assert.Contains("the log ends at record 0", wiped.Output, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }
}
