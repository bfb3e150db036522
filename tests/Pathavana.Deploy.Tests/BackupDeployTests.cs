using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// The backup service on Kubernetes: every overlay (production included) renders the backup,
/// retention and restore-drill CronJobs, hardened, running the one executable's commands; they reach
/// the database and the Pushgateway, which Prometheus scrapes, and nothing else reaches the Pushgateway.
/// </summary>
public sealed class BackupDeployTests
{
    private static readonly AddressPeer Rds = NetworkPolicyGraph.Address("10.0.1.50");

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void TheBackupRetentionAndDrillCronJobsAreRenderedAndHardened(string overlay)
    {
        var cronJobs = Overlays.App(overlay).OfType<V1CronJob>().ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);

        var expected = new Dictionary<string, (string Schedule, string[] Args)>(StringComparer.Ordinal)
        {
            ["pathavana-backup"] = ("15 2 * * *", ["backup", "run"]),
            ["pathavana-retention"] = ("45 3 * * *", ["retention", "run"]),
            ["pathavana-restore-drill"] = ("30 4 1 * *", ["restore-drill"]),
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), cronJobs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, (schedule, args)) in expected)
        {
            var cron = cronJobs[name];
            Assert.Equal(schedule, cron.Spec.Schedule);
            Assert.Equal("Etc/UTC", cron.Spec.TimeZone);
            Assert.Equal("Forbid", cron.Spec.ConcurrencyPolicy);
            var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);
            Assert.Equal(args, container.Args);
            Assert.StartsWith("111122223333.dkr.ecr.us-east-1.amazonaws.com/pathavana/backend", container.Image, StringComparison.Ordinal);
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.NotNull(container.Resources.Limits["cpu"]);
            Assert.NotNull(container.Resources.Limits["memory"]);
            Assert.False(pod.AutomountServiceAccountToken);
            Assert.NotNull(cron.Spec.JobTemplate.Spec.ActiveDeadlineSeconds);
        }
        if (overlay != "production")
        {
            return;
        }
        var config = Overlays.App(overlay).OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-backend-config", StringComparison.Ordinal));
        Assert.Equal("http://pushgateway.monitoring.svc.cluster.local:9091", config.Data["Backup__PushgatewayUrl"]);
        // Production backs up its RDS instance through the RDS API, with its own IAM role, every day.
        Assert.Equal("pathavana-production", config.Data["Backup__Rds__InstanceIdentifier"]);
        var account = Overlays.App(overlay).OfType<V1ServiceAccount>().Single(a => a.Metadata.Name == "pathavana-backup");
        Assert.Equal("arn:aws:iam::111122223333:role/pathavana-production-backup", account.Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        Assert.All(cronJobs.Values, c => Assert.NotEqual(true, c.Spec.Suspend));
    }

    /// <summary>The roles deploy/terraform/modules/backup makes: pathavana-{env}-backup everywhere, and in dev (pgBackRest) pathavana-dev-postgres.</summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void TheBackupAndPostgresServiceAccountsCarryTheirIamRoles(string overlay)
    {
        var accounts = Overlays.App(overlay).OfType<V1ServiceAccount>().ToDictionary(a => a.Metadata.Name, StringComparer.Ordinal);

        Assert.Equal($"arn:aws:iam::111122223333:role/pathavana-{overlay}-backup", accounts["pathavana-backup"].Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        if (overlay == "dev")
        {
            Assert.Equal("arn:aws:iam::111122223333:role/pathavana-dev-postgres", accounts["pathavana-postgres"].Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        }
        else
        {
            Assert.False(accounts.ContainsKey("pathavana-postgres"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void TheJobsReachTheDatabaseAndThePushgatewayWhichOnlyTheyAndPrometheusReach(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var graph = new NetworkPolicyGraph(objects);
        var backup = NetworkPolicyGraph.Pod(objects, "CronJob", "pathavana-backup");
        var drill = NetworkPolicyGraph.Pod(objects, "CronJob", "pathavana-restore-drill");
        var retention = NetworkPolicyGraph.Pod(objects, "CronJob", "pathavana-retention");
        var pushgateway = NetworkPolicyGraph.Pod(objects, "Deployment", "pushgateway");
        var prometheus = NetworkPolicyGraph.Pod(objects, "StatefulSet", "prometheus");
        var backend = NetworkPolicyGraph.Pod(objects, "Deployment", "pathavana-backend");

        Assert.True(graph.Allows(backup, pushgateway, 9091), "backup -> pushgateway");
        Assert.True(graph.Allows(drill, pushgateway, 9091), "drill -> pushgateway");
        Assert.True(graph.Allows(prometheus, pushgateway, 9091), "prometheus scrapes the pushgateway");
        Assert.False(graph.Allows(backend, pushgateway, 9091), "the web server does not push");
        Assert.False(graph.Allows(NetworkPolicyGraph.Pod(objects, "Deployment", "grafana"), pushgateway, 9091), "grafana does not push");
        if (overlay == "dev")
        {
            var postgres = NetworkPolicyGraph.Pod(objects, "StatefulSet", "pathavana-postgres");
            Assert.True(graph.Allows(backup, postgres, 5432));
            Assert.True(graph.Allows(drill, postgres, 5432));
            Assert.True(graph.Allows(retention, postgres, 5432));
            // pgBackRest's TLS server: the backup jobs only.
            Assert.True(graph.Allows(backup, postgres, 8432), "backup -> pgbackrest server");
            Assert.True(graph.Allows(drill, postgres, 8432), "drill -> pgbackrest server");
            Assert.False(graph.Allows(retention, postgres, 8432), "retention does not reach the pgbackrest server");
            Assert.False(graph.Allows(backend, postgres, 8432), "the web server does not reach the pgbackrest server");
            // archive-push: the PostgreSQL pod reaches S3 over HTTPS, and nothing else outside.
            Assert.True(graph.Allows(postgres, NetworkPolicyGraph.Address("52.216.8.1"), 443), "postgres -> S3");
            Assert.False(graph.Allows(postgres, NetworkPolicyGraph.Address("52.216.8.1"), 80), "postgres -> plain HTTP");
            Assert.False(graph.Allows(postgres, backend, 8080), "postgres -> backend");
        }
        else
        {
            Assert.True(graph.Allows(backup, Rds, 5432));
            Assert.True(graph.Allows(retention, Rds, 5432));
        }
    }

    /// <summary>
    /// Dev's in-cluster PostgreSQL is backed up by pgBackRest: its pod archives every WAL segment
    /// (archive_timeout 60 s: the RPO) and runs pgBackRest's TLS server beside it, hardened like the
    /// rest; the backup and drill CronJobs run (not suspended) with the job's configuration and a
    /// client certificate whose common name is the one the server admits; the files mounted are the
    /// ones tests/Pathavana.Tests/Backup/TlsServerBackupTests runs with the real pgBackRest.
    /// </summary>
    [Fact]
    public void DevsInClusterPostgresIsBackedUpByPgBackRestThroughItsTlsServer()
    {
        var objects = Overlays.App("dev");
        var postgres = objects.OfType<V1StatefulSet>().Single(s => s.Metadata.Name == "pathavana-postgres").Spec.Template.Spec;
        var containers = postgres.Containers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Assert.Equal(["pgbackrest", "postgres"], containers.Keys.Order(StringComparer.Ordinal));
        Assert.All(containers.Values, c =>
        {
            Assert.Matches(@"^111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com/pathavana/postgres:[0-9A-Za-z._-]+@sha256:[0-9a-f]{64}$", c.Image);
            Assert.True(c.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(c.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], c.SecurityContext.Capabilities.Drop);
            Assert.NotNull(c.Resources.Limits["memory"]);
            Assert.NotNull(c.ReadinessProbe);
            Assert.Contains(c.Env, e => e.Name == "PGBACKREST_REPO1_CIPHER_PASS" && e.ValueFrom.SecretKeyRef.Name == "pathavana-pgbackrest-secrets");
            Assert.Contains(c.VolumeMounts, m => m.MountPath == "/etc/pgbackrest/pgbackrest.conf" && m.SubPath == "database.conf");
        });
        var settings = string.Join(' ', containers["postgres"].Args);
        Assert.Contains("archive_mode=on", settings, StringComparison.Ordinal);
        Assert.Contains("archive_command=pgbackrest --stanza=pathavana archive-push %p", settings, StringComparison.Ordinal);
        Assert.Contains("archive_timeout=60", settings, StringComparison.Ordinal);
        Assert.Equal(["pgbackrest", "server"], containers["pgbackrest"].Command);
        Assert.Contains(containers["pgbackrest"].Ports, p => p.ContainerPort == 8432);
        Assert.Equal("pathavana-pgbackrest-server-tls", postgres.Volumes.Single(v => v.Name == "pgbackrest-tls").Secret.SecretName);
        Assert.Contains(objects.OfType<V1Service>().Single(s => s.Metadata.Name == "pathavana-postgres").Spec.Ports, p => p.Port == 8432);

        var config = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-pgbackrest-", StringComparison.Ordinal) && c.Data.ContainsKey("job.conf"));
        Assert.Equal(File.ReadAllText(RepositoryLayout.PathTo("deploy", "k8s", "components", "in-cluster-data", "pgbackrest", "database.conf")), config.Data["database.conf"]);
        Assert.Contains("pg1-host=pathavana-postgres\n", config.Data["job.conf"], StringComparison.Ordinal);
        Assert.Contains("pg1-host-type=tls\n", config.Data["job.conf"], StringComparison.Ordinal);
        Assert.Contains("tls-server-auth=pathavana-backup=pathavana\n", config.Data["database.conf"], StringComparison.Ordinal);
        var bucket = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-pgbackrest-env", StringComparison.Ordinal));
        Assert.Equal("pathavana-dev-backups", bucket.Data["PGBACKREST_REPO1_S3_BUCKET"]);

        foreach (var name in new[] { "pathavana-backup", "pathavana-restore-drill" })
        {
            var cron = objects.OfType<V1CronJob>().Single(c => c.Metadata.Name == name);
            Assert.NotEqual(true, cron.Spec.Suspend);
            var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);
            Assert.Contains(container.Env, e => e.Name == "Backup__Mode" && e.Value == "PgBackRest");
            Assert.Contains(container.VolumeMounts, m => m.MountPath == "/etc/pgbackrest/pgbackrest.conf" && m.SubPath == "job.conf");
            Assert.Contains(container.VolumeMounts, m => m.MountPath == "/etc/pgbackrest/tls");
            Assert.Equal("pathavana-pgbackrest-client-tls", pod.Volumes.Single(v => v.Name == "pgbackrest-tls").Secret.SecretName);
        }

        // The certificates: the client's common name is the one tls-server-auth admits; the server's is the name job.conf dials.
        var certificates = objects.OfType<Certificate>().ToDictionary(c => c.Metadata.Name, c => c.Spec!, StringComparer.Ordinal);
        Assert.Equal("pathavana-backup", certificates["pathavana-pgbackrest-client"].CommonName);
        Assert.Equal("pathavana-pgbackrest-client-tls", certificates["pathavana-pgbackrest-client"].SecretName);
        Assert.Equal("pathavana-postgres", certificates["pathavana-pgbackrest-server"].CommonName);
        Assert.Equal("pathavana-pgbackrest-server-tls", certificates["pathavana-pgbackrest-server"].SecretName);
        Assert.All(new[] { "pathavana-pgbackrest-client", "pathavana-pgbackrest-server" }, c => Assert.Equal("pathavana-pgbackrest-ca", certificates[c].IssuerRef.Name));
        Assert.Equal("pathavana-pgbackrest-ca", objects.OfType<CertManagerIssuer>().Single(i => i.Spec!.Ca is not null).Spec!.Ca!.SecretName);
    }

    /// <summary>pgBackRest's TLS client (the backend image) and server (the PostgreSQL image) refuse each other across versions.</summary>
    [Fact]
    public void TheBackendAndPostgresImagesCarryTheSamePgBackRest()
    {
        static string Version(string dockerfile) =>
            System.Text.RegularExpressions.Regex.Match(File.ReadAllText(RepositoryLayout.PathTo("deploy", "docker", dockerfile)), @"ARG PGBACKREST_VERSION=(\S+)").Groups[1].Value;

        Assert.NotEqual("", Version("backend.Dockerfile"));
        Assert.Equal(Version("backend.Dockerfile"), Version("postgres.Dockerfile"));
    }
}
