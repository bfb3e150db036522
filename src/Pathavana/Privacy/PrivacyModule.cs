namespace Pathavana.Privacy;

/// <summary>The traveller's privacy rights: consent, export, erasure (see <c>docs/privacy.md</c>).</summary>
internal static class PrivacyModule
{
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Consents>();
        builder.Services.AddScoped<DataExport>();
        builder.Services.AddScoped<AccountErasure>();
        builder.Services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RetentionJob>();
        builder.Services.AddScoped<DataMasking>();
        builder.Services.AddHostedService<RetentionTimer>();
    }
}
