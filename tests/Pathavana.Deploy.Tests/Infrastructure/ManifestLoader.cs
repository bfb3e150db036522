using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>An object that failed to load, and why.</summary>
public sealed class ManifestLoadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads Kubernetes objects into the KubernetesClient's typed models, strictly: an unknown field,
/// a value of the wrong type or a kind without a model is an error, not something dropped.
/// </summary>
public static class ManifestLoader
{
    private static readonly JsonSerializerOptions StrictOptions = CreateStrictOptions();

    private static readonly Dictionary<string, Type> Custom = new(StringComparer.Ordinal)
    {
        ["external-secrets.io/v1/ExternalSecret"] = typeof(ExternalSecret),
        ["external-secrets.io/v1/SecretStore"] = typeof(SecretStore),
        ["argoproj.io/v1alpha1/Rollout"] = typeof(Rollout),
        ["argoproj.io/v1alpha1/AnalysisTemplate"] = typeof(AnalysisTemplate),
        ["argoproj.io/v1alpha1/Application"] = typeof(ArgoApplication),
        ["argoproj.io/v1alpha1/AppProject"] = typeof(ArgoAppProject),
        ["cert-manager.io/v1/Issuer"] = typeof(CertManagerIssuer),
        ["cert-manager.io/v1/Certificate"] = typeof(Certificate),
    };

    private static readonly Lazy<Dictionary<string, Type>> BuiltIn = new(() =>
        typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is not null && typeof(IKubernetesObject).IsAssignableFrom(x.Type))
            .GroupBy(x => Key(
                string.IsNullOrEmpty(x.Entity!.Group) ? x.Entity.ApiVersion : $"{x.Entity.Group}/{x.Entity.ApiVersion}",
                x.Entity.Kind))
            .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal));

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> LoadYaml(string yaml, string source)
    {
        IReadOnlyList<JsonNode> documents;
        try
        {
            documents = YamlJson.ParseDocuments(yaml);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidDataException or NotSupportedException)
        {
            throw new ManifestLoadException($"{source}: not valid YAML: {ex.Message}", ex);
        }
        return documents.Select((d, i) => Load(d, $"{source} (document {i + 1})")).ToList();
    }

    public static IKubernetesObject<V1ObjectMeta> Load(JsonNode document, string source)
    {
        var apiVersion = (document["apiVersion"] as JsonValue)?.GetValue<string>();
        var kind = (document["kind"] as JsonValue)?.GetValue<string>();
        var name = document["metadata"]?["name"]?.ToString() ?? "(no name)";
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw new ManifestLoadException($"{source}: '{name}' has no apiVersion or kind.");
        }
        var key = Key(apiVersion, kind);
        if (!Custom.TryGetValue(key, out var type) && !BuiltIn.Value.TryGetValue(key, out type))
        {
            throw new ManifestLoadException(
                $"{source}: {kind} '{name}' ({apiVersion}) has no typed model: a built-in kind of another version, "
                + "or a custom resource not modelled in CustomResources.cs.");
        }
        try
        {
            var loaded = document.Deserialize(type, StrictOptions) as IKubernetesObject<V1ObjectMeta>;
            return loaded ?? throw new ManifestLoadException($"{source}: {kind} '{name}' loaded as nothing.");
        }
        catch (JsonException ex)
        {
            throw new ManifestLoadException($"{source}: {kind} '{name}' does not fit {type.Name}: {ex.Message}", ex);
        }
    }

    private static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";

    private static JsonSerializerOptions CreateStrictOptions()
    {
        JsonSerializerOptions? client = null;
        KubernetesJson.AddJsonOptions(o => client = o);
        return new JsonSerializerOptions(client ?? throw new InvalidOperationException("KubernetesJson gave no options."))
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
    }
}
