using Pathavana.Platform.Hosting;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security;

namespace Pathavana.Accounts;

/// <summary>The claims that tie a cookie or token to its <see cref="UserSession"/>.</summary>
internal static class SessionClaims
{
    public const string SessionId = "pathavana:sid";
    public const string RefreshTokenId = "pathavana:rt";

    public static Guid? SessionIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;

    public static Guid? RefreshTokenIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(RefreshTokenId), out var id) ? id : null;
}

/// <summary>Signs a user in with a new session (password, Google, e-mail confirmation all end here).</summary>
internal static class SessionSignIn
{
    /// <summary>Starts a session and signs it in: the cookie, or the access and refresh tokens, carry its id.</summary>
    public static async Task SignInAsync(SignInManager<User> signIn, SessionStore sessions, User user, SessionKind kind, CancellationToken ct,
        string? authenticationMethod = null)
    {
        var session = await sessions.StartAsync(user.Id, kind, ct);
        signIn.AuthenticationScheme = kind == SessionKind.Cookie ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        List<Claim> claims = [new(SessionClaims.SessionId, session.Id.ToString())];
        if (session.RefreshTokenId is { } rt)
        {
            claims.Add(new Claim(SessionClaims.RefreshTokenId, rt.ToString()));
        }
        if (authenticationMethod is not null)
        {
            claims.Add(new Claim(ClaimTypes.AuthenticationMethod, authenticationMethod));
        }
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = true }, claims);
    }
}

/// <summary>Session lifetimes (section <c>Sessions</c>).</summary>
internal sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>How long an access (bearer) token is good for. Default 15 minutes.</summary>
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long a refresh token is good for; each refresh issues a new one and retires the old. Default 14 days.</summary>
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>The web app's cookie: idle time-out (sliding). Default 14 days.</summary>
    public int CookieIdleDays { get; set; } = 14;

    /// <summary>Any session ends this long after sign-in, however active. Default 30 days.</summary>
    public int AbsoluteDays { get; set; } = 30;

    /// <summary>How long a replica may trust a cached "session active" answer. Revocations overwrite the cache at once.</summary>
    public int CacheSeconds { get; set; } = 120;

    /// <summary>How often each replica deletes ended sessions (<see cref="SessionCleanup"/>). 0 turns it off. Default 60 minutes.</summary>
    public int CleanupIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// How long an ended session (expired, signed out, revoked) stays in <c>user_sessions</c> before
    /// the clean-up deletes it, for support questions ("was I signed out?"). Default 7 days.
    /// </summary>
    public int KeepEndedDays { get; set; } = 7;
}

