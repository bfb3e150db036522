using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Platform.Data;
using Pathavana.Tests.Infrastructure;
using Pathavana.Tests.Inventory.Vendors;
using WireMock.Server;
using WireMock.Settings;

namespace Pathavana.Tests.Bookings;

/// <summary>Bookings through the Amadeus adapter against a local fake that counts the order calls it receives.</summary>
public sealed class AmadeusBookingFlowTests
{
    // The documented Amadeus answers fly on 1 November 2021: the app's clock is set a month before.
    private static readonly DateOnly Day = new(2021, 11, 1);

    internal static FakeTimeProvider FixtureClock() => new(new DateTimeOffset(2021, 10, 1, 12, 0, 0, TimeSpan.Zero));

    private static WireMockServer StartFake()
    {
        var fake = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{ExternalProcess.FreePort()}"] });
        fake.GivenToken();
        fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");
        fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        return fake;
    }

    /// <summary>The documented pricing answer's passengers: an adult, and a child of 8 on its travel date (1 Nov 2021).</summary>
    internal static readonly (string Given, string Born)[] Family = [("Ana", "1988-04-09"), ("Rui", "2013-05-20")];

    /// <summary>Searches through the fake, re-prices, and returns the body that books the offer at its current price.</summary>
    private static async Task<object> BookableAsync(TestUser user)
    {
        // The documented pricing answer is for two passengers, an adult and a child (travelling 1 Nov 2021).
        var travelers = new List<Guid>();
        foreach (var (given, born) in Family)
        {
            travelers.Add((await (await user.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(given: given, dateOfBirth: born))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var found = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/flights/search?origin=SYD&destination=BKK&departureDate={Day:yyyy-MM-dd}&adults=2");
        Assert.Equal("amadeus", found.GetProperty("source").GetString());
        var offerId = found.GetProperty("offers")[0].GetProperty("id").GetString();
        var priced = await (await user.Client.PostAsync($"/api/v1/flights/offers/{offerId}/price", null)).Content.ReadFromJsonAsync<JsonElement>();
        var price = priced.GetProperty("offer").GetProperty("totalPrice");
        return new
        {
            kind = "flight",
            offerId,
            travelerIds = travelers,
            acceptPrice = new { amount = price.GetProperty("amount").GetDecimal(), currency = price.GetProperty("currency").GetString() },
        };
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_reach_the_airline_once()
    {
        using var fake = StartFake();
        fake.GivenFlightOrder(delay: TimeSpan.FromMilliseconds(300));
        await using var app = PathavanaFactory.Embedded(AmadeusOrderFake.Settings(fake), clock: FixtureClock());
        var ana = await app.SignUpAsync();
        var body = await BookableAsync(ana);
        var key = Guid.NewGuid().ToString();

        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (_, _) =>
            statuses.Add((await BookingTests.BookAsync(ana.Client, body, key)).StatusCode));
        var calls = await fake.SettledOrderCallsAsync(AmadeusOrderFake.FlightOrdersPath, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        int rows;
        using (var scope = app.Services.CreateScope())
        {
            rows = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>().Bookings.Count();
        }
        var summary = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}x{g.Count()}"));
        var figures = $"concurrency: 50 requests with one Idempotency-Key -> {rows} booking row(s), {calls} provider order call(s) at the fake; responses {summary}";
        Console.WriteLine(figures);
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        Assert.Equal(1, rows);
        Assert.Equal(1, calls);
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, figures));
        // Once done, the same key replays the confirmation.
        var replay = await BookingTests.BookAsync(ana.Client, body, key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(1, fake.FlightOrderCalls());
    }

    [Fact]
    public async Task A_provider_failure_fails_the_booking_and_orders_nothing_twice()
    {
        using var fake = StartFake();
        fake.GivenFlightOrder(status: 500, fixture: "amadeus/error-500.json");
        await using var app = PathavanaFactory.Embedded(AmadeusOrderFake.Settings(fake), clock: FixtureClock());
        var ana = await app.SignUpAsync();
        var body = await BookableAsync(ana);
        var key = Guid.NewGuid().ToString();

        var failed = await BookingTests.BookAsync(ana.Client, body, key);
        var again = await BookingTests.BookAsync(ana.Client, body, key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", problem.GetProperty("status").GetString());
        var id = problem.GetProperty("bookingId").GetGuid();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Equal(1, fake.FlightOrderCalls());
        var booking = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{id}");
        Assert.Equal("failed", booking.GetProperty("status").GetString());
        Assert.Equal(["pending", "failed"], booking.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("to").GetString()));
        Assert.DoesNotContain(Outbox.Texts(app), t => t.Contains("Booking confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_airline_refusing_the_order_is_a_422_naming_its_reason()
    {
        using var fake = StartFake();
        fake.GivenFlightOrder(status: 400, fixture: "amadeus/flight-order-error-400-segment-sell.json");
        await using var app = PathavanaFactory.Embedded(AmadeusOrderFake.Settings(fake), clock: FixtureClock());
        var ana = await app.SignUpAsync();

        var refused = await BookingTests.BookAsync(ana.Client, await BookableAsync(ana));

        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync());
        Assert.Contains("SEGMENT SELL", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class ProviderMetricsTests
{
    [Fact]
    public async Task Metrics_count_provider_calls_searches_cache_lookups_and_bookings_from_a_real_flow()
    {
        using var fake = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{ExternalProcess.FreePort()}"] });
        fake.GivenToken();
        fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");
        fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        fake.GivenFlightOrder();
        await using var app = PathavanaFactory.Embedded(AmadeusOrderFake.Settings(fake), clock: AmadeusBookingFlowTests.FixtureClock());
        var ana = await app.SignUpAsync();
        var day = new DateOnly(2021, 11, 1);
        var travelers = new List<Guid>();
        foreach (var (given, born) in AmadeusBookingFlowTests.Family)
        {
            travelers.Add((await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(given: given, dateOfBirth: born))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var search = $"/api/v1/flights/search?origin=SYD&destination=BKK&departureDate={day:yyyy-MM-dd}&adults=2";
        var offerId = (await ana.Client.GetFromJsonAsync<JsonElement>(search)).GetProperty("offers")[0].GetProperty("id").GetString();
        await ana.Client.GetAsync(search); // the same search again: a cache hit
        var price = (await (await ana.Client.PostAsync($"/api/v1/flights/offers/{offerId}/price", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("offer").GetProperty("totalPrice");
        var booked = await BookingTests.BookAsync(ana.Client, new { kind = "flight", offerId, travelerIds = travelers, acceptPrice = new { amount = price.GetProperty("amount").GetDecimal(), currency = price.GetProperty("currency").GetString() } });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var metrics = (await ana.Client.GetStringAsync("/metrics")).Split('\n');

        static double Value(string[] lines, string name, params string[] labels) => lines
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Value(metrics, "pathavana_external_call_duration_seconds_count", "provider=\"amadeus\"", "outcome=\"success\"") >= 3, "token, search, pricing and order calls");
        Assert.True(Value(metrics, "pathavana_searches_total", "kind=\"flight\"", "source=\"amadeus\"") >= 2);
        Assert.True(Value(metrics, "pathavana_cache_requests_total", "result=\"hit\"") >= 1);
        Assert.True(Value(metrics, "pathavana_cache_requests_total", "result=\"miss\"") >= 1);
        Assert.Equal(1, Value(metrics, "pathavana_bookings_total", "status=\"confirmed\""));
        Assert.True(Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/bookings/\"") >= 1
                    || Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/bookings\"") >= 1);
    }
}

public sealed class SearchAndChatMetricsTests
{
    [Fact]
    public async Task After_a_search_and_a_chat_flow_metrics_show_http_search_chat_and_cache_series()
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        (await client.GetAsync($"/api/v1/flights/search?origin=BOS&destination=LIS&departureDate={day:yyyy-MM-dd}&adults=2", ct)).EnsureSuccessStatusCode();
        var session = await (await client.PostAsJsonAsync("/api/v1/chat/sessions", new { }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = session.GetProperty("id").GetGuid();
        var turn = await client.PostAsJsonAsync($"/api/v1/chat/sessions/{id}/messages", new { text = $"2 adults from Boston to Lisbon on {day:MMMM d}" }, ct);
        Assert.True(turn.IsSuccessStatusCode, await turn.Content.ReadAsStringAsync(ct));

        var lines = (await client.GetStringAsync("/metrics", ct)).Split('\n');
        static double Value(string[] lines, string name, params string[] labels) => lines
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(Value(lines, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/flights/search\"") >= 1);
        Assert.True(Value(lines, "pathavana_searches_total", "kind=\"flight\"", "source=\"simulated\"") >= 2, "the API search and the assistant's");
        Assert.True(Value(lines, "pathavana_chat_turns_total", "mode=\"offline\"") >= 1);
        Assert.True(Value(lines, "pathavana_chat_turn_duration_seconds_count", "mode=\"offline\"") >= 1);
        Assert.True(Value(lines, "pathavana_cache_requests_total", "cache=\"flights\"") >= 2);
        Assert.True(Value(lines, "pathavana_cache_requests_total", "result=\"hit\"") >= 1, "the assistant's search repeats the API's and hits the cache");
    }
}
