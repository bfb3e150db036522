using System.Globalization;
using k8s;
using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>Every overlay renders and every object in it is a valid, fully typed Kubernetes object.</summary>
public sealed class KustomizeTests
{
    /// <summary>The settings the backend reads from its Secret; a missing one stops it at start-up.</summary>
    public static readonly string[] BackendSecretNames =
    [
        "ConnectionStrings__Pathavana", "Redis__Configuration", "Amadeus__ClientId", "Amadeus__ClientSecret",
        "GoogleMaps__ApiKey", "Llm__ApiKey", "Smtp__Username", "Smtp__Password", "Encryption__MasterKey",
    ];

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void OverlayRendersAndEveryObjectLoadsStrictly(string overlay)
    {
        var objects = Overlays.Load(overlay);

        Assert.NotEmpty(objects);
        var names = objects.Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var expected in new[]
        {
            "Namespace/", "Deployment/pathavana-backend", "Deployment/pathavana-web", "Job/pathavana-migrate",
            "Service/pathavana-backend", "Service/pathavana-web", "HorizontalPodAutoscaler/pathavana-backend",
            "HorizontalPodAutoscaler/pathavana-web", "PodDisruptionBudget/pathavana-backend", "PodDisruptionBudget/pathavana-web",
            "NetworkPolicy/default-deny-all", "Ingress/pathavana", "ExternalSecret/pathavana-backend-secrets",
            "SecretStore/aws-secrets-manager", "ServiceAccount/pathavana-backend",
        })
        {
            Assert.Contains(names, n => n.StartsWith(expected, StringComparison.Ordinal));
        }
        var ns = Assert.Single(objects.OfType<V1Namespace>()).Metadata.Name;
        Assert.All(objects.Where(o => o is not V1Namespace), o => Assert.Equal(ns, o.Metadata.NamespaceProperty));
        Assert.Equal("restricted", Assert.Single(objects.OfType<V1Namespace>()).Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void OverlayPassesEveryPolicy(string overlay)
    {
        var violations = new ManifestPolicy(Overlays.Load(overlay)).Check();

        Assert.True(violations.Count == 0, $"overlays/{overlay} breaks the policy:\n{string.Join('\n', violations)}");
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void BackendGetsEverySecretFromSecretsManagerOfItsOwnEnvironment(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var external = Assert.Single(objects.OfType<ExternalSecret>(), e => e.Metadata.Name == "pathavana-backend-secrets");
        var backend = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "pathavana-backend");
        var container = Assert.Single(backend.Spec.Template.Spec.Containers);

        Assert.Equal(BackendSecretNames.Order(StringComparer.Ordinal), external.Spec!.Data.Select(d => d.SecretKey).Order(StringComparer.Ordinal));
        Assert.All(external.Spec.Data, d => Assert.Equal($"pathavana/{overlay}/app", d.RemoteRef.Key));
        Assert.Contains(container.EnvFrom, e => e.SecretRef?.Name == external.Spec.Target.Name);
        Assert.Contains(objects.OfType<SecretStore>(), s => s.Metadata.Name == external.Spec.SecretStoreRef.Name);
        Assert.Empty(objects.OfType<V1Secret>());
        // No secret value is set inline on any container either.
        Assert.DoesNotContain(
            objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env ?? []),
            e => BackendSecretNames.Contains(e.Name, StringComparer.Ordinal) && e.Value is not null);
    }

    /// <summary>
    /// Migrations run as the schema owner; the backend as the least-privilege role the migration
    /// creates (it may only read and append audit records). The owner's password reaches the Job only.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void MigrationRunsAsTheSchemaOwnerAndOnlyItGetsTheOwnersPassword(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var owner = Assert.Single(objects.OfType<ExternalSecret>(), e => e.Metadata.Name == "pathavana-migrate-secrets");
        var job = Assert.Single(objects.OfType<V1Job>()).Spec.Template.Spec.Containers[0];
        var backend = Assert.Single(objects.OfType<V1Deployment>(), d => d.Metadata.Name == "pathavana-backend").Spec.Template.Spec.Containers[0];

