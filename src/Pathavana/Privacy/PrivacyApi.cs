using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Privacy;

/// <summary>Re-authentication: the password, or for an account without one (Google sign-in) its email address typed again.</summary>
public sealed record ReauthenticateRequest(string? Password, string? ConfirmEmail);

/// <summary>
/// Deleting the account: re-authentication, and when bookings are still open, what to do with them:
/// <c>cancel</c> (each is cancelled with the provider first) or <c>keep</c> (they stay with the provider; we keep only amount, dates and reference).
/// </summary>
public sealed record DeleteAccountRequest(string? Password, string? ConfirmEmail, string? OpenBookings);

/// <summary>An export ready to download until <c>expiresAt</c> (7 days), with the signed-in account's cookie or token.</summary>
public sealed record ExportResponse(string DownloadUrl, DateTimeOffset ExpiresAt);

/// <summary>The open bookings that deleting the account would leave with the provider, to choose about first.</summary>
public sealed record ErasurePreviewResponse(IReadOnlyList<OpenBookingResponse> OpenBookings);

/// <summary>A consent purpose and the current decision: <c>granted</c> is null when never asked (or asked for an older version).</summary>
public sealed record ConsentResponse(string Purpose, int Version, string Title, string Text, bool? Granted, DateTimeOffset? RecordedAt);

public sealed record ConsentRequest(bool? Granted);

