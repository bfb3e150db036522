using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// Must have 4 and 5, over the parsed HCL (terraform show -json needs providers, which cannot be
/// downloaded here): the edge serves the app (the viewer's Host reaches the origin on every path,
/// www redirects to the apex), and the AWS pieces the platform document names exist and are wired
/// to what uses them.
/// </summary>
public sealed class AwsPlatformTests
{
    private static string Terraform(params string[] parts) => RepositoryLayout.PathTo(["deploy", "terraform", .. parts]);

    private static IReadOnlyList<HclBlock> Blocks(params string[] directory) =>
        [.. Directory.EnumerateFiles(Terraform(directory), "*.tf").Order(StringComparer.Ordinal).SelectMany(Hcl.ParseFile)];

    private static HclBlock Resource(IReadOnlyList<HclBlock> blocks, string type, string name) =>
        Assert.Single(blocks, b => b.Type == "resource" && b.Label(0) == type && b.Label(1) == name);

    private static HclBlock Module(string root, string name) =>
        Assert.Single(Blocks(root), b => b.Type == "module" && b.Label(0) == name);

    private static string Unquote(string value) => value.Trim().Trim('"');

    // ---- the edge -------------------------------------------------------------------------------

    /// <summary>
    /// Every cache behavior, /assets/* included, sends the viewer's Host to the origin: the ingress
    /// routes and certifies by it (without it the origin sees its own name, which it does not serve,
    /// and the web app's scripts would not load through the CDN).
    /// </summary>
    [Fact]
    public void EveryCacheBehaviorForwardsTheViewersHost()
    {
        var edge = Blocks("modules", "edge");
        var distribution = Resource(edge, "aws_cloudfront_distribution", "this");
        var behaviors = distribution.Nested("default_cache_behavior").Concat(distribution.Nested("ordered_cache_behavior")).ToList();

        Assert.Equal(3, behaviors.Count);
        foreach (var behavior in behaviors)
        {
            var where = behavior.Attributes.GetValueOrDefault("path_pattern", "default");
            Assert.True(behavior.Attributes.TryGetValue("origin_request_policy_id", out var policy), $"{where}: no origin request policy, so no Host");
            Assert.True(ForwardsHost(edge, policy!), $"{where}: {policy} does not forward Host");
        }
        var assets = behaviors.Single(b => b.Attributes.GetValueOrDefault("path_pattern") == "\"/assets/*\"");
        Assert.Equal("data.aws_cloudfront_cache_policy.optimized.id", assets.Attributes["cache_policy_id"]);
        // The Host-only policy sends no cookies and no query string: nothing the cache key ignores.
        var hostOnly = Resource(edge, "aws_cloudfront_origin_request_policy", "assets");
        Assert.Equal("\"none\"", Assert.Single(hostOnly.Nested("cookies_config")).Attributes["cookie_behavior"]);
        Assert.Equal("\"none\"", Assert.Single(hostOnly.Nested("query_strings_config")).Attributes["query_string_behavior"]);
    }

    private static bool ForwardsHost(IReadOnlyList<HclBlock> edge, string policyReference)
    {
        if (policyReference.StartsWith("data.aws_cloudfront_origin_request_policy.", StringComparison.Ordinal))
        {
            var name = policyReference.Split('.')[2];
            var data = Assert.Single(edge, b => b.Type == "data" && b.Label(0) == "aws_cloudfront_origin_request_policy" && b.Label(1) == name);
            return Unquote(data.Attributes["name"]) == "Managed-AllViewer";
        }
        var resource = Resource(edge, "aws_cloudfront_origin_request_policy", policyReference.Split('.')[1]);
        var headers = Assert.Single(resource.Nested("headers_config"));
        return Unquote(headers.Attributes["header_behavior"]) is "allViewer"
            || (Unquote(headers.Attributes["header_behavior"]) == "whitelist"
                && headers.Nested("headers").Single().Attributes["items"].Contains("\"Host\"", StringComparison.Ordinal));
    }

