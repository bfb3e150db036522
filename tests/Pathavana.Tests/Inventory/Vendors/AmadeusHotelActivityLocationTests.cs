using Pathavana.Inventory;
using Pathavana.Platform;
using WireMock.RequestBuilders;

namespace Pathavana.Tests.Inventory.Vendors;

public sealed class AmadeusHotelActivityLocationTests
{
    private const string ByCityPath = "/v1/reference-data/locations/hotels/by-city";
    private const string ByGeocodePath = "/v1/reference-data/locations/hotels/by-geocode";
    private const string HotelOffersPath = "/v3/shopping/hotel-offers";
    private const string ActivitiesPath = "/v1/shopping/activities";
    private const string LocationsPath = "/v1/reference-data/locations";

    private static readonly HotelSearch LondonTwoNights =
        new(new DateOnly(2021, 11, 20), new DateOnly(2021, 11, 22), Adults: 2, CityCode: "LON", Currency: "GBP");

    [Fact]
    public async Task Hotels_in_a_city_are_listed_then_priced_and_mapped()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(ByCityPath, "amadeus/hotels-by-city-lon.json");
        host.Fake.GivenGet(HotelOffersPath, "amadeus/hotel-offers.json");

        var offers = await host.Hotels.SearchAsync(LondonTwoNights, TestContext.Current.CancellationToken);

        var listed = Assert.Single(host.Requests(ByCityPath));
        Assert.Equal("LON", VendorHost.Query(listed, "cityCode"));
        var priced = Assert.Single(host.Requests(HotelOffersPath));
        Assert.Equal("HLLON101,MCLONGHM", VendorHost.Query(priced, "hotelIds"));
        Assert.Equal("2021-11-20", VendorHost.Query(priced, "checkInDate"));
        Assert.Equal("2021-11-22", VendorHost.Query(priced, "checkOutDate"));
        Assert.Equal("2", VendorHost.Query(priced, "adults"));

        Assert.Equal(2, offers.Count);
        var trafalgar = offers[0];
        Assert.Equal(Sources.Amadeus, trafalgar.Source);
        Assert.Equal("The Trafalgar", trafalgar.Hotel.Name);
        Assert.Equal(4, trafalgar.Hotel.Stars);
        Assert.Equal("LON", trafalgar.Hotel.CityCode);
        Assert.Equal(new GeoPoint(51.50729, -0.12889), trafalgar.Hotel.Point);
        Assert.Equal(0.43, trafalgar.Hotel.DistanceKm);
        Assert.Equal(new Money(600m, "GBP"), trafalgar.Total);
        Assert.Equal(new Money(300m, "GBP"), trafalgar.Nightly);
        Assert.Equal("Standard Room", trafalgar.RoomType);
        Assert.Contains("Trafalgar King Room", trafalgar.RoomDescription, StringComparison.Ordinal);
        Assert.False(trafalgar.Cancellation.Refundable);
        Assert.Equal("Non refundable rate", trafalgar.Cancellation.Description);

