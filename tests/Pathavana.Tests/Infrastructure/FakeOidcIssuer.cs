using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// Google on loopback: an OpenID Connect issuer that publishes its keys the way Google does and signs
/// ID tokens, and a stand-in for Google Identity Services (<c>/gsi/client</c>) with the same
/// <c>google.accounts.id.initialize</c> / <c>renderButton</c> surface. Its button, clicked, plays the
/// account chooser: it fetches an ID token for <see cref="Account"/> addressed to the client id the
/// page initialised with, and hands it to the page's callback as <c>{ credential }</c>.
/// </summary>
internal sealed class FakeOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    /// <summary>The Google account the account chooser picks.</summary>
    public (string Subject, string Email) Account { get; set; } = ("1122334455", "traveller@example.com");

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
        _app.MapGet("/gsi/client", () => Results.Text(IdentityServicesScript, "text/javascript"));
        _app.MapGet("/gsi/token", (HttpContext context, string client_id) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Text(IdToken(client_id, Account.Subject, Account.Email));
        });
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

    private const string IdentityServicesScript = """
        (() => {
          const origin = new URL(document.currentScript.src).origin;
          let config = null;
          window.google = { accounts: { id: {
            initialize(c) { config = c; },
            renderButton(parent) {
              const button = document.createElement('button');
              button.type = 'button';
              button.textContent = 'Continue with Google';
              button.addEventListener('click', async () => {
                const response = await fetch(origin + '/gsi/token?client_id=' + encodeURIComponent(config.client_id));
                config.callback({ credential: await response.text(), select_by: 'btn' });
              });
              parent.replaceChildren(button);
            },
          } } };
        })();
        """;
}
