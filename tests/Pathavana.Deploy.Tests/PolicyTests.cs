using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>The policy check fails when it should, and says which rule was broken.</summary>
public sealed class PolicyTests
{
    public static readonly TheoryData<string> Rules = new(
        nameof(ManifestPolicy.RunAsNonRoot),
        nameof(ManifestPolicy.NoHostAccess),
        nameof(ManifestPolicy.ReadOnlyRootFilesystem),
        nameof(ManifestPolicy.NoPrivilegeEscalation),
        nameof(ManifestPolicy.DropAllCapabilities),
        nameof(ManifestPolicy.SeccompRuntimeDefault),
        nameof(ManifestPolicy.ResourceRequestsAndLimits),
        nameof(ManifestPolicy.ProbesOnLongRunningContainers),
        nameof(ManifestPolicy.PinnedImageTags),
        nameof(ManifestPolicy.NoPlaintextSecretData),
        nameof(ManifestPolicy.DefaultDenyNetworkPolicy),
        nameof(ManifestPolicy.NetworkPolicyForEveryWorkload),
        nameof(ManifestPolicy.NoServiceAccountToken),
        nameof(ManifestPolicy.AutoscalerRange),
        nameof(ManifestPolicy.IngressHardening),
        nameof(ManifestPolicy.MetricsPortNotPublic),
        nameof(ManifestPolicy.PodSecurityStandard),
        nameof(ManifestPolicy.ReadOnlyRoles),
        nameof(ManifestPolicy.StorageClassDefined),
        nameof(ManifestPolicy.NodeAgentsOnEveryNode));