/// <summary>
/// The traveller's rights: export (portability), erasure, consent; and erasing an anonymous
/// browser's chats. Export and erasure ask for the password again.
/// </summary>
internal static class PrivacyApi
{
    public static void MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v1/account").WithTags("Privacy").RequireAuthorization();
        account.MapPost("/export", ExportAsync).WithName("ExportAccountData")
            .WithSummary("Prepare the archive of everything held about you (password again); a download link valid 7 days.");
        account.MapGet("/export", DownloadAsync).WithName("DownloadAccountData")
            .WithSummary("Download the archive (ZIP: pathavana-export.json and the trips as .ics) with the token from POST /export.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status410Gone);
        account.MapGet("/erasure", PreviewErasureAsync).WithName("PreviewAccountErasure")
            .WithSummary("The open bookings to decide about before deleting the account.");
        account.MapDelete("/me", DeleteAsync).WithName("DeleteAccount")
            .WithSummary("Delete the account and everything held about you (password again; open bookings: cancel or keep).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        account.MapGet("/consents", ConsentsAsync).WithName("ListConsents").WithSummary("The purposes you can agree to, and your decisions.");
        account.MapPut("/consents/{purpose}", ConsentAsync).WithName("RecordConsent").WithSummary("Give or withdraw consent for a purpose.");

        // The same decisions before sign-in, for this browser (its chat cookie is scoped to /api/v1/chat).
        var chat = app.MapGroup("/api/v1/chat").WithTags("Privacy");
        chat.MapGet("/consents", ConsentsAsync).WithName("ListChatConsents").WithSummary("Consents of the signed-in user, or of this browser before sign-in.");
        chat.MapPut("/consents/{purpose}", ConsentAsync).WithName("RecordChatConsent").WithSummary("Give or withdraw consent (the user's, or this browser's before sign-in).");
        chat.MapDelete("/browser-data", EraseBrowserAsync).WithName("EraseBrowserChats")
            .WithSummary("Erase this browser's anonymous chats, their key and consents, and forget the browser.");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Null when the person proved it is them; else the problem to answer.</summary>
    private static async Task<ValidationProblem?> ReauthenticateAsync(User user, string? password, string? confirmEmail,
        UserManager<User> users, SignInManager<User> signIn)
    {
        if (await users.HasPasswordAsync(user))
        {
            if (string.IsNullOrEmpty(password))
            {
                return Invalid("password", "Enter your password to confirm it is you.");
            }
            var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return result.Succeeded ? null
                : result.IsLockedOut ? Invalid("password", "Too many wrong passwords: try again in 5 minutes.")
                : Invalid("password", "The password is wrong.");
        }
        return string.Equals(confirmEmail?.Trim(), user.Email, StringComparison.OrdinalIgnoreCase)
            ? null
            : Invalid("confirmEmail", "Type your account's email address to confirm it is you.");
    }

    private static async Task<Results<Created<ExportResponse>, ValidationProblem, NotFound>> ExportAsync(
        ReauthenticateRequest? request, ClaimsPrincipal principal, UserManager<User> users, SignInManager<User> signIn,
        DataExport export, IAuditLog audit, CancellationToken ct)
    {
        if (await users.FindByIdAsync(principal.Id().ToString()) is not { } user)
        {
            return TypedResults.NotFound();
        }
        if (await ReauthenticateAsync(user, request?.Password, request?.ConfirmEmail, users, signIn) is { } problem)
        {
            return problem;
        }
        var (token, expires) = export.Issue(user.Id);
        await audit.RecordAsync(new AuditEvent(AuditActions.DataExported, "user", user.Id.ToString(), user.Id, """{"step":"prepared"}"""), ct);
        var url = $"/api/v1/account/export?token={Uri.EscapeDataString(token)}";
        return TypedResults.Created(url, new ExportResponse(url, expires));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string? token, ClaimsPrincipal principal, DataExport export, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var me = principal.Id();
        if (string.IsNullOrEmpty(token) || !export.IsValid(token, me))
        {
            return TypedResults.Problem(title: "This export link is not valid or has expired.",
                detail: "Exports can be downloaded for 7 days. Ask for a new one on the Account page (your password is needed again).",
                statusCode: StatusCodes.Status410Gone);
        }
        var archive = await export.BuildAsync(me, ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.DataExported, "user", me.ToString(), me, """{"step":"downloaded"}"""), ct);
        return TypedResults.File(archive, "application/zip", $"pathavana-export-{clock.GetUtcNow():yyyy-MM-dd}.zip");
    }

    private static async Task<Ok<ErasurePreviewResponse>> PreviewErasureAsync(ClaimsPrincipal principal, AccountErasure erasure, CancellationToken ct) =>
        TypedResults.Ok(new ErasurePreviewResponse([.. (await erasure.OpenBookingsAsync(principal.Id(), ct)).Select(AccountErasure.Describe)]));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, NotFound>> DeleteAsync(
        [FromBody] DeleteAccountRequest? request, ClaimsPrincipal principal, HttpContext context, UserManager<User> users, SignInManager<User> signIn,
        AccountErasure erasure, BookingService bookings, CancellationToken ct)
    {
        if (await users.FindByIdAsync(principal.Id().ToString()) is not { } user)
        {
            return TypedResults.NotFound();
        }
        if (request?.OpenBookings is { } choice && choice is not ("cancel" or "keep"))
        {
            return Invalid("openBookings", "One of: cancel (each open booking is cancelled with the provider first), keep (they stay with the provider).");
        }
        if (await ReauthenticateAsync(user, request?.Password, request?.ConfirmEmail, users, signIn) is { } problem)
        {
            return problem;
        }
        var open = await erasure.OpenBookingsAsync(user.Id, ct);
        if (open.Any(b => b.Status == BookingStatus.Pending))
        {
            return TypedResults.Problem(title: "A booking is still being ordered.",
                detail: "Wait until the provider has answered (a minute at most), then delete the account.", statusCode: StatusCodes.Status409Conflict);
        }
        if (open.Count > 0 && request?.OpenBookings is null)
        {
            return TypedResults.Problem(title: "You have bookings still held with the provider.",
                detail: "Choose first: cancel them (openBookings: cancel) or keep them with the provider (openBookings: keep). Nothing was deleted.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["openBookings"] = open.Select(AccountErasure.Describe).ToList() });
        }
        var cancelled = 0;
        if (request?.OpenBookings == "cancel")
        {
            foreach (var booking in open)
            {
                if (await bookings.CancelAsync(user.Id, booking.Id) is not CancellationOutcome.Cancelled)
                {
                    return TypedResults.Problem(title: "A booking could not be cancelled, so the account was not deleted.",
                        detail: $"{BookingService.Summary(booking)} ({booking.ProviderReference}): the provider refused. Keep it, or try again later.",
                        statusCode: StatusCodes.Status409Conflict);
                }
                cancelled++;
            }
        }
        await erasure.EraseAsync(user.Id, cancelled, ct);
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await signIn.SignOutAsync();
        }
        return TypedResults.NoContent();
    }

    private static ConsentSubject? SubjectOf(HttpContext context) =>
        context.User.TryGetId() is { } user ? new ConsentSubject(user, null)
        : AnonymousBrowser.Read(context) is { } hash ? new ConsentSubject(null, hash)
        : null;

    private static async Task<Ok<List<ConsentResponse>>> ConsentsAsync(HttpContext context, Consents consents, CancellationToken ct)
    {
        var subject = SubjectOf(context);
        var current = subject is null ? [] : await consents.CurrentAsync(subject, ct);
        return TypedResults.Ok(ConsentPurposes.All.Select(p => Describe(p, current.GetValueOrDefault(p.Id))).ToList());
    }

    private static ConsentResponse Describe(ConsentPurpose p, ConsentRecord? decision) =>
        decision is not null && decision.Version == p.Version
            ? new(p.Id, p.Version, p.Title, p.Text, decision.Granted, decision.RecordedAt)
            : new(p.Id, p.Version, p.Title, p.Text, null, null);

    private static async Task<Results<Ok<ConsentResponse>, ValidationProblem, NotFound>> ConsentAsync(
        string purpose, ConsentRequest? request, HttpContext context, Consents consents, IAuditLog audit, CancellationToken ct)
    {
        if (ConsentPurposes.Find(purpose) is not { } known)
        {
            return TypedResults.NotFound();
        }
        if (request?.Granted is not { } granted)
        {
            return Invalid("granted", "true to agree, false to withdraw.");
        }
        var subject = context.User.TryGetId() is { } user
            ? new ConsentSubject(user, null)
            : new ConsentSubject(null, AnonymousBrowser.Ensure(context));
        var record = await consents.RecordAsync(subject, known, granted, ct);
        if (subject.UserId is { } id)
        {
            await audit.RecordAsync(new AuditEvent(granted ? AuditActions.ConsentGiven : AuditActions.ConsentWithdrawn, "user", id.ToString(), id,
                $$"""{"purpose":"{{known.Id}}","version":{{known.Version}}}"""), ct);
        }
        return TypedResults.Ok(Describe(known, record));
    }

    private static async Task<NoContent> EraseBrowserAsync(HttpContext context, PathavanaDbContext db, DataKeys keys, CancellationToken ct)
    {
        if (AnonymousBrowser.Read(context) is { } hash)
        {
            await AnonymousErasure.EraseAsync(db, keys, [hash], ct);
            context.Response.Cookies.Delete(AnonymousBrowser.CookieName, new CookieOptions { Path = "/api/v1/chat", Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
        }
        return TypedResults.NoContent();
    }
}

/// <summary>Erases anonymous browsers' chats: their sessions (and messages), their keys and consents.</summary>
internal static class AnonymousErasure
{
    public static async Task<int> EraseAsync(PathavanaDbContext db, DataKeys keys, IReadOnlyCollection<string> tokenHashes, CancellationToken ct)
    {
        var keyIds = await db.Set<AnonymousDataKey>().Where(k => k.TokenHash != null && tokenHashes.Contains(k.TokenHash)).Select(k => k.Id).ToListAsync(ct);
        await db.Set<AnonymousDataKey>().Where(k => keyIds.Contains(k.Id)).ExecuteDeleteAsync(ct);
        foreach (var id in keyIds)
        {
            keys.Forget(DataKeyRef.ForAnonymous(id));
        }
        var sessions = await db.ChatSessions.Where(s => s.OwnerId == null && s.AnonymousTokenHash != null && tokenHashes.Contains(s.AnonymousTokenHash)).ExecuteDeleteAsync(ct);
        await db.Set<ConsentRecord>().Where(c => c.UserId == null && c.AnonymousTokenHash != null && tokenHashes.Contains(c.AnonymousTokenHash)).ExecuteDeleteAsync(ct);
        await db.Set<LlmUsage>().Where(u => tokenHashes.Contains(u.Subject)).ExecuteDeleteAsync(ct);
        return sessions;
    }
}
