using System.Text.RegularExpressions;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// deploy/terraform without providers (none can be downloaded here, so terraform validate cannot
/// run): terraform fmt, the four-file layout, typed and described variables, pinned providers, and
/// that every module call and module output reference matches what the module declares.
/// </summary>
public sealed partial class TerraformTests
{
    private static readonly string[] FourFiles = ["main.tf", "outputs.tf", "variables.tf", "versions.tf"];

    private static string TerraformRoot => RepositoryLayout.PathTo("deploy", "terraform");

    public static readonly TheoryData<string> Roots = new("bootstrap", "global", "dev", "staging", "production", "dr");

    private static IEnumerable<string> ConfigurationDirectories() =>
        Directory.EnumerateFiles(TerraformRoot, "*.tf", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetDirectoryName(f)!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static IReadOnlyList<HclBlock> Blocks(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.tf").Order(StringComparer.Ordinal).SelectMany(Hcl.ParseFile)];

    private static string Relative(string path) => Path.GetRelativePath(RepositoryLayout.Root, path);

    [Fact]
    public void TerraformFmtFindsNothingToChange()
    {
        var result = ExternalTool.Terraform.Run(RepositoryLayout.Root, "fmt", "-check", "-recursive", "-diff", "deploy/terraform");

        Assert.True(result.ExitCode == 0, $"terraform fmt -check -recursive deploy/terraform failed; run 'terraform fmt -recursive deploy/terraform'.\n{result.StandardOutput}\n{result.StandardError}");
    }

    [Fact]
    public void ModulesAndRootsArePresent()
    {
        var modules = Directory.GetDirectories(Path.Combine(TerraformRoot, "modules")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(["access", "acm", "backup", "budgets", "cloudtrail", "dns", "ecr", "edge", "eks", "elasticache", "monitoring", "rds", "s3", "secrets", "vpc"], modules);
        foreach (var root in Roots)
        {
            Assert.True(Directory.Exists(Path.Combine(TerraformRoot, (string)root.Data)), $"missing root {root.Data}");
        }
    }

    [Fact]
    public void EveryModuleAndRootHasTheFourFiles()
    {
        var directories = ConfigurationDirectories().ToList();

        Assert.NotEmpty(directories);
        foreach (var directory in directories)
        {
            var files = Directory.EnumerateFiles(directory, "*.tf").Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.True(FourFiles.SequenceEqual(files), $"{Relative(directory)} has [{string.Join(", ", files)}], not exactly [{string.Join(", ", FourFiles)}]");
        }
    }

    [Fact]
    public void EveryVariableIsTypedAndDescribedAndEveryOutputDescribed()
    {
        var problems = new List<string>();
        foreach (var directory in ConfigurationDirectories())
        {
            foreach (var block in Blocks(directory))
            {
                var where = $"{Relative(directory)}: {block.Type} \"{block.Label(0)}\"";
                if (block.Type == "variable")
                {
                    if (!block.Attributes.ContainsKey("type"))
                    {
                        problems.Add($"{where} has no type");
                    }
                    if (!block.Attributes.TryGetValue("description", out var description) || description.Length < 10)
                    {
                        problems.Add($"{where} has no description");
                    }
                }
                if (block.Type == "output" && !block.Attributes.ContainsKey("description"))
                {
                    problems.Add($"{where} has no description");
                }
            }
            // Variables and outputs live in their own files, everything else not.
            foreach (var file in Directory.EnumerateFiles(directory, "*.tf"))
            {
                var name = Path.GetFileName(file);
                foreach (var block in Hcl.ParseFile(file))
                {
                    var expected = block.Type switch { "variable" => "variables.tf", "output" => "outputs.tf", "terraform" => "versions.tf", _ => null };
                    if (expected is not null && expected != name)
                    {
                        problems.Add($"{Relative(file)}: {block.Type} blocks belong in {expected}");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EveryProviderVersionIsPinned()
    {
        var problems = new List<string>();
        foreach (var directory in ConfigurationDirectories())
        {
            var terraform = Assert.Single(Hcl.ParseFile(Path.Combine(directory, "versions.tf")), b => b.Type == "terraform");
            if (!terraform.Attributes.TryGetValue("required_version", out var required) || !required.Contains('<', StringComparison.Ordinal))
            {
                problems.Add($"{Relative(directory)}: required_version must bound Terraform's version from above");
            }
            var providers = terraform.Nested("required_providers").SingleOrDefault();
            if (providers is null || providers.Attributes.Count == 0)
            {
                problems.Add($"{Relative(directory)}: no required_providers");
                continue;
            }
            foreach (var (name, value) in providers.Attributes)
            {
                var provider = Hcl.ObjectAttributes(value);
                if (!provider.TryGetValue("source", out var source) || !source.StartsWith("\"hashicorp/", StringComparison.Ordinal))
                {
                    problems.Add($"{Relative(directory)}: provider {name} has no hashicorp/ source");
                }
                if (!provider.TryGetValue("version", out var version) || !PinnedVersion().IsMatch(version))
                {
                    problems.Add($"{Relative(directory)}: provider {name} version {version ?? "(none)"} is not pinned (use \"~> x.y\" or \"= x.y.z\")");
                }
            }
            // Every provider a configuration configures or a module needs is declared.
            foreach (var block in Blocks(directory).Where(b => b.Type == "provider"))
            {
                if (!providers.Attributes.ContainsKey(block.Label(0)!))
                {
                    problems.Add($"{Relative(directory)}: provider \"{block.Label(0)}\" is not in required_providers");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>What terraform validate would catch first: arguments a module does not declare, required ones not passed, outputs that do not exist.</summary>
    [Theory]
    [MemberData(nameof(Roots))]
    public void ModuleCallsMatchTheModules(string root)
    {
        var directory = Path.Combine(TerraformRoot, root);
        var blocks = Blocks(directory);
        var meta = new HashSet<string>(["source", "count", "for_each", "providers", "depends_on", "version"], StringComparer.Ordinal);
        var problems = new List<string>();
        var calls = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var call in blocks.Where(b => b.Type == "module"))
        {
            var source = call.Attributes["source"].Trim('"');
            var moduleDirectory = Path.GetFullPath(Path.Combine(directory, source));
            calls[call.Label(0)!] = moduleDirectory;
            var moduleBlocks = Blocks(moduleDirectory);
            var variables = moduleBlocks.Where(b => b.Type == "variable").ToDictionary(b => b.Label(0)!, StringComparer.Ordinal);
            foreach (var argument in call.Attributes.Keys.Where(a => !meta.Contains(a)))
            {
                if (!variables.ContainsKey(argument))
                {
                    problems.Add($"module \"{call.Label(0)}\" passes '{argument}', which {source} does not declare");
                }
            }
            foreach (var (name, variable) in variables)
            {
                if (!variable.Attributes.ContainsKey("default") && !call.Attributes.ContainsKey(name))
                {
                    problems.Add($"module \"{call.Label(0)}\" does not pass the required variable '{name}' of {source}");
                }
            }
            var aliases = moduleBlocks.Where(b => b.Type == "terraform").SelectMany(t => t.Nested("required_providers"))
                .SelectMany(p => p.Attributes.Values).SelectMany(v => ConfigurationAlias().Matches(v).Select(m => m.Groups[1].Value)).ToList();
            foreach (var alias in aliases)
            {
                if (!call.Attributes.TryGetValue("providers", out var providers) || !providers.Contains($"aws.{alias}", StringComparison.Ordinal))
                {
                    problems.Add($"module \"{call.Label(0)}\" must pass the provider aws.{alias} that {source} requires");
                }
            }
        }

        var declaredVariables = blocks.Where(b => b.Type == "variable").Select(b => b.Label(0)!).ToHashSet(StringComparer.Ordinal);
        var declaredLocals = blocks.Where(b => b.Type == "locals").SelectMany(b => b.Attributes.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.tf"))
        {
            var text = File.ReadAllText(file);
            foreach (Match reference in ModuleOutputReference().Matches(text))
            {
                var (module, output) = (reference.Groups["module"].Value, reference.Groups["output"].Value);
                if (!calls.TryGetValue(module, out var moduleDirectory))
                {
                    problems.Add($"{Path.GetFileName(file)} refers to module.{module}, which is not called");
                }
                else if (!Blocks(moduleDirectory).Any(b => b.Type == "output" && b.Label(0) == output))
                {
                    problems.Add($"{Path.GetFileName(file)} refers to module.{module}.{output}, which the module does not output");
                }
            }
            problems.AddRange(VariableReference().Matches(text).Select(m => m.Groups[1].Value)
                .Where(v => !declaredVariables.Contains(v)).Distinct(StringComparer.Ordinal)
                .Select(v => $"{Path.GetFileName(file)} uses var.{v}, which is not declared"));
            problems.AddRange(LocalReference().Matches(text).Select(m => m.Groups[1].Value)
                .Where(v => !declaredLocals.Contains(v)).Distinct(StringComparer.Ordinal)
                .Select(v => $"{Path.GetFileName(file)} uses local.{v}, which is not declared"));
        }
        Assert.True(problems.Count == 0, $"deploy/terraform/{root}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void ModulesUseOnlyTheirOwnVariables()
    {
        var problems = new List<string>();
        foreach (var module in Directory.GetDirectories(Path.Combine(TerraformRoot, "modules")))
        {
            var declared = Blocks(module).Where(b => b.Type == "variable").Select(b => b.Label(0)!).ToHashSet(StringComparer.Ordinal);
            var used = Directory.EnumerateFiles(module, "*.tf").SelectMany(f => VariableReference().Matches(File.ReadAllText(f)))
                .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(used.Except(declared).Select(v => $"{Relative(module)} uses var.{v}, which it does not declare"));
            problems.AddRange(declared.Except(used).Select(v => $"{Relative(module)} declares var.{v} and never uses it"));
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void EveryAwsProviderTagsEnvironmentCostCentreAndProject(string root)
    {
        var providers = Blocks(Path.Combine(TerraformRoot, root)).Where(b => b.Type == "provider" && b.Label(0) == "aws").ToList();

        Assert.NotEmpty(providers);
        foreach (var provider in providers)
        {
            var tags = Assert.Single(provider.Nested("default_tags")).Attributes["tags"];
            var literal = tags == "local.tags"
                ? Blocks(Path.Combine(TerraformRoot, root)).Where(b => b.Type == "locals").Select(b => b.Attributes.GetValueOrDefault("tags")).OfType<string>().Single()
                : tags;
            var keys = Hcl.ObjectAttributes(literal).Keys;
            Assert.Equal(["cost-center", "environment", "managed-by", "project"], keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void ProductionDataTierIsMultiAzEncryptedAndCopiedToTheRecoveryRegion()
    {
        var production = Blocks(Path.Combine(TerraformRoot, "production")).Where(b => b.Type == "module").ToDictionary(b => b.Label(0)!, StringComparer.Ordinal);
        var staging = Blocks(Path.Combine(TerraformRoot, "staging")).Where(b => b.Type == "module").ToDictionary(b => b.Label(0)!, StringComparer.Ordinal);
        var dev = Blocks(Path.Combine(TerraformRoot, "dev")).Where(b => b.Type == "module").ToDictionary(b => b.Label(0)!, StringComparer.Ordinal);
        var rdsInstance = Hcl.ParseFile(Path.Combine(TerraformRoot, "modules", "rds", "main.tf"))
            .Single(b => b.Type == "resource" && b.Label(0) == "aws_db_instance");

        Assert.Equal("true", production["rds"].Attributes["multi_az"]);
        Assert.Equal("true", production["rds"].Attributes["cross_region_backup_copy"]);
        Assert.Equal("\"db.t3.medium\"", production["rds"].Attributes["instance_class"]);
        Assert.Equal("true", production["elasticache"].Attributes["multi_az"]);
        Assert.Equal("\"db.t3.small\"", staging["rds"].Attributes["instance_class"]);
        Assert.Equal("true", rdsInstance.Attributes["storage_encrypted"]);
        Assert.Equal("false", rdsInstance.Attributes["publicly_accessible"]);
        Assert.Equal("var.backup_retention_days", rdsInstance.Attributes["backup_retention_period"]);
        Assert.Contains("aws.dr", production["rds"].Attributes["providers"], StringComparison.Ordinal);
        // Dev runs PostgreSQL and Redis in the cluster.
        Assert.False(dev.ContainsKey("rds"));
        Assert.False(dev.ContainsKey("elasticache"));
        var drProvider = Assert.Single(Blocks(Path.Combine(TerraformRoot, "dr")), b => b.Type == "provider");
        Assert.Equal("\"us-west-2\"", drProvider.Attributes["region"]);
    }

    [Fact]
    public void VpcHasTheDocumentsSubnetsAcrossThreeZones()
    {
        var vpc = Blocks(Path.Combine(TerraformRoot, "production")).Single(b => b.Type == "module" && b.Label(0) == "vpc");

        Assert.Equal("\"10.0.0.0/16\"", vpc.Attributes["cidr_block"]);
        Assert.Equal("[\"10.0.10.0/24\", \"10.0.11.0/24\", \"10.0.12.0/24\"]", vpc.Attributes["public_subnet_cidrs"]);
        Assert.Equal("[\"10.0.0.0/24\", \"10.0.1.0/24\", \"10.0.2.0/24\"]", vpc.Attributes["private_subnet_cidrs"]);
        var locals = Blocks(Path.Combine(TerraformRoot, "production")).Single(b => b.Type == "locals");
        Assert.Equal("[\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]", locals.Attributes["azs"]);
    }

    [Fact]
    public void BucketsAreVersionedEncryptedPrivateAndAgedOut()
    {
        var resources = Hcl.ParseFile(Path.Combine(TerraformRoot, "modules", "s3", "main.tf"))
            .Where(b => b.Type == "resource").Select(b => b.Label(0)).ToHashSet(StringComparer.Ordinal);
        var locals = Hcl.ParseFile(Path.Combine(TerraformRoot, "modules", "s3", "main.tf")).Single(b => b.Type == "locals");

        foreach (var required in new[]
        {
            "aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_public_access_block", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy",
        })
        {
            Assert.Contains(required, resources);
        }
        Assert.Equal(["assets", "backups", "logs"], Hcl.ObjectAttributes(locals.Attributes["buckets"]).Keys.Order(StringComparer.Ordinal));
    }

    private static string BackupModule => Path.Combine(TerraformRoot, "modules", "backup");

    private static string BackupSource => RepositoryLayout.PathTo("src", "Pathavana", "Platform", "Backup");

    private static HclBlock BackupBlock(string type, string label, string? name = null) =>
        Blocks(BackupModule).Single(b => b.Type == type && b.Label(0) == label && (name is null || b.Label(1) == name));

    /// <summary>The RDS API actions the backup tool calls: every <c>CallAsync("Action", …)</c> under Platform/Backup.</summary>
    private static HashSet<string> RdsActionsTheToolCalls()
    {
        var code = string.Join('\n', Directory.EnumerateFiles(BackupSource, "*.cs").Select(File.ReadAllText));
        var actions = RdsCall().Matches(code).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        // Every call names its action literally, or the role could lack one this test cannot see.
        Assert.Equal(CallSite().Count(code), RdsCall().Count(code));
        return actions;
    }

    [Theory]
    [InlineData("dev", "pgbackrest")]
    [InlineData("staging", "rds")]
    [InlineData("production", "rds")]
    public void EachRootMakesTheBackupRolesInItsDatabasesMode(string root, string mode)
    {
        var blocks = Blocks(Path.Combine(TerraformRoot, root));
        var backup = Assert.Single(blocks, b => b.Type == "module" && b.Label(0) == "backup");

        Assert.Equal("\"../modules/backup\"", backup.Attributes["source"]);
        Assert.Equal($"\"{mode}\"", backup.Attributes["mode"]);
        Assert.Equal("local.environment", backup.Attributes["environment"]);
        Assert.Equal($"\"{Overlays.AppNamespace(root)}\"", backup.Attributes["namespace"]);
        Assert.Equal("module.eks.oidc_provider_arn", backup.Attributes["oidc_provider_arn"]);
        Assert.Equal("module.eks.oidc_issuer", backup.Attributes["oidc_issuer"]);
        if (mode == "pgbackrest")
        {
            // Dev's in-cluster PostgreSQL: the repository is in the environment's backups bucket.
            Assert.Equal("module.s3.bucket_arns[\"backups\"]", backup.Attributes["backups_bucket_arn"]);
            Assert.False(backup.Attributes.ContainsKey("rds_instance_arn"));
            Assert.DoesNotContain(blocks, b => b.Type == "module" && b.Label(0) == "rds");
            return;
        }
        Assert.Equal("module.rds.arn", backup.Attributes["rds_instance_arn"]);
        Assert.Equal("module.rds.kms_key_arn", backup.Attributes["rds_kms_key_arn"]);
        Assert.False(backup.Attributes.ContainsKey("backups_bucket_arn"));
        // The role is scoped to the instance's name; the backup tool acts on the one its overlay names.
        var rds = Assert.Single(blocks, b => b.Type == "module" && b.Label(0) == "rds");
        Assert.Equal("local.name", rds.Attributes["identifier"]);
        Assert.Equal($"\"pathavana-{root}\"", blocks.Single(b => b.Type == "locals").Attributes["name"]);
        var config = Overlays.App(root).OfType<k8s.Models.V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("pathavana-backend-config", StringComparison.Ordinal));
        Assert.Equal($"pathavana-{root}", config.Data["Backup__Rds__InstanceIdentifier"]);
    }

    [Fact]
    public void BackupRolesTrustOnlyTheirServiceAccountsThroughTheClustersOidcProvider()
    {
        var assume = BackupBlock("data", "aws_iam_policy_document", "assume");
        var statement = Assert.Single(assume.Nested("statement"));
        var conditions = statement.Nested("condition").ToDictionary(c => c.Attributes["variable"], c => c.Attributes["values"], StringComparer.Ordinal);

        Assert.Equal("toset(concat([\"pathavana-backup\"], local.pgbackrest ? [\"pathavana-postgres\"] : []))", assume.Attributes["for_each"]);
        Assert.Equal("[\"sts:AssumeRoleWithWebIdentity\"]", statement.Attributes["actions"]);
        var principal = Assert.Single(statement.Nested("principals"));
        Assert.Equal("\"Federated\"", principal.Attributes["type"]);
        Assert.Equal("[var.oidc_provider_arn]", principal.Attributes["identifiers"]);
        Assert.Equal("[\"system:serviceaccount:${var.namespace}:${each.key}\"]", conditions["\"${var.oidc_issuer}:sub\""]);
        Assert.Equal("[\"sts.amazonaws.com\"]", conditions["\"${var.oidc_issuer}:aud\""]);
        Assert.All(statement.Nested("condition"), c => Assert.Equal("\"StringEquals\"", c.Attributes["test"]));

        var backup = BackupBlock("resource", "aws_iam_role", "backup");
        Assert.Equal("\"pathavana-${var.environment}-backup\"", backup.Attributes["name"]);
        Assert.Equal("data.aws_iam_policy_document.assume[\"pathavana-backup\"].json", backup.Attributes["assume_role_policy"]);
        var postgres = BackupBlock("resource", "aws_iam_role", "postgres");
        Assert.Equal("\"pathavana-${var.environment}-postgres\"", postgres.Attributes["name"]);
        Assert.Equal("data.aws_iam_policy_document.assume[\"pathavana-postgres\"].json", postgres.Attributes["assume_role_policy"]);
    }

    /// <summary>
    /// The rds mode role allows every RDS API action the backup tool calls (a new call fails this
    /// test until the role has it) and nothing else but AddTagsToResource, which CreateDBSnapshot
    /// needs for the tags it passes; and the names it is scoped to are the names the tool makes.
    /// </summary>
    [Fact]
    public void TheRdsRoleAllowsEveryRdsActionTheBackupToolCallsOnTheNamesItUses()
    {
        var called = RdsActionsTheToolCalls();
        var policy = BackupBlock("data", "aws_iam_policy_document", "rds");
        var statements = policy.Nested("statement")
            .Concat(policy.Nested("dynamic").Where(d => d.Label(0) == "statement").SelectMany(d => d.Nested("content")))
            .ToDictionary(s => s.Attributes["sid"].Trim('"'), StringComparer.Ordinal);
        var granted = statements.Values.SelectMany(s => RdsAction().Matches(s.Attributes["actions"]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var code = string.Join('\n', Directory.EnumerateFiles(BackupSource, "*.cs").Select(File.ReadAllText));

        Assert.Contains("CreateDBSnapshot", called);
        var missing = called.Except(granted).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"the backup tool calls {string.Join(", ", missing)}, which modules/backup's rds policy does not allow");
        Assert.Contains("Tags.Tag.1.Key", code, StringComparison.Ordinal);
        var unused = granted.Except(called).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.SequenceEqual(["AddTagsToResource"]), $"modules/backup's rds policy allows {string.Join(", ", unused)}, which the backup tool never calls");
        Assert.Equal("local.rds ? 1 : 0", policy.Attributes["count"]);

        // Snapshots: pathavana-backup-<instance>-<time>. The drill: <instance>-drill-<time>, deleted afterwards.
        var prefix = SnapshotPrefix().Match(code).Groups[1].Value;
        Assert.Equal("pathavana-backup-", prefix);
        Assert.Contains("$\"{SnapshotPrefix}{Instance}-", code, StringComparison.Ordinal);
        Assert.Contains("$\"{Instance}-drill-", code, StringComparison.Ordinal);
        Assert.Contains($":snapshot:{prefix}${{local.instance}}-*", statements["Snapshots"].Attributes["resources"], StringComparison.Ordinal);
        Assert.Contains("CreateDBSnapshot", statements["Snapshots"].Attributes["actions"], StringComparison.Ordinal);
        Assert.Equal($"[\"${{local.rds_prefix}}:snapshot:{prefix}${{local.instance}}-*\"]", statements["TagAndPruneOwnSnapshots"].Attributes["resources"]);
        Assert.Equal("[\"rds:DeleteDBInstance\"]", statements["DeleteDrillInstance"].Attributes["actions"]);
        Assert.Equal("[\"${local.rds_prefix}:db:${local.instance}-drill-*\"]", statements["DeleteDrillInstance"].Attributes["resources"]);
        Assert.Contains(":db:${local.instance}-*", statements["RestoreToPointInTime"].Attributes["resources"], StringComparison.Ordinal);
        Assert.Contains(":subgrp:${local.instance}", statements["RestoreToPointInTime"].Attributes["resources"], StringComparison.Ordinal);
        // No RDS action may be granted on every resource.
        Assert.All(statements.Values, s => Assert.DoesNotContain("\"*\"", s.Attributes["resources"], StringComparison.Ordinal));
    }

    [Fact]
    public void ThePostgresRoleExistsOnlyInPgBackRestModeAndNeverDeletes()
    {
        var locals = Assert.Single(Blocks(BackupModule), b => b.Type == "locals");
        var actions = Hcl.ObjectAttributes(locals.Attributes["repository_actions"]);

        Assert.Equal("var.mode == \"pgbackrest\"", locals.Attributes["pgbackrest"]);
        Assert.Equal("var.mode == \"rds\"", locals.Attributes["rds"]);
        foreach (var (type, name) in new[] { ("aws_iam_role", "postgres"), ("aws_iam_role_policy", "postgres_archive"), ("aws_iam_role_policy", "backup_repository") })
        {
            Assert.Equal("local.pgbackrest ? 1 : 0", BackupBlock("resource", type, name).Attributes["count"]);
        }
        Assert.Equal("local.rds ? 1 : 0", BackupBlock("resource", "aws_iam_role_policy", "rds").Attributes["count"]);
        Assert.Equal("\"pgbackrest\"", locals.Attributes["repository_prefix"]);
        Assert.Equal("[\"s3:GetObject\", \"s3:PutObject\", \"s3:DeleteObject\"]", actions["backup"]);
        Assert.Equal("[\"s3:GetObject\", \"s3:PutObject\"]", actions["postgres"]);

        var repository = BackupBlock("data", "aws_iam_policy_document", "pgbackrest");
        Assert.Contains("if local.pgbackrest", repository.Attributes["for_each"], StringComparison.Ordinal);
        var statements = repository.Nested("statement").ToDictionary(s => s.Attributes["sid"].Trim('"'), StringComparer.Ordinal);
        Assert.Equal("each.value", statements["Objects"].Attributes["actions"]);
        Assert.Equal("[\"${var.backups_bucket_arn}/${local.repository_prefix}/*\"]", statements["Objects"].Attributes["resources"]);
        Assert.All(new[] { statements["ListRepositoryRoot"], statements["ListRepository"] }, s =>
        {
            Assert.Equal("[\"s3:ListBucket\"]", s.Attributes["actions"]);
            Assert.Contains(s.Nested("condition"), c => c.Attributes["variable"] == "\"s3:prefix\"");
        });
        Assert.Equal("data.aws_iam_policy_document.pgbackrest[\"postgres\"].json", BackupBlock("resource", "aws_iam_role_policy", "postgres_archive").Attributes["policy"]);
        Assert.Equal("data.aws_iam_policy_document.pgbackrest[\"backup\"].json", BackupBlock("resource", "aws_iam_role_policy", "backup_repository").Attributes["policy"]);
    }

    [Fact]
    public void HclReaderSeesThroughStringsCommentsAndHeredocs()
    {
        const string text = """
            # a comment with { a brace
            variable "x" {
              type        = string // and } another
              description = "a } brace and ${format("%s", "{")} inside"
              default     = <<-EOT
                {{{ not a block
              EOT
            }
            """;

        var block = Assert.Single(Hcl.Parse(text));

        Assert.Equal(("variable", "x"), (block.Type, block.Label(0)));
        Assert.Equal(["default", "description", "type"], block.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Throws<InvalidDataException>(() => Hcl.Parse("variable \"x\" {\n  type = string\n  ??? \n}\n"));
    }

    [GeneratedRegex(@"^""(~>\s*\d+\.\d+(\.\d+)?|=?\s*\d+\.\d+\.\d+|>=\s*\d+\.\d+(\.\d+)?,\s*<\s*\d+(\.\d+)*)""$")]
    private static partial Regex PinnedVersion();

    [GeneratedRegex(@"aws\.(\w+)")]
    private static partial Regex ConfigurationAlias();

    [GeneratedRegex(@"\bmodule\.(?<module>\w+)(?:\[\d+\])?\.(?<output>\w+)")]
    private static partial Regex ModuleOutputReference();

    [GeneratedRegex(@"\bvar\.(\w+)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\blocal\.(\w+)")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"\bCallAsync\(\s*""(\w+)""")]
    private static partial Regex RdsCall();

    /// <summary>Calls of RdsApi.CallAsync, whatever their argument (its declaration is not a call: it follows a type).</summary>
    [GeneratedRegex(@"\.CallAsync\(")]
    private static partial Regex CallSite();

    [GeneratedRegex(@"""rds:(\w+)""")]
    private static partial Regex RdsAction();

    [GeneratedRegex(@"SnapshotPrefix\s*=\s*""([^""]+)""")]
    private static partial Regex SnapshotPrefix();
}
