using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>deploy/argocd and .github/workflows: what deploys, from where, and how it is checked.</summary>
public sealed partial class GitOpsTests
{
    private static string ArgoCd(string file) => RepositoryLayout.PathTo("deploy", "argocd", file);

    private static ArgoApplication Application(string overlay) =>
        Assert.IsType<ArgoApplication>(Assert.Single(ManifestLoader.LoadYaml(File.ReadAllText(ArgoCd($"{overlay}.yaml")), $"{overlay}.yaml")));

    private static ArgoAppProject Project() =>
        Assert.IsType<ArgoAppProject>(Assert.Single(ManifestLoader.LoadYaml(File.ReadAllText(ArgoCd("project.yaml")), "project.yaml")));

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void ApplicationSyncsItsOverlayIntoTheOverlaysNamespace(string overlay)
    {
        var application = Application(overlay);
        var project = Project();
        var ns = Overlays.AppNamespace(overlay);
        var spec = application.Spec!;

        Assert.Equal(project.Metadata.Name, spec.Project);
        Assert.Equal($"deploy/k8s/overlays/{overlay}", spec.Source.Path);
        Assert.True(Directory.Exists(RepositoryLayout.PathTo(spec.Source.Path.Split('/'))));
        Assert.Equal("main", spec.Source.TargetRevision);
        Assert.Equal(ns, spec.Destination.Namespace);
        // Every namespace the overlay renders into is a destination the project allows.
        foreach (var target in Overlays.Load(overlay).Select(o => o.Metadata.NamespaceProperty).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            Assert.Contains(project.Spec!.Destinations, d => d.Namespace == target && d.Server == spec.Destination.Server);
        }
        Assert.Contains(spec.Source.RepoURL, project.Spec!.SourceRepos);
        Assert.True(spec.SyncPolicy?.Automated is { Prune: true, SelfHeal: true });
    }

