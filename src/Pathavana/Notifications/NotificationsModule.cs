using Microsoft.Extensions.Options;

namespace Pathavana.Notifications;

internal static class NotificationsModule
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || string.IsNullOrEmpty(o.Username) || !string.IsNullOrEmpty(o.Password),
                "Smtp__Password is required when Smtp__Username is set.")
            .ValidateOnStart();
        builder.Services.AddOptions<AppOptions>()
            .Bind(builder.Configuration.GetSection(AppOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IBookingConfirmations, BookingConfirmations>();
        builder.Services.AddSingleton<OutboxEmailSender>();
        builder.Services.AddScoped<OutboxFiles>();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.Enabled
            ? sp.GetRequiredService<SmtpEmailSender>()
            : sp.GetRequiredService<OutboxEmailSender>());
    }
}
