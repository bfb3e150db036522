using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pathavana.Accounts;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Audit;

public sealed class AuditTests(TestServers servers)
{
    private static async Task<(int Exit, string Output)> VerifyAsync(IDictionary<string, string> environment) =>
        await ExternalProcess.TryRunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pathavana.dll"), "audit", "verify"],
            environment: new Dictionary<string, string>(environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

    [Fact]
    public async Task The_chain_verifies_the_database_refuses_edits_and_a_tampered_row_is_named()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct);
        var connection = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pathavana.Platform.Data.DatabaseOptions>>().Value.ConnectionString!;
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = connection,
            ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Storage__DataDirectory"] = app.DataDirectory,
        };

        var intact = await VerifyAsync(environment);
        Assert.True(intact.Exit == 0, intact.Output);
        Assert.Contains("chain intact", intact.Output, StringComparison.Ordinal);

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using (var edit = new NpgsqlCommand("UPDATE audit_logs SET action = 'nothing.happened' WHERE sequence = 2", db))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => edit.ExecuteNonQueryAsync(ct));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        // Someone with the power to drop the guard rewrites history anyway.
        await using (var tamper = new NpgsqlCommand(
            "ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only; UPDATE audit_logs SET client_ip = '203.0.113.9' WHERE sequence = 2;", db))
        {
            await tamper.ExecuteNonQueryAsync(ct);
        }

        var broken = await VerifyAsync(environment);
        Assert.Equal(1, broken.Exit);
        Assert.Contains("BROKEN at record 2", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_records_name_actor_subject_and_ip_but_hold_no_personal_data()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        var id = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(passport: "ZX9988776"), ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        await ana.Client.GetAsync($"/api/v1/travelers/{id}", ct);
        await ana.Client.DeleteAsync($"/api/v1/travelers/{id}", ct);

        // The read is recorded by the background writer, a moment after the answer: wait for it, then read
        // the records in the order they happened.
        var records = await Eventually.UntilAsync(_ =>
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Pathavana.Platform.Data.PathavanaDbContext>();
            return Task.FromResult(db.AuditLogs.OrderBy(a => a.Sequence).ToList());
        }, r => r.Count(a => a.SubjectId == id.ToString()) >= 3, cancellationToken: ct);
        var traveler = records.Where(r => r.SubjectId == id.ToString()).OrderBy(r => r.OccurredAt).Select(r => r.Action).ToList();
        Assert.Equal(["traveler.created", "traveler.read", "traveler.deleted"], traveler);
        Assert.All(records.Where(r => r.SubjectType == "traveler"), r => Assert.Equal(ana.Id, r.ActorId));
        Assert.Contains(records, r => r.Action == "sign_in.succeeded" && r.SubjectId == ana.Id.ToString());
        var everything = JsonSerializer.Serialize(records);
        foreach (var pii in new[] { ana.Email, "ZX9988776", "Silva", "1988-04-09", "912345678" })
        {
            Assert.DoesNotContain(pii, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Reads_are_recorded_after_the_answer_through_a_small_queue_none_is_lost_and_shutdown_writes_the_rest()
    {
        var data = Directory.CreateTempSubdirectory("pathavana-audit-queue-").FullName;
        var settings = new Dictionary<string, string?> { ["Audit:ReadQueueCapacity"] = "4" };
        var ct = TestContext.Current.CancellationToken;
        Guid id;
        int Reads(PathavanaFactory app)
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<Pathavana.Platform.Data.PathavanaDbContext>().AuditLogs
                .Count(a => a.Action == "traveler.read" && a.SubjectId == id.ToString());
        }

        // Another connection that will hold the database's write lock.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "pathavana.db")}");
        await using (var app = PathavanaFactory.Embedded(settings, dataDirectory: data, keepDataDirectory: true))
        {
            var ana = await app.SignUpAsync();
            id = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct))
                .Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

            // 20 concurrent reads through a queue of 4: readers wait for room rather than lose a record.
            var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ana.Client.GetAsync($"/api/v1/travelers/{id}", ct)));
            Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(20, await Eventually.UntilAsync(_ => Task.FromResult(Reads(app)), n => n >= 20, cancellationToken: ct));

            // While another writer holds the database, reads still answer (they write nothing themselves);
            // their records wait in the queue, and the lock is let go only when the shutdown begins.
            await holder.OpenAsync(ct);
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync(ct);
            }
            var second = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ana.Client.GetAsync($"/api/v1/travelers/{id}", ct)));
            Assert.All(second, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.Register(() =>
            {
                using var rollback = holder.CreateCommand();
                rollback.CommandText = "ROLLBACK;";
                rollback.ExecuteNonQuery();
            });
        } // The shutdown writes what is still queued before the process stops.

        await using var again = PathavanaFactory.Embedded(settings, dataDirectory: data);
        Assert.Equal(24, Reads(again));
        using var scope = again.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Pathavana.Platform.Data.PathavanaDbContext>();
        var verified = await Pathavana.Audit.AuditChain.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<Pathavana.Audit.AuditKeys>(), null, ct);
        Assert.True(verified.Intact, verified.Reason);
    }

    [Fact]
    public async Task Admins_query_the_audit_log_and_users_cannot()
    {
        await using var app = PathavanaFactory.Embedded();
        var admin = await app.SignUpAsync();
        var user = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id.ToString()))!, Role.AdminRole);
        }
        using var adminClient = await app.SignInAsync(admin.Email, admin.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync("/api/v1/admin/audit", ct)).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/audit", ct)).StatusCode);

        var page = await adminClient.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?action=account.created&limit=1", ct);
        var records = page.GetProperty("records").EnumerateArray().ToList();
        Assert.Single(records);
        Assert.Equal("account.created", records[0].GetProperty("action").GetString());
        Assert.True(page.GetProperty("nextBefore").ValueKind == JsonValueKind.Number, "a second account.created record is on the next page");

        var promote = await adminClient.PutAsync($"/api/v1/admin/users/{user.Id}/roles/admin", null, ct);
        Assert.Equal(HttpStatusCode.NoContent, promote.StatusCode);
        var changes = await adminClient.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?action=role.changed", ct);
        var change = Assert.Single(changes.GetProperty("records").EnumerateArray());
        Assert.Equal(admin.Id, change.GetProperty("actorId").GetGuid());
        Assert.Equal(user.Id.ToString(), change.GetProperty("subjectId").GetString());
    }
}
