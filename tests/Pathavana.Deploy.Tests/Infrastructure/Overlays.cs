using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>Renders a Kustomize overlay with <c>kubectl kustomize</c> and loads it strictly (once per run).</summary>
public static class Overlays
{
    public static readonly TheoryData<string> All = new("dev", "staging", "production");

    // The rendered YAML is cached (kubectl is slow); every Load parses fresh objects, so a test that
    // changes one (to prove a rule catches it) cannot leak that change into another test.
    private static readonly ConcurrentDictionary<string, Lazy<string>> Cache = new(StringComparer.Ordinal);

    /// <summary>The monitoring stack's namespaces, the same in every overlay.</summary>
    public static readonly string[] MonitoringNamespaces = ["monitoring", "monitoring-agents"];

    public static string Directory(string overlay) => RepositoryLayout.PathTo("deploy", "k8s", "overlays", overlay);

    /// <summary>The application's namespace in an overlay.</summary>
    public static string AppNamespace(string overlay) => overlay == "production" ? "pathavana" : $"pathavana-{overlay}";

    /// <summary>The application's objects of an overlay (its namespace, and the namespace itself).</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> App(string overlay) =>
        [.. Load(overlay).Where(o => o.Metadata.NamespaceProperty == AppNamespace(overlay) || (o is V1Namespace && o.Metadata.Name == AppNamespace(overlay)))];

    /// <summary>The monitoring stack's namespaced objects of an overlay.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Monitoring(string overlay) =>
        [.. Load(overlay).Where(o => MonitoringNamespaces.Contains(o.Metadata.NamespaceProperty))];

    public static string Render(string overlay)
    {
        var result = ExternalTool.Kubectl.Run(RepositoryLayout.Root, "kustomize", Directory(overlay));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kubectl kustomize deploy/k8s/overlays/{overlay} failed ({result.ExitCode}):\n{result.StandardError}");
        }
        return result.StandardOutput;
    }

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Load(string overlay) =>
        ManifestLoader.LoadYaml(Cache.GetOrAdd(overlay, o => new Lazy<string>(() => Render(o))).Value, $"overlays/{overlay}");
}
