using k8s;
using k8s.Models;

namespace Pathavana.Deploy.Tests.Infrastructure;

// Typed models for the custom resources the manifests use (External Secrets, Argo Rollouts,
// Argo CD). They hold only the fields Pathavana writes; loaded strictly, any other field - a typo
// or a field this repository has not reviewed - fails the load, as it does for built-in kinds.

/// <summary>A custom resource: the usual envelope around a typed spec.</summary>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta>
    where TSpec : class
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public TSpec? Spec { get; set; }
}

/// <summary>external-secrets.io/v1 ExternalSecret.</summary>
public sealed class ExternalSecret : CustomResource<ExternalSecretSpec>;

public sealed record ExternalSecretSpec(
    string RefreshInterval,
    StoreRef SecretStoreRef,
    ExternalSecretTarget Target,
    IReadOnlyList<ExternalSecretData> Data);

public sealed record StoreRef(string Kind, string Name);

public sealed record ExternalSecretTarget(string Name, string CreationPolicy);

public sealed record ExternalSecretData(string SecretKey, RemoteRef RemoteRef);

public sealed record RemoteRef(string Key, string? Property, string? Version);

/// <summary>external-secrets.io/v1 SecretStore.</summary>
public sealed class SecretStore : CustomResource<SecretStoreSpec>;

public sealed record SecretStoreSpec(SecretStoreProvider Provider);

public sealed record SecretStoreProvider(AwsProvider Aws);

public sealed record AwsProvider(string Service, string Region, AwsAuth Auth);

public sealed record AwsAuth(AwsJwtAuth Jwt);

public sealed record AwsJwtAuth(ServiceAccountRef ServiceAccountRef);

public sealed record ServiceAccountRef(string Name);

/// <summary>argoproj.io/v1alpha1 Rollout, referencing a Deployment's pod template.</summary>
public sealed class Rollout : CustomResource<RolloutSpec>;

public sealed record RolloutSpec(
    int? Replicas,
    int? RevisionHistoryLimit,
    V1LabelSelector Selector,
    WorkloadRef WorkloadRef,
    RolloutStrategy Strategy);

public sealed record WorkloadRef(string ApiVersion, string Kind, string Name, string? ScaleDown);

public sealed record RolloutStrategy(CanaryStrategy? Canary, BlueGreenStrategy? BlueGreen);

public sealed record CanaryStrategy(
    IntOrString? MaxSurge,
    IntOrString? MaxUnavailable,
    RolloutAnalysis? Analysis,
    IReadOnlyList<CanaryStep> Steps);

public sealed record BlueGreenStrategy(
    string ActiveService,
    string PreviewService,
    bool? AutoPromotionEnabled,
    RolloutAnalysis? PrePromotionAnalysis);

public sealed record RolloutAnalysis(IReadOnlyList<AnalysisTemplateRef> Templates, int? StartingStep, IReadOnlyList<AnalysisRunArgument>? Args);

/// <summary>An argument the Rollout passes to its analysis: a value, or one taken from the Rollout.</summary>
public sealed record AnalysisRunArgument(string Name, string? Value, ArgumentValueFrom? ValueFrom);

/// <summary><c>podTemplateHashValue: Stable|Latest</c>, or a field of the Rollout (<c>metadata.namespace</c>).</summary>
public sealed record ArgumentValueFrom(string? PodTemplateHashValue, ArgumentFieldRef? FieldRef);

public sealed record ArgumentFieldRef(string FieldPath);

public sealed record AnalysisTemplateRef(string TemplateName);

public sealed record CanaryStep(int? SetWeight, CanaryPause? Pause, RolloutAnalysis? Analysis);

public sealed record CanaryPause(string? Duration);

/// <summary>argoproj.io/v1alpha1 AnalysisTemplate.</summary>
public sealed class AnalysisTemplate : CustomResource<AnalysisTemplateSpec>;

public sealed record AnalysisTemplateSpec(IReadOnlyList<AnalysisTemplateArgument>? Args, IReadOnlyList<AnalysisMetric> Metrics);

/// <summary>An argument the template expects (<c>{{args.name}}</c> in its queries).</summary>
public sealed record AnalysisTemplateArgument(string Name, string? Value);

public sealed record AnalysisMetric(
    string Name,
    string? InitialDelay,
    string Interval,
    int? FailureLimit,
    string SuccessCondition,
    MetricProvider Provider);

public sealed record MetricProvider(PrometheusMetric Prometheus);

public sealed record PrometheusMetric(string Address, string Query);

/// <summary>argoproj.io/v1alpha1 Application (Argo CD).</summary>
public sealed class ArgoApplication : CustomResource<ApplicationSpec>;

public sealed record ApplicationSpec(
    string Project,
    ApplicationSource Source,
    ApplicationDestination Destination,
    SyncPolicy? SyncPolicy,
    IReadOnlyList<IgnoreDifference>? IgnoreDifferences,
    int? RevisionHistoryLimit);

public sealed record ApplicationSource(string RepoURL, string TargetRevision, string Path);

public sealed record ApplicationDestination(string Server, string Namespace);

public sealed record SyncPolicy(AutomatedSync? Automated, IReadOnlyList<string>? SyncOptions, SyncRetry? Retry);

public sealed record AutomatedSync(bool Prune, bool SelfHeal);

public sealed record SyncRetry(int Limit, RetryBackoff? Backoff);

public sealed record RetryBackoff(string Duration, int Factor, string MaxDuration);

public sealed record IgnoreDifference(string? Group, string Kind, string? Name, IReadOnlyList<string> JsonPointers);

/// <summary>argoproj.io/v1alpha1 AppProject (Argo CD).</summary>
public sealed class ArgoAppProject : CustomResource<AppProjectSpec>;

public sealed record AppProjectSpec(
    string Description,
    IReadOnlyList<string> SourceRepos,
    IReadOnlyList<ApplicationDestination> Destinations,
    IReadOnlyList<GroupKind>? ClusterResourceWhitelist,
    IReadOnlyList<GroupKind>? NamespaceResourceBlacklist);

public sealed record GroupKind(string Group, string Kind);

/// <summary>cert-manager.io/v1 Issuer: self-signed, or a CA whose key pair is in a Secret.</summary>
public sealed class CertManagerIssuer : CustomResource<IssuerSpec>;

public sealed record IssuerSpec(SelfSignedIssuer? SelfSigned, CaIssuer? Ca);

public sealed record SelfSignedIssuer;

public sealed record CaIssuer(string SecretName);

/// <summary>cert-manager.io/v1 Certificate.</summary>
public sealed class Certificate : CustomResource<CertificateSpec>;

public sealed record CertificateSpec(
    string CommonName,
    string SecretName,
    IssuerReference IssuerRef,
    bool? IsCA,
    IReadOnlyList<string>? DnsNames,
    string? Duration,
    string? RenewBefore,
    IReadOnlyList<string>? Usages,
    CertificatePrivateKey? PrivateKey);

public sealed record IssuerReference(string Kind, string Name);

public sealed record CertificatePrivateKey(string Algorithm, int Size);