    /// <summary>The origin is origin.&lt;public name&gt;, and the ingress of that environment serves and certifies that name.</summary>
    [Theory]
    [InlineData("production", "production")]
    [InlineData("staging", "staging")]
    [InlineData("dev", "dev")]
    public void TheOriginIsANameTheIngressServesAndCertifies(string root, string overlay)
    {
        var edge = Resource(Blocks("modules", "edge"), "aws_cloudfront_distribution", "this");
        Assert.Equal("var.origin_domain_name", Assert.Single(edge.Nested("origin")).Attributes["domain_name"]);
        Assert.Equal("local.origin_name", Module(root, "edge").Attributes["origin_domain_name"]);
        Assert.Equal("local.origin_name", Module(root, "dns").Attributes["origin_name"]);
        var locals = Assert.Single(Blocks(root), b => b.Type == "locals");
        var origin = Unquote(locals.Attributes["origin_name"]).Replace("${var.domain}", "pathavana.com", StringComparison.Ordinal);

        var ingress = Assert.Single(Overlays.Load(overlay).OfType<V1Ingress>());
        Assert.Contains(ingress.Spec.Rules, r => r.Host == origin);
        Assert.Contains(origin, ingress.Spec.Tls.Single().Hosts);
        // And the origin host answers what the health check asks for.
        var path = Unquote(Assert.Single(Blocks("modules", "dns"), b => b.Type == "variable" && b.Label(0) == "health_check_path").Attributes["default"]);
        Assert.Contains(ingress.Spec.Rules.Single(r => r.Host == origin).Http.Paths, p => p.Path == path);
    }

    /// <summary>www.pathavana.com is served (aliased, certified) and redirected to the apex by a function on every behavior.</summary>
    [Fact]
    public void WwwIsRedirectedToTheApexAtTheEdge()
    {
        var edge = Blocks("modules", "edge");
        var function = Resource(edge, "aws_cloudfront_function", "www_redirect");
        var distribution = Resource(edge, "aws_cloudfront_distribution", "this");

        Assert.Equal("\"cloudfront-js-2.0\"", function.Attributes["runtime"]);
        Assert.Equal("true", function.Attributes["publish"]);
        Assert.Equal("file(\"${path.module}/www-redirect.js\")", function.Attributes["code"]);
        foreach (var behavior in distribution.Nested("default_cache_behavior").Concat(distribution.Nested("ordered_cache_behavior")))
        {
            var association = Assert.Single(behavior.Nested("function_association"));
            Assert.Equal(("\"viewer-request\"", "aws_cloudfront_function.www_redirect.arn"), (association.Attributes["event_type"], association.Attributes["function_arn"]));
        }
        var locals = Assert.Single(Blocks("production"), b => b.Type == "locals");
        Assert.Equal("[var.domain, \"www.${var.domain}\"]", locals.Attributes["public_names"]);
        Assert.Equal("local.public_names", Module("production", "edge").Attributes["aliases"]);
        Assert.Equal("[\"www.${var.domain}\"]", Module("production", "certificate").Attributes["subject_alternative_names"]);
    }

