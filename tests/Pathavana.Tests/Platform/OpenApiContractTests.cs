using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>
/// The OpenAPI document is a contract a client can be generated from: Redocly CLI (pinned in
/// web/package.json) lints the served document and its committed copy with the recommended rules
/// (redocly.yaml) and finds nothing; and what it says about sign-in is what the API does.
/// </summary>
public sealed class OpenApiContractTests
{
    private static readonly string Root = Observability.MonitoringConfigTests.RepositoryRoot();

    private static async Task<string> ServedDocumentAsync()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Redocly_recommended_rules_find_no_error_and_no_warning_in_the_served_and_the_committed_document()
    {
        var folder = Directory.CreateTempSubdirectory("pathavana-openapi-");
        try
        {
            var served = Path.Combine(folder.FullName, "served.json");
            await File.WriteAllTextAsync(served, await ServedDocumentAsync(), TestContext.Current.CancellationToken);
            var committed = Path.Combine(Root, "web", "openapi", "v1.json");

            var problems = (await LintAsync(served)).Concat(await LintAsync(committed)).ToList();

            Assert.True(problems.Count == 0, $"Redocly found {problems.Count} problems (if only v1.json fails, regenerate it: "
                                             + "npm run generate:api in web/):\n" + string.Join('\n', problems));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Redocly's errors and warnings for one document, as "severity rule: message at file#pointer".</summary>
    private static async Task<List<string>> LintAsync(string document)
    {
        var redocly = Path.Combine(Root, "web", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: run npm ci in web/ (the backend build does it).");
        var (_, output) = await ExternalProcess.TryRunAsync(redocly,
            ["lint", document, "--config", Path.Combine(Root, "redocly.yaml"), "--format=json"],
            environment: new Dictionary<string, string>
            {
                // Nothing leaves the machine: no usage report, no update check.
                ["REDOCLY_TELEMETRY"] = "off",
                ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
                ["NO_COLOR"] = "1",
            });

        // The JSON report is the first '{' to the last '}'; Node may print notices around it.
        var start = output.IndexOf('{', StringComparison.Ordinal);
        var end = output.LastIndexOf('}');
        Assert.True(start >= 0 && end > start, $"Redocly printed no JSON report for {document}:\n{output}");
        var report = JsonDocument.Parse(output[start..(end + 1)]).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at "
                         + string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l =>
                             $"{Path.GetFileName(l.GetProperty("source").GetProperty("ref").GetString())}{l.GetProperty("pointer").GetString()}")))
            .ToList();
        var totals = report.GetProperty("totals");
        if (totals.GetProperty("errors").GetInt32() + totals.GetProperty("warnings").GetInt32() > problems.Count)
        {
            problems.Add($"{Path.GetFileName(document)}: {totals}");
        }
        return problems;
    }

    [Theory]
    [InlineData("/api/v1/bookings", "CreateBookingRequest", "201", "BookingResponse", new[] { "201", "202", "400", "409", "410", "422", "503" })]
    [InlineData("/api/v1/trips/{id}/book", "TripCheckoutRequest", "201", "TripCheckoutResponse", new[] { "200", "201", "400", "404", "409", "422" })]
    public async Task An_idempotent_write_describes_its_body_its_key_header_and_each_answer_its_outcomes_map_to(
        string path, string requestSchema, string created, string responseSchema, string[] statuses)
    {
        var operation = JsonNode.Parse(await ServedDocumentAsync())!["paths"]![path]!["post"]!;

        Assert.Equal($"#/components/schemas/{requestSchema}",
            operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Contains(operation["parameters"]!.AsArray(), p => p!["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == "Idempotency-Key");
        Assert.Equal($"#/components/schemas/{responseSchema}",
            operation["responses"]![created]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        var declared = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.All(statuses, s => Assert.Contains(s, declared));
    }

    [Fact]
    public async Task Operations_that_declare_sign_in_answer_401_to_anonymous_callers_and_describe_every_error_as_problem_details()
    {
        var document = JsonNode.Parse(await ServedDocumentAsync())!.AsObject();
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["bearerToken"]!["scheme"]!.GetValue<string>());
        Assert.Equal("cookie", schemes["sessionCookie"]!["in"]!.GetValue<string>());
        Assert.Equal("pathavana.auth", schemes["sessionCookie"]!["name"]!.GetValue<string>());
        Assert.Equal("Apache-2.0", document["info"]!["license"]!["identifier"]!.GetValue<string>());

        await using var app = PathavanaFactory.Embedded();
        using var anonymous = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var failures = new List<string>();
        var signedIn = 0;
        var open = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var name = $"{method.ToUpperInvariant()} {path}";
                var security = operation["security"]?.AsArray();
                if (security is null || security.Count == 0)
                {
                    failures.Add($"{name}: no security requirement");
                    continue;
                }
                var responses = operation["responses"]!.AsObject();
                foreach (var (status, response) in responses)
                {
                    if (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) >= 400
                        && response!["content"]?["application/problem+json"]?["schema"] is null)
                    {
                        failures.Add($"{name}: {status} is not described as application/problem+json");
                    }
                }
                foreach (var status in new[] { "429", "503" })
                {
                    if (!responses.ContainsKey(status))
                    {
                        failures.Add($"{name}: no {status}");
                    }
                }

                var anonymousAllowed = security.Any(r => r!.AsObject().Count == 0);
                if (anonymousAllowed)
                {
                    open++;
                    continue;
                }
                signedIn++;
                if (!responses.ContainsKey("401"))
                {
                    failures.Add($"{name}: requires sign-in but declares no 401");
                }
                var schemesUsed = security.SelectMany(r => r!.AsObject().Select(p => p.Key)).Order().ToList();
                if (!schemesUsed.SequenceEqual(["bearerToken", "sessionCookie"]))
                {
                    failures.Add($"{name}: signs in with [{string.Join(", ", schemesUsed)}], not the bearer token or the cookie");
                }
                // Path parameters get a fresh id (no one owns it); authorization runs before anything reads it.
                var concrete = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), concrete);
                var answer = await anonymous.SendAsync(request, ct);
                if (answer.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{name}: the document requires sign-in, an anonymous call answered {(int)answer.StatusCode}");
                }
            }
        }
        Assert.True(signedIn > 30 && open > 10, $"{signedIn} operations require sign-in, {open} do not");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Operations_open_to_anyone_do_not_answer_401_without_sign_in()
    {
        var document = JsonNode.Parse(await ServedDocumentAsync())!.AsObject();
        await using var app = PathavanaFactory.Embedded();
        using var anonymous = app.CreateClient();
        var failures = new List<string>();
        // The anonymous ones a client would try first; each must work without signing in.
        foreach (var path in new[] { "/api/v1/account/sign-in-options", "/api/v1/account/antiforgery", "/api/v1/locations?q=Lisbon" })
        {
            var template = path.Split('?')[0];
            var security = document["paths"]![template]!["get"]!["security"]!.AsArray();
            Assert.Contains(security, r => r!.AsObject().Count == 0);
            var answer = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                failures.Add($"GET {path}: {(int)answer.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
