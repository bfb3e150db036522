using System.Net;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Requests_over_the_limit_get_429_with_retry_after_and_health_is_never_limited()
    {
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "3",
            ["RateLimiting:WindowSeconds"] = "60",
        });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json", ct)).StatusCode);
        }
        var rejected = await client.GetAsync("/openapi/v1.json", ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the client when to come back");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", ct)).StatusCode);
    }
}
