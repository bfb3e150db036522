using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pathavana.Inventory;
using Pathavana.Inventory.Amadeus;
using Pathavana.Platform.Http;

namespace Pathavana.Tests.Inventory.Vendors;

public sealed class VendorSetupTests
{
    [Fact]
    public async Task Without_Amadeus_credentials_no_Amadeus_port_is_registered()
    {
        await using var app = VendorHost.Build(new Dictionary<string, string?>(), null, null, out _);

        Assert.Null(app.Services.GetService<IFlightProvider>());
        Assert.Null(app.Services.GetService<IHotelProvider>());
        Assert.Null(app.Services.GetService<IActivityProvider>());
        Assert.Null(app.Services.GetService<ILocationSearch>());
    }

    [Theory]
    [InlineData(null, "https://test.api.amadeus.com", "Amadeus__ClientSecret")]
    [InlineData("secret", "not a url", "Amadeus__BaseUrl")]
    [InlineData("secret", "ftp://api.amadeus.com", "Amadeus__BaseUrl")]
    public void A_client_id_without_a_usable_secret_or_URL_stops_the_start_naming_the_setting(string? secret, string baseUrl, string setting)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Amadeus:ClientId"] = "id",
            ["Amadeus:ClientSecret"] = secret,
            ["Amadeus:BaseUrl"] = baseUrl,
        };

        var error = Assert.Throws<OptionsValidationException>(() => VendorHost.Build(settings, null, null, out _));

        Assert.Contains(error.Failures, f => f.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_test_environment_is_the_default_base_URL()
    {
        var settings = new Dictionary<string, string?> { ["Amadeus:ClientId"] = "id", ["Amadeus:ClientSecret"] = "secret" };
        await using var app = VendorHost.Build(settings, null, null, out _);

        Assert.Equal("https://test.api.amadeus.com", app.Services.GetRequiredService<IOptions<AmadeusOptions>>().Value.BaseUrl);
        Assert.IsType<AmadeusFlightProvider>(app.Services.GetRequiredService<IFlightProvider>());
    }

    [Fact]
    public void A_Google_key_with_a_bad_URL_stops_the_start_naming_the_setting()
    {
        var settings = new Dictionary<string, string?> { ["GoogleMaps:ApiKey"] = "key", ["GoogleMaps:BaseUrl"] = "maps" };

        var error = Assert.Throws<OptionsValidationException>(() => VendorHost.Build(settings, null, null, out _));

        Assert.Contains(error.Failures, f => f.Contains("GoogleMaps__BaseUrl", StringComparison.Ordinal));
    }

    /// <summary>What a caller of the API sees: the problem handler turns the adapter's exceptions into 4xx and 503.</summary>
    [Fact]
    public async Task Vendor_refusals_become_400_problems_naming_the_field_and_outages_503_with_Retry_After()
    {
        await using var vendors = VendorHost.Start(google: false);
        vendors.Fake.GivenToken();
        vendors.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/error-400-invalid-format.json", status: 400);
        vendors.Fake.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1/shopping/activities").UsingGet())
            .RespondWith(AmadeusFake.Json(429, VendorHost.Fixture("amadeus/error-429.json")).WithHeader("Retry-After", "90"));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amadeus:ClientId"] = VendorHost.ClientId,
            ["Amadeus:ClientSecret"] = VendorHost.ClientSecret,
            ["Amadeus:BaseUrl"] = vendors.Fake.Url,
            // Sized for a loaded machine, as VendorHost does: the fake's answers are what is tested, not its speed.
            ["Amadeus:TimeoutSeconds"] = "120",
        });
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<ILocationDirectory>(new TestLocationDirectory());
        builder.AddHttpPlatform();
        builder.AddAmadeus();
        await using var app = builder.Build();
        app.UseHttpPlatform();
        app.MapGet("/flights", (IFlightProvider flights, CancellationToken ct) =>
            flights.SearchAsync(FlightSearch.OneWay("SYD", "BKK", new DateOnly(2021, 11, 1), new PassengerMix(1)), ct));
        app.MapGet("/activities", (IActivityProvider activities, CancellationToken ct) =>
            activities.SearchAsync(new ActivitySearch(new GeoPoint(40.41, -3.69)), ct));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.GetTestClient();

        var refused = await client.GetAsync("/flights", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal("departureDate must be in the future", problem.RootElement.GetProperty("detail").GetString());
            Assert.Equal("departureDate must be in the future",
                problem.RootElement.GetProperty("errors").GetProperty("departureDate")[0].GetString());
        }

        var limited = await client.GetAsync("/activities", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(90), limited.Headers.RetryAfter?.Delta);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
