using System.Diagnostics;
using System.Net;
using Npgsql;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>The real executable, run as an operator runs it.</summary>
public sealed class CommandLineTests(TestServers servers)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "pathavana.dll");

    private static Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] args)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
        };
        env.TryAdd("Storage__DataDirectory", Directory.CreateTempSubdirectory("pathavana-cli-").FullName);
        return ExternalProcess.TryRunAsync("dotnet", [Executable, .. args], environment: env, timeout: Eventually.SafetyNet);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exit, output) = await RunAsync(new Dictionary<string, string>(), "--help");

        Assert.Equal(0, exit);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_with_a_message_naming_the_setting()
    {
        var (exit, output) = await RunAsync(new Dictionary<string, string> { ["Database__Provider"] = "Postgres" }, "serve");

        Assert.NotEqual(0, exit);
        Assert.Contains("ConnectionStrings__Pathavana", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database__Provider")]
    [InlineData("Database__CommandTimeoutSeconds", "soon", "Database__CommandTimeoutSeconds")]
    [InlineData("RateLimiting__PermitLimit", "0", "RateLimiting__PermitLimit")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "not-an-ip", "ForwardedHeaders__KnownProxies")]
    [InlineData("ConnectionStrings__Pathavana", "Host=localhost;Bogus Keyword=1", "ConnectionStrings__Pathavana")]
    public async Task A_malformed_setting_stops_start_up_naming_it(string key, string value, string named)
    {
        var environment = new Dictionary<string, string> { [key] = value };
        if (key.StartsWith("ConnectionStrings", StringComparison.Ordinal))
        {
            environment["Database__Provider"] = "Postgres";
        }

        var (exit, output) = await RunAsync(environment, "migrate");

        Assert.NotEqual(0, exit);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_refused()
    {
        var (exit, output) = await RunAsync(new Dictionary<string, string>(), "migarte");

        Assert.NotEqual(0, exit);
        Assert.Contains("migarte", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_builds_an_empty_postgres_database_and_is_idempotent()
    {
        var connection = await servers.Postgres.CreateEmptyDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = connection,
            ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
        };

        var (exit, output) = await RunAsync(environment, "migrate");
        Assert.True(exit == 0, output);
        Assert.Contains("applied", output, StringComparison.Ordinal);
        // An empty database is what migrate is for: nothing about it is an error (EF Core's failed
        // probe for the history table used to log one, with its SQL).
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Error\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed executing DbCommand", output, StringComparison.Ordinal);
        var (again, secondOutput) = await RunAsync(environment, "migrate");
        Assert.True(again == 0, secondOutput);
        Assert.Contains("up to date", secondOutput, StringComparison.Ordinal);

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users','travelers','bookings','sessions','audit_logs')", db);
        Assert.Equal(5L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Serve_on_the_embedded_default_answers_ready_from_a_fresh_data_directory()
    {
        var port = ExternalProcess.FreePort();
        var data = Path.Combine(Directory.CreateTempSubdirectory("pathavana-serve-").FullName, "data");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Executable);
        info.Environment["Storage__DataDirectory"] = data;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        using var process = Process.Start(info)!;
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { logs.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { logs.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan };
            var status = await Eventually.ReadyAsync(http, () => process.HasExited, TestContext.Current.CancellationToken);

            Assert.True(status == HttpStatusCode.OK, string.Join('\n', logs));
            Assert.True(File.Exists(Path.Combine(data, "pathavana.db")));
            // Outside Development the logs are JSON lines.
            var line = logs.First(l => l.StartsWith('{'));
            using var json = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("level", out _));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
