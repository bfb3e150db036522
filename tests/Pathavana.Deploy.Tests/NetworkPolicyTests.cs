using k8s;
using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// The NetworkPolicies of each rendered overlay, evaluated: every flow the system needs is open,
/// and the ones nobody needs are shut (the monitoring UIs and the metrics port stay off the
/// ingress, the log store and Jaeger call nowhere, the application cannot reach the monitoring
/// stack's data).
/// </summary>
public sealed class NetworkPolicyTests
{
    private static readonly PodPeer IngressController = NetworkPolicyGraph.ForeignPod("ingress-nginx", ("app.kubernetes.io/name", "ingress-nginx"));
    private static readonly PodPeer RolloutsController = NetworkPolicyGraph.ForeignPod("argo-rollouts", ("app.kubernetes.io/name", "argo-rollouts"));
    private static readonly AddressPeer Internet = NetworkPolicyGraph.Address("52.94.236.248");
    private static readonly AddressPeer Node = NetworkPolicyGraph.Address("10.0.1.25");
    private static readonly AddressPeer ApiServer = NetworkPolicyGraph.Address("172.20.0.1");
    private static readonly AddressPeer Rds = NetworkPolicyGraph.Address("10.0.1.50");
    private static readonly AddressPeer InstanceMetadata = NetworkPolicyGraph.Address("169.254.169.254");

    private sealed class Cluster(string overlay)
    {
        public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; } = Overlays.Load(overlay);

        public NetworkPolicyGraph Graph { get; } = new(Overlays.Load(overlay));

        public PodPeer this[string kind, string name] => NetworkPolicyGraph.Pod(Objects, kind, name);