        var marriott = offers[1];
        Assert.Equal(new Money(810.50m, "GBP"), marriott.Total);
        Assert.Equal(new Money(405.25m, "GBP"), marriott.Nightly);
        Assert.True(marriott.Cancellation.Refundable);
        Assert.Equal(new DateTimeOffset(2021, 11, 18, 23, 59, 0, TimeSpan.Zero), marriott.Cancellation.FreeCancellationUntil);
        Assert.Equal("Breakfast", marriott.Board);
        Assert.Equal(5, marriott.Hotel.Stars);
        Assert.NotEqual(trafalgar.Id, marriott.Id);
    }

    [Fact]
    public async Task Hotels_near_a_point_use_the_geocode_list_and_kilometres()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(ByGeocodePath, "amadeus/hotels-by-geocode.json");
        host.Fake.GivenGet(HotelOffersPath, "amadeus/hotel-offers.json");
        var search = LondonTwoNights with { CityCode = null, Near = new GeoPoint(51.5073, -0.1276), RadiusKm = 2 };

        var offers = await host.Hotels.SearchAsync(search, TestContext.Current.CancellationToken);

        var listed = Assert.Single(host.Requests(ByGeocodePath));
        Assert.Equal("51.5073", VendorHost.Query(listed, "latitude"));
        Assert.Equal("2", VendorHost.Query(listed, "radius"));
        Assert.Empty(host.Requests(ByCityPath));
        var trafalgar = offers.Single(o => o.Hotel.HotelId == "HLLON101");
        Assert.Equal(0.48, trafalgar.Hotel.DistanceKm);
    }

    [Fact]
    public async Task No_rooms_left_is_an_empty_list_not_an_error()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(ByCityPath, "amadeus/hotels-by-city-lon.json");
        host.Fake.GivenGet(HotelOffersPath, "amadeus/error-400-no-rooms.json", status: 400);

        var offers = await host.Hotels.SearchAsync(LondonTwoNights, TestContext.Current.CancellationToken);

        Assert.Empty(offers);
    }

    [Fact]
    public async Task A_hotel_offer_is_rechecked_by_the_vendor_offer_id()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(ByCityPath, "amadeus/hotels-by-city-lon.json");
        host.Fake.GivenGet(HotelOffersPath, "amadeus/hotel-offers.json");
        host.Fake.GivenGet(HotelOffersPath + "/TSXOJ6LFQ2", "amadeus/hotel-offer-recheck.json");
        var marriott = (await host.Hotels.SearchAsync(LondonTwoNights, TestContext.Current.CancellationToken))[1];

        var check = await host.Hotels.RecheckAsync(marriott, TestContext.Current.CancellationToken);

        Assert.Single(host.Requests(HotelOffersPath + "/TSXOJ6LFQ2"));
        Assert.True(check.Available);
        Assert.False(check.PriceChanged);
        Assert.Equal(marriott.Id, check.Offer.Id);
        Assert.Equal(new Money(810.50m, "GBP"), check.Offer.Total);
    }

    [Fact]
    public async Task A_hotel_offer_the_vendor_no_longer_finds_is_unavailable()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(ByCityPath, "amadeus/hotels-by-city-lon.json");
        host.Fake.GivenGet(HotelOffersPath, "amadeus/hotel-offers.json");
        host.Fake.Given(Request.Create().WithPath(HotelOffersPath + "/1BCMABM7A8").UsingGet())
            .RespondWith(AmadeusFake.Json(404, "{\"errors\":[{\"status\":404,\"code\":1797,\"title\":\"NOT FOUND\",\"detail\":\"no response found for this query parameter\"}]}"));
        var trafalgar = (await host.Hotels.SearchAsync(LondonTwoNights, TestContext.Current.CancellationToken))[0];

        var check = await host.Hotels.RecheckAsync(trafalgar, TestContext.Current.CancellationToken);

        Assert.False(check.Available);
    }

    [Fact]
    public async Task Activities_near_a_point_are_mapped_best_rated_first()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(ActivitiesPath, "amadeus/activities-madrid.json");

        var activities = await host.Activities.SearchAsync(
            new ActivitySearch(new GeoPoint(40.41436995, -3.69170868), RadiusKm: 1), TestContext.Current.CancellationToken);

        var sent = Assert.Single(host.Requests(ActivitiesPath));
        Assert.Equal("40.41437", VendorHost.Query(sent, "latitude"));
        Assert.Equal("1", VendorHost.Query(sent, "radius"));
        Assert.Equal(["Madrid tapas walking tour", "Skip-the-line tickets to the Prado Museum"], activities.Select(a => a.Name).ToList());
        var prado = activities[1];
        Assert.Equal("amadeus-a-23642", prado.Id);
        Assert.Equal(Sources.Amadeus, prado.Source);
        Assert.Equal(new GeoPoint(40.414, -3.691), prado.Point);
        Assert.Equal(new Money(16.00m, "EUR"), prado.Price);
        Assert.Equal(TimeSpan.FromHours(3), prado.Duration);
        Assert.Equal(4.5, prado.Rating);
        Assert.StartsWith("https://", prado.BookingLink, StringComparison.Ordinal);
        var tapas = activities[0];
        Assert.Equal(new Money(59.00m, "EUR"), tapas.Price);
        Assert.Equal(TimeSpan.FromHours(2), tapas.Duration);
    }

    [Fact]
    public async Task Location_search_prefers_the_reference_data_and_maps_the_rest()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(LocationsPath, "amadeus/locations-muc.json");

        var locations = await host.Locations.SearchAsync("MUC", 10, TestContext.Current.CancellationToken);

        var sent = Assert.Single(host.Requests(LocationsPath));
        Assert.Equal("MUC", VendorHost.Query(sent, "keyword"));
        Assert.Equal("AIRPORT,CITY", VendorHost.Query(sent, "subType"));
        Assert.Equal(2, locations.Count);
        var city = locations.Single(l => l.Kind == LocationKind.Metro);
        Assert.Equal(("MUC", "Munich International", "Munich", "DE"), (city.Code, city.Name, city.City, city.CountryCode));
        Assert.Equal(new GeoPoint(48.35378, 11.78609), city.Point);
        Assert.Equal("Etc/GMT-2", city.TimeZone);
        var airport = locations.Single(l => l.Kind == LocationKind.Airport);
        Assert.Equal("Munich Franz Josef Strauss", airport.Name);
        Assert.Equal("Europe/Berlin", airport.TimeZone);
    }
}