/// <summary>
/// Creates, checks and revokes sessions. The check runs on every signed-in request and is cached
/// in <see cref="SharedState"/> (Redis across replicas); revoking writes the revocation into that
/// cache at once, so a kept cookie or token stops working on every replica immediately.
/// </summary>
internal sealed partial class SessionStore(PathavanaDbContext db, SharedState shared, IOptions<SessionOptions> options, TimeProvider clock,
    ILogger<SessionStore> logger)
{
    private const string Revoked = "revoked";

    private static string SessionKey(Guid sid) => $"session:{sid:N}";

    internal static string StampKey(Guid userId) => $"stamp:{userId:N}";

    private TimeSpan CacheTtl => TimeSpan.FromSeconds(options.Value.CacheSeconds);

    public async Task<UserSession> StartAsync(Guid userId, SessionKind kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Kind = kind,
            ExpiresAt = now.AddDays(options.Value.AbsoluteDays),
            RefreshTokenId = kind == SessionKind.Bearer ? Guid.NewGuid() : null,
        };
        db.Set<UserSession>().Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// Is this principal's session still on: its session exists, is not revoked or expired, and the
    /// account's security stamp is the one it was issued with?
    /// </summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal, string stampClaimType, CancellationToken ct)
    {
        if (SessionClaims.SessionIdOf(principal) is not { } sid || principal.TryGetId() is not { } userId)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(stampClaimType);
        var cached = await shared.GetAsync(SessionKey(sid), StampKey(userId));
        if (cached.Available && cached.Values[0] is { } state && cached.Values[1] is { } currentStamp)
        {
            return state != Revoked && long.TryParse(state, out var until) && until > clock.GetUtcNow().UtcTicks && currentStamp == stamp;
        }

        var row = await db.Set<UserSession>().AsNoTracking().Where(s => s.Id == sid && s.UserId == userId)
            .Select(s => new { s.ExpiresAt, s.RevokedAt }).SingleOrDefaultAsync(ct);
        var dbStamp = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        var active = row is { RevokedAt: null } && row.ExpiresAt > clock.GetUtcNow();
        if (cached.Available)
        {
            // Only if absent: a revocation written meanwhile by another replica must win.
            await shared.SetAsync(SessionKey(sid), active ? row!.ExpiresAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) : Revoked,
                CacheTtl, onlyIfAbsent: true);
            if (dbStamp is not null)
            {
                await shared.SetAsync(StampKey(userId), dbStamp, CacheTtl, onlyIfAbsent: true);
            }
        }
        return active && dbStamp is not null && dbStamp == stamp;
    }

    public async Task RevokeAsync(Guid userId, Guid sid, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<UserSession>().Where(s => s.Id == sid && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason).SetProperty(s => s.UpdatedAt, now), ct);
        await shared.SetAsync(SessionKey(sid), Revoked, CacheTtl);
    }

    /// <summary>Revokes every session of the user except <paramref name="keep"/>; returns how many ended.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, string reason, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.Id != keep)
            .Select(s => s.Id).ToListAsync(ct);
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason).SetProperty(s => s.UpdatedAt, now), ct);
        foreach (var id in ids)
        {
            await shared.SetAsync(SessionKey(id), Revoked, CacheTtl);
        }
        LogRevokedAll(logger, ids.Count, reason);
        return ids.Count;
    }

    /// <summary>
    /// Exchanges a refresh token: only the newest one of a session is accepted, and a new id is
    /// issued. Presenting a retired one means the token was copied, so the whole session ends.
    /// </summary>
    public async Task<Guid?> RotateRefreshTokenAsync(Guid userId, Guid sid, Guid presented, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var next = Guid.NewGuid();
        var rotated = await db.Set<UserSession>()
            .Where(s => s.Id == sid && s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.RefreshTokenId == presented)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshTokenId, next).SetProperty(s => s.UpdatedAt, now), ct);
        if (rotated == 1)
        {
            return next;
        }
        if (await db.Set<UserSession>().AnyAsync(s => s.Id == sid && s.UserId == userId && s.RevokedAt == null, ct))
        {
            LogRefreshReuse(logger, sid);
            await RevokeAsync(userId, sid, "refresh_token_reused", ct);
        }
        return null;
    }

    /// <summary>Publishes a user's new security stamp to every replica at once.</summary>
    public Task PublishStampAsync(Guid userId, string stamp) => shared.SetAsync(StampKey(userId), stamp, CacheTtl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked {Count} session(s): {Reason}")]
    private static partial void LogRevokedAll(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retired refresh token of session {SessionId} was presented again: the session is revoked")]
    private static partial void LogRefreshReuse(ILogger logger, Guid sessionId);
}

/// <summary>
/// Runs after authentication: a cookie or bearer token whose session was revoked or expired, or whose
/// account's security stamp changed, no longer signs the request in (the request continues as
/// anonymous, so protected endpoints answer 401). A dead cookie is also deleted.
/// </summary>
internal sealed class SessionValidationMiddleware(RequestDelegate next, IOptions<IdentityOptions> identity)
{
    public async Task InvokeAsync(HttpContext context, SessionStore sessions)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !await sessions.IsActiveAsync(context.User, identity.Value.ClaimsIdentity.SecurityStampClaimType, context.RequestAborted))
        {
            var cookie = !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (cookie)
            {
                context.Response.Cookies.Delete(AccountsModule.CookieName, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
            }
        }
        await next(context);
    }
}

/// <summary>Identity's user manager, which also tells every replica at once when a security stamp changes.</summary>
internal sealed class PathavanaUserManager : UserManager<User>
{
    private readonly IServiceProvider _services;

    public PathavanaUserManager(
        IUserStore<User> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<User> passwordHasher,
        IEnumerable<IUserValidator<User>> userValidators, IEnumerable<IPasswordValidator<User>> passwordValidators,
        ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<User>> logger)
        : base(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger) =>
        _services = services;

    protected override async Task<IdentityResult> UpdateUserAsync(User user)
    {
        var result = await base.UpdateUserAsync(user);
        if (result.Succeeded && user.SecurityStamp is { } stamp)
        {
            await _services.GetRequiredService<SessionStore>().PublishStampAsync(user.Id, stamp);
        }
        return result;
    }
}

/// <summary>
/// Deletes sessions that ended (expired, or revoked) more than <see cref="SessionOptions.KeepEndedDays"/>
/// ago, every <see cref="SessionOptions.CleanupIntervalMinutes"/> on each replica (one DELETE;
/// replicas running it at once just find fewer rows). A deleted session can never sign a request in
/// again: a cookie or token naming a session that is not there is refused.
/// </summary>
internal sealed partial class SessionCleanup(IServiceScopeFactory scopes, IOptions<SessionOptions> options, TimeProvider clock,
    ILogger<SessionCleanup> logger) : BackgroundService
{
    /// <summary>Deletes the ended sessions once; returns how many rows went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var endedBefore = clock.GetUtcNow().AddDays(-options.Value.KeepEndedDays);
        var deleted = await db.Set<UserSession>()
            .Where(s => s.ExpiresAt < endedBefore || (s.RevokedAt != null && s.RevokedAt < endedBefore))
            .ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, options.Value.KeepEndedDays);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.CleanupIntervalMinutes;
        if (minutes <= 0)
        {
            return;
        }
        // The database may be briefly away; the next tick tries again.
        await Periodic.RunAsync(TimeSpan.FromMinutes(minutes), clock, runAtStart: false, RunOnceAsync, ex => LogFailed(logger, ex), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} session(s) that ended more than {Days} day(s) ago")]
    private static partial void LogDeleted(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ended sessions could not be deleted; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
