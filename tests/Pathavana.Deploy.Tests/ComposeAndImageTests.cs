using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>deploy/compose.yaml and the two Dockerfiles (Docker itself cannot run here).</summary>
public sealed partial class ComposeAndImageTests
{
    private static JsonObject Compose()
    {
        var text = File.ReadAllText(RepositoryLayout.PathTo("deploy", "compose.yaml"));
        var document = Assert.Single(YamlJson.ParseDocuments(text));
        return Assert.IsType<JsonObject>(document);
    }

    private static JsonObject Services() => Assert.IsType<JsonObject>(Compose()["services"]);

    [Fact]
    public void ComposeRunsTheWholeStackWithTheMonitoringProfile()
    {
        var services = Services();

        Assert.Equal(
            ["alertmanager", "backend", "grafana", "jaeger", "migrate", "postgres", "prometheus", "redis", "web"],
            services.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var name in new[] { "prometheus", "alertmanager", "grafana", "jaeger" })
        {
            Assert.Equal(["monitoring"], services[name]!["profiles"]!.AsArray().Select(p => p!.GetValue<string>()));
        }
        foreach (var name in new[] { "postgres", "redis", "migrate", "backend", "web" })
        {
            Assert.Null(services[name]!["profiles"]);
        }
    }

    [Fact]
    public void EveryComposeImageHasAnExplicitTag()
    {
        foreach (var (name, service) in Services())
        {
            var image = service!["image"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(image), $"service {name} has no image");
            var match = ImageReference().Match(image!);
            Assert.True(match.Success, $"service {name}: image '{image}' has no explicit tag");
            Assert.NotEqual("latest", match.Groups["tag"].Value, StringComparer.OrdinalIgnoreCase);
        }
        Assert.StartsWith("postgres:15.", Services()["postgres"]!["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("redis:7.", Services()["redis"]!["image"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void BackendStartsOnlyAfterTheMigrationSucceeded()
    {
        var services = Services();

        Assert.Equal(["migrate"], services["migrate"]!["command"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("service_completed_successfully", services["backend"]!["depends_on"]!["migrate"]!["condition"]!.GetValue<string>());
        Assert.Equal("service_healthy", services["migrate"]!["depends_on"]!["postgres"]!["condition"]!.GetValue<string>());
        Assert.Equal(services["backend"]!["image"]!.GetValue<string>(), services["migrate"]!["image"]!.GetValue<string>());
        var environment = services["backend"]!["environment"]!.AsObject();
        Assert.Equal("Postgres", environment["Database__Provider"]!.GetValue<string>());
        Assert.Contains("Host=postgres", environment["ConnectionStrings__Pathavana"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/data", environment["Storage__DataDirectory"]!.GetValue<string>());
        Assert.Contains("pathavana-backend", services["backend"]!["networks"]!["default"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void TheBackendSignsInAsTheLeastPrivilegeRoleThatTheMigrationCreates()
    {
        var services = Services();
        var backend = services["backend"]!["environment"]!.AsObject();
        var migrate = services["migrate"]!["environment"]!.AsObject();

        var app = backend["ConnectionStrings__Pathavana"]!.GetValue<string>();
        var owner = migrate["ConnectionStrings__Pathavana"]!.GetValue<string>();
        Assert.Contains("Username=pathavana_app;", app, StringComparison.Ordinal);
        Assert.Contains("Username=pathavana;", owner, StringComparison.Ordinal);
        // The password migrate gives the role is the one the backend signs in with.
        var password = app[(app.IndexOf("Password=", StringComparison.Ordinal) + "Password=".Length)..].Split(';')[0];
        Assert.Equal(password, migrate["Database__AppRolePassword"]!.GetValue<string>());
        Assert.DoesNotContain(backend, e => e.Key == "Database__AppRolePassword");
    }

    [Fact]
    public void ComposeContainersRunReadOnlyWithoutCapabilitiesAndOnlyOnLoopback()
    {
        foreach (var (name, service) in Services())
        {
            // The shared settings arrive through a YAML merge key (<<: *hardened).
            var hardened = service!["<<"] ?? service;
            Assert.True(hardened["read_only"]?.GetValue<bool>() == true, $"service {name} is not read_only");
            Assert.Equal(["ALL"], hardened["cap_drop"]!.AsArray().Select(c => c!.GetValue<string>()));
            foreach (var port in service["ports"]?.AsArray() ?? [])
            {
                Assert.StartsWith("127.0.0.1:", port!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void MonitoringServicesMountTheConfigurationFromDeployMonitoring()
    {
        var services = Services();
        static string[] Mounts(JsonNode service) =>
            [.. service["volumes"]!.AsArray().Select(v => v!.GetValue<string>().Split(':')[0])];

        Assert.Contains("./monitoring/prometheus/prometheus.yml", Mounts(services["prometheus"]!));
        Assert.Contains("./monitoring/prometheus/rules", Mounts(services["prometheus"]!));
        Assert.Contains("./monitoring/alertmanager/alertmanager.yml", Mounts(services["alertmanager"]!));
        Assert.Contains("./monitoring/grafana/provisioning", Mounts(services["grafana"]!));
        Assert.Contains("./monitoring/grafana/dashboards", Mounts(services["grafana"]!));
        var jaegerPorts = services["jaeger"]!["ports"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains("127.0.0.1:4317:4317", jaegerPorts);
        Assert.Contains("127.0.0.1:4318:4318", jaegerPorts);
    }

    [Fact]
    public void BackendImageIsMultiStageNonRootAndReadOnlyReady()
    {
        var dockerfile = File.ReadAllText(RepositoryLayout.PathTo("deploy", "docker", "backend.Dockerfile"));

        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:\S+ AS runtime$", dockerfile);
        Assert.Matches(@"(?m)^USER 1654:1654$", dockerfile);
        Assert.Contains("VOLUME [\"/data\", \"/tmp\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"pathavana.dll\"]", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^CMD \[""serve""\]$", dockerfile);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", dockerfile, StringComparison.Ordinal);
        Assert.Contains("Storage__DataDirectory=/data", dockerfile, StringComparison.Ordinal);
        // Published ReadyToRun for the target architecture, framework-dependent on the aspnet image; the
        // restore asks for the same runtime and ReadyToRun, or the --no-restore publish fails.
        Assert.Matches(@"dotnet restore [^\n]*--runtime ""\$RID"" -p:PublishReadyToRun=true", dockerfile);
        Assert.Matches(@"--runtime ""\$RID"" --self-contained false -p:PublishReadyToRun=true", dockerfile);
        AssertOciLabels(dockerfile);
        // The assembly the ENTRYPOINT names is the one the project builds.
        var project = File.ReadAllText(RepositoryLayout.PathTo("src", "Pathavana", "Pathavana.csproj"));
        Assert.Contains("<AssemblyName>pathavana</AssemblyName>", project, StringComparison.Ordinal);
    }

    [Fact]
    public void WebImageBuildsTheAppAndServesItUnprivileged()
    {
        var dockerfile = File.ReadAllText(RepositoryLayout.PathTo("deploy", "docker", "web.Dockerfile"));

        Assert.Contains("RUN npm ci", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RUN npm run build", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /web/dist /usr/share/nginx/html", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^FROM nginxinc/nginx-unprivileged:\S+ AS runtime$", dockerfile);
        Assert.Matches(@"(?m)^USER 101:101$", dockerfile);
        AssertOciLabels(dockerfile);
        foreach (Match from in FromLine().Matches(dockerfile))
        {
            Assert.DoesNotContain(":latest", from.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NginxCachesHashedAssetsForAYearAndAlwaysRevalidatesTheApp()
    {
        var conf = File.ReadAllText(RepositoryLayout.PathTo("deploy", "docker", "nginx.conf"));

        Assert.Matches(@"~\^/assets/\s+""public, max-age=31536000, immutable"";", conf);
        Assert.Matches(@"default\s+""no-cache"";", conf);
        Assert.Contains("try_files $uri $uri/ /index.html;", conf, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://pathavana-backend:8080;", conf, StringComparison.Ordinal);
        Assert.Contains("listen 8080;", conf, StringComparison.Ordinal);
        Assert.Contains("pid /tmp/nginx.pid;", conf, StringComparison.Ordinal);
        // With a read-only root filesystem, every path nginx writes must be under /tmp.
        foreach (Match temp in TempPath().Matches(conf))
        {
            Assert.StartsWith("/tmp/", temp.Groups["path"].Value, StringComparison.Ordinal);
        }
        Assert.Equal(5, TempPath().Count(conf));
    }

    [Fact]
    public void DockerIgnoreKeepsSecretsAndBuildOutputOutOfTheContext()
    {
        var lines = File.ReadAllLines(RepositoryLayout.PathTo(".dockerignore"));

        foreach (var pattern in new[] { ".git", "**/bin", "**/obj", "**/node_modules", "**/.env", "deploy/terraform/**/*.tfstate*" })
        {
            Assert.Contains(pattern, lines);
        }
        Assert.DoesNotContain("src", lines);
        Assert.DoesNotContain("web", lines);
    }

    private static void AssertOciLabels(string dockerfile)
    {
        foreach (var label in new[] { "title", "description", "source", "licenses", "version", "revision", "created" })
        {
            Assert.Contains($"org.opencontainers.image.{label}=", dockerfile, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^(?<name>[a-z0-9]+(?:[._/-][a-z0-9]+)*):(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"(?m)^FROM .*$")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"(?m)^\s*\w+_temp_path\s+(?<path>\S+);")]
    private static partial Regex TempPath();
}
