using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>Renders a Kustomize overlay with <c>kubectl kustomize</c> and loads it strictly (once per run).</summary>
public static class Overlays
{
    public static readonly TheoryData<string> All = new("dev", "staging", "production");

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>>> Cache = new(StringComparer.Ordinal);

    public static string Directory(string overlay) => RepositoryLayout.PathTo("deploy", "k8s", "overlays", overlay);

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
        Cache.GetOrAdd(overlay, o => new Lazy<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>>(
            () => ManifestLoader.LoadYaml(Render(o), $"overlays/{o}"))).Value;
}
