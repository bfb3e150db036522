using System.Net;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Web;

/// <summary>The backend serves the built web app: caching a browser relies on, and the SPA fallback.</summary>
public sealed class WebHostingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pathavana-web-").FullName;

    public WebHostingTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "index.html"), "<!doctype html><title>Pathavana</title><div id=\"root\"></div>");
        File.WriteAllText(Path.Combine(_root, "assets", "index-abc123.js"), "console.log('app');");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PathavanaFactory Factory(string? root = null) =>
        PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Web:Root"] = root ?? _root });

    [Fact]
    public async Task Index_is_served_at_the_root_and_never_cached()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_as_immutable()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/assets/index-abc123.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.CacheControl;
        Assert.NotNull(cache);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains("immutable", cache.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/travelers/0196a3b4-0000-7000-8000-000000000000")]
    [InlineData("/reset-password?userId=x&code=y")]
    [InlineData("/search")]
    public async Task App_routes_fall_back_to_index_html(string path)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-endpoint")]
    [InlineData("/health/nothing")]
    [InlineData("/assets/missing-123.js")]
    public async Task Api_health_and_missing_assets_are_not_answered_with_the_page(string path)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<div id=\"root\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_build_the_api_still_works_and_a_warning_is_logged()
    {
        await using var factory = Factory(Path.Combine(_root, "does-not-exist"));
        using var client = factory.CreateClient();

        var health = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var page = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains(factory.Logs.Records, r => r.Message.Contains("web app is not built", StringComparison.Ordinal));
    }
}
