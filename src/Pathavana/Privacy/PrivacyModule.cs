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
        builder.Services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RetentionJob>();
        builder.Services.AddHostedService<RetentionTimer>();
    }

    /// <summary>After authentication: an erased account's cookie or token answers 401.</summary>
    public static void UsePrivacy(this WebApplication app) => app.UseMiddleware<ErasedAccountMiddleware>();
}
