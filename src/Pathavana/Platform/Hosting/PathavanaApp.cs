using Pathavana.Accounts;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Inventory;
using Pathavana.Notifications;
using Pathavana.Platform.Caching;
using Pathavana.Platform.Configuration;
using Pathavana.Platform.Data;
using Pathavana.Platform.Health;
using Pathavana.Platform.Http;
using Pathavana.Platform.Observability;
using Pathavana.Platform.Security;
using Pathavana.Platform.Web;
using Pathavana.Privacy;
using Pathavana.Travelers;
using Pathavana.Trips;

namespace Pathavana.Platform.Hosting;

/// <summary>Builds the web application: configuration, one AddX() per module, one MapXApi() per module.</summary>
internal static class PathavanaApp
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])
            && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddObservability();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddData();
        builder.AddCaching();
        builder.AddHttpPlatform();
        builder.AddSecurity();
        builder.AddHealth();
        builder.AddNotifications();
        builder.AddAccounts();
        builder.AddTravelers();
        builder.AddInventory();
        builder.AddTrips();
        builder.AddAssistant();
        builder.AddBookings();
        builder.AddPrivacy();
        builder.AddWeb();

        var app = builder.Build();
        app.ValidateConfiguration();

        app.UseHttpPlatform();
        app.UseSecurity();
        app.MapObservability();
        app.UseAccounts();

        app.MapHealthApi();
        app.MapPlatformDocs();
        app.MapAccountsApi();
        app.MapTravelersApi();
        app.MapAuditApi();
        app.MapInventoryApi();
        app.MapTripsApi();
        app.MapAssistantApi();
        app.MapBookingsApi();
        app.MapPrivacyApi();
        app.MapWeb();
        return app;
    }

    /// <summary>Runs every options validation now, so a bad setting stops any command before it does work.</summary>
    private static void ValidateConfiguration(this WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
}
