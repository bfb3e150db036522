using Npgsql;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>
/// What a self-managed PostgreSQL deployment's backups are made of, all real and on loopback:
/// s3rver serving HTTPS with a certificate from a CA made here (pgBackRest verifies it with
/// <c>repo1-storage-ca-file</c>), a PostgreSQL server started with <c>archive_mode=on</c> whose
/// <c>archive_command</c> is <c>pgbackrest archive-push</c>, and a pgbackrest.conf for an encrypted
/// (aes-256-cbc) S3 repository. Everything runs as the <c>postgres</c> user when the tests run as root.
/// </summary>
internal sealed class PgBackRestRig : IAsyncDisposable
{
    public const string Stanza = "pathavana";
    public const string Database = "pathavana";

    private static readonly string[] BinFolders = Directory.Exists("/usr/lib/postgresql")
        ? [.. Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))]
        : [];

    private FakeS3? _s3;
    private System.Diagnostics.Process? _tlsServer;

    private PgBackRestRig(string directory, string bin, string? user, int port)
    {
        Directory_ = directory;
        BinDirectory = bin;
        User = user;
        Port = port;
        ConfigFile = Path.Combine(directory, "pgbackrest.conf");
        DatabaseConfigFile = ConfigFile;
    }

    public string Directory_ { get; }

    public string BinDirectory { get; }

    /// <summary>The OS user PostgreSQL and the backup commands run as (null: the current one).</summary>
    public string? User { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(Directory_, "data");

    /// <summary>The pgbackrest.conf the backup commands use (with a TLS server: the job's, which reaches the data directory through it).</summary>
    public string ConfigFile { get; private set; }

    /// <summary>The pgbackrest.conf on the database's side: archive_command's (and the TLS server's).</summary>
    public string DatabaseConfigFile { get; private set; }

    /// <summary>With a TLS server: the port it listens on (null: the commands read the data directory themselves).</summary>
    public int? TlsServerPort { get; private set; }

    /// <summary>The shipped configurations of the in-cluster PostgreSQL and its backup job (deploy/k8s/components/in-cluster-data/pgbackrest).</summary>
    public static string ShippedConfig(string name) =>
        Path.Combine(Observability.MonitoringConfigTests.RepositoryRoot(), "deploy", "k8s", "components", "in-cluster-data", "pgbackrest", name);

    /// <summary>A folder the backup commands' user may write in (restore targets, drill scratch).</summary>
    public string Work => Path.Combine(Directory_, "work");

    /// <param name="archiveTimeoutSeconds">PostgreSQL's archive_timeout: the longest a commit waits in an unarchived WAL segment.</param>
    /// <param name="tlsServer">
    /// The in-cluster topology (deploy/k8s/components/in-cluster-data): the database side and the
    /// backup job each get the shipped configuration file with only the places changed (endpoint,
    /// bucket, credentials, paths, ports); pgBackRest's TLS server runs beside PostgreSQL and the
    /// commands reach the data directory only through it, with a client certificate.
    /// </param>
    public static async Task<PgBackRestRig> StartAsync(int archiveTimeoutSeconds, bool tlsServer = false)
    {
        ExternalProcess.Require("pgbackrest", "apt-get install -y pgbackrest");
        var initdb = ExternalProcess.Require("initdb", "apt-get install -y postgresql", BinFolders);
        var user = ExternalProcess.IsRoot ? "postgres" : null;
        var directory = System.IO.Directory.CreateTempSubdirectory("pathavana-pgbr-").FullName;
        var rig = new PgBackRestRig(directory, Path.GetDirectoryName(initdb)!, user, ExternalProcess.FreePort());
        System.IO.Directory.CreateDirectory(rig.Work);

        // A CA and a server certificate for 127.0.0.1 (in the common name: pgBackRest 2.45 matches host names there, not IP SANs).
        await Openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Pathavana test CA");
        await Openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "s3.key", "-out", "s3.csr", "-subj", "/CN=127.0.0.1");
        await Openssl(directory, "x509", "-req", "-in", "s3.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "s3.crt", "-days", "2");
        rig._s3 = await FakeS3.StartAsync("pathavana-backups", Path.Combine(directory, "s3.key"), Path.Combine(directory, "s3.crt"));

        await File.WriteAllTextAsync(rig.ConfigFile, string.Join('\n',
            "[global]",
            "repo1-type=s3",
            "repo1-s3-endpoint=127.0.0.1",
            $"repo1-storage-port={rig._s3.Port}",
            $"repo1-storage-ca-file={Path.Combine(directory, "ca.crt")}",
            "repo1-s3-uri-style=path",
            $"repo1-s3-bucket={rig._s3.Bucket}",
            "repo1-s3-region=us-east-1",
            $"repo1-s3-key={FakeS3.AccessKeyId}",
            $"repo1-s3-key-secret={FakeS3.SecretAccessKey}",
            "repo1-path=/pathavana",
            "repo1-cipher-type=aes-256-cbc",
            "repo1-cipher-pass=a-test-repository-passphrase-not-a-real-one",
            "repo1-retention-full-type=time",
            "repo1-retention-full=30",
            "start-fast=y",
            "archive-async=n",
            "compress-type=lz4",
            "io-timeout=30",
            "log-level-console=warn",
            "log-level-file=off",
            $"lock-path={Path.Combine(directory, "lock")}",
            $"spool-path={Path.Combine(directory, "spool")}",
            $"log-path={Path.Combine(directory, "log")}",
            "",
            $"[{Stanza}]",
            $"pg1-path={rig.DataDirectory}",
            $"pg1-port={rig.Port}",
            $"pg1-socket-path={directory}",
            "pg1-user=postgres",
            ""));
        if (tlsServer)
        {
            await rig.WriteTlsConfigsAsync();
        }
        if (user is not null)
        {
            await ExternalProcess.RunAsync("chown", ["-R", user, directory]);
        }
        await ExternalProcess.RunAsync(initdb, ["-D", rig.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "-N"], user);
        await File.AppendAllTextAsync(Path.Combine(rig.DataDirectory, "postgresql.conf"), string.Join('\n',
            "",
            "listen_addresses = '127.0.0.1'",
            $"port = {rig.Port}",
            $"unix_socket_directories = '{directory}'",
            "wal_level = replica",
            "archive_mode = on",
            $"archive_command = 'pgbackrest --config={rig.DatabaseConfigFile} --stanza={Stanza} archive-push %p'",
            $"archive_timeout = {archiveTimeoutSeconds}",
            // The commit time of every transaction, so that the test knows which markers a named time must hold.
            "track_commit_timestamp = on",
            "max_connections = 60",
            ""));
        await rig.StartServerAsync();
        await rig.ExecuteAsync($"CREATE DATABASE {Database}", "postgres");
        if (tlsServer)
        {
            await rig.StartTlsServerAsync();
        }
        return rig;
    }

    /// <summary>
    /// database.conf and job.conf as shipped, with the places of this machine: the S3 endpoint,
    /// bucket and static keys instead of the pod's IAM role, the cipher passphrase the pods get from
    /// their environment, folders, ports, and certificates made here for 127.0.0.1 (server) and
    /// pathavana-backup (client, the common name the server's tls-server-auth admits).
    /// </summary>
    private async Task WriteTlsConfigsAsync()
    {
        await Openssl(Directory_, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        await Openssl(Directory_, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2");
        await Openssl(Directory_, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=pathavana-backup");
        await Openssl(Directory_, "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.crt", "-days", "2");
        TlsServerPort = ExternalProcess.FreePort();
        var places = new Dictionary<string, string?>
        {
            ["repo1-s3-endpoint"] = "127.0.0.1",
            ["repo1-storage-port"] = _s3!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["repo1-storage-ca-file"] = Path.Combine(Directory_, "ca.crt"),
            ["repo1-s3-uri-style"] = "path",
            ["repo1-s3-bucket"] = _s3.Bucket,
            ["repo1-s3-key-type"] = "shared",
            ["repo1-s3-key"] = FakeS3.AccessKeyId,
            ["repo1-s3-key-secret"] = FakeS3.SecretAccessKey,
            ["repo1-path"] = "/pathavana",
            ["repo1-cipher-pass"] = "a-test-repository-passphrase-not-a-real-one",
            ["lock-path"] = Path.Combine(Directory_, "lock"),
            ["log-path"] = Path.Combine(Directory_, "log"),
            ["log-level-console"] = "warn",
            ["io-timeout"] = "30",
            ["pg1-path"] = DataDirectory,
            ["pg1-port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pg1-socket-path"] = Directory_,
            ["pg1-user"] = "postgres",
        };
        DatabaseConfigFile = Path.Combine(Directory_, "database.conf");
        await File.WriteAllTextAsync(DatabaseConfigFile, Ini.WithPlaces(await File.ReadAllTextAsync(ShippedConfig("database.conf")), new Dictionary<string, string?>(places)
        {
            ["tls-server-address"] = "127.0.0.1",
            ["tls-server-port"] = TlsServerPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tls-server-ca-file"] = Path.Combine(Directory_, "ca.crt"),
            ["tls-server-cert-file"] = Path.Combine(Directory_, "server.crt"),
            ["tls-server-key-file"] = Path.Combine(Directory_, "server.key"),
        }));
        ConfigFile = Path.Combine(Directory_, "job.conf");
        await File.WriteAllTextAsync(ConfigFile, Ini.WithPlaces(await File.ReadAllTextAsync(ShippedConfig("job.conf")), new Dictionary<string, string?>(places)
        {
            ["lock-path"] = Path.Combine(Directory_, "job-lock"),
            ["pg1-host"] = "127.0.0.1",
            ["pg1-host-port"] = TlsServerPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pg1-host-ca-file"] = Path.Combine(Directory_, "ca.crt"),
            ["pg1-host-cert-file"] = Path.Combine(Directory_, "client.crt"),
            ["pg1-host-key-file"] = Path.Combine(Directory_, "client.key"),
        }));
    }

    /// <summary>pgBackRest's TLS server on the database's side, as the pgbackrest container of the PostgreSQL pod runs it.</summary>
    public async Task StartTlsServerAsync()
    {
        var info = User is null
            ? new System.Diagnostics.ProcessStartInfo("pgbackrest")
            : new System.Diagnostics.ProcessStartInfo("runuser") { ArgumentList = { "-u", User, "--", "pgbackrest" } };
        info.ArgumentList.Add($"--config={DatabaseConfigFile}");
        info.ArgumentList.Add("server");
        info.WorkingDirectory = Path.GetTempPath();
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        _tlsServer = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("pgbackrest server did not start.");
        _tlsServer.OutputDataReceived += (_, _) => { };
        _tlsServer.ErrorDataReceived += (_, _) => { };
        _tlsServer.BeginOutputReadLine();
        _tlsServer.BeginErrorReadLine();
        await Eventually.UntilAsync(
            async _ => (await ExternalProcess.TryRunAsync("pgbackrest", ["--config=" + DatabaseConfigFile, "--tls-server-address=127.0.0.1", "server-ping"], User)).ExitCode,
            exit => exit == 0);
    }

    /// <summary>Stops the TLS server (the job then cannot reach the data directory).</summary>
    public async Task StopTlsServerAsync()
    {
        if (_tlsServer is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    public string ConnectionString(int? port = null, string database = Database) =>
        $"Host=127.0.0.1;Port={port ?? Port};Username=postgres;Database={database};Pooling=false;Timeout=30;Command Timeout=120";

    public Task StartServerAsync() =>
        ExternalProcess.RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(Directory_, "server.log"), "-w", "-t", "120", "start"], User);

    /// <summary>SIGKILL to the postmaster: the disaster, with no shutdown checkpoint and no last WAL switch.</summary>
    public async Task KillAsync()
    {
        var pid = (await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid")))[0].Trim();
        await ExternalProcess.RunAsync("kill", ["-9", pid]);
        await Eventually.UntilAsync(async _ => (await ExternalProcess.TryRunAsync("kill", ["-0", pid])).ExitCode != 0, gone => gone);
    }

    /// <summary>Starts a restored data directory as its own server on a free port (archiving off: it must not push into the repository).</summary>
    public async Task<int> StartRestoredAsync(string dataDirectory)
    {
        var port = ExternalProcess.FreePort();
        var options = $"-p {port} -k {Directory_} -c archive_mode=off";
        await ExternalProcess.RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "restored.log"), "-o", options, "-w", "-t", "600", "start"], User);
        await Eventually.UntilAsync(async ct =>
        {
            await using var connection = new NpgsqlConnection(ConnectionString(port));
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            return (bool)(await command.ExecuteScalarAsync(ct))!;
        }, recovering => !recovering);
        return port;
    }

    public Task StopAsync(string dataDirectory) =>
        ExternalProcess.TryRunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], User);

    public async Task ExecuteAsync(string sql, string database = Database, int? port = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(port, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Environment for the pathavana commands: PostgreSQL, the pgBackRest config, the drill's scratch folder.</summary>
    public Dictionary<string, string> Environment(string metricsFile) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Pathavana"] = ConnectionString(),
        ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
        ["Storage__DataDirectory"] = Path.Combine(Work, "app-data"),
        ["Backup__PgBackRestConfig"] = ConfigFile,
        ["Backup__ScratchDirectory"] = Work,
        ["Backup__PostgresBinDirectory"] = BinDirectory,
        ["Backup__MetricsFile"] = metricsFile,
    };

    private static Task Openssl(string directory, params string[] args) =>
        ExternalProcess.RunAsync("sh", ["-c", $"cd '{directory}' && openssl {string.Join(' ', args.Select(a => $"'{a}'"))}"]);

    public async ValueTask DisposeAsync()
    {
        await StopTlsServerAsync();
        _tlsServer?.Dispose();
        foreach (var data in System.IO.Directory.GetDirectories(Work).Append(DataDirectory))
        {
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                await StopAsync(data);
            }
        }
        if (_s3 is not null)
        {
            await _s3.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory_, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
