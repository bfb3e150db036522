using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

public sealed class EmailAndHeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("liam.o'brien@example.test")]
    [InlineData("ana+trips@example.com")]
    [InlineData("jean-luc.picard@starfleet.example.org")]
    [InlineData("anna@bücher.example")]
    [InlineData("josé.álvarez@correo.example")]
    public async Task Addresses_as_people_have_them_can_sign_up_and_sign_in(string email)
    {
        await using var app = PathavanaFactory.Embedded();
        var user = await app.SignUpAsync(email);
        var me = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/account/me", Ct);
        Assert.Equal(email, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_internationalised_domain_is_one_account_in_either_spelling()
    {
        await using var app = PathavanaFactory.Embedded();
        var user = await app.SignUpAsync("Anna@Bücher.example");
        await app.SignInAsync("anna@xn--bcher-kva.example", user.Password);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("two@@example.com")]
    [InlineData(".dot@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("name@localhost")]
    [InlineData("name@example..com")]
    public async Task Malformed_addresses_are_refused_naming_the_email_field(string email)
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/account/register", new { email, password = TestUsers.StrongPassword }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("email")[0].GetString()!;
        Assert.DoesNotContain("Username", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_response_carries_a_strict_policy_and_hsts_outside_development()
    {
        await using var app = PathavanaFactory.Embedded();
        // HSTS is never sent for localhost (it would pin a developer's machine to HTTPS).
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://pathavana.test/") });
        foreach (var path in new[] { "/api/v1/account/antiforgery", "/health/live", "/no-such-page" })
        {
            var response = await client.GetAsync(path, Ct);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task Cross_origin_calls_are_allowed_only_from_the_configured_web_origins()
    {
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Security:CorsOrigins:0"] = "https://app.pathavana.example" });
        using var client = app.CreateClient();

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/trips");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-xsrf-token");
            return await client.SendAsync(request, Ct);
        }

        var allowed = await PreflightAsync("https://app.pathavana.example");
        Assert.Equal("https://app.pathavana.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", allowed.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        var other = await PreflightAsync("https://evil.example");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