        public PodPeer Backend => this["Deployment", "pathavana-backend"];
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void TheFlowsTheSystemNeedsAreOpen(string overlay)
    {
        var c = new Cluster(overlay);
        var prometheus = c["StatefulSet", "prometheus"];
        var grafana = c["Deployment", "grafana"];
        var elasticsearch = c["StatefulSet", "elasticsearch"];
        var jaeger = c["StatefulSet", "jaeger"];
        var open = new (Peer From, Peer To, int Port, string Why)[]
        {
            (IngressController, c.Backend, 8080, "the public API"),
            (IngressController, c["Deployment", "pathavana-web"], 8080, "the web app"),
            (prometheus, c.Backend, 9464, "scraping the backend's management port"),
            (prometheus, c["Deployment", "kube-state-metrics"], 8080, "Kubernetes state"),
            (prometheus, c["Deployment", "blackbox-exporter"], 9115, "probes of the public address"),
            (prometheus, c["Deployment", "postgres-exporter"], 9187, "PostgreSQL metrics"),
            (prometheus, c["Deployment", "redis-exporter"], 9121, "Redis metrics"),
            (prometheus, c["StatefulSet", "alertmanager"], 9093, "sending alerts"),
            (prometheus, c["DaemonSet", "fluent-bit"], 2020, "log shipping metrics"),
            (prometheus, c["DaemonSet", "node-exporter"], 9100, "node metrics (host network)"),
            (prometheus, jaeger, 14269, "Jaeger's health"),
            (prometheus, grafana, 3000, "Grafana's health"),
            (prometheus, Node, 10250, "the kubelets (cAdvisor, volume statistics)"),
            (prometheus, ApiServer, 443, "service discovery"),
            (RolloutsController, prometheus, 9090, "the canary analysis"),
            (grafana, prometheus, 9090, "dashboards"),
            (grafana, c["StatefulSet", "alertmanager"], 9093, "alert list"),
            (grafana, jaeger, 16686, "traces"),
            (grafana, elasticsearch, 9200, "logs"),
            (c["DaemonSet", "fluent-bit"], elasticsearch, 9200, "shipping logs"),
            (c["DaemonSet", "fluent-bit"], ApiServer, 443, "pod metadata"),
            (c["Deployment", "kibana"], elasticsearch, 9200, "Kibana"),
            (c["Job", "logs-setup"], elasticsearch, 9200, "retention policies"),
            (c["Job", "logs-setup"], c["Deployment", "kibana"], 5601, "data views"),
            (c.Backend, jaeger, 4317, "traces"),
            (c["Job", "pathavana-migrate"], jaeger, 4317, "the migration's traces"),
            (c["StatefulSet", "alertmanager"], Internet, 443, "PagerDuty, Slack, SNS"),
            (c["Deployment", "blackbox-exporter"], Internet, 443, "the public address through CloudFront"),
            (c.Backend, Internet, 443, "Amadeus, Google Maps, the LLM"),
        };

        var closed = open.Where(f => !c.Graph.Allows(f.From, f.To, f.Port)).Select(f => $"{f.From} -> {f.To}:{f.Port} ({f.Why})").ToList();

        Assert.True(closed.Count == 0, $"overlays/{overlay}: needed flows are blocked:\n{string.Join('\n', closed)}");
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void TheFlowsNobodyNeedsAreShut(string overlay)
    {
        var c = new Cluster(overlay);
        var elasticsearch = c["StatefulSet", "elasticsearch"];
        var shut = new (Peer From, Peer To, int Port, string Why)[]
        {
            (IngressController, c["Deployment", "grafana"], 3000, "the monitoring UIs are not public"),
            (IngressController, c["Deployment", "kibana"], 5601, "the monitoring UIs are not public"),
            (IngressController, c["StatefulSet", "prometheus"], 9090, "Prometheus is not public"),
            (IngressController, c.Backend, 9464, "/metrics is not public"),
            (c.Backend, elasticsearch, 9200, "the application cannot read the logs"),
            (c.Backend, c["StatefulSet", "prometheus"], 9090, "the application cannot query metrics"),
            (c["Deployment", "pathavana-web"], c["StatefulSet", "prometheus"], 9090, "the web app reaches only the API"),
            (c["Deployment", "pathavana-web"], Internet, 443, "the web app calls nobody"),
            (elasticsearch, Internet, 443, "the log store calls nobody"),
            (c["Deployment", "kibana"], Internet, 443, "Kibana calls nobody"),
            (c["Deployment", "grafana"], Internet, 443, "Grafana downloads nothing"),
            (c["StatefulSet", "jaeger"], Internet, 443, "Jaeger calls nobody"),
            (c["DaemonSet", "fluent-bit"], Internet, 443, "logs go to our store only"),
            (c["StatefulSet", "prometheus"], Internet, 443, "Prometheus probes through the blackbox exporter"),
            (c["StatefulSet", "alertmanager"], InstanceMetadata, 80, "no pod borrows the node's AWS credentials"),
            (c["Deployment", "blackbox-exporter"], InstanceMetadata, 80, "no pod borrows the node's AWS credentials"),
            (c["Deployment", "postgres-exporter"], Internet, 443, "the exporters reach their database only"),
            (c["Deployment", "kube-state-metrics"], elasticsearch, 9200, "nothing else writes logs"),
        };

        var open = shut.Where(f => c.Graph.Allows(f.From, f.To, f.Port)).Select(f => $"{f.From} -> {f.To}:{f.Port} ({f.Why})").ToList();

        Assert.True(open.Count == 0, $"overlays/{overlay}: flows that must be shut are open:\n{string.Join('\n', open)}");
    }

    /// <summary>The exporters reach the data where each environment keeps it, and nothing else does.</summary>
    [Fact]
    public void ExportersReachTheDatabaseAndCacheWhereverTheyLive()
    {
        var dev = new Cluster("dev");
        var production = new Cluster("production");

        Assert.True(dev.Graph.Allows(dev["Deployment", "postgres-exporter"], dev["StatefulSet", "pathavana-postgres"], 5432));
        Assert.True(dev.Graph.Allows(dev["Deployment", "redis-exporter"], dev["StatefulSet", "pathavana-redis"], 6379));
        Assert.False(dev.Graph.Allows(dev["Deployment", "grafana"], dev["StatefulSet", "pathavana-postgres"], 5432));
        Assert.False(dev.Graph.Allows(dev["Deployment", "redis-exporter"], dev["StatefulSet", "pathavana-postgres"], 5432));
        Assert.True(production.Graph.Allows(production["Deployment", "postgres-exporter"], Rds, 5432));
        Assert.True(production.Graph.Allows(production["Deployment", "redis-exporter"], Rds, 6379));
        Assert.False(production.Graph.Allows(production["Deployment", "kibana"], Rds, 5432));
    }

    /// <summary>
    /// The evaluator is not vacuous: without the namespace's default deny and the backend's own
    /// policy, the ingress controller could reach the metrics port.
    /// </summary>
    [Fact]
    public void RemovingThePoliciesOpensWhatTheyGuarded()
    {
        var objects = Overlays.Load("production")
            .Where(o => !(o is V1NetworkPolicy p && p.Metadata.NamespaceProperty == "pathavana" && p.Metadata.Name is "pathavana-backend-ingress" or "default-deny-all"))
            .ToList();
        var graph = new NetworkPolicyGraph(objects);
        var backend = NetworkPolicyGraph.Pod(objects, "Deployment", "pathavana-backend");

        Assert.True(graph.Allows(IngressController, backend, 9464));
        Assert.False(new Cluster("production").Graph.Allows(IngressController, backend, 9464));
    }
}
