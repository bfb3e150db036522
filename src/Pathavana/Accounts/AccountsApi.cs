using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Pathavana.Audit;
using Pathavana.Notifications;
using Pathavana.Platform.Security;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Accounts;

public sealed record RegisterRequest(string? Email, string? Password);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ConfirmEmailRequest(Guid UserId, string? Code);
public sealed record ForgotPasswordRequest(string? Email);
public sealed record ResetPasswordRequest(Guid UserId, string? Code, string? NewPassword);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
public sealed record AccountResponse(Guid Id, string Email, bool EmailConfirmed, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);
public sealed record AntiforgeryResponse(string Token, string HeaderName);

/// <summary>The answer to sign-up, the same whether or not the address already had an account.</summary>
public sealed record RegisterResponse(string Status, string Detail);

/// <summary>How many other sessions "sign out everywhere" ended.</summary>
public sealed record SignOutEverywhereResponse(int SessionsEnded);

/// <summary>
/// How a visitor can sign in besides email and password. <c>Google</c> is null unless
/// <c>Authentication__Google__ClientId</c> is configured; then it gives the OAuth client id and the
/// URL of Google Identity Services' script (under the configured authority), which the web app loads
/// to show "Continue with Google" and sends the ID token it returns to <c>POST /api/v1/account/google</c>.
/// </summary>
public sealed record SignInOptionsResponse(GoogleSignInOption? Google);

/// <summary>Google Identity Services for the web app: the OAuth client id and the script to load.</summary>
public sealed record GoogleSignInOption(string ClientId, string ScriptUrl);

