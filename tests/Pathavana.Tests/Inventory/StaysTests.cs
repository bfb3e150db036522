using System.Globalization;
using System.Net;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory;

/// <summary>Stays as a traveller sees them: one hotel with its rates, facts about the place, filters that bite.</summary>
public sealed class StaysTests
{
    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    private static decimal Amount(JsonElement money) => money.GetProperty("amount").GetDecimal();

    [Fact]
    public async Task Each_hotel_appears_once_with_its_rates_in_words_and_cancellation_deadlines_in_hotel_time()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var body = await GetAsync(client, "/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-14&checkOut=2027-01-17&adults=2");

        var offers = body.GetProperty("offers").EnumerateArray().ToList();
        Assert.True(offers.Count >= 10);
        var hotelIds = offers.Select(o => o.GetProperty("hotel").GetProperty("hotelId").GetString()).ToList();
        Assert.Equal(hotelIds.Distinct().Count(), hotelIds.Count);
        Assert.Equal(offers.Select(o => Amount(o.GetProperty("total"))).Order(), offers.Select(o => Amount(o.GetProperty("total"))));
        foreach (var offer in offers)
        {
            var rates = offer.GetProperty("rates").EnumerateArray().ToList();
            Assert.True(rates.Count >= 2, "a hotel offers more than one way to book");
            Assert.Equal(offer.GetProperty("id").GetString(), rates[0].GetProperty("id").GetString());
            Assert.Equal(Amount(offer.GetProperty("total")), rates.Min(r => Amount(r.GetProperty("total"))));
            foreach (var rate in rates)
            {
                var board = rate.GetProperty("board").GetString()!;
                Assert.Contains(board, new[] { "Room only", "Breakfast included", "Half board (breakfast and dinner)" });
                var cancellation = rate.GetProperty("cancellation");
                if (cancellation.GetProperty("refundable").GetBoolean())
                {
                    var deadline = cancellation.GetProperty("freeCancellationUntil").GetString()!;
                    Assert.EndsWith("+01:00", deadline, StringComparison.Ordinal); // Paris in January
                    Assert.True(DateTimeOffset.Parse(deadline, CultureInfo.InvariantCulture) < new DateTimeOffset(2027, 1, 14, 0, 0, 0, TimeSpan.FromHours(1)));
                    Assert.Contains("hotel time", cancellation.GetProperty("description").GetString(), StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, cancellation.GetProperty("freeCancellationUntil").ValueKind);
                }
            }
        }
        Assert.Contains(offers.SelectMany(o => o.GetProperty("rates").EnumerateArray()), r => !r.GetProperty("cancellation").GetProperty("refundable").GetBoolean());
        Assert.Contains(offers.SelectMany(o => o.GetProperty("rates").EnumerateArray()), r => r.GetProperty("board").GetString() == "Breakfast included");
    }

    [Fact]
    public async Task Four_adults_who_do_not_say_how_many_rooms_get_two_doubles_not_one_suite()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var four = (await GetAsync(client, "/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-14&checkOut=2027-01-17&adults=4"))
            .GetProperty("offers").EnumerateArray().ToList();
        Assert.NotEmpty(four);
        Assert.All(four, o => Assert.Equal(2, o.GetProperty("rooms").GetInt32()));
        // Doubles are on offer again (one room for four fits only the four-person suite).
        Assert.Contains(four.SelectMany(o => o.GetProperty("rates").EnumerateArray()), r => r.GetProperty("roomType").GetString()!.Contains("Double", StringComparison.Ordinal));

        // Asked for, one room still means one room.
        var oneRoom = (await GetAsync(client, "/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-14&checkOut=2027-01-17&adults=4&rooms=1"))
            .GetProperty("offers").EnumerateArray().ToList();
        Assert.All(oneRoom, o => Assert.Equal(1, o.GetProperty("rooms").GetInt32()));
        Assert.All(oneRoom.SelectMany(o => o.GetProperty("rates").EnumerateArray()), r => Assert.Contains("Suite", r.GetProperty("roomType").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hotel_says_where_it_is_what_it_has_and_what_guests_think()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var body = await GetAsync(client, "/api/v1/hotels/search?cityCode=LIS&checkIn=2027-01-14&checkOut=2027-01-16");

        var hotels = body.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("hotel")).ToList();
        Assert.All(hotels, h =>
        {
            Assert.InRange(h.GetProperty("guestRating").GetDouble(), 0, 10);
            Assert.True(h.GetProperty("reviewCount").GetInt32() > 0);
            Assert.False(string.IsNullOrWhiteSpace(h.GetProperty("neighbourhood").GetString()));
            Assert.True(h.GetProperty("centreDistanceKm").GetDouble() >= 0);
            Assert.All(h.GetProperty("amenities").EnumerateArray(), a => Assert.Contains(a.GetString(), new[] { "pool", "wifi", "breakfast", "parking", "gym", "spa", "pets" }));
            var landmarks = h.GetProperty("landmarks").EnumerateArray().ToList();
            Assert.Equal(3, landmarks.Count);
            Assert.Equal(landmarks.Select(l => l.GetProperty("distanceKm").GetDouble()).Order(), landmarks.Select(l => l.GetProperty("distanceKm").GetDouble()));
        });
        Assert.Contains(hotels, h => h.GetProperty("neighbourhood").GetString() is "Alfama" or "Baixa" or "Chiado" or "Bairro Alto" or "Príncipe Real" or "Avenida da Liberdade" or "Belém");
        Assert.True(hotels.Select(h => h.GetProperty("guestRating").GetDouble()).Distinct().Count() > 3);
    }

    [Fact]
    public async Task Filters_for_stars_price_amenities_free_cancellation_and_rating_each_narrow_the_list()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();
        const string stay = "/api/v1/hotels/search?cityCode=ROM&checkIn=2027-03-03&checkOut=2027-03-06&adults=2";

        var all = (await GetAsync(client, stay)).GetProperty("offers").EnumerateArray().ToList();
        var median = all.Select(o => Amount(o.GetProperty("nightly"))).Order().ElementAt(all.Count / 2);
        var fourStars = (await GetAsync(client, stay + "&minStars=4")).GetProperty("offers").EnumerateArray().ToList();
        var cheap = (await GetAsync(client, stay + "&maxNightly=" + median.ToString(CultureInfo.InvariantCulture))).GetProperty("offers").EnumerateArray().ToList();
        var spa = (await GetAsync(client, stay + "&amenities=spa,wifi")).GetProperty("offers").EnumerateArray().ToList();
        var flexible = (await GetAsync(client, stay + "&freeCancellation=true")).GetProperty("offers").EnumerateArray().ToList();
        var loved = (await GetAsync(client, stay + "&minRating=8.5&sort=rating")).GetProperty("offers").EnumerateArray().ToList();

        Assert.InRange(fourStars.Count, 1, all.Count - 1);
        Assert.All(fourStars, o => Assert.True(o.GetProperty("hotel").GetProperty("stars").GetInt32() >= 4));
        Assert.InRange(cheap.Count, 1, all.Count);
        Assert.All(cheap, o => Assert.All(o.GetProperty("rates").EnumerateArray(), r => Assert.True(Amount(r.GetProperty("nightly")) <= median)));
        Assert.InRange(spa.Count, 1, all.Count - 1);
        Assert.All(spa, o => Assert.Contains("spa", o.GetProperty("hotel").GetProperty("amenities").EnumerateArray().Select(a => a.GetString())));
        Assert.NotEmpty(flexible);
        Assert.All(flexible, o => Assert.All(o.GetProperty("rates").EnumerateArray(), r => Assert.True(r.GetProperty("cancellation").GetProperty("refundable").GetBoolean())));
        Assert.True(flexible.Sum(o => Amount(o.GetProperty("total"))) > all.Where(o => flexible.Any(f => f.GetProperty("hotel").GetProperty("hotelId").GetString() == o.GetProperty("hotel").GetProperty("hotelId").GetString())).Sum(o => Amount(o.GetProperty("total"))) - 0.01m,
            "a flexible rate costs at least the cheapest rate");
        Assert.InRange(loved.Count, 1, all.Count - 1);
        var ratings = loved.Select(o => o.GetProperty("hotel").GetProperty("guestRating").GetDouble()).ToList();
        Assert.All(ratings, r => Assert.True(r >= 8.5));
        Assert.Equal(ratings.OrderDescending(), ratings);
    }

    [Fact]
    public async Task Near_a_named_landmark_finds_hotels_within_walking_distance_nearest_first()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var body = await GetAsync(client, "/api/v1/hotels/search?cityCode=PAR&near=Eiffel%20Tower&radiusKm=1.5&sort=distance&checkIn=2027-01-14&checkOut=2027-01-16");
        var everywhere = await GetAsync(client, "/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-14&checkOut=2027-01-16");

        Assert.Equal("Eiffel Tower", body.GetProperty("near").GetProperty("name").GetString());
        var distances = body.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("hotel").GetProperty("distanceKm").GetDouble()).ToList();
        Assert.NotEmpty(distances);
        Assert.True(distances.Count < everywhere.GetProperty("count").GetInt32());
        Assert.All(distances, d => Assert.True(d <= 1.5));
        Assert.Equal(distances.Order(), distances);

        var unknown = await client.GetAsync("/api/v1/hotels/search?cityCode=PAR&near=Qwxyz%20Plaza&checkIn=2027-01-14&checkOut=2027-01-16", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(["near"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("amenities=sauna", "amenities")]
    [InlineData("maxNightly=cheap", "maxNightly")]
    [InlineData("minRating=11", "minRating")]
    [InlineData("freeCancellation=perhaps", "freeCancellation")]
    [InlineData("sort=stars", "sort")]
    public async Task Bad_filters_answer_400_naming_the_field(string query, string field)
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/api/v1/hotels/search?cityCode=PAR&checkIn=2027-01-14&checkOut=2027-01-16&{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Any_rate_of_a_hotel_can_be_fetched_by_its_id_priced_at_that_rate()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var offer = (await GetAsync(client, "/api/v1/hotels/search?cityCode=BCN&checkIn=2027-01-14&checkOut=2027-01-16&adults=2")).GetProperty("offers")[0];
        var dearest = offer.GetProperty("rates").EnumerateArray().Last();
        var fetched = await GetAsync(client, $"/api/v1/hotels/offers/{dearest.GetProperty("id").GetString()}");

        Assert.Equal(dearest.GetProperty("id").GetString(), fetched.GetProperty("id").GetString());
        Assert.Equal(Amount(dearest.GetProperty("total")), Amount(fetched.GetProperty("total")));
        Assert.Equal(dearest.GetProperty("board").GetString(), fetched.GetProperty("board").GetString());
        Assert.Equal(offer.GetProperty("hotel").GetProperty("name").GetString(), fetched.GetProperty("hotel").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Activities_say_where_they_happen_how_long_they_take_and_on_which_days()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        var activities = (await GetAsync(client, "/api/v1/activities/search?cityCode=PAR")).GetProperty("activities").EnumerateArray().ToList();

        Assert.NotEmpty(activities);
        Assert.All(activities, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("place").GetString()));
            Assert.True(System.Xml.XmlConvert.ToTimeSpan(a.GetProperty("duration").GetString()!) > TimeSpan.Zero);
            var days = a.GetProperty("openDays").EnumerateArray().Select(d => d.GetString()).ToList();
            Assert.InRange(days.Count, 1, 7);
            Assert.All(days, d => Assert.True(Enum.TryParse<DayOfWeek>(d, out _)));
            Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("hours").GetString()));
        });
        var louvre = activities.Single(a => a.GetProperty("name").GetString()!.Contains("Louvre", StringComparison.Ordinal));
        Assert.Equal("Louvre Museum", louvre.GetProperty("place").GetString());
        Assert.Equal(6, louvre.GetProperty("openDays").GetArrayLength()); // a museum closes one day a week
    }
}
