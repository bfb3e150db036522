using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

/// <summary>
/// Property: no request a client can send makes the API answer 5xx. Every operation of the OpenAPI
/// document gets generated requests (CsCheck) with wrong types, nulls, duplicate keys, huge and
/// unicode strings, extreme dates and numbers, odd path and query values and wrong content types,
/// signed in as a real user; a failure is shrunk to a small request and printed.
/// </summary>
public sealed class FuzzTests(TestServers servers)
{
    private sealed record Operation(string Method, string Path, JsonObject Spec);

    private static readonly string[] NastyStrings =
    [
        "", " ", "null", "9999-12-31", "0001-01-01", "2024-02-30", "-1", "1e308", "NaN", "💥🧳✈️", "\u202Eevil", "a\u0000b", "\u200B",
        "'; DROP TABLE users; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\\ud800", new string('x', 5000),
        "P99999999Y", "JFK", "00000000-0000-0000-0000-000000000000", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00+14:00",
    ];

    private static readonly string[] NastyJson =
    [
        "null", "true", "0", "-1", "1e308", "-1e308", "9223372036854775808", "1.7976931348623157e309", "\"\"", "[]", "[null]", "{}", "{\"a\":{}}",
        "\"9999-12-31\"", "\"0001-01-01T00:00:00Z\"", "\"not a guid\"", "\"00000000-0000-0000-0000-000000000000\"", "[[[[[[[[[[]]]]]]]]]]",
        "\"" + new string('é', 20000) + "\"", "{\"$ref\":\"#\"}", "-0", "\"\\ud800\"", "123456789012345678901234567890",
    ];

    private static readonly string[] ContentTypes = ["application/json", "application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml", ""];

    [Fact]
    public async Task No_generated_request_answers_5xx_on_sqlite() => await FuzzAsync(PathavanaFactory.Embedded(), "SQLite");

    [Fact]
    public async Task No_generated_request_answers_5xx_on_postgres() => await FuzzAsync(await PathavanaFactory.ProductionAsync(servers), "PostgreSQL");

    private static async Task FuzzAsync(PathavanaFactory app, string provider)
    {
        await using var _ = app;
        var user = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        // A few real ids for the generator to use besides made-up ones.
        var traveler = (await (await user.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var document = JsonNode.Parse(await user.Client.GetStringAsync("/openapi/v1.json", ct))!.AsObject();
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, spec) in item!.AsObject())
            {
                if (method is "get" or "post" or "put" or "patch" or "delete")
                {
                    operations.Add(new Operation(method.ToUpperInvariant(), path, spec!.AsObject()));
                }
            }
        }
        Assert.True(operations.Count > 30, $"the document lists {operations.Count} operations");

        var requests = 0;
        var failures = new List<string>();
        var gen = Gen.Select(Gen.Int[0, operations.Count - 1], Gen.Int[0, 9], Gen.Int[0, int.MaxValue - 1]);
        await gen.SampleAsync(async (op, variant, seed) =>
        {
            var operation = operations[op];
            using var request = Build(operation, variant, seed, schemas, traveler);
                var description = $"{request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}] {Preview(request)}";
            var response = await user.Client.SendAsync(request, ct);
            Interlocked.Increment(ref requests);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {description}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {description}");
        }, iter: operations.Count * 20, threads: 1, seed: null);

