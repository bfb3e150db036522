using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Tests.Inventory;

public sealed class SimulatedPlacesTests
{
    private static readonly CityGuide Cities = CityGuide.Shared;
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private static readonly GeoPoint EiffelTower = new(48.8584, 2.2945);

    private static SimulatedHotelProvider Hotels() => new(Cities, Clock);

    [Fact]
    public void Hotels_in_a_city_are_the_same_every_time_and_near_its_centre()
    {
        var search = new HotelSearch(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 13), 2, CityCode: "PAR");

        var first = Hotels().Search(search);
        var second = Hotels().Search(search);

        Assert.NotEmpty(first);
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
        Assert.All(first, o =>
        {
            Assert.Equal("simulated", o.Source);
            Assert.Equal("PAR", o.Hotel.CityCode);
            Assert.InRange(o.Hotel.Stars!.Value, 2, 5);
            Assert.True(o.Hotel.DistanceKm <= 10, "within ten kilometres of the centre");
            Assert.Equal(o.Nightly.Amount * 3, o.Total.Amount);
        });
        Assert.Equal(first.Select(o => o.Total.Amount).Order(), first.Select(o => o.Total.Amount));
    }

    [Fact]
    public void A_member_airport_code_finds_the_metro_hotels_and_min_stars_filters()
    {
        var hotels = Hotels().Search(new HotelSearch(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 12), 2, CityCode: "CDG", MinStars: 4));

        Assert.NotEmpty(hotels);
        Assert.All(hotels, o => Assert.True(o.Hotel.Stars >= 4));
        Assert.All(hotels, o => Assert.Equal("PAR", o.Hotel.CityCode));
    }

    [Fact]
    public void Summer_nights_cost_more_than_winter_nights_in_the_same_room()
    {
        var winter = Hotels().Search(new HotelSearch(new DateOnly(2027, 2, 9), new DateOnly(2027, 2, 11), 2, CityCode: "LIS"));
        var summer = Hotels().Search(new HotelSearch(new DateOnly(2027, 7, 13), new DateOnly(2027, 7, 15), 2, CityCode: "LIS"));

        var pairs = winter.Join(summer, w => (w.Hotel.HotelId, w.RoomType, w.Board), s => (s.Hotel.HotelId, s.RoomType, s.Board), (w, s) => (w, s)).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.True(p.s.Nightly.Amount > p.w.Nightly.Amount));
    }

    [Fact]
    public void Zurich_costs_more_than_Bangkok_for_the_same_dates()
    {
        static decimal Median(IReadOnlyList<HotelOffer> offers) => offers.Select(o => o.Nightly.Amount).Order().ElementAt(offers.Count / 2);
        var zurich = Hotels().Search(new HotelSearch(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 12), 2, CityCode: "ZRH"));
        var bangkok = Hotels().Search(new HotelSearch(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 12), 2, CityCode: "BKK"));

        Assert.True(Median(zurich) > 2 * Median(bangkok));
    }

    [Fact]
    public async Task Refundable_offers_can_be_cancelled_before_check_in_and_recheck_keeps_the_price()
    {
        var hotels = Hotels();
        var offers = hotels.Search(new HotelSearch(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 12), 3, Rooms: 2, CityCode: "NYC", Currency: "EUR"));

        var refundable = offers.Where(o => o.Cancellation.Refundable).ToList();
        Assert.NotEmpty(refundable);
        Assert.All(refundable, o =>
        {
            Assert.True(o.Cancellation.FreeCancellationUntil < new DateTimeOffset(2027, 3, 10, 0, 0, 0, TimeSpan.FromHours(-5)));
            Assert.Equal(TimeSpan.FromHours(-5), o.Cancellation.FreeCancellationUntil!.Value.Offset); // New York, before DST
        });
        Assert.All(offers, o => Assert.Equal("EUR", o.Total.Currency));

        var check = await hotels.RecheckAsync(offers[0], TestContext.Current.CancellationToken);
        Assert.True(check.Available);
        Assert.False(check.PriceChanged);
        Assert.Equal(JsonSerializer.Serialize(offers[0]), JsonSerializer.Serialize(check.Offer));
    }

    [Fact]
    public void Hotels_near_a_point_are_within_the_radius()
    {
        var offers = Hotels().Search(new HotelSearch(new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 12), 2, Near: EiffelTower, RadiusKm: 3));

        Assert.NotEmpty(offers);
        Assert.All(offers, o => Assert.True(o.Hotel.DistanceKm <= 3));
    }

    [Fact]
    public void Activities_near_the_Eiffel_Tower_include_its_tour_and_stay_in_the_radius()
    {
        var activities = new SimulatedActivityProvider(Cities).Search(new ActivitySearch(EiffelTower, RadiusKm: 4));

        Assert.Contains(activities, a => a.Name.Contains("Eiffel Tower", StringComparison.Ordinal));
        Assert.All(activities, a =>
        {
            Assert.Equal("simulated", a.Source);
            Assert.NotNull(a.Price);
            Assert.NotNull(a.Duration);
            Assert.True(Geo.DistanceKm(EiffelTower, a.Point) <= 4);
        });
        Assert.Equal("Guided tour of Eiffel Tower", activities[0].Name); // nearest first
    }

    [Fact]
    public void Activities_exist_in_any_served_city_but_not_in_the_open_ocean()
    {
        var porto = Cities.ForCode("OPO")!.Centre;
        var boise = LocationDirectory.Shared.Find("BOI")!.Point;

        Assert.NotEmpty(new SimulatedActivityProvider(Cities).Search(new ActivitySearch(porto)));
        Assert.NotEmpty(new SimulatedActivityProvider(Cities).Search(new ActivitySearch(boise)));
        Assert.Empty(new SimulatedActivityProvider(Cities).Search(new ActivitySearch(new GeoPoint(-40, -30))));
    }

    [Theory]
    [InlineData("near the Eiffel Tower", "Eiffel Tower", 48.8584, 2.2945)]
    [InlineData("Belem Tower, Lisbon", "Belém Tower", 38.6916, -9.2160)]
    [InlineData("sagrada familia", "Sagrada Família", 41.4036, 2.1744)]
    [InlineData("Lisbon", "Lisbon", 38.7223, -9.1393)]
    [InlineData("the Colosseum", "Colosseum", 41.8902, 12.4922)]
    public async Task The_gazetteer_geocodes_landmarks_and_cities(string text, string name, double latitude, double longitude)
    {
        var geocoder = new GazetteerGeocoder(Cities, LocationDirectory.Shared);

        var places = await geocoder.GeocodeAsync(text, null, TestContext.Current.CancellationToken);

        Assert.NotEmpty(places);
        Assert.Equal(name, places[0].Name);
        Assert.Equal("gazetteer", places[0].Source);
        Assert.Equal(latitude, places[0].Point.Latitude, 3);
        Assert.Equal(longitude, places[0].Point.Longitude, 3);
    }

    [Fact]
    public void The_gazetteer_finds_any_served_city_and_nothing_for_nonsense()
    {
        var geocoder = new GazetteerGeocoder(Cities, LocationDirectory.Shared);

        var boise = geocoder.Geocode("Boise", null);

        Assert.Equal("BOI", boise[0].CityCode);
        Assert.Empty(geocoder.Geocode("qwxzzy plorf", null));
    }
}
