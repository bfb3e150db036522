using Npgsql;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the test run: initdb in a temp folder, pg_ctl on a free port,
/// run as the <c>postgres</c> user when the tests run as root. Each test gets its own database
/// cloned from a migrated template.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string[] BinFolders = Directory.Exists("/usr/lib/postgresql")
        ? [.. Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))]
        : [];

    private readonly string _directory;
    private readonly string _pgCtl;
    private readonly string? _user;
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private bool _templateReady;
    private int _databases;

    private PostgresServer(string directory, string pgCtl, string? user, int port)
    {
        _directory = directory;
        _pgCtl = pgCtl;
        _user = user;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=60;Command Timeout=120";

    public static async Task<PostgresServer> StartAsync()
    {
        const string hint = "apt-get install -y postgresql-15 (or put initdb/pg_ctl on PATH)";
        var initdb = ExternalProcess.Require("initdb", hint, BinFolders);
        var pgCtl = ExternalProcess.Require("pg_ctl", hint, BinFolders);
        var user = ExternalProcess.IsRoot ? "postgres" : null;
        var directory = Directory.CreateTempSubdirectory("pathavana-pg-").FullName;
        if (user is not null)
        {
            await ExternalProcess.RunAsync("chown", ["-R", user, directory]);
        }
        var data = Path.Combine(directory, "data");
        await ExternalProcess.RunAsync(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync", "-N"], user);
        var server = new PostgresServer(directory, pgCtl, user, ExternalProcess.FreePort());
        await server.StartProcessAsync();
        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Starts (or restarts) the server process and waits until it accepts connections.</summary>
    public async Task StartProcessAsync()
    {
        var options = $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await ExternalProcess.RunAsync(_pgCtl, ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start"], _user);
    }

    /// <summary>Stops the server process (fast shutdown), as an outage would.</summary>
    public Task StopProcessAsync() =>
        ExternalProcess.RunAsync(_pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _user);

    /// <summary>An empty database with no tables.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>A database with every migration applied (cloned from a migrated template).</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        await EnsureTemplateAsync();
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE pathavana_template");
        return ConnectionString(name);
    }

    private async Task EnsureTemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }
            await ExecuteAsync("CREATE DATABASE pathavana_template");
            var template = ConnectionString("pathavana_template");
            await TestDatabases.MigratePostgresAsync(template);
            NpgsqlConnection.ClearPool(new NpgsqlConnection(template));
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    /// <summary>A plain-SQL dump of a database (<c>pg_dump</c>), as an operator would take one.</summary>
    public async Task<string> DumpAsync(string connectionString, string? file = null)
    {
        var pgDump = ExternalProcess.Require("pg_dump", "apt-get install -y postgresql-client", BinFolders);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var output = await ExternalProcess.RunAsync(pgDump, ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "--no-owner", "--no-privileges", "-d", database], timeout: TimeSpan.FromMinutes(5));
        if (file is not null)
        {
            await File.WriteAllTextAsync(file, output);
        }
        return output;
    }

    /// <summary>Restores a plain-SQL dump into a new empty database (<c>psql</c>); returns its connection string.</summary>
    public async Task<string> RestoreAsync(string dumpFile)
    {
        var psql = ExternalProcess.Require("psql", "apt-get install -y postgresql-client", BinFolders);
        var target = await CreateEmptyDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(target).Database!;
        await ExternalProcess.RunAsync(psql, ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-d", database, "-f", dumpFile], timeout: TimeSpan.FromMinutes(5));
        return target;
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalProcess.TryRunAsync(_pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _user);
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A log file still open: the temp folder is cleaned by the OS.
            }
        }
        _templateLock.Dispose();
    }
}