/// <summary>Sign-up, sign-in (cookie or bearer token), email confirmation, password reset and change.</summary>
internal static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Account");

        group.MapPost("/register", RegisterAsync).WithName("Register")
            .WithSummary("Create an account. Always 202 with the same body: the email sent to the address says what happened (a confirmation link, or that it already has an account).");
        group.MapPost("/login", LoginAsync).WithName("Login")
            .WithSummary("Sign in: ?useCookies=true sets the web app's cookie, otherwise a bearer token is returned.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/google", SignInWithGoogleAsync).WithName("SignInWithGoogle")
            .WithSummary("Sign in with a Google ID token (verified server-side); ?useCookies=true for the web app.")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/sign-in-options", SignInOptions).WithName("SignInOptions")
            .WithSummary("How one can sign in besides email and password (Google, when configured).");
        group.MapPost("/refresh", RefreshAsync).WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new access token and a new refresh token; the old refresh token stops working (using it again ends the session).");
        group.MapPost("/logout", LogoutAsync).WithName("Logout")
            .WithSummary("Sign out: this session's cookie or tokens stop working at once, on every server.");
        group.MapPost("/confirm-email", ConfirmEmailAsync).WithName("ConfirmEmail").WithSummary("Confirm an email address with the code from the email.");
        group.MapPost("/forgot-password", ForgotPasswordAsync).WithName("ForgotPassword")
            .WithSummary("Email a password-reset link, if the address has an account (always 202).");
        group.MapPost("/reset-password", ResetPasswordAsync).WithName("ResetPassword").WithSummary("Set a new password with the code from the reset email.");
        group.MapGet("/antiforgery", Antiforgery).WithName("Antiforgery")
            .WithSummary("The token the web app sends in X-XSRF-TOKEN with state-changing requests.");

        var signedIn = group.MapGroup("").RequireAuthorization();
        signedIn.MapGet("/me", MeAsync).WithName("Me").WithSummary("The signed-in account.");
        signedIn.MapPost("/change-password", ChangePasswordAsync).WithName("ChangePassword").WithSummary("Change the password.");
        signedIn.MapPost("/resend-confirmation", ResendConfirmationAsync).WithName("ResendConfirmation").WithSummary("Send the confirmation email again.");
        signedIn.MapPost("/logout-everywhere", LogoutEverywhereAsync).WithName("LogoutEverywhere")
            .WithSummary("Sign out everywhere: every session of the account (other browsers, apps, refresh tokens) ends at once, this one included.");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ValidationProblem Invalid(IdentityResult result, string passwordField = "password")
    {
        var errors = result.Errors
            .GroupBy(e => e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "email",
                "InvalidToken" => "code",
                _ => "account",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code switch
            {
                "InvalidEmail" or "InvalidUserName" => "Enter a valid email address.",
                _ => e.Description,
            }).Distinct().ToArray());
        return TypedResults.ValidationProblem(errors);
    }


    private static async Task<Results<Accepted<RegisterResponse>, ValidationProblem, EmptyHttpResult>> RegisterAsync(
        RegisterRequest request, HttpContext http, UserManager<User> users, IPasswordHasher<User> hasher, PiiProtector pii,
        AccountMailbox mailbox, RateLimits limits, IAuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.TryParse(request.Email, out var address, out var emailError))
        {
            errors["email"] = [emailError];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Enter a password of at least 12 characters."];
        }
        else if (await PasswordErrorsAsync(users, address, request.Password) is { Length: > 0 } passwordErrors)
        {
            errors["password"] = passwordErrors;
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await RefuseAsync(http, limits, RateLimitPolicy.Auth, SecurityModule.ClientKey(http), "sign-up attempts", ct))
        {
            return TypedResults.Empty;
        }

        var user = new User { UserName = address, Email = address };
        var created = await users.FindByEmailAsync(address) is null ? await users.CreateAsync(user, request.Password!) : null;
        if (created is { Succeeded: true })
        {
            await users.AddToRoleAsync(user, Role.UserRole);
            // The user's data key, made now so that their first encrypted record never races for it.
            await pii.EnsureKeyAsync(user.Id, ct);
            await audit.RecordAsync(new AuditEvent(AuditActions.SignedUp, "user", user.Id.ToString(), user.Id), ct);
            var id = user.Id;
            mailbox.Enqueue((sp, token) => SendConfirmationAsync(sp, id, token));
        }
        else
        {
            // The address has an account (or just got one in a race): the same work and the same
            // answer, and the owner learns of it by email.
            _ = hasher.HashPassword(user, request.Password!);
            await audit.RecordAsync(new AuditEvent(AuditActions.SignUpForExistingAccount, Details: """{"reason":"address_has_account"}"""), ct);
            var ip = SecurityModule.ClientKey(http);
            mailbox.Enqueue((sp, token) => SendAccountExistsAsync(sp, address, ip, token));
        }
        return TypedResults.Accepted("/api/v1/account/me", new RegisterResponse("accepted",
            "Check your inbox: we have sent an email to this address. You can sign in with your email and password now."));
    }

    private static async Task<string[]> PasswordErrorsAsync(UserManager<User> users, string email, string password)
    {
        var errors = new List<string>();
        var candidate = new User { UserName = email, Email = email };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }
        return [.. errors.Distinct()];
    }

    /// <summary>True (and the 429 written) when the client has used up a limit.</summary>
    private static async Task<bool> RefuseAsync(HttpContext http, RateLimits limits, RateLimitPolicy policy, string key, string what, CancellationToken ct)
    {
        var decision = await limits.AcquireAsync(policy, key, ct);
        if (decision.Allowed)
        {
            return false;
        }
        await SecurityModule.RejectAsync(http, decision, what);
        return true;
    }

    /// <summary>May one more account email go to this address (and be caused by this client)? Over the limit, nothing is sent, silently.</summary>
    private static async Task<bool> MaySendAsync(IServiceProvider services, string address, string? clientKey, CancellationToken ct)
    {
        var limits = services.GetRequiredService<RateLimits>();
        if (clientKey is not null && !(await limits.AcquireAsync(RateLimitPolicy.EmailPerIp, clientKey, ct)).Allowed)
        {
            return false;
        }
        return (await limits.AcquireAsync(RateLimitPolicy.EmailPerAddress, EmailAddresses.LookupKey(address), ct)).Allowed;
    }

    private static async Task SendAccountExistsAsync(IServiceProvider services, string address, string clientKey, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(address) is not { Email: { } email } user || !await MaySendAsync(services, email, clientKey, ct))
        {
            return;
        }
        var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
        await services.GetRequiredService<IEmailSender>().SendAsync(
            EmailTemplates.AccountAlreadyExists(email, app.Link("/sign-in"), app.Link("/forgot-password")) with { OwnerId = user.Id }, ct);
    }

    private static async Task SendConfirmationAsync(IServiceProvider services, Guid userId, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByIdAsync(userId.ToString()) is not { Email: { } email } user || !await MaySendAsync(services, email, null, ct))
        {
            return;
        }
        await SendConfirmationAsync(user, users, services.GetRequiredService<IEmailSender>(), services.GetRequiredService<IOptions<AppOptions>>().Value, ct);
    }

    private static async Task SendConfirmationAsync(User user, UserManager<User> users, IEmailSender email, AppOptions app, CancellationToken ct)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = app.Link($"/confirm-email?userId={user.Id}&code={code}");
        await email.SendAsync(EmailTemplates.ConfirmEmail(user.Email!, link) with { OwnerId = user.Id }, ct);
    }

    private static async Task<Results<Ok<AccessTokenResponse>, EmptyHttpResult, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request, bool? useCookies, HttpContext http, SignInManager<User> signIn, UserManager<User> users, IPasswordHasher<User> hasher,
        SessionStore sessions, SignInBackoff backoff, RateLimits limits, IAuditLog audit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email))
            {
                errors["email"] = ["Enter your email address."];
            }
            if (string.IsNullOrEmpty(request.Password))
            {
                errors["password"] = ["Enter your password."];
            }
            return TypedResults.ValidationProblem(errors);
        }
        var client = SecurityModule.ClientKey(http);
        if (await RefuseAsync(http, limits, RateLimitPolicy.Auth, client, "sign-in attempts", ct))
        {
            return TypedResults.Empty;
        }

        var account = EmailAddresses.LookupKey(request.Email);
        if (await backoff.WaitAsync(account, client) is { } wait)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.LockedOut, Details: """{"reason":"backoff"}"""), ct);
            return LockedOut(http, wait);
        }

        // The same work whether or not the account exists: one look-up, one password hash check.
        var user = await users.FindByEmailAsync(request.Email.Trim());
        bool ok;
        if (user is null)
        {
            _ = hasher.VerifyHashedPassword(DummyUser, DummyHash.Value(hasher), request.Password);
            ok = false;
        }
        else
        {
            ok = await users.CheckPasswordAsync(user, request.Password);
        }
        if (!ok)
        {
            var imposed = await backoff.FailedAsync(account, client);
            var subject = user?.Id.ToString();
            if (imposed is { } lockedFor)
            {
                await audit.RecordAsync(new AuditEvent(AuditActions.LockedOut, subject is null ? null : "user", subject, user?.Id,
                    user is null ? """{"reason":"unknown_account"}""" : null), ct);
                return LockedOut(http, lockedFor);
            }
            await audit.RecordAsync(new AuditEvent(AuditActions.SignInFailed, subject is null ? null : "user", subject, user?.Id,
                user is null ? """{"reason":"unknown_account"}""" : """{"reason":"wrong_password"}"""), ct);
            return WrongCredentials();
        }

        await backoff.SucceededAsync(account, client);
        var kind = useCookies == true ? SessionKind.Cookie : SessionKind.Bearer;
        await SessionSignIn.SignInAsync(signIn, sessions, user!, kind, ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.SignInSucceeded, "user", user!.Id.ToString(), user.Id), ct);
        // The sign-in handler has written the cookie or the token response.
        return TypedResults.Empty;
    }

    private static readonly User DummyUser = new() { UserName = "nobody@pathavana.invalid" };

    /// <summary>A hash made once with the live hasher, checked for unknown accounts so they cost what known ones do.</summary>
    private static class DummyHash
    {
        private static string? _hash;

        public static string Value(IPasswordHasher<User> hasher) =>
            _hash ??= hasher.HashPassword(DummyUser, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
    }

    private static ProblemHttpResult LockedOut(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return TypedResults.Problem(
            title: "Too many failed sign-in attempts.",
            detail: $"Wait {minutes} minute{(minutes == 1 ? "" : "s")} before trying again from here, or reset your password.",
            statusCode: StatusCodes.Status401Unauthorized,
            extensions: new Dictionary<string, object?> { ["reason"] = "lockedOut", ["retryAfterSeconds"] = seconds });
    }

    private static ProblemHttpResult WrongCredentials() => TypedResults.Problem(
        title: "Sign-in failed.", detail: "The email or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<Results<Ok<AccessTokenResponse>, UnauthorizedHttpResult, SignInHttpResult, ValidationProblem>> RefreshAsync(
        RefreshRequest request, SignInManager<User> signIn, SessionStore sessions, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return Invalid("refreshToken", "Send the refresh token from sign-in.");
        }
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || SessionClaims.SessionIdOf(ticket.Principal) is not { } sid || SessionClaims.RefreshTokenIdOf(ticket.Principal) is not { } presented
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await sessions.RotateRefreshTokenAsync(user.Id, sid, presented, ct) is not { } next)
        {
            return TypedResults.Unauthorized();
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.SessionId, sid.ToString()));
        identity.AddClaim(new Claim(SessionClaims.RefreshTokenId, next.ToString()));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, ClaimsPrincipal principal, SignInManager<User> signIn, SessionStore sessions,
        CancellationToken ct)
    {
        if (SessionClaims.SessionIdOf(principal) is { } sid && principal.TryGetId() is { } userId)
        {
            await sessions.RevokeAsync(userId, sid, "sign_out", ct);
        }
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await signIn.SignOutAsync();
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SignOutEverywhereResponse>, NotFound>> LogoutEverywhereAsync(
        HttpContext http, ClaimsPrincipal principal, UserManager<User> users, SignInManager<User> signIn, SessionStore sessions,
        IAuditLog audit, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var ended = await sessions.RevokeAllAsync(user.Id, "sign_out_everywhere", keep: null, ct);
        // A new stamp also retires anything issued before sessions existed.
        await users.UpdateSecurityStampAsync(user);
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await signIn.SignOutAsync();
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.SignedOutEverywhere, "user", user.Id.ToString(), user.Id,
            $$"""{"sessions":{{ended}}}"""), ct);
        return TypedResults.Ok(new SignOutEverywhereResponse(ended));
    }

    private static async Task<Results<NoContent, ValidationProblem>> ConfirmEmailAsync(
        ConfirmEmailRequest request, UserManager<User> users, IAuditLog audit, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var token = Decode(request.Code);
        if (user is null || token is null)
        {
            return Invalid("code", "This confirmation link is not valid. Ask for a new one.");
        }
        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            return Invalid("code", "This confirmation link is not valid or has expired. Ask for a new one.");
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.EmailConfirmed, "user", user.Id.ToString(), user.Id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted, ValidationProblem, EmptyHttpResult>> ForgotPasswordAsync(
        ForgotPasswordRequest request, HttpContext http, AccountMailbox mailbox, RateLimits limits, CancellationToken ct)
    {
        if (!EmailAddresses.TryParse(request.Email, out var address, out var error))
        {
            return Invalid("email", error);
        }
        var client = SecurityModule.ClientKey(http);
        if (await RefuseAsync(http, limits, RateLimitPolicy.Auth, client, "password-reset requests", ct))
        {
            return TypedResults.Empty;
        }
        // The same answer, at the same speed, either way: the look-up and the email happen after the response.
        mailbox.Enqueue((sp, token) => SendResetAsync(sp, address, client, token));
        return TypedResults.Accepted((string?)null);
    }

    private static async Task SendResetAsync(IServiceProvider services, string address, string clientKey, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(address) is not { Email: { } email } user || !await MaySendAsync(services, email, clientKey, ct))
        {
            return;
        }
        var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        await services.GetRequiredService<IEmailSender>().SendAsync(
            EmailTemplates.ResetPassword(email, app.Link($"/reset-password?userId={user.Id}&code={code}")) with { OwnerId = user.Id }, ct);
        await services.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEvent(AuditActions.PasswordResetRequested, "user", user.Id.ToString(), user.Id), ct);
    }

    private static async Task<Results<NoContent, ValidationProblem, EmptyHttpResult>> ResetPasswordAsync(
        ResetPasswordRequest request, HttpContext http, UserManager<User> users, SessionStore sessions, SignInBackoff backoff,
        RateLimits limits, IAuditLog audit, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Invalid("newPassword", "Enter a new password of at least 12 characters.");
        }
        var client = SecurityModule.ClientKey(http);
        if (await RefuseAsync(http, limits, RateLimitPolicy.Auth, client, "password-reset attempts", ct))
        {
            return TypedResults.Empty;
        }
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var token = Decode(request.Code);
        if (user is null || token is null)
        {
            return Invalid("code", "This reset link is not valid. Ask for a new one.");
        }
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken")
                ? Invalid("code", "This reset link is not valid or has expired. Ask for a new one.")
                : Invalid(result, "newPassword");
        }
        // Whoever knew the old password is signed out everywhere, and this address may sign in again at once.
        var ended = await sessions.RevokeAllAsync(user.Id, "password_reset", keep: null, ct);
        await backoff.SucceededAsync(EmailAddresses.LookupKey(user.Email!), client);
        await audit.RecordAsync(new AuditEvent(AuditActions.PasswordReset, "user", user.Id.ToString(), user.Id, $$"""{"sessionsEnded":{{ended}}}"""), ct);
        return TypedResults.NoContent();
    }

    private static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> SignInWithGoogleAsync(
        GoogleSignInRequest request, bool? useCookies, GoogleSignIn google, UserManager<User> users, SignInManager<User> signIn,
        SessionStore sessions, PiiProtector pii, IAuditLog audit, CancellationToken ct) =>
        await google.SignInAsync(request.IdToken, useCookies == true, users, signIn, sessions, pii, audit, ct) switch
        {
            GoogleSignInOutcome.SignedIn => TypedResults.Empty,
            GoogleSignInOutcome.NotConfigured => TypedResults.Problem(title: "Sign-in with Google is not configured.", statusCode: StatusCodes.Status404NotFound),
            GoogleSignInOutcome.TokenMissing => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["idToken"] = ["Send the ID token Google returned."] }),
            GoogleSignInOutcome.TokenRejected => TypedResults.Problem(title: "Sign-in failed.", detail: "Google's token could not be verified.",
                statusCode: StatusCodes.Status401Unauthorized),
            GoogleSignInOutcome.AccountNotCreated => TypedResults.Problem(title: "The account could not be created.", statusCode: StatusCodes.Status409Conflict),
            _ => throw new System.Diagnostics.UnreachableException(),
        };

    private static Ok<SignInOptionsResponse> SignInOptions(Microsoft.Extensions.Options.IOptions<GoogleOptions> google) =>
        TypedResults.Ok(new SignInOptionsResponse(google.Value.Enabled
            ? new GoogleSignInOption(google.Value.ClientId!.Trim(), google.Value.ScriptUrl)
            : null));

    private static Ok<AntiforgeryResponse> Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryResponse(tokens.RequestToken!, AccountsModule.AntiforgeryHeader));
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound>> MeAsync(ClaimsPrincipal principal, UserManager<User> users)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(await DescribeAsync(user, users));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<User> users, SignInManager<User> signIn,
        SessionStore sessions, IEmailSender email, IAuditLog audit, HttpContext context, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrEmpty(request.CurrentPassword))
            {
                errors["currentPassword"] = ["Enter your current password."];
            }
            if (string.IsNullOrEmpty(request.NewPassword))
            {
                errors["newPassword"] = ["Enter a new password of at least 12 characters."];
            }
            return TypedResults.ValidationProblem(errors);
        }
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "PasswordMismatch")
                ? Invalid("currentPassword", "The current password is wrong.")
                : Invalid(result, "newPassword");
        }
        // Every session ends (the stamp changed too), other browsers and tokens included.
        var ended = await sessions.RevokeAllAsync(user.Id, "password_changed", keep: null, ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.PasswordChanged, "user", user.Id.ToString(), user.Id, $$"""{"sessionsEnded":{{ended}}}"""), ct);
        await email.SendAsync(EmailTemplates.PasswordChanged(user.Email!) with { OwnerId = user.Id }, ct);
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The browser that changed it stays signed in, in a new session.
            await SessionSignIn.SignInAsync(signIn, sessions, user, SessionKind.Cookie, ct);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted, NotFound, NoContent, EmptyHttpResult>> ResendConfirmationAsync(
        HttpContext http, ClaimsPrincipal principal, UserManager<User> users, IEmailSender email, IOptions<AppOptions> app, RateLimits limits,
        CancellationToken ct)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (user.EmailConfirmed)
        {
            return TypedResults.NoContent();
        }
        if (await RefuseAsync(http, limits, RateLimitPolicy.EmailPerAddress, EmailAddresses.LookupKey(user.Email!), "emails to one address", ct))
        {
            return TypedResults.Empty;
        }
        await SendConfirmationAsync(user, users, email, app.Value, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<AccountResponse> DescribeAsync(User user, UserManager<User> users) =>
        new(user.Id, user.Email!, user.EmailConfirmed, [.. await users.GetRolesAsync(user)], user.CreatedAt);
}
