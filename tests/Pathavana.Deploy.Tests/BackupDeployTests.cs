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
        }
        else
        {
            Assert.True(graph.Allows(backup, Rds, 5432));
            Assert.True(graph.Allows(retention, Rds, 5432));
        }
    }
}
