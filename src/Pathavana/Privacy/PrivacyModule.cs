namespace Pathavana.Privacy;

/// <summary>The traveller's privacy rights: consent, export, erasure (see <c>docs/privacy.md</c>).</summary>
internal static class PrivacyModule
{
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Consents>();
        builder.Services.AddScoped<DataExport>();
        builder.Services.AddScoped<AccountErasure>();
        builder.Services.AddSingleton<ErasedAccounts>();
    }

    /// <summary>After authentication: an erased account's cookie or token answers 401.</summary>
    public static void UsePrivacy(this WebApplication app) => app.UseMiddleware<ErasedAccountMiddleware>();
}