    [Fact]
    public void ProjectAllowsOnlyTheClusterScopedKindsTheOverlaysNeed()
    {
        var project = Project();

        Assert.Equal(
            [("", "Namespace"), ("rbac.authorization.k8s.io", "ClusterRole"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"), ("storage.k8s.io", "StorageClass")],
            project.Spec!.ClusterResourceWhitelist!.Select(k => (k.Group, k.Kind)).Order());
        // And every cluster-scoped object the overlays render is of a kind the project allows.
        foreach (var overlay in new[] { "dev", "staging", "production" })
        {
            Assert.All(Overlays.Load(overlay).Where(o => string.IsNullOrEmpty(o.Metadata.NamespaceProperty)),
                o => Assert.Contains(project.Spec!.ClusterResourceWhitelist!, k => k.Kind == o.Kind));
        }
    }

    private static JsonObject Workflow(string name)
    {
        var path = RepositoryLayout.PathTo(".github", "workflows", name);
        return Assert.IsType<JsonObject>(Assert.Single(YamlJson.ParseDocuments(File.ReadAllText(path))));
    }

    private static IEnumerable<JsonNode> Steps(JsonObject workflow) =>
        workflow["jobs"]!.AsObject().SelectMany(j => j.Value!["steps"]?.AsArray() ?? []).OfType<JsonNode>();

    [Fact]
    public void BuildAndTestRunsTheReadmesTestCommand()
    {
        var readme = File.ReadAllText(RepositoryLayout.PathTo("README.md"));
        Assert.Contains("./test.sh", readme, StringComparison.Ordinal);

        var runs = Steps(Workflow("build-test.yaml")).Select(s => s["run"]?.GetValue<string>()).OfType<string>();

        Assert.Contains("./test.sh", runs);
    }

    [Fact]
    public void ImagesAreScannedAndAScanFindingFailsTheBuild()
    {
        var steps = Steps(Workflow("images.yaml")).ToList();
        var names = steps.Select(s => s["name"]?.GetValue<string>() ?? s["uses"]?.GetValue<string>() ?? "").ToList();
        var gate = steps.Single(s => s["name"]?.GetValue<string>()?.StartsWith("Trivy scan", StringComparison.Ordinal) == true);

        Assert.StartsWith("aquasecurity/trivy-action@", gate["uses"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", gate["with"]!["exit-code"]!.GetValue<string>());
        Assert.Contains("CRITICAL", gate["with"]!["severity"]!.GetValue<string>(), StringComparison.Ordinal);
        // The scan comes before the push.
        Assert.True(names.IndexOf(gate["name"]!.GetValue<string>()) < names.IndexOf("Push"));
        // Every image an overlay runs from the registry: the backend, the web app, dev's PostgreSQL with pgBackRest.
        Assert.Equal(
            ["backend", "web", "postgres"],
            Workflow("images.yaml")["jobs"]!["image"]!["strategy"]!["matrix"]!["component"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void DeployChecksRenderTheManifestsAndValidateEveryTerraformRoot()
    {
        var workflow = Workflow("deploy-checks.yaml");
        var runs = string.Join('\n', Steps(workflow).Select(s => s["run"]?.GetValue<string>()).OfType<string>());
        var roots = workflow["jobs"]!["terraform"]!["strategy"]!["matrix"]!["root"]!.AsArray().Select(r => r!.GetValue<string>());

        Assert.Contains("dotnet test tests/Pathavana.Deploy.Tests", runs, StringComparison.Ordinal);
        Assert.Contains("terraform fmt -check -recursive deploy/terraform", runs, StringComparison.Ordinal);
        Assert.Contains("terraform validate", runs, StringComparison.Ordinal);
        Assert.Equal(
            Directory.GetDirectories(RepositoryLayout.PathTo("deploy", "terraform")).Select(Path.GetFileName).Where(d => d != "modules").Order(StringComparer.Ordinal),
            roots.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A deployment commits the release's tag and its digest, read from ECR, to the overlay's
    /// images; nothing calls the cluster. The entries it edits are the overlays' own.
    /// </summary>
    [Fact]
    public void DeploymentIsACommitOfTagAndDigestToAnOverlayNeverAClusterCall()
    {
        var workflow = Workflow("deploy.yaml");
        var steps = Steps(workflow).ToList();
        var runs = string.Join('\n', steps.Select(s => s["run"]?.GetValue<string>()).OfType<string>());

        Assert.DoesNotContain("kubectl apply", runs, StringComparison.Ordinal);
        Assert.DoesNotContain("kubectl set image", runs, StringComparison.Ordinal);
        // Both jobs look the digest up in ECR (as the CI role, by OIDC) and write tag and digest.
        Assert.Equal(2, ImageEdit().Count(runs));
        Assert.Equal(2, Regex.Count(runs, "aws ecr describe-images --repository-name \"pathavana/\\$\\{component\\}\"", RegexOptions.None));
        Assert.Equal(2, steps.Count(s => s["uses"]?.GetValue<string>()?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true));
        Assert.Equal("write", workflow["permissions"]!["id-token"]!.GetValue<string>());
        Assert.Contains("for component in backend web postgres; do", runs, StringComparison.Ordinal);
        foreach (var overlay in new[] { "dev", "staging", "production" })
        {
            var kustomization = YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(Overlays.Directory(overlay), "kustomization.yaml")))[0];
            var images = kustomization["images"]!.AsArray().OfType<JsonObject>().ToDictionary(i => i["name"]!.GetValue<string>(), StringComparer.Ordinal);
            // postgres: dev's in-cluster PostgreSQL with pgBackRest; the others use RDS.
            foreach (var component in overlay == "dev" ? new[] { "backend", "web", "postgres" } : ["backend", "web"])
            {
                var image = images[$"pathavana/{component}"];
                Assert.Matches(@"^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com/pathavana/" + component + "$", image["newName"]!.GetValue<string>());
                Assert.Matches("^sha256:[0-9a-f]{64}$", image["digest"]!.GetValue<string>());
                Assert.NotNull(image["newTag"]);
            }
        }
    }

    [Fact]
    public void EveryActionIsPinnedToAVersion()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryLayout.PathTo(".github", "workflows"), "*.yaml"))
        {
            var workflow = Assert.IsType<JsonObject>(Assert.Single(YamlJson.ParseDocuments(File.ReadAllText(file))));
            Assert.NotNull(workflow["on"]);
            Assert.NotNull(workflow["permissions"]);
            foreach (var uses in Steps(workflow).Select(s => s["uses"]?.GetValue<string>()).OfType<string>())
            {
                Assert.Matches(@"^[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|\d+\.\d+\.\d+|[0-9a-f]{40})$", uses);
            }
        }
    }

    [GeneratedRegex(@"yq -i '\(\.images\[\] \| select\(\.name == strenv\(NAME\)\)\) \|= \(\.newTag = strenv\(TAG\) \| \.digest = strenv\(DIGEST\)\)' kustomization\.yaml")]
    private static partial Regex ImageEdit();
}
