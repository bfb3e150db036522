using System.Net;
using k8s;
using k8s.Models;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>One end of a connection: a pod (its namespace and labels) or an address outside the pod network.</summary>
public abstract record Peer;

/// <summary>A pod, by namespace and labels. A host-network pod also has the node's address.</summary>
public sealed record PodPeer(string Namespace, IReadOnlyDictionary<string, string> Labels, IPAddress? HostAddress = null) : Peer
{
    public override string ToString() =>
        $"{Namespace}/{(Labels.TryGetValue("app.kubernetes.io/name", out var n) ? n : "?")}"
        + (Labels.TryGetValue("app.kubernetes.io/component", out var c) ? $"({c})" : "");
}

/// <summary>An address that is not a pod of the manifests: a node, RDS, the API server, the internet.</summary>
public sealed record AddressPeer(IPAddress Address) : Peer
{
    public override string ToString() => Address.ToString();
}

/// <summary>
/// The Kubernetes NetworkPolicy semantics, evaluated over rendered manifests: a connection is
/// allowed when the source may send it (no Egress policy selects the source, or one of them allows
/// it) and the destination may receive it (likewise for Ingress). Namespaces not in the manifests
/// (ingress-nginx, argo-rollouts, kube-system) carry only their kubernetes.io/metadata.name label
/// and no policies. Ports are numeric, as the manifests write them.
/// </summary>
public sealed class NetworkPolicyGraph
{
    private readonly IReadOnlyList<V1NetworkPolicy> _policies;
    private readonly Dictionary<string, IDictionary<string, string>> _namespaceLabels;

    public NetworkPolicyGraph(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var list = objects.ToList();
        _policies = [.. list.OfType<V1NetworkPolicy>()];
        _namespaceLabels = list.OfType<V1Namespace>().ToDictionary(
            n => n.Metadata.Name,
            n => (IDictionary<string, string>)new Dictionary<string, string>(n.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                ["kubernetes.io/metadata.name"] = n.Metadata.Name,
            },
            StringComparer.Ordinal);
    }

    /// <summary>The pod a workload of the manifests runs, found by kind and name.</summary>
    public static PodPeer Pod(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, string kind, string name)
    {
        var o = objects.Single(x => x.Kind == kind && x.Metadata.Name == name);
        var (labels, host) = o switch
        {
            V1Deployment d => (d.Spec.Template.Metadata.Labels, d.Spec.Template.Spec.HostNetwork == true),
            V1StatefulSet s => (s.Spec.Template.Metadata.Labels, s.Spec.Template.Spec.HostNetwork == true),
            V1DaemonSet ds => (ds.Spec.Template.Metadata.Labels, ds.Spec.Template.Spec.HostNetwork == true),
            V1Job j => (j.Spec.Template.Metadata.Labels, j.Spec.Template.Spec.HostNetwork == true),
            V1CronJob c => (c.Spec.JobTemplate.Spec.Template.Metadata.Labels, c.Spec.JobTemplate.Spec.Template.Spec.HostNetwork == true),
            _ => throw new ArgumentException($"{kind}/{name} is not a workload."),
        };
        return new PodPeer(o.Metadata.NamespaceProperty!, new Dictionary<string, string>(labels, StringComparer.Ordinal),
            host ? IPAddress.Parse("10.0.1.25") : null);
    }

    /// <summary>A pod of a namespace outside the manifests (e.g. the ingress controller's).</summary>
    public static PodPeer ForeignPod(string ns, params (string Key, string Value)[] labels) =>
        new(ns, labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));

    public static AddressPeer Address(string address) => new(IPAddress.Parse(address));

    public bool Allows(Peer from, Peer to, int port, string protocol = "TCP") =>
        MaySend(from, to, port, protocol) && MayReceive(from, to, port, protocol);

    private bool MaySend(Peer from, Peer to, int port, string protocol)
    {
        if (from is not PodPeer source || source.HostAddress is not null)
        {
            return true; // outside the pod network (or on the host's): no policy applies
        }
        var selecting = Selecting(source, "Egress").ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Egress ?? []).Any(rule =>
            PortsMatch(rule.Ports, port, protocol) && PeersMatch(rule.To, source.Namespace, to)));
    }

    private bool MayReceive(Peer from, Peer to, int port, string protocol)
    {
        if (to is not PodPeer destination || destination.HostAddress is not null)
        {
            return true;
        }
        var selecting = Selecting(destination, "Ingress").ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Ingress ?? []).Any(rule =>
            PortsMatch(rule.Ports, port, protocol) && PeersMatch(rule.FromProperty, destination.Namespace, from)));
    }

    private IEnumerable<V1NetworkPolicy> Selecting(PodPeer pod, string type) =>
        _policies.Where(p =>
            p.Metadata.NamespaceProperty == pod.Namespace
            && (p.Spec.PolicyTypes ?? ["Ingress"]).Contains(type)
            && ManifestPolicy.Selects(p.Spec.PodSelector, pod.Labels.ToDictionary(kv => kv.Key, kv => kv.Value)));

    private static bool PortsMatch(IList<V1NetworkPolicyPort>? ports, int port, string protocol) =>
        ports is null || ports.Count == 0 || ports.Any(p =>
            (p.Protocol ?? "TCP") == protocol
            && (p.Port is null || (int.TryParse(p.Port.Value, out var from) && (p.EndPort is { } end ? port >= from && port <= end : port == from))));

    private bool PeersMatch(IList<V1NetworkPolicyPeer>? peers, string policyNamespace, Peer other)
    {
        if (peers is null || peers.Count == 0)
        {
            return true;
        }
        return peers.Any(peer => peer.IpBlock is { } block
            ? Address(other) is { } address && InBlock(block, address)
            : other is PodPeer pod && pod.HostAddress is null && PodMatches(peer, policyNamespace, pod));
    }

    private static IPAddress? Address(Peer peer) => peer switch
    {
        AddressPeer a => a.Address,
        PodPeer { HostAddress: { } host } => host,
        _ => null,
    };

    private static bool InBlock(V1IPBlock block, IPAddress address) =>
        IPNetwork.Parse(block.Cidr).Contains(address)
        && !(block.Except ?? []).Any(e => IPNetwork.Parse(e).Contains(address));

    private bool PodMatches(V1NetworkPolicyPeer peer, string policyNamespace, PodPeer pod)
    {
        var namespaceMatches = peer.NamespaceSelector is null
            ? pod.Namespace == policyNamespace
            : ManifestPolicy.Selects(peer.NamespaceSelector, NamespaceLabels(pod.Namespace));
        var podMatches = peer.PodSelector is null
            || ManifestPolicy.Selects(peer.PodSelector, pod.Labels.ToDictionary(kv => kv.Key, kv => kv.Value));
        return namespaceMatches && podMatches;
    }

    private IDictionary<string, string> NamespaceLabels(string ns) =>
        _namespaceLabels.TryGetValue(ns, out var labels)
            ? labels
            : new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = ns };
}
