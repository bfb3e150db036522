using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

public sealed class ProblemDetailsTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    [Fact]
    public async Task Unknown_route_answers_404_problem_json()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("/api/v1/no-such-thing", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Wrong_method_answers_405_problem_json()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();

        var response = await client.DeleteAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(405, (await ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unhandled_exception_answers_500_without_internals()
    {
        await using var app = PathavanaFactory.Embedded();
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IStartupFilter>(new ThrowingEndpointFilter())));
        using var client = failing.CreateClient();

        var response = await client.GetAsync("/api/boom", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var problem = await ProblemAsync(response);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret internal detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openapi_document_is_served()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Adds, behind the app's own pipeline, a path that fails as a bug would.</summary>
    private sealed class ThrowingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) => context.Request.Path == "/api/boom"
                ? throw new InvalidOperationException("secret internal detail")
                : Task.CompletedTask);
        };
    }
}

public sealed class RequestShapeTests(TestServers servers)
{
    [Fact]
    public async Task Text_with_a_nul_character_answers_400_naming_the_field_on_postgres()
    {
        // PostgreSQL cannot store U+0000 in text; the fuzz test once got a 500 from sign-in with it.
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;

        var login = await app.CreateClient().PostAsync("/api/v1/account/login",
            new StringContent("{\"email\":\"a\\u0000b@example.com\",\"password\":\"Lisbon\"}", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        var problem = JsonDocument.Parse(await login.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);

        var traveler = await ana.Client.PostAsync("/api/v1/travelers",
            new StringContent("{\"givenNames\":\"Ana\\u0000\",\"surname\":\"Silva\",\"dateOfBirth\":\"1990-01-01\"}", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, traveler.StatusCode);
        Assert.True(JsonDocument.Parse(await traveler.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("errors").TryGetProperty("givenNames", out _));

        var query = await ana.Client.GetAsync("/api/v1/places?q=Lis%00bon", ct);
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.True(JsonDocument.Parse(await query.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("errors").TryGetProperty("q", out _));

        // Nothing was lost: the account still signs in.
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/account/me", ct)).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_problem_json_and_malformed_json_names_the_field()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;

        var text = await ana.Client.PostAsync("/api/v1/travelers", new StringContent("givenNames=Ana", System.Text.Encoding.UTF8, "text/plain"), ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);

        var malformed = await ana.Client.PostAsync("/api/v1/travelers",
            new StringContent("""{"givenNames":"Ana","surname":"Silva","dateOfBirth":12}""", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("dateOfBirth", out _), problem.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forwarded_client_addresses_are_trusted_only_from_configured_proxies(bool trustLoopback)
    {
        var port = ExternalProcess.FreePort();
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pathavana.dll"));
        info.Environment["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("pathavana-fwd-").FullName;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["RateLimiting__PermitLimit"] = "2";
        if (trustLoopback)
        {
            info.Environment["ForwardedHeaders__KnownNetworks__0"] = "127.0.0.0/8";
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.ReadyAsync(http, () => process.HasExited, TestContext.Current.CancellationToken);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
                request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
                statuses.Add((await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
            }

            // Untrusted: the header is ignored and one client shares one allowance.
            // Trusted proxy: each forwarded client has its own.
            Assert.Equal(trustLoopback
                ? [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK]
                : [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
