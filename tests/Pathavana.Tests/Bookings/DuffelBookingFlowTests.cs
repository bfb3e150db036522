using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;
using Pathavana.Tests.Inventory.Vendors;

namespace Pathavana.Tests.Bookings;

/// <summary>
/// Duffel end to end through the real app against a local Duffel fake: searches (one-way, round trip,
/// three slices), an order for two adults and a lap infant, cancellation with a refund quote, a stay
/// from search to cancellation, and how 429, 5xx and time-outs are answered.
/// </summary>
public sealed class DuffelBookingFlowTests
{
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<Guid> TravelerAsync(TestUser user, string given, string dateOfBirth, string gender = "female")
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/travelers", new
        {
            givenNames = given,
            surname = "Silva",
            dateOfBirth,
            gender,
            nationality = "PT",
            passportNumber = "P" + Random.Shared.Next(1_000_000, 9_999_999),
            passportIssuingCountry = "PT",
            passportExpiry = "2035-06-30",
            email = "ana.silva@example.org",
            phone = "+351 912 345 678",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await JsonAsync(created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task One_way_and_round_trip_searches_come_from_Duffel_with_the_version_header_and_all_pages()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        using var client = app.CreateClient();

        var oneWay = await JsonAsync(await client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}&adults=2"));
        var roundTrip = await JsonAsync(await client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}&returnDate={Day.AddDays(5):yyyy-MM-dd}"));

        Assert.Equal("duffel", oneWay.GetProperty("source").GetString());
        var offers = oneWay.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(6, offers.Count); // two pages of three, following meta.after
        Assert.True(duffel.Count("GET", "air/offers") >= 2);
        Assert.All(offers, o =>
        {
            Assert.StartsWith("duffel-f-off_", o.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal("ZZ", o.GetProperty("validatingAirline").GetString());
            Assert.Equal("GBP", o.GetProperty("totalPrice").GetProperty("currency").GetString());
            var first = o.GetProperty("itineraries")[0].GetProperty("segments")[0];
            // Duffel gives local times without offsets; the airport's zone gives it.
            var lisbon = TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon").GetUtcOffset(Day.ToDateTime(new TimeOnly(12, 0)));
            Assert.Equal(lisbon, first.GetProperty("departure").GetDateTimeOffset().Offset);
        });
        Assert.Equal(2, roundTrip.GetProperty("offers")[0].GetProperty("itineraries").GetArrayLength());
        Assert.All(duffel.Calls, c =>
        {
            Assert.Equal("Bearer " + DuffelFake.Token, c.Authorization);
            Assert.Equal("v2", c.Version);
        });
        var asked = duffel.Calls.First(c => c.Path == "air/offer_requests").Body!["data"]!;
        Assert.Equal(2, asked["passengers"]!.AsArray().Count);
        Assert.All(asked["passengers"]!.AsArray(), p => Assert.Equal("adult", (string?)p!["type"]));
    }

    [Fact]
    public async Task Children_are_asked_of_Duffel_with_the_ages_the_traveller_gave_and_a_wrong_age_names_its_place()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        using var client = app.CreateClient();
        var search = $"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}&adults=2&children=2";

        var found = await client.GetAsync(search + "&childAges=5,%208");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var asked = duffel.Calls.First(c => c.Path == "air/offer_requests").Body!["data"]!["passengers"]!.AsArray();
        Assert.Equal(["adult", "adult"], asked.Where(p => p!["type"] is not null).Select(p => (string?)p!["type"]));
        Assert.Equal([5, 8], asked.Where(p => p!["age"] is not null).Select(p => (int)p!["age"]!));

        foreach (var (ages, field) in new[] { ("5", "childAges"), ("5,1", "childAges[1]"), ("5,twelve", "childAges[1]"), ("5,12", "childAges[1]") })
        {
            var refused = await client.GetAsync($"{search}&childAges={ages}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await JsonAsync(refused);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"childAges={ages} should name {field}: {problem}");
        }
        Assert.Single(duffel.Calls, c => c.Path == "air/offer_requests");
    }

    [Fact]
    public async Task Three_slices_are_ordered_for_two_adults_and_a_lap_infant_then_cancelled_with_a_refund()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        var ana = await app.SignUpAsync();
        var infantBorn = Day.AddMonths(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var travelers = new[]
        {
            await TravelerAsync(ana, "Ana", "1988-04-09"),
            await TravelerAsync(ana, "Rui", "1986-02-01", "male"),
            await TravelerAsync(ana, "Bia", infantBorn),
        };

        var search = await ana.Client.PostAsJsonAsync("/api/v1/flights/search", new
        {
            legs = new[]
            {
                new { origin = "LIS", destination = "MAD", date = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                new { origin = "MAD", destination = "FCO", date = Day.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                new { origin = "FCO", destination = "LIS", date = Day.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            },
            adults = 2,
            infants = 1,
        });
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var offer = (await JsonAsync(search)).GetProperty("offers")[0];
        Assert.Equal(3, offer.GetProperty("itineraries").GetArrayLength());
        Assert.Equal(["ADULT", "HELD_INFANT"], offer.GetProperty("priceBreakdown").EnumerateArray().Select(p => p.GetProperty("type").GetString()));
        var sent = duffel.Calls.First(c => c.Path == "air/offer_requests").Body!["data"]!;
        Assert.Equal(3, sent["slices"]!.AsArray().Count);
        Assert.Equal(1, (int?)sent["passengers"]!.AsArray()[2]!["age"]);

        var booked = await BookingTests.BookAsync(ana.Client, new { kind = "flight", offerId = offer.GetProperty("id").GetString(), travelerIds = travelers });

        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var booking = await JsonAsync(booked);
        Assert.Equal("duffel", booking.GetProperty("provider").GetString());
        Assert.Matches("^ZZ[0-9A-F]{4}$", booking.GetProperty("providerReference").GetString());
        Assert.Equal(1, duffel.Count("POST", "air/orders"));
        var order = duffel.Calls.Single(c => c.Path == "air/orders").Body!["data"]!;
        Assert.Equal(booking.GetProperty("id").GetGuid().ToString(), (string?)order["metadata"]!["pathavana_booking"]);
        var passengers = order["passengers"]!.AsArray();
        Assert.Equal(3, passengers.Count);
        Assert.Single(passengers, p => p!["infant_passenger_id"] is not null);
        Assert.All(passengers, p => Assert.Equal("passport", (string?)p!["identity_documents"]![0]!["type"]));
        Assert.Equal("balance", (string?)order["payments"]![0]!["type"]);

        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.GetProperty("id").GetGuid()}/cancel");
        cancel.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var cancelled = await ana.Client.SendAsync(cancel);
        Assert.True(cancelled.StatusCode == HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        var after = await JsonAsync(cancelled);
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        Assert.Contains(after.GetProperty("events").EnumerateArray(), e => e.GetProperty("reason").GetString()!.Contains("Refund of", StringComparison.Ordinal));
        Assert.Equal(1, duffel.Count("POST", "air/order_cancellations/"));
        Assert.NotNull(duffel.Order(((string?)duffel.Calls.First(c => c.Path == "air/order_cancellations").Body!["data"]!["order_id"])!)!["cancelled_at"]);
    }

    [Fact]
    public async Task A_stay_is_searched_quoted_booked_and_cancelled()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana, "Ana", "1988-04-09");

        var found = await JsonAsync(await ana.Client.GetAsync($"/api/v1/hotels/search?cityCode=LIS&checkIn={Day:yyyy-MM-dd}&checkOut={Day.AddDays(3):yyyy-MM-dd}&adults=1"));

        Assert.Equal("duffel", found.GetProperty("source").GetString());
        var offers = found.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(3, offers.Count);
        var hotel = offers[0];
        Assert.Equal(6, hotel.GetProperty("rates").GetArrayLength());
        Assert.Contains(hotel.GetProperty("rates").EnumerateArray(), r => r.GetProperty("board").GetString() == "Breakfast included");
        Assert.Contains("wifi", hotel.GetProperty("hotel").GetProperty("amenities").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(3, hotel.GetProperty("hotel").GetProperty("landmarks").GetArrayLength()); // Lisbon's landmarks from the gazetteer
        var flexible = hotel.GetProperty("rates").EnumerateArray().First(r => r.GetProperty("cancellation").GetProperty("refundable").GetBoolean());
        Assert.EndsWith("+00:00", flexible.GetProperty("cancellation").GetProperty("freeCancellationUntil").GetString(), StringComparison.Ordinal);

        var booked = await BookingTests.BookAsync(ana.Client, new { kind = "hotel", offerId = flexible.GetProperty("id").GetString(), travelerIds = new[] { traveler } });

        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var booking = await JsonAsync(booked);
        Assert.StartsWith("H", booking.GetProperty("providerReference").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, duffel.Count("POST", "stays/quotes"));
        var sent = duffel.Calls.Single(c => c.Path == "stays/bookings").Body!["data"]!;
        Assert.Equal("+351912345678", (string?)sent["phone_number"]);
        Assert.Equal(booking.GetProperty("id").GetGuid().ToString(), (string?)sent["metadata"]!["pathavana_booking"]);

        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booking.GetProperty("id").GetGuid()}/cancel");
        cancel.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var cancelled = await ana.Client.SendAsync(cancel);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(1, duffel.Count("POST", "stays/bookings/"));
        Assert.Contains(duffel.Calls, c => c.Path.EndsWith("/actions/cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_is_waited_out_once_when_short_and_answered_503_with_retry_after_when_long()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        using var client = app.CreateClient();

        duffel.FailNext("air/offer_requests", 429, "rate_limit_exceeded", "Too many requests", TimeSpan.FromSeconds(1));
        var waited = await client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        Assert.Equal(2, duffel.Count("POST", "air/offer_requests"));

        duffel.FailNext("air/offer_requests", 429, "rate_limit_exceeded", "Too many requests", TimeSpan.FromSeconds(40));
        var refused = await client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day.AddDays(1):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(41));
        // The spent window is remembered: the next search is answered at once without calling Duffel.
        var calls = duffel.Calls.Count;
        var next = await client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day.AddDays(2):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, next.StatusCode);
        Assert.Equal(calls, duffel.Calls.Count);
    }

    [Fact]
    public async Task A_5xx_on_search_is_retried_but_an_order_is_never_sent_twice()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana, "Ana", "1988-04-09");

        duffel.FailNext("air/offer_requests", 502, "bad_gateway", "Upstream failure");
        var found = await JsonAsync(await ana.Client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}"));
        Assert.Equal(2, duffel.Count("POST", "air/offer_requests"));

        duffel.FailNext("air/orders", 500, "internal_server_error", "Something went wrong");
        var booked = await BookingTests.BookAsync(ana.Client, new { kind = "flight", offerId = found.GetProperty("offers")[0].GetProperty("id").GetString(), travelerIds = new[] { traveler } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, booked.StatusCode);
        Assert.Equal(1, duffel.Count("POST", "air/orders"));
        Assert.Equal("failed", (await JsonAsync(booked)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_order_Duffel_refuses_fails_the_booking_with_Duffels_words_and_is_not_sent_again()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana, "Ana", "1988-04-09");
        var found = await JsonAsync(await ana.Client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}"));

        duffel.FailNext("air/orders", 422, "invalid_passenger_name", "The passenger's name contains characters the airline does not accept");
        var booked = await BookingTests.BookAsync(ana.Client, new { kind = "flight", offerId = found.GetProperty("offers")[0].GetProperty("id").GetString(), travelerIds = new[] { traveler } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, booked.StatusCode);
        var problem = await JsonAsync(booked);
        Assert.Equal("failed", problem.GetProperty("status").GetString());
        Assert.Contains("characters the airline does not accept", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, duffel.Count("POST", "air/orders"));
    }

    [Fact]
    public async Task An_order_that_times_out_is_found_again_by_our_reference_not_placed_twice()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings(orderTimeoutSeconds: 1));
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana, "Ana", "1988-04-09");
        var found = await JsonAsync(await ana.Client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}"));
        duffel.OrderDelay = TimeSpan.FromSeconds(4);

        var booked = await BookingTests.BookAsync(ana.Client, new { kind = "flight", offerId = found.GetProperty("offers")[0].GetProperty("id").GetString(), travelerIds = new[] { traveler } });

        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        Assert.Equal("confirmed", (await JsonAsync(booked)).GetProperty("status").GetString());
        Assert.Equal(1, duffel.Count("POST", "air/orders"));
        Assert.Equal(1, duffel.Count("GET", "air/orders"));
    }

    [Fact]
    public async Task A_refusal_names_our_field_and_an_offer_gone_from_Duffel_answers_410()
    {
        await using var duffel = await DuffelFake.StartAsync();
        await using var app = PathavanaFactory.Embedded(duffel.Settings());
        using var client = app.CreateClient();

        duffel.FailNext("air/offer_requests", 422, "invalid_departure_date", "The departure date is not served by any airline", field: "slices/1/departure_date");
        var refused = await client.PostAsJsonAsync("/api/v1/flights/search", new
        {
            legs = new[]
            {
                new { origin = "LIS", destination = "MAD", date = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                new { origin = "MAD", destination = "LIS", date = Day.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("The departure date is not served by any airline", problem.GetProperty("errors").GetProperty("legs[1].date")[0].GetString());

        var found = await JsonAsync(await client.GetAsync($"/api/v1/flights/search?origin=LIS&destination=MAD&departureDate={Day:yyyy-MM-dd}"));
        var id = found.GetProperty("offers")[0].GetProperty("id").GetString();
        duffel.FailNext("air/offers/", 404, "not_found", "The offer does not exist");
        var priced = await JsonAsync(await client.PostAsync($"/api/v1/flights/offers/{id}/price", null));
        Assert.False(priced.GetProperty("available").GetBoolean());
    }
}
