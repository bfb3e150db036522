using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Inventory;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>Which provider answers when Duffel is configured, alone or with Amadeus, and the calendar without a calendar API.</summary>
public sealed class DuffelSetupTests
{
    [Fact]
    public async Task With_Duffel_and_Amadeus_both_configured_Duffel_answers_flights_and_hotels_and_the_start_log_says_so()
    {
        await using var duffel = await DuffelFake.StartAsync();
        var settings = duffel.Settings();
        settings["Amadeus:ClientId"] = VendorHost.ClientId;
        settings["Amadeus:ClientSecret"] = VendorHost.ClientSecret;
        settings["Amadeus:BaseUrl"] = "http://127.0.0.1:9";
        await using var app = PathavanaFactory.Embedded(settings);
        using var client = app.CreateClient();

        var inventory = app.Services.GetRequiredService<InventoryService>();

        Assert.Equal("duffel", inventory.FlightSource);
        Assert.Equal("duffel", inventory.HotelSource);
        Assert.Equal("amadeus", inventory.ActivitySource);
        Assert.Contains(app.Logs.Records, e => e.Message.Contains("Inventory providers: flights duffel, hotels duffel, activities amadeus", StringComparison.Ordinal)
            && e.Message.Contains("test mode", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Records, e => e.Message.Contains("Both Duffel and Amadeus are configured", StringComparison.Ordinal));
        Assert.DoesNotContain(DuffelFake.Token, app.Logs.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk_live_something_else", "http://127.0.0.1:9", "Duffel__AccessToken")]
    [InlineData("duffel_test_abc", "ftp://example", "Duffel__BaseUrl")]
    public void A_bad_setting_stops_the_start_naming_it(string token, string baseUrl, string named)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Duffel:AccessToken"] = token, ["Duffel:BaseUrl"] = baseUrl });
        builder.Services.AddHybridCache();
        Pathavana.Inventory.Duffel.DuffelSetup.AddDuffel(builder);
        using var app = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_calendar_from_Duffel_runs_a_few_searches_at_a_time_and_is_cached()
    {
        await using var duffel = await DuffelFake.StartAsync();
        duffel.SearchDelay = TimeSpan.FromMilliseconds(150);
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        using var client = app.CreateClient();
        var month = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2);
        var url = $"/api/v1/flights/calendar?origin=LIS&destination=MAD&month={month:yyyy-MM}";

        var calendar = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;
        var searches = duffel.Count("POST", "air/offer_requests");
        await client.GetStringAsync(url);

        var days = calendar.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(DateTime.DaysInMonth(month.Year, month.Month), days.Count);
        Assert.All(days, d => Assert.Equal("GBP", d.GetProperty("cheapestPrice").GetProperty("currency").GetString()));
        Assert.Equal(days.Count, searches);
        Assert.InRange(duffel.MaxConcurrentCalls, 2, InventoryService.CalendarParallelism);
        Assert.Equal(searches, duffel.Count("POST", "air/offer_requests")); // the second month came from the cache
    }
}
