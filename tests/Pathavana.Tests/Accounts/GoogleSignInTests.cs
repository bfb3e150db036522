using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Accounts;

/// <summary>A local OpenID Connect issuer that publishes its keys the way Google does, and signs ID tokens.</summary>
internal sealed class FakeOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    public FakeOidcIssuer()
    {
        var port = ExternalProcess.FreePort();
        Authority = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Authority);
        _app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = Authority + "/certs",
            ["authorization_endpoint"] = Authority + "/auth",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/certs", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
    }

    public string Authority { get; }

    public Task StartAsync() => _app.StartAsync();

    public string IdToken(string audience, string subject, string email, bool emailVerified = true, RsaSecurityKey? signWith = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["email"] = email, ["email_verified"] = emailVerified },
            SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

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

        var response = await client.PostAsJsonAsync("/api/v1/account/google", new { idToken = "x" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
