using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Accounts;

internal static class AccountsModule
{
    /// <summary>Cookie for the web app, bearer tokens for API clients: chosen per request.</summary>
    public const string Scheme = "Pathavana";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";
    public const string CookieName = "pathavana.auth";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddDataProtection().SetApplicationName("Pathavana").PersistKeysToDbContext<PathavanaDbContext>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IKeyWrapper>((o, wrapper) => o.XmlEncryptor = new MasterKeyXmlEncryptor(wrapper));

        services.AddOptions<SessionOptions>()
            .Bind(builder.Configuration.GetSection(SessionOptions.Section))
            .Validate(o => o.AccessTokenMinutes is >= 1 and <= 60, "Sessions__AccessTokenMinutes must be between 1 and 60.")
            .Validate(o => o.RefreshTokenDays is >= 1 and <= 90 && o.CookieIdleDays is >= 1 and <= 90 && o.AbsoluteDays is >= 1 and <= 365,
                "Sessions__RefreshTokenDays and Sessions__CookieIdleDays must be 1-90 days, Sessions__AbsoluteDays 1-365.")
            .Validate(o => o.CacheSeconds is >= 0 and <= 600, "Sessions__CacheSeconds must be between 0 and 600.")
            .Validate(o => o.CleanupIntervalMinutes >= 0 && o.KeepEndedDays >= 0,
                "Sessions__CleanupIntervalMinutes (0 turns the clean-up off) and Sessions__KeepEndedDays must be zero or more.")
            .ValidateOnStart();
        services.AddOptions<SignInBackoffOptions>()
            .Bind(builder.Configuration.GetSection(SignInBackoffOptions.Section))
            .Validate(o => o.FreeAttempts >= 1 && o.FirstWaitSeconds >= 1 && o.MaxWaitSeconds >= o.FirstWaitSeconds && o.MemorySeconds >= o.MaxWaitSeconds,
                "SignInBackoff: FreeAttempts ≥ 1, FirstWaitSeconds ≥ 1, MaxWaitSeconds ≥ FirstWaitSeconds, MemorySeconds ≥ MaxWaitSeconds.")
            .ValidateOnStart();
        services.AddSingleton<SharedState>();
        services.AddScoped<SessionStore>();
        services.AddScoped<IAccountDirectory, AccountDirectory>();
        services.AddScoped<IRoleAdministration, RoleAdministration>();
        services.AddSingleton<SignInBackoff>();
        services.AddSingleton<SessionCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionCleanup>());
        services.AddSingleton<AccountMailbox>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountMailbox>());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.AddOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<IOptions<SessionOptions>>((o, sessions) =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(sessions.Value.AccessTokenMinutes);
                o.RefreshTokenExpiration = TimeSpan.FromDays(sessions.Value.RefreshTokenDays);
            });
        // Identity's own periodic stamp check re-issues the cookie's principal: keep its session id.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(SessionClaims.SessionId) is { } sid && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(SessionClaims.SessionId, sid.Value));
            }
            return Task.CompletedTask;
        });

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SessionOptions>>((o, sessions) =>
            o.ExpireTimeSpan = TimeSpan.FromDays(sessions.Value.CookieIdleDays));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            // An API answers 401/403 instead of redirecting to a login page.
            o.Events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // The user name is the email address, checked by EmailAddresses (apostrophes, plus, IDN domains…).
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // No account-wide lockout (anyone could use it to keep the owner out): SignInBackoff
                // slows guessing per account and client address instead.
                o.Lockout.AllowedForNewUsers = false;
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddRoles<Role>()
            .AddUserManager<PathavanaUserManager>()
            .AddEntityFrameworkStores<PathavanaDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.AddSingleton<ILookupNormalizer, EmailLookupNormalizer>();
        services.AddTransient<IUserValidator<User>, EmailUserValidator>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Role.AdminRole, policy => policy.RequireRole(Role.AdminRole));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "pathavana.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure over HTTPS. The embedded default serves http://localhost, where Always makes the
            // antiforgery system refuse every request (and browsers treat localhost as a secure origin).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddOptions<EncryptionOptions>()
            .Bind(builder.Configuration.GetSection(EncryptionOptions.Section))
            .Validate<IOptions<DatabaseOptions>>(
                (e, db) => db.Value.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(e.MasterKey),
                "Encryption__MasterKey is required when Database__Provider=Postgres (replicas must share it; openssl rand -base64 32).")
            .Validate(e => string.IsNullOrWhiteSpace(e.MasterKey) || IsKey(e.MasterKey),
                "Encryption__MasterKey must be 32 bytes in base64 (openssl rand -base64 32).")
            .ValidateOnStart();
        services.AddSingleton<IKeyWrapper, LocalKeyWrapper>();
        services.AddScoped<PiiProtector>();
        services.AddScoped<KeyRotation>();

        services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.CheckpointIntervalSeconds >= 0, "Audit__CheckpointIntervalSeconds must be zero (off) or more.")
            .Validate(o => o.ReadQueueCapacity >= 1, "Audit__ReadQueueCapacity must be at least 1.")
            .Validate(o => o.CheckpointStore != AuditCheckpointStoreKind.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket),
                "Audit__S3__Bucket is required with Audit__CheckpointStore=S3.")
            .Validate(o => string.IsNullOrWhiteSpace(o.S3.ServiceUrl) || Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out _),
                "Audit__S3__ServiceUrl must be an absolute URL such as https://minio.internal:9000.")
            .Validate(o => string.IsNullOrWhiteSpace(o.S3.AccessKeyId) == string.IsNullOrWhiteSpace(o.S3.SecretAccessKey),
                "Audit__S3__AccessKeyId and Audit__S3__SecretAccessKey go together (or neither, for the AWS default credentials).")
            .ValidateOnStart();
        services.AddSingleton<IAuditCheckpointStore>(sp =>
        {
            var audit = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            return audit.CheckpointStore == AuditCheckpointStoreKind.S3
                ? new S3AuditCheckpointStore(audit.S3)
                : new FileAuditCheckpointStore(string.IsNullOrWhiteSpace(audit.CheckpointDirectory)
                    ? sp.GetRequiredService<IOptions<Pathavana.Platform.Configuration.StorageOptions>>().Value.PathFor("audit-checkpoints")
                    : Path.GetFullPath(audit.CheckpointDirectory));
        });
        services.AddSingleton<AuditKeys>();
        services.AddSingleton<AuditReadQueue>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddHostedService<AuditReadWriter>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddScoped<IAuditVerification, AuditVerification>();
        services.AddHostedService<AuditCheckpointWriter>();

        services.AddOptions<GoogleOptions>()
            .Bind(builder.Configuration.GetSection(GoogleOptions.Section))
            .Validate(o => !o.Enabled || Uri.TryCreate(o.Authority, UriKind.Absolute, out _), "Authentication__Google__Authority must be an absolute URL.")
            .ValidateOnStart();
        services.AddHttpClient("google-oidc", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<GoogleSignIn>();
    }

    private static bool IsKey(string base64)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == 32;
    }

    private static Task SetStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static void UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<SessionValidationMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();
    }
}

/// <summary>Accounts' email addresses follow <see cref="EmailAddresses"/>; errors speak of the email, not a user name.</summary>
internal sealed class EmailUserValidator : IUserValidator<User>
{
    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user) =>
        Task.FromResult(EmailAddresses.TryParse(user.Email, out _, out var error)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "InvalidEmail", Description = error }));
}

/// <summary>
/// State-changing requests authenticated by the web app's cookie must carry the antiforgery
/// token in <c>X-XSRF-TOKEN</c> (from <c>GET /api/v1/account/antiforgery</c>). Bearer-token clients
/// and anonymous requests are not cookie-borne and need none.
/// </summary>
internal sealed class CookieAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        var cookieBorne = context.User.Identity?.IsAuthenticated == true
                          && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && cookieBorne && !await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Missing or invalid antiforgery token.",
                    Detail = $"Requests signed in by cookie must send the token from GET /api/v1/account/antiforgery in the {AccountsModule.AntiforgeryHeader} header.",
                },
            });
            return;
        }
        await next(context);
    }
}
