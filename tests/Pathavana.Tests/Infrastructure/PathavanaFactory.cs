using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// The real application in process, configured only through settings — the same switches an
/// operator uses. Each factory has its own data directory, deleted when it is disposed.
/// </summary>
public sealed class PathavanaFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private PathavanaFactory(Dictionary<string, string?> settings, string dataDirectory)
    {
        _settings = settings;
        DataDirectory = dataDirectory;
        _settings["Storage:DataDirectory"] = dataDirectory;
        _settings.TryAdd("RateLimiting:PermitLimit", "100000");
        // The in-process retention timer would fire when a test moves a fake clock by days; tests run the job themselves.
        _settings.TryAdd("Retention:Timer", "false");
        // Tests sign up and in many accounts from one address; the stricter limits have their own tests.
        _settings.TryAdd("RateLimiting:Auth:PermitLimit", "100000");
        _settings.TryAdd("RateLimiting:EmailPerAddress:PermitLimit", "100000");
        _settings.TryAdd("RateLimiting:EmailPerIp:PermitLimit", "100000");
        // Secure cookies are only sent over HTTPS.
        ClientOptions.BaseAddress = new Uri("https://localhost/");
    }

    public string DataDirectory { get; }

    /// <summary>A fixed master key for production-wired tests (never a real one).</summary>
    public const string TestMasterKey = "cGF0aGF2YW5hLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=";

    /// <summary>Every log record the app wrote, for tests that check what logs contain.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>When set, the app's clock; tests move it.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Leave the data directory on disposal, for a test that opens it again after a shutdown.</summary>
    public bool KeepDataDirectory { get; init; }

    /// <summary>When set, records the SQL commands of requests that ask for it (see <see cref="SqlCommandLog"/>).</summary>
    public SqlCommandLog? SqlCommands { get; init; }

    /// <summary>The embedded default: SQLite under a fresh data directory, in-process cache.</summary>
    public static PathavanaFactory Embedded(IDictionary<string, string?>? settings = null, string? dataDirectory = null, FakeTimeProvider? clock = null,
        bool keepDataDirectory = false, SqlCommandLog? sqlCommands = null) =>
        new(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), dataDirectory ?? NewDataDirectory())
        {
            Clock = clock,
            KeepDataDirectory = keepDataDirectory,
            SqlCommands = sqlCommands,
        };

    /// <summary>Production wiring: PostgreSQL (a fresh migrated database) and Redis.</summary>
    public static async Task<PathavanaFactory> ProductionAsync(TestServers servers, IDictionary<string, string?>? settings = null, bool redis = true, FakeTimeProvider? clock = null,
        SqlCommandLog? sqlCommands = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = await servers.Postgres.CreateMigratedDatabaseAsync(),
            ["Encryption:MasterKey"] = TestMasterKey,
        };
        if (redis)
        {
            all.TryAdd("Redis:Configuration", servers.Redis.Configuration);
            all.TryAdd("Redis:InstanceName", $"t{Guid.NewGuid():N}:");
        }
        return new PathavanaFactory(all, NewDataDirectory()) { Clock = clock, SqlCommands = sqlCommands };
    }

    private static string NewDataDirectory() => Directory.CreateTempSubdirectory("pathavana-data-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:PublicUrl", "https://localhost");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // The in-memory test server has no client address: a test names one with X-Test-Client-IP,
        // as the network would (the app itself never reads that header).
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        if (SqlCommands is not null)
        {
            builder.ConfigureServices(SqlCommands.AddTo);
        }
        if (Clock is not null)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        }
    }

    /// <summary>The header a test sets to send a request from a given client address.</summary>
    public const string ClientAddressHeader = "X-Test-Client-IP";

    private sealed class TestClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepDataDirectory)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
