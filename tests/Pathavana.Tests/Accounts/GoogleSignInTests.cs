using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Accounts;

public sealed class GoogleSignInTests
{
    [Fact]
    public async Task A_verified_google_id_token_signs_in_and_forged_or_foreign_tokens_do_not()
    {
        await using var issuer = new FakeOidcIssuer();
        await issuer.StartAsync();
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Authentication:Google:ClientId"] = "pathavana-web.apps.example",
            ["Authentication:Google:Authority"] = issuer.Authority,
        });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var email = $"g-{Guid.NewGuid():N}@example.com";

        var ok = await client.PostAsJsonAsync("/api/v1/account/google", new { idToken = issuer.IdToken("pathavana-web.apps.example", "1122334455", email) }, ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var token = (await ok.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        using var signedIn = app.CreateClient();
        signedIn.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/account/me", ct);
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());

        // The same Google account again finds the same user.
        var again = await client.PostAsJsonAsync("/api/v1/account/google", new { idToken = issuer.IdToken("pathavana-web.apps.example", "1122334455", email) }, ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var otherAudience = await client.PostAsJsonAsync("/api/v1/account/google", new { idToken = issuer.IdToken("someone-elses-app", "1122334455", email) }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.StatusCode);
        using var forger = RSA.Create(2048);
        var forged = await client.PostAsJsonAsync("/api/v1/account/google",
            new { idToken = issuer.IdToken("pathavana-web.apps.example", "999", "mallory@example.com", signWith: new RsaSecurityKey(forger) { KeyId = "test-key-1" }) }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var unverified = await client.PostAsJsonAsync("/api/v1/account/google",
            new { idToken = issuer.IdToken("pathavana-web.apps.example", "777", "unverified@example.com", emailVerified: false) }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unverified.StatusCode);
    }

    [Fact]
    public async Task Without_configuration_google_sign_in_is_not_offered()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var response = await client.PostAsJsonAsync("/api/v1/account/google", new { idToken = "x" }, ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // The web app shows no Google button, and the page may load nothing from Google.
        var options = await client.GetAsync("/api/v1/account/sign-in-options", ct);
        Assert.Equal(JsonValueKind.Null, (await options.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("google").ValueKind);
        var csp = options.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("google", csp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("frame-src", csp, StringComparison.Ordinal);
        Assert.Equal("same-origin", options.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
    }

    [Fact]
    public async Task Configured_the_web_app_is_told_the_client_id_and_may_load_google_identity_services_and_nothing_else_of_google()
    {
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Authentication:Google:ClientId"] = "pathavana-web.apps.example",
        });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var options = await client.GetAsync("/api/v1/account/sign-in-options", ct);
        var google = (await options.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("google");
        Assert.Equal("pathavana-web.apps.example", google.GetProperty("clientId").GetString());
        Assert.Equal("https://accounts.google.com/gsi/client", google.GetProperty("scriptUrl").GetString());

        // As Google documents for its button: the script, its frame, styles and calls under /gsi/ only.
        var csp = options.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("script-src 'self' https://accounts.google.com/gsi/client", csp);
        Assert.Contains("frame-src https://accounts.google.com/gsi/", csp);
        Assert.Contains("connect-src 'self' https://accounts.google.com/gsi/", csp);
        Assert.Contains("style-src 'self' https://accounts.google.com/gsi/style", csp);
        Assert.Equal("same-origin-allow-popups", options.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
    }
}