    /// <summary>The redirect function itself, run by Node on the events CloudFront passes it.</summary>
    [Theory]
    [InlineData("www.pathavana.com", "/trips/3", "{}", 301, "https://pathavana.com/trips/3")]
    [InlineData("WWW.pathavana.com", "/", "{\"from\":{\"value\":\"BOS\"},\"to\":{\"value\":\"LIS\",\"multiValue\":[{\"value\":\"LIS\"},{\"value\":\"OPO\"}]}}", 301, "https://pathavana.com/?from=BOS&to=LIS&to=OPO")]
    [InlineData("pathavana.com", "/assets/index-3f2a.js", "{}", 0, null)]
    [InlineData("staging.pathavana.com", "/api/v1/trips", "{\"page\":{\"value\":\"2\"}}", 0, null)]
    public void TheRedirectFunctionAnswersAsCloudFrontWould(string host, string uri, string query, int status, string? location)
    {
        var script = Terraform("modules", "edge", "www-redirect.js");
        var harness = $$"""
            const fs = require('fs');
            const handler = new Function(fs.readFileSync({{System.Text.Json.JsonSerializer.Serialize(script)}}, 'utf8') + '; return handler;')();
            const event = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' },
              request: { method: 'GET', uri: {{System.Text.Json.JsonSerializer.Serialize(uri)}}, querystring: {{query}}, headers: { host: { value: {{System.Text.Json.JsonSerializer.Serialize(host)}} } }, cookies: {} } };
            process.stdout.write(JSON.stringify(handler(event)));
            """;

        var result = ExternalTool.Node.Run(RepositoryLayout.Root, "-e", harness);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var answer = JsonNode.Parse(result.StandardOutput)!;
        if (status == 0)
        {
            // Passed through unchanged: the request itself comes back.
            Assert.Equal(uri, answer["uri"]!.GetValue<string>());
            Assert.Equal(host, answer["headers"]!["host"]!["value"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(status, answer["statusCode"]!.GetValue<int>());
            Assert.Equal(location, answer["headers"]!["location"]!["value"]!.GetValue<string>());
        }
    }

    // ---- DNS: health checks and failover --------------------------------------------------------

    [Fact]
    public void Route53ChecksTheOriginAndFailsOverToTheRecoveryRegion()
    {
        var dns = Blocks("modules", "dns");
        var check = Resource(dns, "aws_route53_health_check", "origin");
        var primary = Resource(dns, "aws_route53_record", "this");
        var secondary = Resource(dns, "aws_route53_record", "secondary");
        var alarm = Resource(dns, "aws_cloudwatch_metric_alarm", "origin");

        Assert.Equal(("var.origin_name", "\"HTTPS\"", "var.health_check_path", "443"), (check.Attributes["fqdn"], check.Attributes["type"], check.Attributes["resource_path"], check.Attributes["port"]));
        Assert.True(check.Attributes.ContainsKey("regions"), "the health check must name the regions it checks from");
        Assert.Equal("local.failover ? aws_route53_health_check.origin.id : null", primary.Attributes["health_check_id"]);
        Assert.Contains("\"PRIMARY\"", Assert.Single(primary.Nested("dynamic"), d => d.Label(0) == "failover_routing_policy").Attributes["for_each"], StringComparison.Ordinal);
        Assert.Equal("\"SECONDARY\"", Assert.Single(secondary.Nested("failover_routing_policy")).Attributes["type"]);
        Assert.Equal("var.failover_target.domain_name", Assert.Single(secondary.Nested("alias")).Attributes["name"]);
        Assert.Equal(("\"AWS/Route53\"", "\"HealthCheckStatus\""), (alarm.Attributes["namespace"], alarm.Attributes["metric_name"]));

        // Production: the failover target is the load balancer in us-west-2 when it is given; the
        // alarm goes to the alert email topic.
        var productionDns = Module("production", "dns");
        Assert.Contains("var.dr_ingress_load_balancer_hostname", productionDns.Attributes["failover_target"], StringComparison.Ordinal);
        Assert.Contains("data.aws_elb_hosted_zone_id.dr[0].id", productionDns.Attributes["failover_target"], StringComparison.Ordinal);
        Assert.Equal("module.monitoring.email_topic_arn", productionDns.Attributes["alarm_topic_arn"]);
        var zoneOfDr = Assert.Single(Blocks("production"), b => b.Type == "data" && b.Label(0) == "aws_elb_hosted_zone_id");
        Assert.Equal(("aws.dr", "\"network\""), (zoneOfDr.Attributes["provider"], zoneOfDr.Attributes["load_balancer_type"]));
    }

    // ---- who may act: EKS access entries, MFA ---------------------------------------------------

    [Theory]
    [MemberData(nameof(TerraformTests.Roots), MemberType = typeof(TerraformTests))]
    public void EveryClusterIsReachedThroughMfaRolesOnly(string root)
    {
        if (root is "bootstrap" or "global")
        {
            Assert.DoesNotContain(Blocks(root), b => b.Type == "module" && b.Label(0) == "eks");
            return;
        }
        var eks = Blocks("modules", "eks");
        var cluster = Resource(eks, "aws_eks_cluster", "this");
        var access = Assert.Single(cluster.Nested("access_config"));
        Assert.Equal(("\"API\"", "false"), (access.Attributes["authentication_mode"], access.Attributes["bootstrap_cluster_creator_admin_permissions"]));
        Resource(eks, "aws_eks_access_entry", "this");
        var association = Resource(eks, "aws_eks_access_policy_association", "this");
        Assert.Equal("\"cluster\"", Assert.Single(association.Nested("access_scope")).Attributes["type"]);

        var entries = Module(root, "eks").Attributes["access_entries"];
        Assert.Contains("operator = { principal_arn = module.access.operator_role_arn, access_policy = \"cluster-admin\" }", entries, StringComparison.Ordinal);
        Assert.Contains("readonly = { principal_arn = module.access.readonly_role_arn, access_policy = \"view\" }", entries, StringComparison.Ordinal);
        Assert.Equal("\"../modules/access\"", Module(root, "access").Attributes["source"]);
    }

    [Fact]
    public void ProductionActionsAreDeniedWithoutMfa()
    {
        var access = Blocks("modules", "access");
        var deny = Assert.Single(Assert.Single(access, b => b.Type == "data" && b.Label(1) == "require_mfa").Nested("statement"));
        var trust = Assert.Single(Assert.Single(access, b => b.Type == "data" && b.Label(1) == "assume_with_mfa").Nested("statement"));

        Assert.Equal("\"Deny\"", deny.Attributes["effect"]);
        Assert.Equal("[\"*\"]", deny.Attributes["resources"]);
        Assert.Contains(deny.Nested("condition"), c => c.Attributes["test"] == "\"BoolIfExists\"" && c.Attributes["variable"] == "\"aws:MultiFactorAuthPresent\"" && c.Attributes["values"] == "[\"false\"]");
        // What a session without MFA may still do: set up the MFA device and sign in, nothing more.
        Assert.DoesNotContain("\"*\"", deny.Attributes["not_actions"], StringComparison.Ordinal);
        Assert.DoesNotContain("sts:AssumeRole\"", deny.Attributes["not_actions"], StringComparison.Ordinal);
        Assert.Contains(trust.Nested("condition"), c => c.Attributes["test"] == "\"Bool\"" && c.Attributes["variable"] == "\"aws:MultiFactorAuthPresent\"" && c.Attributes["values"] == "[\"true\"]");
        Assert.Equal("data.aws_iam_policy_document.assume_with_mfa.json", Resource(access, "aws_iam_role", "operator").Attributes["assume_role_policy"]);
        Assert.Equal("data.aws_iam_policy_document.assume_with_mfa.json", Resource(access, "aws_iam_role", "readonly").Attributes["assume_role_policy"]);
        Assert.Equal("aws_iam_policy.require_mfa.arn", Resource(access, "aws_iam_group_policy_attachment", "require_mfa").Attributes["policy_arn"]);
        Assert.Contains("require_mfa = aws_iam_policy.require_mfa.arn", Resource(access, "aws_iam_role_policy_attachment", "operator").Attributes["for_each"], StringComparison.Ordinal);
        Assert.Contains("ViewOnlyAccess", Resource(access, "aws_iam_role_policy_attachment", "readonly").Attributes["for_each"], StringComparison.Ordinal);
    }

    // ---- audit, network, cost -------------------------------------------------------------------

    [Fact]
    public void CloudTrailRecordsEveryRegionIntoTheLogsBucket()
    {
        var trail = Resource(Blocks("modules", "cloudtrail"), "aws_cloudtrail", "this");
        var module = Module("production", "cloudtrail");
        var s3 = Module("production", "s3");

        Assert.Equal(("true", "true", "true"), (trail.Attributes["is_multi_region_trail"], trail.Attributes["include_global_service_events"], trail.Attributes["enable_log_file_validation"]));
        Assert.Equal("module.s3.bucket_names[\"logs\"]", module.Attributes["bucket_name"]);
        // The bucket lets exactly this trail write, under the prefix the trail uses.
        Assert.Equal(module.Attributes["name"], s3.Attributes["cloudtrail_trail_name"]);
        var prefix = Unquote(Assert.Single(Blocks("modules", "cloudtrail"), b => b.Type == "variable" && b.Label(0) == "key_prefix").Attributes["default"]);
        var policy = Assert.Single(Blocks("modules", "s3"), b => b.Type == "data" && b.Label(1) == "tls_only");
        var write = policy.Nested("dynamic").Select(d => Assert.Single(d.Nested("content"))).Single(c => c.Attributes["sid"] == "\"CloudTrailWrite\"");
        Assert.Contains($"/{prefix}/AWSLogs/", write.Attributes["resources"], StringComparison.Ordinal);
        // Kept 12 months, as the platform document keeps logs.
        Assert.Equal("365", Assert.Single(Blocks("modules", "s3"), b => b.Type == "variable" && b.Label(0) == "log_retention_days").Attributes["default"]);
    }

    /// <summary>The subnets' network ACLs, evaluated the way AWS does (lowest rule number first).</summary>
    [Theory]
    [InlineData("private", "tcp", 5432, "203.0.113.7", "deny")]
    [InlineData("private", "tcp", 6379, "203.0.113.7", "deny")]
    [InlineData("private", "tcp", 22, "203.0.113.7", "deny")]
    [InlineData("private", "tcp", 5432, "10.0.1.23", "allow")]
    [InlineData("private", "tcp", 31443, "203.0.113.7", "allow")]
    [InlineData("private", "udp", 40000, "8.8.8.8", "allow")]
    [InlineData("public", "tcp", 443, "203.0.113.7", "allow")]
    [InlineData("public", "tcp", 80, "203.0.113.7", "allow")]
    [InlineData("public", "tcp", 3389, "203.0.113.7", "deny")]
    [InlineData("public", "tcp", 22, "203.0.113.7", "deny")]
    [InlineData("public", "tcp", 22, "10.0.10.5", "allow")]
    public void NetworkAclsKeepAdministrationAndTheDatabasesOffTheInternet(string subnets, string protocol, int port, string source, string expected)
    {
        var acl = Resource(Blocks("modules", "vpc"), "aws_network_acl", subnets);
        Assert.Equal($"aws_subnet.{subnets}[*].id", acl.Attributes["subnet_ids"]);
        var rules = acl.Nested("ingress")
            .Select(r => (Number: int.Parse(r.Attributes["rule_no"], System.Globalization.CultureInfo.InvariantCulture), Action: Unquote(r.Attributes["action"]), Protocol: Unquote(r.Attributes["protocol"]),
                Cidr: r.Attributes["cidr_block"] == "var.cidr_block" ? "10.0.0.0/16" : Unquote(r.Attributes["cidr_block"]),
                From: int.Parse(r.Attributes["from_port"], System.Globalization.CultureInfo.InvariantCulture), To: int.Parse(r.Attributes["to_port"], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Number);

        var match = rules.FirstOrDefault(r =>
            IPNetwork.Parse(r.Cidr).Contains(IPAddress.Parse(source))
            && (r.Protocol == "-1" || (r.Protocol == protocol && port >= r.From && port <= r.To)));

        Assert.Equal(expected, match.Action ?? "deny");
    }

    [Fact]
    public void EveryEnvironmentWatchesItsSpendingForAnomalies()
    {
        var budgets = Blocks("modules", "budgets");
        var monitor = Resource(budgets, "aws_ce_anomaly_monitor", "this");
        var subscription = Resource(budgets, "aws_ce_anomaly_subscription", "this");

        Assert.Equal("\"CUSTOM\"", monitor.Attributes["monitor_type"]);
        Assert.Contains("Key          = \"environment\"", monitor.Attributes["monitor_specification"], StringComparison.Ordinal);
        Assert.Contains("Values       = [var.environment]", monitor.Attributes["monitor_specification"], StringComparison.Ordinal);
        Assert.Equal("[aws_ce_anomaly_monitor.this.arn]", subscription.Attributes["monitor_arn_list"]);
        Assert.Equal("toset(var.alert_emails)", Assert.Single(subscription.Nested("dynamic")).Attributes["for_each"]);
        Assert.Contains("ANOMALY_TOTAL_IMPACT_ABSOLUTE", Assert.Single(Assert.Single(subscription.Nested("threshold_expression")).Nested("dimension")).Attributes["key"], StringComparison.Ordinal);
        foreach (var root in new[] { "dev", "staging", "production", "dr" })
        {
            Assert.Equal("var.alert_emails", Module(root, "budget").Attributes["alert_emails"]);
        }
    }

    // ---- disaster recovery: state, database -----------------------------------------------------

    [Fact]
    public void TerraformStateIsReplicatedToTheRecoveryRegion()
    {
        var bootstrap = Blocks("bootstrap");
        var replicaProvider = Assert.Single(bootstrap, b => b.Type == "provider" && b.Attributes.GetValueOrDefault("alias") == "\"replica\"");
        var replication = Resource(bootstrap, "aws_s3_bucket_replication_configuration", "state");
        var rule = Assert.Single(replication.Nested("rule"));

        Assert.Equal("var.replica_region", replicaProvider.Attributes["region"]);
        Assert.Equal("\"us-west-2\"", Assert.Single(bootstrap, b => b.Type == "variable" && b.Label(0) == "replica_region").Attributes["default"]);
        Assert.Equal("aws.replica", Resource(bootstrap, "aws_s3_bucket", "replica").Attributes["provider"]);
        Assert.Equal("\"Enabled\"", Assert.Single(Resource(bootstrap, "aws_s3_bucket_versioning", "replica").Nested("versioning_configuration")).Attributes["status"]);
        Assert.Equal(("aws_s3_bucket.state.id", "\"Enabled\""), (replication.Attributes["bucket"], rule.Attributes["status"]));
        Assert.Equal("aws_s3_bucket.replica.arn", Assert.Single(rule.Nested("destination")).Attributes["bucket"]);
        Assert.Equal("\"Enabled\"", Assert.Single(rule.Nested("delete_marker_replication")).Attributes["status"]);
        Resource(bootstrap, "aws_s3_bucket_policy", "replica");
    }

    /// <summary>A read replica of production runs in us-west-2 and is promoted on failover; the RTO is documented.</summary>
    [Fact]
    public void TheRecoveryRegionKeepsAReadReplicaThatFailoverPromotes()
    {
        var dr = Module("dr", "rds");
        var instance = Resource(Blocks("modules", "rds"), "aws_db_instance", "this");

        Assert.Equal("var.replicate_source_db", instance.Attributes["replicate_source_db"]);
        Assert.Equal("var.activate ? null : var.production_database_arn", dr.Attributes["replicate_source_db"]);
        Assert.Equal("var.production_database_arn != null || var.activate ? 1 : 0", dr.Attributes["count"]);
        Assert.Equal("var.activate", dr.Attributes["multi_az"]);
        Assert.Equal("module.rds.arn", Assert.Single(Blocks("production"), b => b.Type == "output" && b.Label(0) == "database_arn").Attributes["value"]);
        // A replica takes no name, user or password of its own.
        Assert.Equal("local.fresh ? true : null", instance.Attributes["manage_master_user_password"]);
        var deploy = File.ReadAllText(RepositoryLayout.PathTo("docs", "deploy.md"));
        Assert.Contains("read replica", deploy, StringComparison.Ordinal);
        Assert.Matches(@"RTO[^\n]*4 h", deploy);
    }

    // ---- what the cluster's workloads rely on ---------------------------------------------------

    /// <summary>The spot node group's taint is tolerated by workloads that can be interrupted (and by every node agent).</summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void SomeWorkloadsTolerateTheSpotTaint(string overlay)
    {
        var spot = Resource(Blocks("modules", "eks"), "aws_eks_node_group", "spot");
        var taint = Assert.Single(Assert.Single(spot.Nested("dynamic"), d => d.Label(0) == "taint").Nested("content"));
        var (key, value) = (Unquote(taint.Attributes["key"]), Unquote(taint.Attributes["value"]));
        Assert.Equal("\"NO_SCHEDULE\"", taint.Attributes["effect"]);
        Assert.Contains("\"pathavana.io/capacity\" = \"spot\"", spot.Attributes["labels"], StringComparison.Ordinal);

        var objects = Overlays.Load(overlay);
        var pods = objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(objects.OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Spec)))
            .ToList();
        var tolerating = pods.Where(p => (p.Spec.Tolerations ?? []).Any(t => t.Key == key && t.Value == value && t.Effect == "NoSchedule" && t.OperatorProperty == "Equal"))
            .Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["grafana", "kibana", "logs-setup"], tolerating);
        Assert.All(pods.Where(p => tolerating.Contains(p.Name)), p => Assert.Contains(
            p.Spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution,
            t => t.Preference.MatchExpressions.Any(e => e.Key == "pathavana.io/capacity" && e.Values.Contains("spot"))));
        // The application and the stateful parts stay off interruptible nodes.
        Assert.DoesNotContain(pods, p => p.Name.StartsWith("pathavana-", StringComparison.Ordinal) && tolerating.Contains(p.Name));
    }

    /// <summary>The names the cluster's manifests use for AWS (roles, topics, secrets) are the names Terraform creates.</summary>
    [Fact]
    public void MonitoringNamesInTheManifestsAreTheOnesTerraformCreates()
    {
        var module = Blocks("modules", "monitoring");
        var objects = Overlays.Load("production");
        string Annotation(string ns, string name) => objects.OfType<V1ServiceAccount>().Single(s => s.Metadata.NamespaceProperty == ns && s.Metadata.Name == name).Metadata.Annotations["eks.amazonaws.com/role-arn"];

        Assert.Equal("\"${local.name}-alertmanager\"", Resource(module, "aws_iam_role", "alertmanager").Attributes["name"]);
        Assert.EndsWith(":role/pathavana-production-alertmanager", Annotation("monitoring", "alertmanager"), StringComparison.Ordinal);
        Assert.Equal("\"${local.name}-monitoring-secrets\"", Resource(module, "aws_iam_role", "secrets").Attributes["name"]);
        Assert.EndsWith(":role/pathavana-production-monitoring-secrets", Annotation("monitoring", "monitoring-external-secrets"), StringComparison.Ordinal);
        Assert.EndsWith(":role/pathavana-production-monitoring-secrets", Annotation("monitoring-agents", "monitoring-external-secrets"), StringComparison.Ordinal);
        var subjects = Assert.Single(module, b => b.Type == "data" && b.Label(1) == "secrets_assume").Nested("statement").Single().Nested("condition")
            .Single(c => c.Attributes["variable"].Contains(":sub", StringComparison.Ordinal)).Attributes["values"];
        Assert.Contains("system:serviceaccount:monitoring:monitoring-external-secrets", subjects, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:monitoring-agents:monitoring-external-secrets", subjects, StringComparison.Ordinal);
        // The topics Alertmanager publishes to.
        Assert.Equal("\"${local.name}-alerts-${each.key}\"", Resource(module, "aws_sns_topic", "alerts").Attributes["name"]);
        var alertmanager = File.ReadAllText(RepositoryLayout.PathTo("deploy", "monitoring", "alertmanager", "alertmanager.yml"));
        Assert.Contains(":pathavana-production-alerts-sms", alertmanager, StringComparison.Ordinal);
        Assert.Contains(":pathavana-production-alerts-email", alertmanager, StringComparison.Ordinal);
        // The monitoring secret is its own, unreadable by the application's role.
        var secrets = Blocks("modules", "secrets");
        Assert.Equal("[for name in local.application_secrets : aws_secretsmanager_secret.this[name].arn]",
            Assert.Single(secrets, b => b.Type == "data" && b.Label(1) == "read").Nested("statement").First().Attributes["resources"]);
        Assert.All(objects.OfType<ExternalSecret>().Where(e => e.Metadata.NamespaceProperty!.StartsWith("monitoring", StringComparison.Ordinal)).SelectMany(e => e.Spec!.Data),
            d => Assert.Equal("pathavana/production/monitoring", d.RemoteRef.Key));
        foreach (var root in new[] { "dev", "staging", "production" })
        {
            Assert.Equal("module.secrets.monitoring_secret_arn", Module(root, "monitoring").Attributes["monitoring_secret_arn"]);
        }
    }
}