    private static IReadOnlyList<PolicyViolation> BrokenManifestViolations()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "broken-manifest.yaml");
        return new ManifestPolicy(ManifestLoader.LoadYaml(File.ReadAllText(path), "broken-manifest.yaml")).Check();
    }

    [Fact]
    public void BrokenManifestFailsTheCheck()
    {
        var violations = BrokenManifestViolations();

        Assert.NotEmpty(violations);
        Assert.Equal(
            Rules.Select(r => (string)r.Data).Order(StringComparer.Ordinal),
            violations.Select(v => v.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void BrokenManifestFailureNamesTheRule(string rule)
    {
        var messages = BrokenManifestViolations().Select(v => v.ToString()).ToList();

        Assert.Contains(messages, m => m.StartsWith($"[{rule}] ", StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenManifestMessagesPointAtTheOffendingObject()
    {
        var messages = BrokenManifestViolations().Select(v => v.ToString()).ToList();

        Assert.Contains("[PinnedImageTags] Deployment/broken/careless container 'app': image 'nginx:latest' uses :latest; pin an explicit version.", messages);
        Assert.Contains("[PinnedImageTags] Deployment/broken/careless container 'sidecar': image 'busybox' has no tag (it means :latest); pin an explicit version.", messages);
        Assert.Contains(messages, m => m.StartsWith("[NoPlaintextSecretData] Secret/broken/plaintext:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[ResourceRequestsAndLimits] Deployment/broken/careless container 'sidecar': must set requests.memory, limits.cpu, limits.memory.", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[AutoscalerRange] HorizontalPodAutoscaler/broken/careless: must scale between 2 and 10 replicas (has 1-50)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[DefaultDenyNetworkPolicy] Namespace/broken:", StringComparison.Ordinal));
    }

    /// <summary>
    /// One defect put into the real production render is caught by its rule, and by no other: the
    /// rules are not passing the overlays by accident, and they do not fire on healthy objects.
    /// </summary>
    [Theory]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", nameof(ManifestPolicy.ReadOnlyRootFilesystem))]
    [InlineData("      enableServiceLinks: false\n", "      enableServiceLinks: false\n      hostNetwork: true\n", nameof(ManifestPolicy.NoHostAccess))]
    [InlineData("        runAsNonRoot: true\n", "        runAsNonRoot: false\n", nameof(ManifestPolicy.RunAsNonRoot))]
    [InlineData("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", nameof(ManifestPolicy.NoPrivilegeEscalation))]
    [InlineData("            - ALL", "            - NET_RAW", nameof(ManifestPolicy.DropAllCapabilities))]
    [InlineData("pathavana/backend:0.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000", "pathavana/backend:0.1.0", nameof(ManifestPolicy.PinnedImageTags))]
    [InlineData("quay.io/prometheus/prometheus:v3.2.1", "quay.io/prometheus/prometheus:latest", nameof(ManifestPolicy.PinnedImageTags))]
    [InlineData("- mountPath: /var/log\n          name: varlog\n          readOnly: true", "- mountPath: /var/log\n          name: varlog\n          readOnly: false", nameof(ManifestPolicy.NoHostAccess))]
    [InlineData("      hostPID: true\n", "      hostPID: true\n      hostIPC: true\n", nameof(ManifestPolicy.NoHostAccess))]
    [InlineData("      automountServiceAccountToken: false\n      containers:\n      - env:\n        - name: GF_SECURITY_ADMIN_USER", "      automountServiceAccountToken: true\n      containers:\n      - env:\n        - name: GF_SECURITY_ADMIN_USER", nameof(ManifestPolicy.NoServiceAccountToken))]
    [InlineData("storageClassName: gp3", "storageClassName: gp2", nameof(ManifestPolicy.StorageClassDefined))]
    [InlineData("      tolerations:\n      - operator: Exists\n", "      tolerations:\n      - key: pathavana.io/spot\n        operator: Exists\n", nameof(ManifestPolicy.NodeAgentsOnEveryNode))]
    [InlineData("pod-security.kubernetes.io/enforce: restricted", "pod-security.kubernetes.io/enforce: baseline", nameof(ManifestPolicy.PodSecurityStandard))]
    [InlineData("nginx.ingress.kubernetes.io/limit-rpm: \"100\"", "nginx.ingress.kubernetes.io/limit-rpm: \"1000\"", nameof(ManifestPolicy.IngressHardening))]
    [InlineData("minReplicas: 2", "minReplicas: 1", nameof(ManifestPolicy.AutoscalerRange))]
    [InlineData("automountServiceAccountToken: false", "automountServiceAccountToken: true", nameof(ManifestPolicy.NoServiceAccountToken))]
    public void OneDefectInProductionIsCaughtByItsRule(string find, string replace, string rule)
    {
        var rendered = Overlays.Render("production");
        var index = rendered.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' is not in the production render any more; update this test.");
        var broken = string.Concat(rendered.AsSpan(0, index), replace, rendered.AsSpan(index + find.Length));

        var violations = new ManifestPolicy(ManifestLoader.LoadYaml(broken, "production (edited)")).Check();

        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(rule, v.Rule));
    }

    /// <summary>A role that may read Secrets is caught, and the pods bound to it lose their right to a token.</summary>
    [Fact]
    public void RoleThatReadsSecretsIsCaughtAndItsPodsLoseTheirToken()
    {
        var rendered = Overlays.Render("production");
        const string find = "  name: pathavana-fluent-bit\nrules:\n- apiGroups:\n  - \"\"\n  resources:\n  - namespaces\n  - pods\n";
        Assert.Contains(find, rendered, StringComparison.Ordinal);
        var broken = rendered.Replace(find, find + "  - secrets\n", StringComparison.Ordinal);

        var violations = new ManifestPolicy(ManifestLoader.LoadYaml(broken, "production (edited)")).Check().Select(v => v.ToString()).ToList();

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("[ReadOnlyRoles] ClusterRole/pathavana-fluent-bit: grants access to [namespaces, pods, secrets]", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("[NoServiceAccountToken] DaemonSet/monitoring-agents/fluent-bit: mounts a service account token", StringComparison.Ordinal));
    }

    /// <summary>Only the listed node agents may touch the node; the same DaemonSet anywhere else may not.</summary>
    [Fact]
    public void NodeAgentOutsideItsNamespaceIsCaught()
    {
        var objects = Overlays.Load("production").ToList();
        var exporter = objects.OfType<V1DaemonSet>().Single(d => d.Metadata.Name == "node-exporter");
        exporter.Metadata.NamespaceProperty = "monitoring";

        var rules = new ManifestPolicy(objects).Check().Select(v => v.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        Assert.Equal([nameof(ManifestPolicy.NetworkPolicyForEveryWorkload), nameof(ManifestPolicy.NoHostAccess), nameof(ManifestPolicy.NoServiceAccountToken)], rules);
    }

    [Fact]
    public void WorkloadWithoutItsOwnNetworkPolicyIsCaught()
    {
        var objects = Overlays.Load("production")
            .Where(o => !(o is V1NetworkPolicy p && p.Metadata.Name == "pathavana-web"))
            .ToList();

        var violations = new ManifestPolicy(objects).Check();

        var violation = Assert.Single(violations);
        Assert.Equal("[NetworkPolicyForEveryWorkload] Deployment/pathavana/pathavana-web: no NetworkPolicy selects its pods (only the default deny would apply).", violation.ToString());
    }

    [Fact]
    public void MisspelledFieldInProductionIsRefusedByTheStrictLoader()
    {
        var rendered = Overlays.Render("production");
        Assert.Contains("  minReplicas: 2\n", rendered, StringComparison.Ordinal);
        var broken = rendered.Replace("  minReplicas: 2\n", "  minReplicas: 2\n  maxReplica: 3\n", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestLoadException>(() => ManifestLoader.LoadYaml(broken, "production (edited)"));

        Assert.Contains("HorizontalPodAutoscaler 'pathavana-", ex.Message, StringComparison.Ordinal);
        Assert.Contains("maxReplica", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFieldIsRefusedByTheStrictLoader()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "unknown-field.yaml");

        var ex = Assert.Throws<ManifestLoadException>(() => ManifestLoader.LoadYaml(File.ReadAllText(path), "unknown-field.yaml"));

        Assert.Contains("readOnlyRootFileSystem", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Deployment 'typo'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongValueTypeIsRefusedByTheStrictLoader()
    {
        const string yaml = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\nautomountServiceAccountToken: \"false\"\n";

        Assert.Throws<ManifestLoadException>(() => ManifestLoader.LoadYaml(yaml, "inline"));
    }

    [Fact]
    public void KindWithoutATypedModelIsRefused()
    {
        const string yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {}\n";

        var ex = Assert.Throws<ManifestLoadException>(() => ManifestLoader.LoadYaml(yaml, "inline"));

        Assert.Contains("Widget 'w' (example.com/v1) has no typed model", ex.Message, StringComparison.Ordinal);
    }
}
