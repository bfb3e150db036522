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

        var response = await client.GetAsync("/boom", TestContext.Current.CancellationToken);

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
            app.Use((HttpContext context, RequestDelegate _) => context.Request.Path == "/boom"
                ? throw new InvalidOperationException("secret internal detail")
                : Task.CompletedTask);
        };
    }
}
