using System.Globalization;
using k8s;
using k8s.Models;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>One broken rule on one object.</summary>
public sealed record PolicyViolation(string Rule, string Target, string Message)
{
    public override string ToString() => $"[{Rule}] {Target}: {Message}";
}

/// <summary>
/// The rules every rendered overlay must meet: the restricted Pod Security Standard and the
/// platform document's operating rules. One method per rule, each returning its violations;
/// <see cref="Check"/> runs them all.
/// </summary>
public sealed class ManifestPolicy
{
    /// <summary>The platform document: 100 requests a minute per client address.</summary>
    public const int RequestsPerMinute = 100;

    public const int MinReplicas = 2;

    public const int MaxReplicas = 10;

    /// <summary>The backend's management port: Prometheus only, never the public ingress.</summary>
    public const int MetricsPort = 9464;

    private readonly IReadOnlyList<IKubernetesObject<V1ObjectMeta>> _objects;

    public ManifestPolicy(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => _objects = [.. objects];

    public IReadOnlyList<PolicyViolation> Check() =>
    [
        .. RunAsNonRoot(),
        .. NoHostAccess(),
        .. ReadOnlyRootFilesystem(),
        .. NoPrivilegeEscalation(),
        .. DropAllCapabilities(),
        .. SeccompRuntimeDefault(),
        .. ResourceRequestsAndLimits(),
        .. ProbesOnLongRunningContainers(),
        .. PinnedImageTags(),
        .. NoPlaintextSecretData(),
        .. DefaultDenyNetworkPolicy(),
        .. NetworkPolicyForEveryWorkload(),
        .. NoServiceAccountToken(),
        .. AutoscalerRange(),
        .. IngressHardening(),
        .. MetricsPortNotPublic(),
    ];

    public IEnumerable<PolicyViolation> RunAsNonRoot() =>
        from w in Workloads()
        from c in w.AllContainers
        where (c.SecurityContext?.RunAsNonRoot ?? w.Pod.SecurityContext?.RunAsNonRoot) != true
            || (c.SecurityContext?.RunAsUser ?? w.Pod.SecurityContext?.RunAsUser) == 0
        select Violation(nameof(RunAsNonRoot), w, c, "must set runAsNonRoot: true and not run as UID 0.");

    /// <summary>The restricted standard's host namespaces, host paths and host ports: none.</summary>
    public IEnumerable<PolicyViolation> NoHostAccess()
    {
        foreach (var w in Workloads())
        {
            if (w.Pod.HostNetwork == true || w.Pod.HostPID == true || w.Pod.HostIPC == true)
            {
                yield return new PolicyViolation(nameof(NoHostAccess), w.Name, "must not share the node's network, PID or IPC namespace.");
            }
            foreach (var volume in (w.Pod.Volumes ?? []).Where(v => v.HostPath is not null))
            {
                yield return new PolicyViolation(nameof(NoHostAccess), w.Name, $"volume '{volume.Name}' mounts a host path.");
            }
            foreach (var c in w.AllContainers.Where(c => c.Ports?.Any(p => p.HostPort is > 0) == true))
            {
                yield return Violation(nameof(NoHostAccess), w, c, "must not bind a host port.");
            }
        }
    }

    public IEnumerable<PolicyViolation> ReadOnlyRootFilesystem() =>
        from w in Workloads()
        from c in w.AllContainers
        where c.SecurityContext?.ReadOnlyRootFilesystem != true
        select Violation(nameof(ReadOnlyRootFilesystem), w, c, "must set readOnlyRootFilesystem: true (mount emptyDir volumes where it writes).");

    public IEnumerable<PolicyViolation> NoPrivilegeEscalation() =>
        from w in Workloads()
        from c in w.AllContainers
        where c.SecurityContext?.AllowPrivilegeEscalation != false || c.SecurityContext?.Privileged == true
        select Violation(nameof(NoPrivilegeEscalation), w, c, "must set allowPrivilegeEscalation: false and not be privileged.");

    public IEnumerable<PolicyViolation> DropAllCapabilities() =>
        from w in Workloads()
        from c in w.AllContainers
        let caps = c.SecurityContext?.Capabilities
        where caps?.Drop?.Contains("ALL") != true || caps.Add is { Count: > 0 }
        select Violation(nameof(DropAllCapabilities), w, c, "must drop ALL capabilities and add none.");

    public IEnumerable<PolicyViolation> SeccompRuntimeDefault() =>
        from w in Workloads()
        from c in w.AllContainers
        let profile = c.SecurityContext?.SeccompProfile?.Type ?? w.Pod.SecurityContext?.SeccompProfile?.Type
        where profile is not ("RuntimeDefault" or "Localhost")
        select Violation(nameof(SeccompRuntimeDefault), w, c, $"must use the RuntimeDefault seccomp profile (has '{profile ?? "none"}').");

    public IEnumerable<PolicyViolation> ResourceRequestsAndLimits() =>
        from w in Workloads()
        from c in w.AllContainers
        let missing = new[] { "requests.cpu", "requests.memory", "limits.cpu", "limits.memory" }
            .Where(r => !HasResource(c.Resources, r))
            .ToList()
        where missing.Count > 0
        select Violation(nameof(ResourceRequestsAndLimits), w, c, $"must set {string.Join(", ", missing)}.");

    public IEnumerable<PolicyViolation> ProbesOnLongRunningContainers() =>
        from w in Workloads()
        where w.LongRunning
        from c in w.Pod.Containers
        where c.LivenessProbe is null || c.ReadinessProbe is null
        select Violation(nameof(ProbesOnLongRunningContainers), w, c,
            $"a long-running container needs a liveness and a readiness probe (missing {(c.LivenessProbe is null ? "liveness" : "")}{(c.LivenessProbe is null && c.ReadinessProbe is null ? " and " : "")}{(c.ReadinessProbe is null ? "readiness" : "")}).");

    public IEnumerable<PolicyViolation> PinnedImageTags() =>
        from w in Workloads()
        from c in w.AllContainers
        let problem = ImageProblem(c.Image)
        where problem is not null
        select Violation(nameof(PinnedImageTags), w, c, problem);

    public IEnumerable<PolicyViolation> NoPlaintextSecretData() =>
        from s in _objects.OfType<V1Secret>()
        where s.Data is { Count: > 0 } || s.StringData is { Count: > 0 }
        select new PolicyViolation(nameof(NoPlaintextSecretData), Describe(s),
            "a Secret with data or stringData puts the secret in the repository; use an ExternalSecret (AWS Secrets Manager).");

    public IEnumerable<PolicyViolation> DefaultDenyNetworkPolicy() =>
        from ns in Workloads().Select(w => w.Namespace).Distinct(StringComparer.Ordinal)
        where !_objects.OfType<V1NetworkPolicy>().Any(p =>
            (p.Metadata.NamespaceProperty ?? "") == ns
            && IsEmpty(p.Spec.PodSelector)
            && (p.Spec.PolicyTypes?.Contains("Ingress") ?? false)
            && (p.Spec.PolicyTypes?.Contains("Egress") ?? false)
            && (p.Spec.Ingress?.Count ?? 0) == 0
            && (p.Spec.Egress?.Count ?? 0) == 0)
        select new PolicyViolation(nameof(DefaultDenyNetworkPolicy), $"Namespace/{ns}",
            "needs a default-deny NetworkPolicy (empty podSelector, policyTypes Ingress and Egress, no rules).");

    /// <summary>
    /// Every workload is selected by a NetworkPolicy written for it (a non-empty podSelector), on
    /// top of the namespace-wide default deny: that policy is where its allowed traffic is stated.
    /// </summary>
    public IEnumerable<PolicyViolation> NetworkPolicyForEveryWorkload() =>
        from w in Workloads()
        where !_objects.OfType<V1NetworkPolicy>().Any(p =>
            (p.Metadata.NamespaceProperty ?? "") == w.Namespace
            && !IsEmpty(p.Spec.PodSelector)
            && Selects(p.Spec.PodSelector, w.Labels))
        select new PolicyViolation(nameof(NetworkPolicyForEveryWorkload), w.Name,
            "no NetworkPolicy selects its pods (only the default deny would apply).");

    public IEnumerable<PolicyViolation> NoServiceAccountToken()
    {
        foreach (var sa in _objects.OfType<V1ServiceAccount>().Where(sa => sa.AutomountServiceAccountToken != false))
        {
            yield return new PolicyViolation(nameof(NoServiceAccountToken), Describe(sa), "must set automountServiceAccountToken: false.");
        }
        foreach (var w in Workloads())
        {
            var account = w.Pod.ServiceAccountName ?? "default";
            var sa = _objects.OfType<V1ServiceAccount>().FirstOrDefault(s =>
                s.Metadata.Name == account && (s.Metadata.NamespaceProperty ?? "") == w.Namespace);
            if (sa is null && account != "default")
            {
                yield return new PolicyViolation(nameof(NoServiceAccountToken), w.Name, $"uses ServiceAccount '{account}', which is not in the manifests.");
            }
            var mounted = w.Pod.AutomountServiceAccountToken ?? sa?.AutomountServiceAccountToken ?? true;
            if (mounted)
            {
                yield return new PolicyViolation(nameof(NoServiceAccountToken), w.Name, "mounts a service account token; set automountServiceAccountToken: false.");
            }
        }
    }

    public IEnumerable<PolicyViolation> AutoscalerRange()
    {
        foreach (var hpa in _objects.OfType<V2HorizontalPodAutoscaler>())
        {
            if (hpa.Spec.MinReplicas != MinReplicas || hpa.Spec.MaxReplicas != MaxReplicas)
            {
                yield return new PolicyViolation(nameof(AutoscalerRange), Describe(hpa),
                    $"must scale between {MinReplicas} and {MaxReplicas} replicas (has {hpa.Spec.MinReplicas?.ToString(CultureInfo.InvariantCulture) ?? "unset"}-{hpa.Spec.MaxReplicas}).");
            }
            var resources = hpa.Spec.Metrics?.Where(m => m.Type == "Resource").Select(m => m.Resource.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            if (!resources.Contains("cpu") || !resources.Contains("memory"))
            {
                yield return new PolicyViolation(nameof(AutoscalerRange), Describe(hpa), "must scale on both cpu and memory.");
            }
            var target = hpa.Spec.ScaleTargetRef;
            if (!_objects.Any(o => o.Kind == target.Kind && o.Metadata.Name == target.Name
                && (o.Metadata.NamespaceProperty ?? "") == (hpa.Metadata.NamespaceProperty ?? "")))
            {
                yield return new PolicyViolation(nameof(AutoscalerRange), Describe(hpa), $"scales {target.Kind}/{target.Name}, which is not in the manifests.");
            }
        }
        foreach (var w in Workloads().Where(w => w.Kind is "Deployment"))
        {
            var scaled = _objects.OfType<V2HorizontalPodAutoscaler>().Any(h =>
                (h.Metadata.NamespaceProperty ?? "") == w.Namespace
                && (h.Spec.ScaleTargetRef.Name == w.ObjectName || ScaledThroughRollout(h, w)));
            if (!scaled)
            {
                yield return new PolicyViolation(nameof(AutoscalerRange), w.Name, "a Deployment needs a HorizontalPodAutoscaler.");
            }
        }
    }

    public IEnumerable<PolicyViolation> IngressHardening()
    {
        foreach (var ingress in _objects.OfType<V1Ingress>())
        {
            var annotations = ingress.Metadata.Annotations ?? new Dictionary<string, string>();
            string? Annotation(string key) => annotations.TryGetValue($"nginx.ingress.kubernetes.io/{key}", out var v) ? v : null;

            if (Annotation("limit-rpm") != RequestsPerMinute.ToString(CultureInfo.InvariantCulture))
            {
                yield return new PolicyViolation(nameof(IngressHardening), Describe(ingress),
                    $"must limit each client address to {RequestsPerMinute} requests a minute (nginx.ingress.kubernetes.io/limit-rpm: \"{RequestsPerMinute}\"; has '{Annotation("limit-rpm") ?? "none"}').");
            }
            if (Annotation("limit-burst-multiplier") is { } burst && burst != "1")
            {
                yield return new PolicyViolation(nameof(IngressHardening), Describe(ingress),
                    $"a burst multiplier of {burst} lets a client exceed {RequestsPerMinute} requests a minute.");
            }
            if (Annotation("force-ssl-redirect") != "true" && Annotation("ssl-redirect") != "true")
            {
                yield return new PolicyViolation(nameof(IngressHardening), Describe(ingress), "must redirect HTTP to HTTPS (ssl-redirect).");
            }
            var hosts = ingress.Spec.Rules?.Select(r => r.Host).Where(h => h is not null).ToList() ?? [];
            var tlsHosts = ingress.Spec.Tls?.SelectMany(t => t.Hosts ?? []).ToHashSet(StringComparer.Ordinal) ?? [];
            if (hosts.Count == 0 || hosts.Any(h => !tlsHosts.Contains(h)))
            {
                yield return new PolicyViolation(nameof(IngressHardening), Describe(ingress), "every host must be named and covered by TLS.");
            }
            if (Annotation("enable-cors") != "true" || Annotation("cors-allow-origin") is null or "*")
            {
                yield return new PolicyViolation(nameof(IngressHardening), Describe(ingress), "CORS must be enabled for the frontend origin only (not '*').");
            }
        }
    }

    public IEnumerable<PolicyViolation> MetricsPortNotPublic()
    {
        foreach (var ingress in _objects.OfType<V1Ingress>())
        {
            var backends = (ingress.Spec.Rules ?? [])
                .SelectMany(r => r.Http?.Paths ?? [])
                .Select(p => p.Backend.Service)
                .Append(ingress.Spec.DefaultBackend?.Service)
                .OfType<V1IngressServiceBackend>();
            foreach (var backend in backends)
            {
                var service = _objects.OfType<V1Service>().FirstOrDefault(s =>
                    s.Metadata.Name == backend.Name && (s.Metadata.NamespaceProperty ?? "") == (ingress.Metadata.NamespaceProperty ?? ""));
                if (service is null)
                {
                    yield return new PolicyViolation(nameof(MetricsPortNotPublic), Describe(ingress), $"routes to Service '{backend.Name}', which is not in the manifests.");
                    continue;
                }
                var port = service.Spec.Ports?.FirstOrDefault(p =>
                    backend.Port.Name is { } n ? p.Name == n : p.Port == backend.Port.Number);
                if (port is null)
                {
                    yield return new PolicyViolation(nameof(MetricsPortNotPublic), Describe(ingress), $"routes to a port Service '{backend.Name}' does not have.");
                }
                else if (port.Port == MetricsPort || port.TargetPort?.Value is "metrics" or "9464")
                {
                    yield return new PolicyViolation(nameof(MetricsPortNotPublic), Describe(ingress),
                        $"routes to Service '{backend.Name}' port {port.Port}, the metrics port; /metrics must stay off the public ingress.");
                }
            }
        }
    }

    private bool ScaledThroughRollout(V2HorizontalPodAutoscaler hpa, Workload deployment) =>
        hpa.Spec.ScaleTargetRef.Kind == "Rollout"
        && _objects.OfType<Rollout>().Any(r =>
            r.Metadata.Name == hpa.Spec.ScaleTargetRef.Name
            && r.Spec?.WorkloadRef is { Kind: "Deployment" } w
            && w.Name == deployment.ObjectName);

    private static string? ImageProblem(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return "has no image.";
        }
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return null;
        }
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0)
        {
            return $"image '{image}' has no tag (it means :latest); pin an explicit version.";
        }
        var tag = image[(colon + 1)..];
        return tag.Equals("latest", StringComparison.OrdinalIgnoreCase)
            ? $"image '{image}' uses :latest; pin an explicit version."
            : null;
    }

    private static bool HasResource(V1ResourceRequirements? resources, string path)
    {
        var parts = path.Split('.');
        var map = parts[0] == "requests" ? resources?.Requests : resources?.Limits;
        return map is not null && map.ContainsKey(parts[1]);
    }

    private static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);

    /// <summary>Label selector semantics: every matchLabels pair and every expression must hold.</summary>
    public static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var actual);
            var values = expression.Values ?? [];
            var holds = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }
        return true;
    }

    private static string Describe(IKubernetesObject<V1ObjectMeta> o) =>
        $"{o.Kind}/{(string.IsNullOrEmpty(o.Metadata.NamespaceProperty) ? "" : o.Metadata.NamespaceProperty + "/")}{o.Metadata.Name}";

    private static PolicyViolation Violation(string rule, Workload w, V1Container c, string message) =>
        new(rule, $"{w.Name} container '{c.Name}'", message);

    private IEnumerable<Workload> Workloads()
    {
        foreach (var o in _objects)
        {
            var (pod, labels, longRunning) = o switch
            {
                V1Deployment d => (d.Spec.Template.Spec, d.Spec.Template.Metadata?.Labels, true),
                V1StatefulSet s => (s.Spec.Template.Spec, s.Spec.Template.Metadata?.Labels, true),
                V1DaemonSet ds => (ds.Spec.Template.Spec, ds.Spec.Template.Metadata?.Labels, true),
                V1ReplicaSet rs => (rs.Spec.Template.Spec, rs.Spec.Template.Metadata?.Labels, true),
                V1Job j => (j.Spec.Template.Spec, j.Spec.Template.Metadata?.Labels, false),
                V1CronJob cj => (cj.Spec.JobTemplate.Spec.Template.Spec, cj.Spec.JobTemplate.Spec.Template.Metadata?.Labels, false),
                V1Pod p => (p.Spec, p.Metadata.Labels, true),
                _ => (null!, null, false),
            };
            if (pod is not null)
            {
                yield return new Workload(o.Kind, o.Metadata.Name, o.Metadata.NamespaceProperty ?? "", pod,
                    labels ?? new Dictionary<string, string>(), longRunning);
            }
        }
    }

    private sealed record Workload(string Kind, string ObjectName, string Namespace, V1PodSpec Pod, IDictionary<string, string> Labels, bool LongRunning)
    {
        public string Name => $"{Kind}/{(Namespace.Length == 0 ? "" : Namespace + "/")}{ObjectName}";

        public IEnumerable<V1Container> AllContainers => (Pod.InitContainers ?? []).Concat(Pod.Containers ?? []);
    }
}
