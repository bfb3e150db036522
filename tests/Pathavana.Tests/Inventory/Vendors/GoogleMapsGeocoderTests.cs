using Microsoft.Extensions.Logging;
using Pathavana.Inventory;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pathavana.Tests.Inventory.Vendors;

public sealed class GoogleMapsGeocoderTests
{
    private const string TextSearchPath = "/maps/api/place/textsearch/json";
    private const string GeocodePath = "/maps/api/geocode/json";

    [Fact]
    public async Task A_landmark_is_found_with_Places_Text_Search()
    {
        await using var host = VendorHost.Start(amadeus: false);
        host.Fake.GivenGoogle(TextSearchPath, "google/places-textsearch-eiffel.json");
        host.Fake.GivenGoogle(GeocodePath, "google/geocode-address.json");

        var places = await host.Geocoder.GeocodeAsync("near the Eiffel Tower", new GeoPoint(48.8566, 2.3522), TestContext.Current.CancellationToken);

        var place = Assert.Single(places);
        Assert.Equal(("Eiffel Tower", "Av. Gustave Eiffel, 75007 Paris, France", Sources.Google), (place.Name, place.Address, place.Source));
        Assert.Equal(48.8584, place.Point.Latitude, 3);
        Assert.Equal(2.2945, place.Point.Longitude, 3);
        var sent = Assert.Single(host.Requests(TextSearchPath));
        Assert.Equal("near the Eiffel Tower", VendorHost.Query(sent, "query"));
        Assert.Equal(VendorHost.GoogleKey, VendorHost.Query(sent, "key"));
        Assert.Equal("48.8566,2.3522", VendorHost.Query(sent, "location"));
        Assert.Empty(host.Requests(GeocodePath));
        Assert.Equal(0, host.Gazetteer.Calls);
    }

    [Fact]
    public async Task An_address_Places_does_not_know_is_geocoded()
    {
        await using var host = VendorHost.Start(amadeus: false);
        host.Fake.GivenGoogle(TextSearchPath, "google/zero-results.json");
        host.Fake.GivenGoogle(GeocodePath, "google/geocode-address.json");

        var places = await host.Geocoder.GeocodeAsync("1600 Amphitheatre Parkway, Mountain View", null, TestContext.Current.CancellationToken);

        var place = Assert.Single(places);
        Assert.Equal("1600 Amphitheatre Pkwy", place.Name);
        Assert.Equal("1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA", place.Address);
        Assert.Equal(Sources.Google, place.Source);
        Assert.Equal("1600 Amphitheatre Parkway, Mountain View", VendorHost.Query(Assert.Single(host.Requests(GeocodePath)), "address"));
    }

    [Fact]
    public async Task Nothing_found_anywhere_is_an_empty_list()
    {
        await using var host = VendorHost.Start(amadeus: false);
        host.Fake.GivenGoogle(TextSearchPath, "google/zero-results.json");
        host.Fake.GivenGoogle(GeocodePath, "google/zero-results.json");

        var places = await host.Geocoder.GeocodeAsync("qwxzv plorth", null, TestContext.Current.CancellationToken);

        Assert.Empty(places);
        Assert.Equal(0, host.Gazetteer.Calls);
    }

    [Theory]
    [InlineData("google/request-denied.json")]
    [InlineData("google/over-query-limit.json")]
    public async Task A_refusal_from_Google_falls_back_to_the_gazetteer_and_logs_no_query_or_key(string fixture)
    {
        await using var host = VendorHost.Start(amadeus: false);
        host.Fake.GivenGoogle(TextSearchPath, fixture);

        var places = await host.Geocoder.GeocodeAsync("near the Eiffel Tower", null, TestContext.Current.CancellationToken);

        Assert.Equal(Sources.Gazetteer, Assert.Single(places).Source);
        Assert.Equal(1, host.Gazetteer.Calls);
        var warnings = host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.Contains(warnings, w => w.Message.Contains("gazetteer", StringComparison.Ordinal));
        Assert.All(host.Logs.GetSnapshot(), r =>
        {
            Assert.DoesNotContain("Eiffel", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(VendorHost.GoogleKey, r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_failing_Google_falls_back_to_the_gazetteer()
    {
        await using var host = VendorHost.Start(amadeus: false);
        host.Fake.Given(Request.Create().WithPath(TextSearchPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        var places = await host.Geocoder.GeocodeAsync("near the Eiffel Tower", null, TestContext.Current.CancellationToken);

        Assert.Equal(Sources.Gazetteer, Assert.Single(places).Source);
        Assert.Equal(2, host.Requests(TextSearchPath).Count);
    }

    [Fact]
    public async Task A_slow_Google_falls_back_to_the_gazetteer()
    {
        await using var host = VendorHost.Start(s => s["GoogleMaps:TimeoutSeconds"] = "1", amadeus: false);
        host.Fake.Given(Request.Create().WithPath(TextSearchPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(VendorHost.Fixture("google/places-textsearch-eiffel.json")).WithDelay(TimeSpan.FromSeconds(8)));

        var places = await host.Geocoder.GeocodeAsync("near the Eiffel Tower", null, TestContext.Current.CancellationToken);

        Assert.Equal(Sources.Gazetteer, Assert.Single(places).Source);
    }

    [Fact]
    public async Task Malformed_JSON_from_Google_falls_back_to_the_gazetteer()
    {
        await using var host = VendorHost.Start(amadeus: false);
        host.Fake.Given(Request.Create().WithPath(TextSearchPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"results\": [ {\"name\": "));

        var places = await host.Geocoder.GeocodeAsync("near the Eiffel Tower", null, TestContext.Current.CancellationToken);

        Assert.Equal(Sources.Gazetteer, Assert.Single(places).Source);
    }

    [Fact]
    public async Task Without_a_key_the_gazetteer_geocodes_and_Google_is_never_called()
    {
        await using var host = VendorHost.Start(amadeus: false, google: false);
        host.Fake.GivenGoogle(TextSearchPath, "google/places-textsearch-eiffel.json");

        var places = await host.Geocoder.GeocodeAsync("near the Eiffel Tower", null, TestContext.Current.CancellationToken);

        Assert.Equal(Sources.Gazetteer, Assert.Single(places).Source);
        Assert.Empty(host.Fake.LogEntries);
    }
}

internal static class GoogleFake
{
    public static void GivenGoogle(this WireMockServer fake, string path, string fixture) =>
        fake.Given(Request.Create().WithPath(path).UsingGet().WithParam("key", VendorHost.GoogleKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=UTF-8")
                .WithBody(VendorHost.Fixture(fixture)));
}
