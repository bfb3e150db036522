using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Accounts;

internal static class AccountsModule
{
    /// <summary>Cookie for the web app, bearer tokens for API clients: chosen per request.</summary>
    public const string Scheme = "Pathavana";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddDataProtection().SetApplicationName("Pathavana").PersistKeysToDbContext<PathavanaDbContext>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IKeyWrapper>((o, wrapper) => o.XmlEncryptor = new MasterKeyXmlEncryptor(wrapper));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.RefreshTokenExpiration = TimeSpan.FromDays(14);
            })
            .AddIdentityCookies();

        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            o.Cookie.Name = "pathavana.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // An API answers 401/403 instead of redirecting to a login page.
            o.Events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<PathavanaDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

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

        services.AddSingleton<IAuditLog, AuditLog>();

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
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();
    }
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
