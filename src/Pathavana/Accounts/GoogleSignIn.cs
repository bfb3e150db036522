using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Pathavana.Audit;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Accounts;

/// <summary>Sign-in with Google: configured by <c>Authentication__Google__ClientId</c>.</summary>
internal sealed class GoogleOptions
{
    public const string Section = "Authentication:Google";

    public string? ClientId { get; set; }

    /// <summary>The OpenID Connect issuer whose keys sign the ID tokens.</summary>
    public string Authority { get; set; } = "https://accounts.google.com";

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Google Identity Services' origin path (script, button frame, styles): <c>{Authority}/gsi/</c>.</summary>
    public string IdentityServices => Authority.TrimEnd('/') + "/gsi/";

    /// <summary>The script the web app loads for the "Continue with Google" button.</summary>
    public string ScriptUrl => IdentityServices + "client";
}

public sealed record GoogleSignInRequest(string? IdToken);

/// <summary>
/// The web app obtains an ID token from Google Identity Services; the server verifies it
/// (signature against the issuer's published keys, issuer, audience, lifetime, verified email)
/// before it signs anyone in. Accounts are matched by Google subject, then by verified email.
/// </summary>
internal sealed partial class GoogleSignIn
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly GoogleOptions _options;

    public GoogleSignIn(IOptions<GoogleOptions> options, IHttpClientFactory http)
    {
        _options = options.Value;
        if (_options.Enabled)
        {
            var authority = _options.Authority.TrimEnd('/');
            var loopback = Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                authority + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(http.CreateClient("google-oidc")) { RequireHttps = !loopback });
        }
    }

    public const string Provider = "Google";

    internal sealed record VerifiedIdentity(string Subject, string Email);

    public async Task<VerifiedIdentity?> VerifyAsync(string idToken, CancellationToken ct)
    {
        if (_metadata is null)
        {
            return null;
        }
        var configuration = await _metadata.GetConfigurationAsync(ct);
        var issuer = _options.Authority.TrimEnd('/');
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuers = [issuer, new Uri(issuer).Host],
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
        if (!result.IsValid)
        {
            return null;
        }
        var claims = result.ClaimsIdentity;
        var verified = string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var subject = claims.FindFirst("sub")?.Value ?? claims.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var email = claims.FindFirst("email")?.Value ?? claims.FindFirst(ClaimTypes.Email)?.Value;
        return verified && subject is not null && email is not null ? new VerifiedIdentity(subject, email) : null;
    }

    /// <summary>
    /// Signs in the Google account behind <paramref name="idToken"/>: the account linked to its Google
    /// subject, else the one with its verified email (then linked), else a new account. Starts a cookie
    /// session when <paramref name="useCookies"/>, else a bearer one (the sign-in manager writes it).
    /// A token that does not verify is audited as a failed sign-in.
    /// </summary>
    public async Task<GoogleSignInOutcome> SignInAsync(
        string? idToken, bool useCookies, UserManager<User> users, SignInManager<User> signIn,
        SessionStore sessions, PiiProtector pii, IAuditLog audit, CancellationToken ct)
    {
        if (!_options.Enabled)
        {
            return GoogleSignInOutcome.NotConfigured;
        }
        if (string.IsNullOrWhiteSpace(idToken))
        {
            return GoogleSignInOutcome.TokenMissing;
        }
        var identity = await VerifyAsync(idToken, ct);
        if (identity is null)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.SignInFailed, Details: """{"reason":"google_token_invalid"}"""), ct);
            return GoogleSignInOutcome.TokenRejected;
        }

        var user = await users.FindByLoginAsync(Provider, identity.Subject);
        if (user is null)
        {
            user = await users.FindByEmailAsync(identity.Email);
            if (user is null)
            {
                user = new User { UserName = identity.Email, Email = identity.Email, EmailConfirmed = true };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    return GoogleSignInOutcome.AccountNotCreated;
                }
                await users.AddToRoleAsync(user, Role.UserRole);
                await pii.EnsureKeyAsync(user.Id, ct);
                await audit.RecordAsync(new AuditEvent(AuditActions.SignedUp, "user", user.Id.ToString(), user.Id, """{"via":"google"}"""), ct);
            }
            await users.AddLoginAsync(user, new UserLoginInfo(Provider, identity.Subject, "Google"));
        }
        await SessionSignIn.SignInAsync(signIn, sessions, user, useCookies ? SessionKind.Cookie : SessionKind.Bearer, ct, authenticationMethod: Provider);
        await audit.RecordAsync(new AuditEvent(AuditActions.SignInSucceeded, "user", user.Id.ToString(), user.Id, """{"via":"google"}"""), ct);
        return GoogleSignInOutcome.SignedIn;
    }
}

/// <summary>How signing in with a Google ID token ended.</summary>
internal enum GoogleSignInOutcome
{
    /// <summary>Signed in: the session's cookie or bearer token has been written by the sign-in manager.</summary>
    SignedIn,

    /// <summary>Sign-in with Google is not configured (no <c>Authentication__Google__ClientId</c>).</summary>
    NotConfigured,

    /// <summary>No ID token was sent.</summary>
    TokenMissing,

    /// <summary>The token did not verify (signature, issuer, audience, lifetime) or its email is not verified.</summary>
    TokenRejected,

    /// <summary>No account matched and a new one could not be created.</summary>
    AccountNotCreated,
}
