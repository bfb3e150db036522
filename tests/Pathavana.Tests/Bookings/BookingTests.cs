using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Pathavana.Platform.Data;
using Pathavana.Tests.Infrastructure;
using Pathavana.Tests.Trips;

namespace Pathavana.Tests.Bookings;

public sealed class BookingTests(TestServers servers)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    internal static async Task<HttpResponseMessage> BookAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(body) };
        if (key != "")
        {
            request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<Guid> TravelerAsync(TestUser user, string given = "Ana Maria", string? passportExpiry = "2035-01-01")
    {
        var body = new { givenNames = given, surname = "Silva", dateOfBirth = "1988-04-09", passportNumber = "P1234567", passportIssuingCountry = "PT", passportExpiry, email = "ana.silva@example.org" };
        var created = await user.Client.PostAsJsonAsync("/api/v1/travelers", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Search_trip_book_a_flight_and_a_hotel_two_confirmations_in_the_outbox_and_the_trip_shows_them_confirmed()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var travelers = new[] { await TravelerAsync(ana), await TravelerAsync(ana, "Rui") };
        var depart = Today.AddDays(45);
        var back = depart.AddDays(5);
        var flight = await TripTests.CheapestFlightAsync(ana.Client, "BOS", "LIS", depart, back);
        var hotel = await TripTests.CheapestHotelAsync(ana.Client, "LIS", depart.AddDays(1), back);
        var trip = await TripTests.NewTripAsync(ana.Client, depart, back, travelers: travelers);
        var tripId = trip.GetProperty("id").GetGuid();
        await ana.Client.PostAsJsonAsync($"/api/v1/trips/{tripId}/items", new { kind = "flight", offerId = flight.GetProperty("id").GetString() });
        await ana.Client.PostAsJsonAsync($"/api/v1/trips/{tripId}/items", new { kind = "hotel", offerId = hotel.GetProperty("id").GetString() });

        var flightBooking = await BookAsync(ana.Client, new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = travelers, tripId });
        var hotelBooking = await BookAsync(ana.Client, new { kind = "hotel", offerId = hotel.GetProperty("id").GetString(), travelerIds = travelers, tripId });

        Assert.True(flightBooking.StatusCode == HttpStatusCode.Created, await flightBooking.Content.ReadAsStringAsync());
        Assert.True(hotelBooking.StatusCode == HttpStatusCode.Created, await hotelBooking.Content.ReadAsStringAsync());
        var booked = await flightBooking.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", booked.GetProperty("status").GetString());
        Assert.Matches("^[A-Z2-9]{6}$", booked.GetProperty("providerReference").GetString());
        Assert.Equal(flight.GetProperty("totalPrice").GetProperty("amount").GetDecimal(), booked.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal(["pending", "confirmed"], booked.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("to").GetString()));

        var mails = Outbox.Messages(app)
            .Where(m => (m.Subject ?? "").StartsWith("Booking confirmed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m =>
        {
            var ics = Assert.Single(m.Attachments.OfType<MimePart>(), a => a.FileName == "booking.ics");
            using var stream = new MemoryStream();
            ics.Content!.DecodeTo(stream);
            var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!;
            Assert.NotEmpty(calendar.Events);
            Assert.Contains("SIMULATED", m.TextBody, StringComparison.Ordinal);
        });
        Assert.Contains(mails, m => m.Subject!.Contains(booked.GetProperty("providerReference").GetString()!, StringComparison.Ordinal));

        var shown = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{tripId}");
        var items = shown.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal("confirmed", i.GetProperty("bookingStatus").GetString()));
        Assert.Equal(flight.GetProperty("totalPrice").GetProperty("amount").GetDecimal() + hotel.GetProperty("total").GetProperty("amount").GetDecimal(),
            shown.GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Idempotency_key_rules_missing_400_replay_same_and_422_for_a_different_body()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana);
        var flight = await TripTests.CheapestFlightAsync(ana.Client, "LHR", "CDG", Today.AddDays(20), null, adults: 1);
        var body = new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { traveler } };

        var missing = await BookAsync(ana.Client, body, key: "");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));

        var key = Guid.NewGuid().ToString();
        var first = await BookAsync(ana.Client, body, key);
        var again = await BookAsync(ana.Client, body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());

        var other = await BookAsync(ana.Client, new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { traveler }, tripId = Guid.NewGuid() }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);

        // The same request written otherwise (members in another order, one named twice: the last
        // counts, as when it is read) is the same request: replayed, not refused, never a 5xx.
        using (var reworded = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings"))
        {
            reworded.Content = new StringContent(
                $$"""{"travelerIds":["{{traveler}}"],"offerId":null,"offerId":"{{flight.GetProperty("id").GetString()}}","kind":"flight"}""",
                System.Text.Encoding.UTF8, "application/json");
            reworded.Headers.Add("Idempotency-Key", key);
            var replayed = await ana.Client.SendAsync(reworded);
            Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
            Assert.Equal(await first.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        }

        // Keys are per user: another user's identical key is a new request.
        var ben = await app.SignUpAsync();
        var bens = await TravelerAsync(ben);
        var benBooking = await BookAsync(ben.Client, new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { bens } }, key);
        Assert.Equal(HttpStatusCode.Created, benBooking.StatusCode);
        var bookings = await ana.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/bookings");
        Assert.Single(bookings!);
    }

    [Fact]
    public async Task The_body_is_read_by_its_schema_a_bad_one_is_a_400_naming_its_field_and_a_refusal_replays_with_its_status()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        async Task<(HttpResponseMessage Response, JsonElement Problem)> SendAsync(string body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await ana.Client.SendAsync(request);
            return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        static List<string> Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()];

        var garbled = await SendAsync("not json", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, garbled.Response.StatusCode);
        Assert.Equal(["body"], Fields(garbled.Problem));

        var mistyped = await SendAsync("""{"kind":"flight","offerId":"x","travelerIds":"ana"}""", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.Response.StatusCode);
        Assert.Equal(["travelerIds"], Fields(mistyped.Problem));

        var empty = await SendAsync("", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.Response.StatusCode);
        Assert.Equal(["kind", "offerId", "travelerIds"], Fields(empty.Problem));

        // A refused request is an answer too: the same key and body give it again, marked as replayed.
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync("""{"kind":"boat","offerId":"x","travelerIds":[]}""", key);
        var again = await SendAsync("""{"travelerIds":[],"offerId":"x","kind":"boat"}""", key);
        Assert.Equal(HttpStatusCode.BadRequest, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.Response.StatusCode);
        Assert.Equal(["kind", "travelerIds"], Fields(first.Problem));
        Assert.Equal(first.Problem.GetProperty("errors").ToString(), again.Problem.GetProperty("errors").ToString());
        Assert.Equal(first.Problem.GetProperty("title").GetString(), again.Problem.GetProperty("title").GetString());
        Assert.False(first.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", again.Response.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task A_key_completed_by_a_release_that_kept_whole_responses_replays_that_response_as_it_was()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var traveler = Guid.NewGuid();
        const string kept = """{"id":"0193a1b2-0000-7000-8000-000000000001","status":"confirmed"}""";
        using (var scope = app.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Pathavana.Bookings.IdempotencyStore>();
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.Set<Pathavana.Bookings.IdempotencyRecord>().Add(new Pathavana.Bookings.IdempotencyRecord
            {
                OwnerId = ana.Id,
                Key = "kept-before-the-upgrade",
                RequestHash = store.HashOf("POST", "/api/v1/bookings", new Pathavana.Bookings.CreateBookingRequest("flight", "an-offer", [traveler], null, null)),
                Completed = true,
                ResponseStatus = 201,
                ResponseBody = kept,
                CreatedAt = now,
                ExpiresAt = now.AddHours(1),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var replayed = await BookAsync(ana.Client, new { kind = "flight", offerId = "an-offer", travelerIds = new[] { traveler } }, "kept-before-the-upgrade");

        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal(kept, await replayed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", replayed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_make_exactly_one_booking()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana);
        var flight = await TripTests.CheapestFlightAsync(ana.Client, "JFK", "SFO", Today.AddDays(30), null, adults: 1);
        var body = new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { traveler } };
        var key = Guid.NewGuid().ToString();

        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (_, _) =>
            statuses.Add((await BookAsync(ana.Client, body, key)).StatusCode));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var rows = db.Bookings.Count(b => b.OwnerId == ana.Id);
        var orders = db.AuditLogs.Count(a => a.Action == "booking.created" && a.ActorId == ana.Id);
        var summary = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}×{g.Count()}"));
        Console.WriteLine($"concurrency: 50 requests with one key -> {rows} booking row(s), {orders} order(s) placed; responses {summary}");
        TestContext.Current.TestOutputHelper?.WriteLine($"concurrency: 50 requests with one key -> {rows} booking row(s), {orders} order(s) placed; responses {summary}");
        Assert.Equal(1, rows);
        Assert.Equal(1, orders);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.Created, statuses);
    }

    [Fact]
    public async Task A_price_change_at_re_pricing_stops_until_the_new_price_is_accepted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = PathavanaFactory.Embedded(clock: clock);
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana);
        var depart = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(60);
        var flight = await TripTests.CheapestFlightAsync(ana.Client, "BOS", "LIS", depart, null, adults: 1);
        var body = new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { traveler } };

        clock.Advance(TimeSpan.FromDays(50)); // ten days before departure: fares have moved
        using var client = await app.SignInAsync(ana.Email, ana.Password);
        var refused = await BookAsync(client, body);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("priceChanged", problem.GetProperty("code").GetString());
        var newPrice = problem.GetProperty("newPrice");
        Assert.NotEqual(flight.GetProperty("totalPrice").GetProperty("amount").GetDecimal(), newPrice.GetProperty("amount").GetDecimal());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>("/api/v1/bookings"))!);

        var accepted = await BookAsync(client, new { body.kind, body.offerId, body.travelerIds, acceptPrice = new { amount = newPrice.GetProperty("amount").GetDecimal(), currency = newPrice.GetProperty("currency").GetString() } });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(newPrice.GetProperty("amount").GetDecimal(), (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("price").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_confirmed_booking_cancels_once_with_a_notice_and_an_expired_passport_is_refused()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var traveler = await TravelerAsync(ana);
        var expired = await TravelerAsync(ana, "Rui", passportExpiry: Today.AddDays(3).ToString("O"));
        var hotel = await TripTests.CheapestHotelAsync(ana.Client, "PAR", Today.AddDays(30), Today.AddDays(33), adults: 1);
        var flight = await TripTests.CheapestFlightAsync(ana.Client, "LIS", "MAD", Today.AddDays(30), null, adults: 1);

        var refused = await BookAsync(ana.Client, new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { expired } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("travelerIds[0]", out _));

        var booked = await (await BookAsync(ana.Client, new { kind = "hotel", offerId = hotel.GetProperty("id").GetString(), travelerIds = new[] { traveler } })).Content.ReadFromJsonAsync<JsonElement>();
        var id = booked.GetProperty("id").GetGuid();
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/cancel");
        cancel.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var cancelled = await ana.Client.SendAsync(cancel);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var shown = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{id}");
        Assert.Equal("cancelled", shown.GetProperty("status").GetString());
        Assert.Equal(["pending", "confirmed", "cancelled"], shown.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("to").GetString()));
        Assert.Contains(Outbox.Texts(app), t => t.Contains("Booking cancelled", StringComparison.Ordinal));

        using var twice = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/cancel");
        twice.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await ana.Client.SendAsync(twice)).StatusCode);
    }
}
