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

    /// <summary>The cluster-scoped kinds an overlay may contain (and the Argo CD project allows).</summary>
    public static readonly string[] ClusterScopedKinds = ["ClusterRole", "ClusterRoleBinding", "Namespace", "StorageClass"];

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void OverlayRendersAndEveryObjectLoadsStrictly(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var app = Overlays.AppNamespace(overlay);

        Assert.NotEmpty(objects);
        var ids = objects.Select(o => $"{o.Kind}/{o.Metadata.NamespaceProperty}/{o.Metadata.Name}").ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var names = objects.Where(o => o.Metadata.NamespaceProperty == app || o is V1Namespace).Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();
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
        // Three namespaces: the application's and the monitoring stack's two; nothing else.
        string[] expectedNamespaces = [app, .. Overlays.MonitoringNamespaces];
        Assert.Equal(
            expectedNamespaces.Order(StringComparer.Ordinal),
            objects.OfType<V1Namespace>().Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
        string[] namespaces = [app, .. Overlays.MonitoringNamespaces];
        Assert.All(objects.Where(o => !string.IsNullOrEmpty(o.Metadata.NamespaceProperty)),
            o => Assert.Contains(o.Metadata.NamespaceProperty, namespaces));
        Assert.All(objects.Where(o => string.IsNullOrEmpty(o.Metadata.NamespaceProperty)),
            o => Assert.Contains(o.Kind, ClusterScopedKinds));
        // The application's objects are in its namespace, the stack's in the monitoring namespaces.
        foreach (var o in objects.Where(o => !string.IsNullOrEmpty(o.Metadata.NamespaceProperty)))
        {
            var partOf = o.Metadata.Labels?.TryGetValue("app.kubernetes.io/part-of", out var p) == true ? p : null;
            Assert.True(
                (partOf == "pathavana" && o.Metadata.NamespaceProperty == app)
                || (partOf == "pathavana-monitoring" && Overlays.MonitoringNamespaces.Contains(o.Metadata.NamespaceProperty)),
                $"{o.Kind}/{o.Metadata.NamespaceProperty}/{o.Metadata.Name} (part-of {partOf}) is in the wrong namespace");
            Assert.Equal(overlay, o.Metadata.Labels!["environment"]);
        }
    }

    /// <summary>Must have 1: the monitoring stack is deployed by the repository, in every overlay.</summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryOverlayDeploysTheMonitoringStack(string overlay)
    {
        var objects = Overlays.Monitoring(overlay);
        string[] Names<T>() where T : IKubernetesObject<V1ObjectMeta> =>
            [.. objects.OfType<T>().Select(o => o.Metadata.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["alertmanager", "elasticsearch", "jaeger", "prometheus"], Names<V1StatefulSet>());
        Assert.Equal(["blackbox-exporter", "grafana", "kibana", "kube-state-metrics", "postgres-exporter", "pushgateway", "redis-exporter"], Names<V1Deployment>());
        Assert.Equal(["fluent-bit", "node-exporter"], Names<V1DaemonSet>());
        Assert.Equal(["logs-setup"], Names<V1Job>());
        // Versions pinned: a tag that names a release, never latest, for every third-party image.
        foreach (var image in objects.SelectMany(Containers).Select(c => c.Image))
        {
            Assert.Matches(@"^[a-z0-9.\-]+(/[a-z0-9._\-]+)+:v?\d+\.\d+\.\d+$", image);
        }
        var storage = Assert.Single(Overlays.Load(overlay).OfType<V1StorageClass>());
        Assert.Equal(("gp3", "ebs.csi.aws.com", "gp3", "true"), (storage.Metadata.Name, storage.Provisioner, storage.Parameters["type"], storage.Parameters["encrypted"]));
        Assert.Equal("WaitForFirstConsumer", storage.VolumeBindingMode);
    }

    /// <summary>
    /// The parts find each other: every address one part's configuration names is a Service of the
    /// stack with that port, and every ConfigMap, Secret and key a pod reads is rendered.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryAddressAndEveryConfigurationAPodReadsExists(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var config = objects.OfType<V1ConfigMap>().ToList();
        string Data(string ns, string prefix, string key) =>
            config.Single(c => c.Metadata.NamespaceProperty == ns && c.Metadata.Name.StartsWith(prefix + "-", StringComparison.Ordinal)).Data[key];
        var backendConfig = config.Single(c => c.Metadata.Name.StartsWith("pathavana-backend-config", StringComparison.Ordinal));
        var addresses = new List<string> { backendConfig.Data["OTEL_EXPORTER_OTLP_ENDPOINT"] };
        addresses.AddRange(objects.OfType<AnalysisTemplate>().SelectMany(t => t.Spec!.Metrics).Select(m => m.Provider.Prometheus.Address));
        addresses.AddRange(System.Text.RegularExpressions.Regex.Matches(Data("monitoring", "prometheus-config", "prometheus.yml"), @"[a-z0-9-]+\.monitoring\.svc:\d+").Select(m => "http://" + m.Value));
        addresses.AddRange(System.Text.RegularExpressions.Regex.Matches(Data("monitoring", "grafana-datasources", "datasources.yml"), @"(?m)^\s+url: (http\S+)").Select(m => m.Groups[1].Value));
        foreach (var address in addresses)
        {
            var uri = new Uri(address);
            var parts = uri.Host.Split('.');
            Assert.True(parts.Length >= 3 && parts[2] == "svc", $"{address} is not a Service address");
            var service = objects.OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name == parts[0] && s.Metadata.NamespaceProperty == parts[1]);
            Assert.True(service is not null, $"{address}: no Service {parts[0]} in {parts[1]}");
            Assert.True(service!.Spec.Ports.Any(p => p.Port == uri.Port), $"{address}: Service {parts[0]} has no port {uri.Port}");
        }

        // Every ConfigMap and Secret a pod reads, with the keys it reads.
        var secrets = objects.OfType<ExternalSecret>().ToList();
        foreach (var (ns, pod, name) in Pods(objects))
        {
            foreach (var c in (pod.InitContainers ?? []).Concat(pod.Containers))
            {
                foreach (var env in c.Env ?? [])
                {
                    if (env.ValueFrom?.ConfigMapKeyRef is { } cm)
                    {
                        Assert.True(config.Any(m => m.Metadata.NamespaceProperty == ns && m.Metadata.Name.StartsWith(cm.Name, StringComparison.Ordinal) && m.Data.ContainsKey(cm.Key)),
                            $"{name}: ConfigMap {cm.Name} key {cm.Key} is not rendered in {ns}");
                    }
                    if (env.ValueFrom?.SecretKeyRef is { } sk)
                    {
                        Assert.True(secrets.Any(e => e.Metadata.NamespaceProperty == ns && e.Spec!.Target.Name == sk.Name && e.Spec.Data.Any(d => d.SecretKey == sk.Key)),
                            $"{name}: Secret {sk.Name} key {sk.Key} comes from no ExternalSecret in {ns}");
                    }
                }
            }
            foreach (var volume in pod.Volumes ?? [])
            {
                var maps = (volume.Projected?.Sources ?? []).Select(p => p.ConfigMap?.Name).Append(volume.ConfigMap?.Name).OfType<string>();
                foreach (var map in maps)
                {
                    Assert.True(config.Any(m => m.Metadata.NamespaceProperty == ns && m.Metadata.Name == map), $"{name}: ConfigMap {map} is not rendered in {ns}");
                }
                if (volume.Secret is { } secret)
                {
                    // From Secrets Manager (an ExternalSecret) or a key pair cert-manager issues (a Certificate).
                    Assert.True(
                        secrets.Any(e => e.Metadata.NamespaceProperty == ns && e.Spec!.Target.Name == secret.SecretName)
                        || objects.OfType<Certificate>().Any(c => c.Metadata.NamespaceProperty == ns && c.Spec!.SecretName == secret.SecretName),
                        $"{name}: Secret {secret.SecretName} comes from no ExternalSecret or Certificate in {ns}");
                }
            }
        }
        // The rule files Prometheus loads are the ones its rules ConfigMap carries and its pod mounts.
        var ruleFiles = System.Text.RegularExpressions.Regex.Matches(Data("monitoring", "prometheus-config", "prometheus.yml"), @"- (rules/\S+\.yml)").Select(m => m.Groups[1].Value);
        var prometheus = objects.OfType<V1StatefulSet>().Single(s => s.Metadata.Name == "prometheus");
        var mounted = prometheus.Spec.Template.Spec.Volumes.Single(v => v.Name == "config").Projected.Sources
            .SelectMany(s => s.ConfigMap.Items ?? []).Select(i => i.Path);
        Assert.Equal(ruleFiles.Order(StringComparer.Ordinal), mounted.Order(StringComparer.Ordinal));
        Assert.All(mounted, path => Assert.Contains("groups:", Data("monitoring", "prometheus-rules", path["rules/".Length..]), StringComparison.Ordinal));
    }

    /// <summary>No secret value in any rendered object: no Secret, no literal password or key in an env var or a ConfigMap.</summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void NoSecretIsWrittenIntoTheManifests(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var secretish = new System.Text.RegularExpressions.Regex("(?i)(password|passwd|secret|token|api_?key|routing_?key|webhook|dsn)");

        Assert.Empty(objects.OfType<V1Secret>());
        foreach (var (_, pod, name) in Pods(objects))
        {
            foreach (var env in pod.Containers.Concat(pod.InitContainers ?? []).SelectMany(c => c.Env ?? []))
            {
                Assert.False(secretish.IsMatch(env.Name) && env.Value is not null && !env.Value.StartsWith('/'),
                    $"{name} sets {env.Name} to a literal value; take it from an ExternalSecret");
            }
        }
        foreach (var map in objects.OfType<V1ConfigMap>())
        {
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
            {
                Assert.DoesNotMatch(@"(?i)(password|passwd|routing_key|api_url|auth_token)\s*[:=]\s*[""']?[A-Za-z0-9+/]{8,}", value);
                Assert.DoesNotMatch(@"hooks\.slack\.com/services/[A-Z0-9]", value);
                Assert.False(secretish.IsMatch(key) && value.Length > 0 && !value.Contains('\n', StringComparison.Ordinal), $"ConfigMap {map.Metadata.Name} has a secret-looking key {key}");
            }
        }
        // Every ExternalSecret reads its own environment's secrets.
        Assert.All(objects.OfType<ExternalSecret>().SelectMany(e => e.Spec!.Data), d => Assert.StartsWith($"pathavana/{overlay}/", d.RemoteRef.Key, StringComparison.Ordinal));
    }

    private static IEnumerable<V1Container> Containers(IKubernetesObject<V1ObjectMeta> o) =>
        Pods([o]).SelectMany(p => (p.Pod.InitContainers ?? []).Concat(p.Pod.Containers));

    private static IEnumerable<(string Namespace, V1PodSpec Pod, string Name)> Pods(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        foreach (var o in objects)
        {
            var pod = o switch
            {
                V1Deployment d => d.Spec.Template.Spec,
                V1StatefulSet s => s.Spec.Template.Spec,
                V1DaemonSet ds => ds.Spec.Template.Spec,
                V1Job j => j.Spec.Template.Spec,
                _ => null,
            };
            if (pod is not null)
            {
                yield return (o.Metadata.NamespaceProperty!, pod, $"{o.Kind}/{o.Metadata.Name}");
            }
        }
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
        var objects = Overlays.App(overlay);
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
        var job = Assert.Single(objects.OfType<V1Job>(), j => j.Metadata.Name == "pathavana-migrate").Spec.Template.Spec.Containers[0];
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
        var objects = Overlays.App(overlay);
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

    /// <summary>
    /// One setting, App__PublicUrl, names the public host everywhere: the Ingress's rule and
    /// certificate, CORS, and the origin name (CloudFront's origin, the Route 53 health check),
    /// which answers nothing but the backend's readiness. Production also redirects www.
    /// </summary>
    [Theory]
    [InlineData("dev", "dev.pathavana.com")]
    [InlineData("staging", "staging.pathavana.com")]
    [InlineData("production", "pathavana.com")]
    public void IngressServesTheEnvironmentsHostWithCorsForItsOrigin(string overlay, string host)
    {
        var ingress = Assert.Single(Overlays.Load(overlay).OfType<V1Ingress>());
        var config = Overlays.App(overlay).OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-backend-config", StringComparison.Ordinal));

        Assert.Equal($"https://{host}", config.Data["App__PublicUrl"]);
        Assert.Equal([host, $"origin.{host}"], ingress.Spec.Rules.Select(r => r.Host));
        var tls = Assert.Single(ingress.Spec.Tls).Hosts;
        Assert.Equal(overlay == "production" ? [host, $"origin.{host}", $"www.{host}"] : [host, $"origin.{host}"], tls);
        Assert.Equal($"https://{host}", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/cors-allow-origin"]);
        Assert.Equal(overlay == "production" ? "true" : null, ingress.Metadata.Annotations.TryGetValue("nginx.ingress.kubernetes.io/from-to-www-redirect", out var www) ? www : null);
        var paths = ingress.Spec.Rules[0].Http.Paths.ToDictionary(p => p.Path, p => p.Backend.Service.Name, StringComparer.Ordinal);
        Assert.Equal("pathavana-backend", paths["/api"]);
        Assert.Equal("pathavana-web", paths["/"]);
        var origin = Assert.Single(ingress.Spec.Rules[1].Http.Paths);
        Assert.Equal(("/health/ready", "Exact", "pathavana-backend", "http"), (origin.Path, origin.PathType, origin.Backend.Service.Name, origin.Backend.Service.Port.Name));
        Assert.Equal("true", ingress.Metadata.Annotations["prometheus.io/probe"]);
    }

    /// <summary>
    /// Argo CD applies in waves. The migration Job must find its account, configuration, secret
    /// and network paths (and in dev its database) in place, and finish before the new backend starts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void MigrationRunsAfterWhatItNeedsAndBeforeTheBackend(string overlay)
    {
        var objects = Overlays.App(overlay).Concat(Overlays.Load(overlay).OfType<V1StorageClass>()).ToList();
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
        // The volumes of dev's databases need their StorageClass before them.
        Assert.All(objects.OfType<V1StatefulSet>(), s => Assert.True(Wave(objects.OfType<V1StorageClass>().Single()) < Wave(s)));

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
            [.. Overlays.App(overlay).OfType<V1StatefulSet>().Select(s => s.Metadata.Name).Order(StringComparer.Ordinal)];

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

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("production")]
    public void BackendAutoscalerScalesOnMemoryBeforeThePodLimit(string overlay)
    {
        var objects = Overlays.Load(overlay);
        var hpa = objects.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Metadata.Name == "pathavana-backend");
        var targets = hpa.Spec.Metrics.Where(m => m.Type == "Resource")
            .ToDictionary(m => m.Resource.Name, m => m.Resource.Target.AverageUtilization);
        Assert.True(targets.ContainsKey("cpu"), "the autoscaler scales on CPU");
        // Each replica holds its own bounded cache: memory load adds replicas too, before the limit kills one.
        var backend = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "pathavana-backend");
        var resources = backend.Spec.Template.Spec.Containers.Single(c => c.Name == "backend").Resources;
        var request = resources.Requests["memory"].ToDecimal();
        var limit = resources.Limits["memory"].ToDecimal();
        Assert.True(targets.TryGetValue("memory", out var memory) && memory is > 0, "the autoscaler scales on memory");
        Assert.True(request * memory!.Value / 100 < limit, $"memory target {memory}% of {request} B reaches the {limit} B limit");
    }

    [Fact]
    public void EveryOverlayRunsTheSameImagesFromTheRegistry()
    {
        foreach (var overlay in new[] { "dev", "staging", "production" })
        {
            var images = Overlays.App(overlay).OfType<V1Deployment>()
                .SelectMany(d => d.Spec.Template.Spec.Containers).Select(c => c.Image)
                .ToList();
            Assert.Equal(2, images.Count);
            // The release's tag for people, its digest for the cluster: what runs is what was scanned.
            Assert.All(images, i => Assert.Matches(@"^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com/pathavana/(backend|web):[0-9A-Za-z][0-9A-Za-z._-]*@sha256:[0-9a-f]{64}$", i));
        }
    }
}