        var line = $"fuzz ({provider}): {requests} requests over {operations.Count} operations, {failures.Count} answered 5xx";
        Console.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.Empty(failures);
    }

    private static string Preview(HttpRequestMessage request)
    {
        var body = request.Content is null ? "" : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return body.Length > 200 ? body[..200] + "…" : body;
    }

    private static HttpRequestMessage Build(Operation operation, int variant, int seed, JsonObject schemas, string traveler)
    {
        var random = new Random(seed);
        string Pick(string[] values) => values[random.Next(values.Length)];
        var path = System.Text.RegularExpressions.Regex.Replace(operation.Path, @"\{([^}]+)\}", _ => Uri.EscapeDataString(variant switch
        {
            0 => Guid.NewGuid().ToString(),
            1 => traveler,
            // NUL never reaches a server in a path (clients and Kestrel refuse it before the app).
            _ => Pick(NastyStrings).Replace("\0", "0", StringComparison.Ordinal).Replace("%00", "%30", StringComparison.Ordinal),
        }));
        var query = new List<string>();
        foreach (var parameter in operation.Spec["parameters"]?.AsArray() ?? [])
        {
            if (parameter is not null && parameter["in"]?.GetValue<string>() == "query" && random.Next(3) > 0)
            {
                query.Add($"{parameter["name"]!.GetValue<string>()}={Uri.EscapeDataString(random.Next(3) == 0 ? "1" : Pick(NastyStrings))}");
            }
        }
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (random.Next(4) > 0)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(5) == 0 ? Pick(NastyStrings) : Guid.NewGuid().ToString());
        }
        if (operation.Method is "GET" or "DELETE" && random.Next(4) > 0)
        {
            return request;
        }
        var schema = operation.Spec["requestBody"]?["content"]?["application/json"]?["schema"];
        string body = variant switch
        {
            < 3 when schema is not null => Mutate(Sample(schema, schemas, random, 0), random)?.ToJsonString() ?? "null",
            3 => Pick(NastyJson),
            4 when schema is not null => DuplicateKeys(Sample(schema, schemas, random, 0)?.ToJsonString() ?? "{}"),
            5 => "{\"unterminated\": ",
            _ when schema is not null => Sample(schema, schemas, random, 0)?.ToJsonString() ?? "null",
            _ => Pick(NastyJson),
        };
        var contentType = variant == 6 ? Pick(ContentTypes) : "application/json";
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = contentType.Length == 0 ? null : MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    /// <summary>A value shaped like the schema, with plausible and implausible leaves.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonObject schemas, Random random, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return depth > 6 ? null : Sample(schemas[reference.Split('/')[^1]]!, schemas, random, depth + 1);
        }
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue v => v.GetValue<string>(),
            _ => null,
        };
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }
        return type switch
        {
            "object" => SampleObject(schema, schemas, random, depth),
            "array" => new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => schema["items"] is { } items ? Sample(items, schemas, random, depth + 1) : null)]),
            "integer" => random.Next(5) == 0 ? JsonValue.Create(long.MaxValue) : JsonValue.Create(random.Next(-2, 12)),
            "number" => random.Next(5) == 0 ? JsonValue.Create(double.MaxValue) : JsonValue.Create(random.NextDouble() * 1000),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "string" => JsonValue.Create(schema["format"]?.GetValue<string>() switch
            {
                "uuid" => random.Next(3) == 0 ? Guid.Empty.ToString() : Guid.NewGuid().ToString(),
                "date" => random.Next(2) == 0 ? "9999-12-31" : "2027-03-12",
                "date-time" => random.Next(2) == 0 ? "0001-01-01T00:00:00Z" : "2027-03-12T10:00:00Z",
                _ => random.Next(3) == 0 ? NastyStrings[random.Next(NastyStrings.Length)] : "Lisbon",
            }),
            _ => SampleObject(schema, schemas, random, depth),
        };
    }

    private static JsonObject SampleObject(JsonNode schema, JsonObject schemas, Random random, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (random.Next(5) > 0 && depth < 6)
            {
                result[name] = Sample(property!, schemas, random, depth + 1);
            }
        }
        return result;
    }

    /// <summary>Replaces one leaf (or the whole thing) with a value of the wrong type or an extreme one.</summary>
    private static JsonNode? Mutate(JsonNode? node, Random random)
    {
        if (node is JsonObject obj && obj.Count > 0 && random.Next(4) > 0)
        {
            var key = obj.ElementAt(random.Next(obj.Count)).Key;
            obj[key] = Mutate(obj[key]?.DeepClone(), random);
            return obj;
        }
        if (node is JsonArray array && array.Count > 0 && random.Next(4) > 0)
        {
            var i = random.Next(array.Count);
            array[i] = Mutate(array[i]?.DeepClone(), random);
            return array;
        }
        // A lone surrogate cannot live in a JsonNode; it is sent as a raw body instead (variant 3).
        var nasty = NastyJson.Where(j => !j.Contains("\\ud800", StringComparison.Ordinal)).ToArray();
        return JsonNode.Parse(nasty[random.Next(nasty.Length)]);
    }

    /// <summary>The same object with its first key written twice (a second, conflicting value).</summary>
    private static string DuplicateKeys(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject obj || obj.Count == 0)
        {
            return "{\"a\":1,\"a\":2}";
        }
        var (key, value) = obj.First();
        return "{" + JsonSerializer.Serialize(key) + ":null," + json.TrimStart()[1..];
    }
}
