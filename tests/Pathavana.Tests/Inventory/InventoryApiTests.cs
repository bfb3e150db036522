using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory;

public sealed class InventoryApiTests
{
    /// <summary>The app's "today" in these tests.</summary>
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    internal static WebApplicationFactory<Program> WithClock(PathavanaFactory app, Action<IServiceCollection>? services = null) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            services?.Invoke(s);
        }));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    [Fact]
    public async Task Must_show_Boston_to_Lisbon_next_month_without_configuration()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var response = await client.GetAsync("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=2", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("simulated", body.GetProperty("source").GetString());
        var offers = body.GetProperty("offers").EnumerateArray().ToList();
        Assert.True(offers.Count >= 5);
        var prices = offers.Select(o => o.GetProperty("totalPrice").GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal(prices.Order(), prices);
        var stops = offers.Select(o => o.GetProperty("itineraries")[0].GetProperty("segments").GetArrayLength() - 1).ToList();
        Assert.Contains(0, stops);
        Assert.Contains(stops, s => s >= 1);
        foreach (var offer in offers)
        {
            Assert.Equal("simulated", offer.GetProperty("source").GetString());
            Assert.Equal("USD", offer.GetProperty("totalPrice").GetProperty("currency").GetString());
            var segments = offer.GetProperty("itineraries")[0].GetProperty("segments");
            Assert.StartsWith("2026-12-28T", segments[0].GetProperty("departure").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("-05:00", segments[0].GetProperty("departure").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("+00:00", segments[segments.GetArrayLength() - 1].GetProperty("arrival").GetString(), StringComparison.Ordinal);
            Assert.Equal(2, offer.GetProperty("priceBreakdown")[0].GetProperty("count").GetInt32());
        }

        // The offer stays retrievable and can be re-priced at the same price.
        var id = offers[0].GetProperty("id").GetString()!;
        var stored = await JsonAsync(await client.GetAsync($"/api/v1/flights/offers/{id}", ct));
        Assert.Equal(prices[0], stored.GetProperty("totalPrice").GetProperty("amount").GetDecimal());
        var priced = await client.PostAsync($"/api/v1/flights/offers/{id}/price", null, ct);
        Assert.Equal(HttpStatusCode.OK, priced.StatusCode);
        var check = await JsonAsync(priced);
        Assert.True(check.GetProperty("available").GetBoolean());
        Assert.False(check.GetProperty("priceChanged").GetBoolean());

        var missing = await client.GetAsync("/api/v1/flights/offers/S1_nope", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/flights/search?destination=LIS&departureDate=2026-12-28", "origin")]
    [InlineData("/api/v1/flights/search?origin=XXQ&destination=LIS&departureDate=2026-12-28", "origin")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=Lisbon&departureDate=2026-12-28", "destination")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=bos&departureDate=2026-12-28", "destination")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS", "departureDate")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-11-24", "departureDate")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2027-11-20", "departureDate")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=28/12/2026", "departureDate")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&returnDate=2026-12-27", "returnDate")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&returnDate=2027-11-21", "returnDate")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=0", "adults")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=10", "adults")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=two", "adults")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=5&children=5", "children")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=2&infants=3", "infants")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&cabin=luxury", "cabin")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&nonStop=maybe", "nonStop")]
    [InlineData("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&currency=XYZ", "currency")]
    [InlineData("/api/v1/flights/calendar?origin=BOS&destination=LIS&month=2026-13", "month")]
    [InlineData("/api/v1/flights/calendar?origin=BOS&destination=LIS&month=2026-10", "month")]
    [InlineData("/api/v1/flights/calendar?origin=BOS&destination=LIS", "month")]
    [InlineData("/api/v1/flights/calendar?origin=BOS&destination=QQQ&month=2027-01", "destination")]
    [InlineData("/api/v1/hotels/search?checkIn=2027-01-10&checkOut=2027-01-12", "cityCode")]
    [InlineData("/api/v1/hotels/search?cityCode=ZZQ&checkIn=2027-01-10&checkOut=2027-01-12", "cityCode")]
    [InlineData("/api/v1/hotels/search?lat=95&lon=2&checkIn=2027-01-10&checkOut=2027-01-12", "lat")]
    [InlineData("/api/v1/hotels/search?lat=48.8&checkIn=2027-01-10&checkOut=2027-01-12", "lon")]
    [InlineData("/api/v1/hotels/search?cityCode=PAR&checkIn=2026-11-01&checkOut=2027-01-12", "checkIn")]
    [InlineData("/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-10&checkOut=2027-01-10", "checkOut")]
    [InlineData("/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-10&checkOut=2027-03-10", "checkOut")]
    [InlineData("/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-10&checkOut=2027-01-12&adults=2&rooms=3", "rooms")]
    [InlineData("/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-10&checkOut=2027-01-12&adults=9&rooms=2", "adults")]
    [InlineData("/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-10&checkOut=2027-01-12&minStars=6", "minStars")]
    [InlineData("/api/v1/activities/search?cityCode=PAR&radiusKm=500", "radiusKm")]
    [InlineData("/api/v1/activities/search?lon=2.29", "lat")]
    [InlineData("/api/v1/activities/search?cityCode=ROM&interest=spa", "interest")]
    [InlineData("/api/v1/locations", "q")]
    [InlineData("/api/v1/locations?q=lis&limit=0", "limit")]
    [InlineData("/api/v1/places?q=Eiffel&lat=48.8", "lon")]
    public async Task Invalid_queries_answer_400_naming_the_field(string url, string field)
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = WithClock(embedded);
        using var client = app.CreateClient();

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal([field], errors);
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_trip_in_euros_for_a_family_comes_back_with_both_directions()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = WithClock(embedded);
        using var client = app.CreateClient();

        var body = await JsonAsync(await client.GetAsync(
            "/api/v1/flights/search?origin=nyc&destination=PAR&departureDate=2027-03-10&returnDate=2027-03-20&adults=2&children=1&infants=1&cabin=premium_economy&currency=eur",
            TestContext.Current.CancellationToken));

        var offer = body.GetProperty("offers")[0];
        Assert.Equal(2, offer.GetProperty("itineraries").GetArrayLength());
        Assert.Equal("premiumEconomy", offer.GetProperty("cabin").GetString());
        Assert.Equal("EUR", offer.GetProperty("totalPrice").GetProperty("currency").GetString());
        Assert.Equal(["ADULT", "CHILD", "HELD_INFANT"], offer.GetProperty("priceBreakdown").EnumerateArray().Select(p => p.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Locations_places_hotels_and_activities_answer_from_the_bundled_data()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var locations = await JsonAsync(await client.GetAsync("/api/v1/locations?q=lisb", ct));
        Assert.Equal("LIS", locations.GetProperty("locations")[0].GetProperty("code").GetString());
        Assert.Equal("Europe/Lisbon", locations.GetProperty("locations")[0].GetProperty("timeZone").GetString());

        var places = await JsonAsync(await client.GetAsync("/api/v1/places?q=near%20the%20Eiffel%20Tower", ct));
        Assert.Equal("gazetteer", places.GetProperty("source").GetString());
        Assert.Equal("Eiffel Tower", places.GetProperty("places")[0].GetProperty("name").GetString());

        var hotels = await JsonAsync(await client.GetAsync("/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-10&checkOut=2027-01-13&adults=2&minStars=4", ct));
        Assert.Equal("simulated", hotels.GetProperty("source").GetString());
        Assert.True(hotels.GetProperty("count").GetInt32() > 0);
        Assert.All(hotels.GetProperty("offers").EnumerateArray(), o => Assert.True(o.GetProperty("hotel").GetProperty("stars").GetInt32() >= 4));
        var hotelId = hotels.GetProperty("offers")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/hotels/offers/{hotelId}", ct)).StatusCode);

        var nearby = await JsonAsync(await client.GetAsync("/api/v1/hotels/search?lat=38.7223&lon=-9.1393&radiusKm=2&checkIn=2027-01-10&checkOut=2027-01-11", ct));
        Assert.All(nearby.GetProperty("offers").EnumerateArray(), o => Assert.True(o.GetProperty("hotel").GetProperty("distanceKm").GetDouble() <= 2));

        var activities = await JsonAsync(await client.GetAsync("/api/v1/activities/search?cityCode=ROM", ct));
        Assert.Contains(activities.GetProperty("activities").EnumerateArray(), a => a.GetProperty("name").GetString()!.Contains("Colosseum", StringComparison.Ordinal));

        // One kind: food tours and cooking classes, not the Colosseum.
        var food = (await JsonAsync(await client.GetAsync("/api/v1/activities/search?cityCode=ROM&interest=food", ct))).GetProperty("activities").EnumerateArray().ToList();
        Assert.InRange(food.Count, 1, activities.GetProperty("count").GetInt32() - 1);
        Assert.All(food, a => Assert.Equal("Food & Drink", a.GetProperty("category").GetString()));
        Assert.Contains(food, a => a.GetProperty("name").GetString() == "Rome food tour");
    }

    [Fact]
    public async Task The_price_calendar_has_the_cheapest_fare_of_each_remaining_day()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var calendar = await JsonAsync(await client.GetAsync("/api/v1/flights/calendar?origin=BOS&destination=LIS&month=2026-11&adults=2", ct));

        var days = calendar.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal("simulated", calendar.GetProperty("source").GetString());
        foreach (var day in days)
        {
            var search = await JsonAsync(await client.GetAsync($"/api/v1/flights/search?origin=BOS&destination=LIS&departureDate={day.GetProperty("date").GetString()}&adults=2", ct));
            Assert.Equal(search.GetProperty("offers")[0].GetProperty("totalPrice").GetProperty("amount").GetDecimal(),
                day.GetProperty("cheapestPrice").GetProperty("amount").GetDecimal());
        }
    }
}
