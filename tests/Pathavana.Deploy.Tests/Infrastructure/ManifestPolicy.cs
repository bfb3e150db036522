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

    /// <summary>The namespace of the node agents, the one place the restricted standard is not enforced.</summary>
    public const string NodeAgentNamespace = "monitoring-agents";

    /// <summary>
    /// The only workloads that may touch the node, and exactly how: node-exporter reads the host's
    /// /proc, /sys and root file system and shares its network and process namespaces; Fluent Bit
    /// reads the container log files (root's, hence UID 0) and keeps its read positions on the
    /// node. Everything else gets nothing of the host.
    /// </summary>
    public static readonly IReadOnlyList<NodeAgent> NodeAgents =
    [
        new("DaemonSet", "node-exporter", HostNetwork: true, HostPid: true, RunsAsRoot: false,
            new Dictionary<string, bool>(StringComparer.Ordinal) { ["/proc"] = false, ["/sys"] = false, ["/"] = false }),
        new("DaemonSet", "fluent-bit", HostNetwork: false, HostPid: false, RunsAsRoot: true,
            new Dictionary<string, bool>(StringComparer.Ordinal) { ["/var/log"] = false, ["/var/lib/fluent-bit"] = true }),
    ];

    /// <summary>What a role may grant: reading, never Secrets, never wildcards.</summary>
    private static readonly HashSet<string> ReadVerbs = new(["get", "list", "watch"], StringComparer.Ordinal);

    /// <summary>The project's own images: pinned by digest, so what runs is exactly what was scanned.</summary>
    private static readonly System.Text.RegularExpressions.Regex OwnImage = new(@"/pathavana/(backend|web)(:|@|$)");

    private static readonly System.Text.RegularExpressions.Regex Digest = new(@"@sha256:[0-9a-f]{64}$");

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
        .. PodSecurityStandard(),
        .. ReadOnlyRoles(),
        .. StorageClassDefined(),
        .. NodeAgentsOnEveryNode(),
    ];

    public IEnumerable<PolicyViolation> RunAsNonRoot() =>
        from w in Workloads()
        where AgentOf(w) is not { RunsAsRoot: true }
        from c in w.AllContainers
        where (c.SecurityContext?.RunAsNonRoot ?? w.Pod.SecurityContext?.RunAsNonRoot) != true
            || (c.SecurityContext?.RunAsUser ?? w.Pod.SecurityContext?.RunAsUser) == 0
        select Violation(nameof(RunAsNonRoot), w, c, "must set runAsNonRoot: true and not run as UID 0.");

    /// <summary>
    /// The restricted standard's host namespaces, host paths and host ports: none, except for the
    /// node agents in <see cref="NodeAgents"/>, which get exactly what they list (read-only unless
    /// listed as written) in <see cref="NodeAgentNamespace"/>.
    /// </summary>
    public IEnumerable<PolicyViolation> NoHostAccess()
    {
        foreach (var w in Workloads())
        {
            var agent = AgentOf(w);
            if ((w.Pod.HostNetwork == true && agent is not { HostNetwork: true })
                || (w.Pod.HostPID == true && agent is not { HostPid: true })
                || w.Pod.HostIPC == true)
            {
                yield return new PolicyViolation(nameof(NoHostAccess), w.Name, "must not share the node's network, PID or IPC namespace.");
            }
            foreach (var volume in (w.Pod.Volumes ?? []).Where(v => v.HostPath is not null))
            {
                if (agent is null || !agent.HostPaths.TryGetValue(volume.HostPath.Path.TrimEnd('/') is { Length: > 0 } p ? p : "/", out var writable))
                {
                    yield return new PolicyViolation(nameof(NoHostAccess), w.Name, $"volume '{volume.Name}' mounts a host path.");
                    continue;
                }
                foreach (var c in w.AllContainers)
                {
                    var mount = c.VolumeMounts?.FirstOrDefault(m => m.Name == volume.Name);
                    if (mount is not null && !writable && mount.ReadOnlyProperty != true)
                    {
                        yield return Violation(nameof(NoHostAccess), w, c, $"must mount the host path {volume.HostPath.Path} read-only.");
                    }
                }
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
            ?? (OwnImage.IsMatch(c.Image) && !Digest.IsMatch(c.Image)
                ? $"image '{c.Image}' is Pathavana's own: pin it by digest (@sha256:…), as CI writes it."
                : null)
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

    /// <summary>
    /// No account mounts a token by default, and no pod gets one, except a pod that asks for it
    /// explicitly and whose account is bound only to roles that read (<see cref="ReadOnlyRoles"/>):
    /// Prometheus, kube-state-metrics and Fluent Bit read the Kubernetes API; nothing writes to it.
    /// </summary>
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
            if (!mounted)
            {
                continue;
            }
            var roles = RolesOf(w.Namespace, account).ToList();
            var readOnly = w.Pod.AutomountServiceAccountToken == true && roles.Count > 0
                && roles.All(r => r is not null && RoleProblems(r).Count == 0);
            if (!readOnly)
            {
                yield return new PolicyViolation(nameof(NoServiceAccountToken), w.Name,
                    "mounts a service account token; set automountServiceAccountToken: false (only a pod that asks for one and whose account may only read gets a token).");
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
        // The application's Deployments scale; the monitoring stack's run as one replica.
        foreach (var w in Workloads().Where(w => w.Kind is "Deployment" && w.Labels.TryGetValue("app.kubernetes.io/name", out var n) && n == "pathavana"))
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

    /// <summary>
    /// Every namespace a workload runs in is declared and enforces the restricted Pod Security
    /// Standard; only <see cref="NodeAgentNamespace"/> enforces "privileged", and it holds nothing
    /// but the node agents.
    /// </summary>
    public IEnumerable<PolicyViolation> PodSecurityStandard()
    {
        var namespaces = _objects.OfType<V1Namespace>().ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        foreach (var ns in Workloads().Select(w => w.Namespace).Distinct(StringComparer.Ordinal))
        {
            if (!namespaces.TryGetValue(ns, out var declared))
            {
                yield return new PolicyViolation(nameof(PodSecurityStandard), $"Namespace/{ns}", "is not declared, so no Pod Security Standard is enforced on it.");
                continue;
            }
            string? enforce = null;
            declared.Metadata.Labels?.TryGetValue("pod-security.kubernetes.io/enforce", out enforce);
            var expected = ns == NodeAgentNamespace ? "privileged" : "restricted";
            if (enforce != expected)
            {
                yield return new PolicyViolation(nameof(PodSecurityStandard), $"Namespace/{ns}", $"must enforce the {expected} Pod Security Standard (has '{enforce ?? "none"}').");
            }
        }
        foreach (var w in Workloads().Where(w => w.Namespace == NodeAgentNamespace && AgentOf(w) is null))
        {
            yield return new PolicyViolation(nameof(PodSecurityStandard), w.Name, $"is not a node agent: it does not belong in {NodeAgentNamespace}, where the restricted standard is not enforced.");
        }
    }

    /// <summary>Roles and cluster roles only read (get, list, watch), never Secrets, never with wildcards.</summary>
    public IEnumerable<PolicyViolation> ReadOnlyRoles() =>
        from role in _objects.Where(o => o is V1ClusterRole or V1Role)
        from problem in RoleProblems(role)
        select new PolicyViolation(nameof(ReadOnlyRoles), Describe(role), problem);

    /// <summary>Every volume claim names a StorageClass that is in the manifests and encrypts its volumes.</summary>
    public IEnumerable<PolicyViolation> StorageClassDefined()
    {
        var claims = _objects.OfType<V1StatefulSet>()
            .SelectMany(s => (s.Spec.VolumeClaimTemplates ?? []).Select(t => (Owner: Describe(s), Claim: t.Spec)))
            .Concat(_objects.OfType<V1PersistentVolumeClaim>().Select(c => (Owner: Describe(c), Claim: c.Spec)));
        foreach (var (owner, claim) in claims)
        {
            var name = claim.StorageClassName;
            var storageClass = _objects.OfType<V1StorageClass>().FirstOrDefault(c => c.Metadata.Name == name);
            if (storageClass is null)
            {
                yield return new PolicyViolation(nameof(StorageClassDefined), owner, $"asks for StorageClass '{name ?? "(the default)"}', which nothing in the manifests creates.");
            }
            else if (storageClass.Parameters is null || !storageClass.Parameters.TryGetValue("encrypted", out var encrypted) || encrypted != "true")
            {
                yield return new PolicyViolation(nameof(StorageClassDefined), owner, $"StorageClass '{name}' does not encrypt its volumes.");
            }
        }
    }

    /// <summary>A DaemonSet runs on every node, spot and tainted ones included: it tolerates every taint.</summary>
    public IEnumerable<PolicyViolation> NodeAgentsOnEveryNode() =>
        from d in _objects.OfType<V1DaemonSet>()
        where !(d.Spec.Template.Spec.Tolerations ?? []).Any(t => t.OperatorProperty == "Exists" && string.IsNullOrEmpty(t.Key) && string.IsNullOrEmpty(t.Effect))
        select new PolicyViolation(nameof(NodeAgentsOnEveryNode), Describe(d), "must tolerate every taint (operator: Exists, no key) so that it runs on every node.");

    private static NodeAgent? AgentOf(Workload w) =>
        w.Namespace == NodeAgentNamespace ? NodeAgents.FirstOrDefault(a => a.Kind == w.Kind && a.Name == w.ObjectName) : null;

    /// <summary>The roles bound to a service account (null where a binding names a role that is not in the manifests).</summary>
    private IEnumerable<IKubernetesObject<V1ObjectMeta>?> RolesOf(string ns, string account)
    {
        bool Binds(IList<Rbacv1Subject>? subjects, string? bindingNamespace) =>
            (subjects ?? []).Any(s => s.Kind == "ServiceAccount" && s.Name == account && (s.NamespaceProperty ?? bindingNamespace) == ns);

        foreach (var binding in _objects.OfType<V1ClusterRoleBinding>().Where(b => Binds(b.Subjects, null)))
        {
            yield return _objects.OfType<V1ClusterRole>().FirstOrDefault(r => binding.RoleRef.Kind == "ClusterRole" && r.Metadata.Name == binding.RoleRef.Name);
        }
        foreach (var binding in _objects.OfType<V1RoleBinding>().Where(b => Binds(b.Subjects, b.Metadata.NamespaceProperty)))
        {
            yield return binding.RoleRef.Kind == "ClusterRole"
                ? _objects.OfType<V1ClusterRole>().FirstOrDefault(r => r.Metadata.Name == binding.RoleRef.Name)
                : _objects.OfType<V1Role>().FirstOrDefault(r => r.Metadata.Name == binding.RoleRef.Name && r.Metadata.NamespaceProperty == binding.Metadata.NamespaceProperty);
        }
    }

    private static List<string> RoleProblems(IKubernetesObject<V1ObjectMeta> role)
    {
        var rules = role switch
        {
            V1ClusterRole c => c.Rules ?? [],
            V1Role r => r.Rules ?? [],
            _ => [],
        };
        var problems = new List<string>();
        foreach (var rule in rules)
        {
            var verbs = rule.Verbs ?? [];
            if (verbs.Any(v => !ReadVerbs.Contains(v)))
            {
                problems.Add($"grants [{string.Join(", ", verbs)}]: only get, list and watch are allowed.");
            }
            if ((rule.Resources ?? []).Any(r => r is "*" or "secrets" || r.StartsWith("secrets/", StringComparison.Ordinal)))
            {
                problems.Add($"grants access to [{string.Join(", ", rule.Resources!)}]: never Secrets, never every resource.");
            }
            if ((rule.ApiGroups ?? []).Contains("*"))
            {
                problems.Add("grants every API group ('*').");
            }
        }
        return problems;
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

/// <summary>A workload allowed onto the node: which host namespaces, which host paths (true: written), root or not.</summary>
public sealed record NodeAgent(string Kind, string Name, bool HostNetwork, bool HostPid, bool RunsAsRoot, IReadOnlyDictionary<string, bool> HostPaths);
