using System.ComponentModel.DataAnnotations;
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

/// <summary>Sign-up, sign-in (cookie or bearer token), email confirmation, password reset and change.</summary>
internal static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Account");

        group.MapPost("/register", RegisterAsync).WithName("Register").WithSummary("Create an account; a confirmation email follows.");
        group.MapPost("/login", LoginAsync).WithName("Login")
            .WithSummary("Sign in: ?useCookies=true sets the web app's cookie, otherwise a bearer token is returned.");
        group.MapPost("/google", GoogleSignIn.SignInAsync).WithName("SignInWithGoogle")
            .WithSummary("Sign in with a Google ID token (verified server-side); ?useCookies=true for the web app.");
        group.MapPost("/refresh", RefreshAsync).WithName("RefreshToken").WithSummary("Exchange a refresh token for a new bearer token.");
        group.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("Sign out of the web app's cookie session.");
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
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with this email already exists."
                : e.Description).Distinct().ToArray());
        return TypedResults.ValidationProblem(errors);
    }

    private static bool IsEmail(string? email) => email is { Length: <= 254 } && new EmailAddressAttribute().IsValid(email);

    private static async Task<Results<Created<AccountResponse>, ValidationProblem>> RegisterAsync(
        RegisterRequest request, UserManager<User> users, PiiProtector pii, IEmailSender email, IOptions<AppOptions> app,
        IAuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsEmail(request.Email))
        {
            errors["email"] = ["Enter a valid email address."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Enter a password of at least 12 characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = new User { UserName = request.Email!.Trim(), Email = request.Email.Trim() };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return Invalid(created);
        }
        await users.AddToRoleAsync(user, Role.UserRole);
        // The user's data key, made now so that their first encrypted record never races for it.
        await pii.EnsureKeyAsync(user.Id, ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.SignedUp, "user", user.Id.ToString(), user.Id), ct);
        await SendConfirmationAsync(user, users, email, app.Value, ct);
        return TypedResults.Created("/api/v1/account/me", await DescribeAsync(user, users));
    }

    private static async Task SendConfirmationAsync(User user, UserManager<User> users, IEmailSender email, AppOptions app, CancellationToken ct)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = app.Link($"/confirm-email?userId={user.Id}&code={code}");
        await email.SendAsync(EmailTemplates.ConfirmEmail(user.Email!, link), ct);
    }

    private static async Task<Results<Ok<AccessTokenResponse>, EmptyHttpResult, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request, bool? useCookies, SignInManager<User> signIn, UserManager<User> users, IAuditLog audit, CancellationToken ct)
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

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.SignInFailed, Details: """{"reason":"unknown_account"}"""), ct);
            return WrongCredentials();
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.SignInSucceeded, "user", user.Id.ToString(), user.Id), ct);
            // The sign-in handler has written the cookie or the token response.
            return TypedResults.Empty;
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.LockedOut, "user", user.Id.ToString(), user.Id), ct);
            return TypedResults.Problem(
                title: "The account is locked.",
                detail: "Too many failed sign-in attempts: try again in 5 minutes, or reset your password.",
                statusCode: StatusCodes.Status401Unauthorized,
                extensions: new Dictionary<string, object?> { ["reason"] = "lockedOut" });
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.SignInFailed, "user", user.Id.ToString(), user.Id, """{"reason":"wrong_password"}"""), ct);
        return WrongCredentials();
    }

    private static ProblemHttpResult WrongCredentials() => TypedResults.Problem(
        title: "Sign-in failed.", detail: "The email or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<Results<Ok<AccessTokenResponse>, UnauthorizedHttpResult, SignInHttpResult, ValidationProblem>> RefreshAsync(
        RefreshRequest request, SignInManager<User> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return Invalid("refreshToken", "Send the refresh token from sign-in.");
        }
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<User> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
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

    private static async Task<Results<Accepted, ValidationProblem>> ForgotPasswordAsync(
        ForgotPasswordRequest request, UserManager<User> users, IEmailSender email, IOptions<AppOptions> app, IAuditLog audit, CancellationToken ct)
    {
        if (!IsEmail(request.Email))
        {
            return Invalid("email", "Enter a valid email address.");
        }
        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is not null)
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            await email.SendAsync(EmailTemplates.ResetPassword(user.Email!, app.Value.Link($"/reset-password?userId={user.Id}&code={code}")), ct);
            await audit.RecordAsync(new AuditEvent(AuditActions.PasswordResetRequested, "user", user.Id.ToString(), user.Id), ct);
        }
        // The same answer either way: the endpoint does not reveal who has an account.
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ResetPasswordAsync(
        ResetPasswordRequest request, UserManager<User> users, IAuditLog audit, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Invalid("newPassword", "Enter a new password of at least 12 characters.");
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
        // A successful reset also lifts a lockout: the person proved they own the mailbox.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(new AuditEvent(AuditActions.PasswordReset, "user", user.Id.ToString(), user.Id), ct);
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
        IEmailSender email, IAuditLog audit, HttpContext context, CancellationToken ct)
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
        await audit.RecordAsync(new AuditEvent(AuditActions.PasswordChanged, "user", user.Id.ToString(), user.Id), ct);
        await email.SendAsync(EmailTemplates.PasswordChanged(user.Email!), ct);
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The security stamp changed: renew this browser's cookie so it stays signed in.
            await signIn.RefreshSignInAsync(user);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted, NotFound, NoContent>> ResendConfirmationAsync(
        ClaimsPrincipal principal, UserManager<User> users, IEmailSender email, IOptions<AppOptions> app, CancellationToken ct)
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
        await SendConfirmationAsync(user, users, email, app.Value, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<AccountResponse> DescribeAsync(User user, UserManager<User> users) =>
        new(user.Id, user.Email!, user.EmailConfirmed, [.. await users.GetRolesAsync(user)], user.CreatedAt);
}