        Assert.Equal(["ConnectionStrings__Pathavana", "Database__AppRolePassword"], owner.Spec!.Data.Select(d => d.SecretKey).Order(StringComparer.Ordinal));
        Assert.Equal("Migrate__OwnerConnectionString", owner.Spec.Data.Single(d => d.SecretKey == "ConnectionStrings__Pathavana").RemoteRef.Property);
        Assert.All(owner.Spec.Data, d => Assert.Equal($"pathavana/{overlay}/app", d.RemoteRef.Key));
        // Kubernetes: of keys in several envFrom sources, the last wins, so the owner's string must come last.
        Assert.Equal(owner.Spec.Target.Name, job.EnvFrom[^1].SecretRef?.Name);
        Assert.Contains(job.EnvFrom, e => e.SecretRef?.Name == "pathavana-backend-secrets");
        Assert.DoesNotContain(objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.EnvFrom ?? []),
            e => e.SecretRef?.Name == owner.Spec.Target.Name);
        Assert.NotNull(backend);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void BackendIsConfiguredForPostgresAndServesApiAndMetricsOnSeparatePorts(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var config = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-backend-config", StringComparison.Ordinal));
        var backend = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "pathavana-backend");
        var container = Assert.Single(backend.Spec.Template.Spec.Containers);
        var migrate = Assert.Single(objects.OfType<V1Job>());

        Assert.Equal("Postgres", config.Data["Database__Provider"]);
        Assert.Equal("/data", config.Data["Storage__DataDirectory"]);
        Assert.Equal("9464", config.Data["Metrics__Port"]);
        Assert.True(System.Net.IPNetwork.TryParse(config.Data["ForwardedHeaders__KnownNetworks__0"], out _));
        Assert.StartsWith("http://", config.Data["OTEL_EXPORTER_OTLP_ENDPOINT"], StringComparison.Ordinal);
        Assert.Equal(["http:8080", "metrics:9464"], container.Ports.Select(p => $"{p.Name}:{p.ContainerPort}"));
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/data");
        Assert.Equal(["migrate"], Assert.Single(migrate.Spec.Template.Spec.Containers).Args);
        Assert.Equal(container.Image, migrate.Spec.Template.Spec.Containers[0].Image);
    }

    [Theory]
    [InlineData("dev", "dev.pathavana.com")]
    [InlineData("staging", "staging.pathavana.com")]
    [InlineData("production", "pathavana.com")]
    public void IngressServesTheEnvironmentsHostWithCorsForItsOrigin(string overlay, string host)
    {
        var ingress = Assert.Single(Overlays.Load(overlay).OfType<V1Ingress>());

        Assert.Equal(host, Assert.Single(ingress.Spec.Rules).Host);
        Assert.Equal(host, Assert.Single(Assert.Single(ingress.Spec.Tls).Hosts));
        Assert.Equal($"https://{host}", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/cors-allow-origin"]);
        var config = Overlays.Load(overlay).OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-backend-config", StringComparison.Ordinal));
        Assert.Equal($"https://{host}", config.Data["App__PublicUrl"]);
        var paths = ingress.Spec.Rules[0].Http.Paths.ToDictionary(p => p.Path, p => p.Backend.Service.Name, StringComparer.Ordinal);
        Assert.Equal("pathavana-backend", paths["/api"]);
        Assert.Equal("pathavana-web", paths["/"]);
    }

    /// <summary>
    /// Argo CD applies in waves. The migration Job must find its account, configuration, secret
    /// and network paths (and in dev its database) in place, and finish before the new backend starts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void MigrationRunsAfterWhatItNeedsAndBeforeTheBackend(string overlay)
    {
        var objects = Overlays.Load(overlay);
        static int Wave(IKubernetesObject<V1ObjectMeta> o) =>
            o.Metadata.Annotations?.TryGetValue("argocd.argoproj.io/sync-wave", out var w) == true ? int.Parse(w, CultureInfo.InvariantCulture) : 0;
        var job = Assert.Single(objects.OfType<V1Job>());
        var pod = job.Spec.Template.Spec;
        var needs = new List<IKubernetesObject<V1ObjectMeta>>
        {
            Assert.Single(objects.OfType<V1Namespace>()),
            objects.OfType<V1ServiceAccount>().Single(a => a.Metadata.Name == pod.ServiceAccountName),
            objects.OfType<SecretStore>().Single(),
        };
        foreach (var from in pod.Containers[0].EnvFrom)
        {
            needs.Add(from.ConfigMapRef is { } c
                ? objects.OfType<V1ConfigMap>().Single(m => m.Metadata.Name == c.Name)
                : objects.OfType<ExternalSecret>().Single(e => e.Spec!.Target.Name == from.SecretRef.Name));
        }
        needs.AddRange(objects.OfType<V1NetworkPolicy>());
        needs.AddRange(objects.OfType<V1StatefulSet>());

        Assert.Equal("Sync", job.Metadata.Annotations["argocd.argoproj.io/hook"]);
        Assert.All(needs, n => Assert.True(Wave(n) < Wave(job), $"{n.Kind}/{n.Metadata.Name} (wave {Wave(n)}) must be applied before the migration (wave {Wave(job)})"));
        Assert.All(
            objects.Where(o => o is V1Deployment or Rollout),
            w => Assert.True(Wave(w) > Wave(job), $"{w.Kind}/{w.Metadata.Name} must start after the migration"));
    }

    [Fact]
    public void OnlyDevRunsItsOwnDatabaseAndCache()
    {
        static string[] StatefulSets(string overlay) =>
            [.. Overlays.Load(overlay).OfType<V1StatefulSet>().Select(s => s.Metadata.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["pathavana-postgres", "pathavana-redis"], StatefulSets("dev"));
        Assert.Empty(StatefulSets("staging"));
        Assert.Empty(StatefulSets("production"));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void BackendReleasesAsACanaryThatTheAutoscalerScales(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var rollout = Assert.Single(objects.OfType<Rollout>());
        var hpa = objects.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Metadata.Name == "pathavana-backend");
        var canary = rollout.Spec!.Strategy.Canary!;

        Assert.Equal(("Deployment", "pathavana-backend"), (rollout.Spec.WorkloadRef.Kind, rollout.Spec.WorkloadRef.Name));
        Assert.Equal(("Rollout", rollout.Metadata.Name), (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Equal(100, canary.Steps[^1].SetWeight);
        Assert.Contains(canary.Steps, s => s.Pause is not null);
        var template = Assert.Single(canary.Analysis!.Templates).TemplateName;
        Assert.Contains(objects.OfType<AnalysisTemplate>(), t => t.Metadata.Name == template);
        var backend = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "pathavana-backend");
        Assert.True(ManifestPolicy.Selects(rollout.Spec.Selector, backend.Spec.Template.Metadata.Labels));
    }

    [Fact]
    public void EveryOverlayRunsTheSameImagesFromTheRegistry()
    {
        foreach (var overlay in new[] { "dev", "staging", "production" })
        {
            var images = Overlays.Load(overlay).OfType<V1Deployment>()
                .SelectMany(d => d.Spec.Template.Spec.Containers).Select(c => c.Image)
                .Where(i => i.Contains("/pathavana/", StringComparison.Ordinal))
                .ToList();
            Assert.Equal(2, images.Count);
            Assert.All(images, i => Assert.Matches(@"^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com/pathavana/(backend|web):[0-9A-Za-z][0-9A-Za-z._-]*$", i));
        }
    }
}
