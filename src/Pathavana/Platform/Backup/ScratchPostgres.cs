using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pathavana.Platform.Backup;

/// <summary>
/// A throw-away PostgreSQL server on a restored data directory: loopback only, on a free port, with
/// WAL archiving off (a drill must never push into the production repository) and its own trust-only
/// pg_hba.conf (the restored cluster's roles are kept; no password is needed on loopback).
/// </summary>
internal sealed class ScratchPostgres : IAsyncDisposable
{
    private readonly string _pgCtl;
    private readonly string _dataDirectory;

    private ScratchPostgres(string pgCtl, string dataDirectory, int port)
    {
        _pgCtl = pgCtl;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The newest PostgreSQL bin folder (<c>/usr/lib/postgresql/N/bin</c>), or null.</summary>
    public static string? DefaultBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            : null;

    /// <summary>Starts the server on <paramref name="dataDirectory"/> and waits until recovery has ended and it accepts connections.</summary>
    public static async Task<ScratchPostgres> StartAsync(string binDirectory, string dataDirectory, string user, string database, CancellationToken cancellationToken)
    {
        var pgCtl = Path.Combine(binDirectory, "pg_ctl");
        var port = FreePort();
        var hba = Path.Combine(dataDirectory, "pg_hba.drill.conf");
        await File.WriteAllTextAsync(hba, "local all all trust\nhost all all 127.0.0.1/32 trust\n", cancellationToken);
        var options = string.Join(' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}", $"-k {dataDirectory}", "-c listen_addresses=127.0.0.1",
            // max_connections and the like stay as restored: recovery refuses values below the primary's.
            "-c archive_mode=off", $"-c hba_file={hba}", "-c ssl=off");
        var server = new ScratchPostgres(pgCtl, dataDirectory, port);
        // -w waits for start-up, which for a restore includes replaying the WAL it fetches.
        var log = Path.Combine(dataDirectory, "drill-server.log");
        var (exit, output) = await ProcessRunner.RunAsync(pgCtl, ["-D", dataDirectory, "-l", log, "-o", options, "-w", "-t", "3600", "start"], cancellationToken);
        if (exit != 0)
        {
            var tail = File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log, cancellationToken)).TakeLast(15)) : "(no log)";
            throw new BackupException($"the restored cluster did not start (pg_ctl exited with {exit}: {output.Trim()}); its log ends:\n{tail}");
        }
        await using var connection = new NpgsqlConnection(server.ConnectionString(user, database));
        while (true)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var recovering = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
                if (!(bool)(await recovering.ExecuteScalarAsync(cancellationToken))!)
                {
                    break;
                }
                await connection.CloseAsync();
            }
            catch (NpgsqlException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still starting.
            }
            await Task.Delay(200, cancellationToken);
        }
        return server;
    }

    public string ConnectionString(string user, string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = user, Database = database, Pooling = false, Timeout = 30, CommandTimeout = 600 }.ToString();

    /// <summary>The commit time of the last transaction the recovery replayed (null: none was replayed).</summary>
    public async Task<DateTimeOffset?> LastReplayedTransactionAsync(string user, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(user, database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_last_xact_replay_timestamp()", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ProcessRunner.RunAsync(_pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
    }
}
