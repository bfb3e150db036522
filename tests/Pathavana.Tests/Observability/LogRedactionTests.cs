using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Observability;

public sealed class LogRedactionTests
{
    [Fact]
    public async Task With_a_hash_key_personal_data_becomes_a_stable_keyed_hash_never_the_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturedLogs();
        await using var factory = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "1",
            ["Observability:PiiHashKey"] = "a-test-key-that-is-long-enough-0123456789",
        });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs)));

        async Task<HttpStatusCode> From(string address)
        {
            var context = await app.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Path = "/openapi/v1.json";
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }, ct);
            return (HttpStatusCode)context.Response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await From("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await From("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await From("203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await From("198.51.100.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await From("198.51.100.9"));

        var rejections = logs.Lines
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("eventName", out var n) && n.GetString() == "LogRejected")
            .Select(e => e.GetProperty("attributes").GetProperty("ClientIp").GetString()!)
            .ToList();
        Assert.Equal(3, rejections.Count);
        Assert.All(rejections, r => Assert.Matches("^pii:[0-9a-f]{16}$", r));
        Assert.Equal(rejections[0], rejections[1]);
        Assert.NotEqual(rejections[0], rejections[2]);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("203.0.113.7", StringComparison.Ordinal) || l.Contains("198.51.100.9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Observability__PiiHashKey", "too-short", "Observability__PiiHashKey")]
    [InlineData("Metrics__Port", "70000", "Metrics__Port")]
    [InlineData("Metrics__Port", "metrics", "Metrics__Port")]
    [InlineData("Metrics__ActiveUsageRefreshSeconds", "0", "Metrics__ActiveUsageRefreshSeconds")]
    public async Task A_malformed_observability_setting_stops_start_up_naming_it(string key, string value, string named)
    {
        var environment = new Dictionary<string, string>
        {
            [key] = value,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("pathavana-cli-").FullName,
        };

        var (exit, output) = await ExternalProcess.TryRunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "pathavana.dll"), "migrate"], environment: environment, timeout: Eventually.SafetyNet);

        Assert.NotEqual(0, exit);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }
}
