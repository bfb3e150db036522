using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory;

/// <summary>
/// "Now" is local: a departure date is checked at the origin airport, nothing leaves within two hours
/// of the app's clock, and an offer that has left answers 410 and never shows again.
/// </summary>
public sealed class LocalNowTests
{
    // 11:00 UTC on 14 December is midnight on the 15th in Auckland (NZDT, UTC+13).
    private static readonly DateTimeOffset AucklandMidnight = new(2026, 12, 14, 11, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    [Theory]
    [InlineData(11)] // 00:00 in Auckland: only flights from 02:00 local
    [InlineData(13)] // 02:00 in Auckland: only flights from 04:00 local
    [InlineData(20)] // 09:00 in Auckland: the morning's flights are gone, only those from 11:00 local
    public void Auckland_to_Sydney_today_shows_only_flights_two_hours_after_local_now(int utcHour)
    {
        var now = new DateTimeOffset(2026, 12, 14, utcHour, 0, 0, TimeSpan.Zero);
        var provider = new SimulatedFlightProvider(LocationDirectory.Shared, new FakeTimeProvider(now));
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Auckland).DateTime);

        var offers = provider.Search(FlightSearch.OneWay("AKL", "SYD", localToday, new PassengerMix(1)) with { MaxResults = 200 });
        var everything = new SimulatedFlightProvider(LocationDirectory.Shared, new FakeTimeProvider(now.AddDays(-3)))
            .Search(FlightSearch.OneWay("AKL", "SYD", localToday, new PassengerMix(1)) with { MaxResults = 200 });

        Assert.Equal(new DateOnly(2026, 12, 15), localToday);
        Assert.NotEmpty(offers);
        var earliest = now.AddHours(2);
        Assert.All(offers, o => Assert.True(o.Itineraries[0].Segments[0].Departure >= earliest,
            $"{o.Itineraries[0].Segments[0].CarrierCode}{o.Itineraries[0].Segments[0].FlightNumber} leaves {o.Itineraries[0].Segments[0].Departure:HH:mm} local"));
        Assert.All(offers, o => Assert.Equal(TimeSpan.FromHours(13), o.Itineraries[0].Segments[0].Departure.Offset));
        // Whatever left sooner is on the timetable; it is just no longer sold.
        Assert.Equal(everything.Count(o => o.Itineraries[0].Segments[0].Departure >= earliest), offers.Count);
        if (utcHour == 20)
        {
            Assert.Contains(everything, o => o.Itineraries[0].Segments[0].Departure < earliest);
        }
    }

    [Fact]
    public async Task A_date_already_past_at_the_origin_is_refused_naming_the_local_date()
    {
        await using var app = PathavanaFactory.Embedded(clock: new FakeTimeProvider(AucklandMidnight));
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        // 14 December is still today in UTC and in Sydney, but yesterday in Auckland.
        var yesterday = await client.GetAsync("/api/v1/flights/search?origin=AKL&destination=SYD&departureDate=2026-12-14", ct);
        var today = await client.GetAsync("/api/v1/flights/search?origin=AKL&destination=SYD&departureDate=2026-12-15", ct);
        var fromSydney = await client.GetAsync("/api/v1/flights/search?origin=SYD&destination=AKL&departureDate=2026-12-14", ct);

        Assert.Equal(HttpStatusCode.BadRequest, yesterday.StatusCode);
        var problem = await JsonAsync(yesterday);
        Assert.Contains("already 2026-12-15 in Auckland", problem.GetProperty("errors").GetProperty("departureDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        var offers = (await JsonAsync(today)).GetProperty("offers").EnumerateArray().ToList();
        Assert.NotEmpty(offers);
        Assert.All(offers, o => Assert.True(
            DateTimeOffset.Parse(o.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            >= AucklandMidnight.AddHours(2)));
        Assert.Equal(HttpStatusCode.OK, fromSydney.StatusCode);
    }

    [Fact]
    public async Task A_hotel_check_in_is_checked_against_the_date_where_the_hotel_is()
    {
        await using var app = PathavanaFactory.Embedded(clock: new FakeTimeProvider(AucklandMidnight));
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var auckland = await client.GetAsync("/api/v1/hotels/search?cityCode=AKL&checkIn=2026-12-14&checkOut=2026-12-16", ct);
        var london = await client.GetAsync("/api/v1/hotels/search?cityCode=LON&checkIn=2026-12-14&checkOut=2026-12-16", ct);

        Assert.Equal(HttpStatusCode.BadRequest, auckland.StatusCode);
        Assert.Contains("checkIn", (await JsonAsync(auckland)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, london.StatusCode);
    }

    [Fact]
    public async Task Pricing_an_offer_that_has_left_answers_410_and_a_fresh_search_never_shows_it_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 14, 18, 0, 0, TimeSpan.Zero));
        await using var app = PathavanaFactory.Embedded(clock: clock);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        const string search = "/api/v1/flights/search?origin=LHR&destination=JFK&departureDate=2026-12-15&nonStop=true";

        var first = (await JsonAsync(await client.GetAsync(search, ct))).GetProperty("offers").EnumerateArray()
            .OrderBy(o => o.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetDateTimeOffset())
            .First();
        var id = first.GetProperty("id").GetString()!;
        var departure = first.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetDateTimeOffset();

        // Until two hours before departure it can be priced; after that it is gone.
        clock.SetUtcNow(departure.AddHours(-2).AddMinutes(-1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/flights/offers/{id}/price", null, ct)).StatusCode);
        clock.SetUtcNow(departure.AddMinutes(-90));
        var priced = await client.PostAsync($"/api/v1/flights/offers/{id}/price", null, ct);

        Assert.Equal(HttpStatusCode.Gone, priced.StatusCode);
        Assert.Equal("application/problem+json", priced.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(priced);
        Assert.Equal("This flight has departed.", problem.GetProperty("title").GetString());
        Assert.Contains("local time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("offerDeparted", problem.GetProperty("code").GetString());

        // The same search, answered from the cache, leaves it out.
        var again = (await JsonAsync(await client.GetAsync(search, ct))).GetProperty("offers").EnumerateArray().ToList();
        Assert.DoesNotContain(again, o => o.GetProperty("id").GetString() == id);
        Assert.All(again, o => Assert.True(o.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetDateTimeOffset() >= clock.GetUtcNow().AddHours(2)));
    }

    [Fact]
    public async Task The_price_calendar_starts_at_the_origins_today_and_leaves_out_flights_already_gone()
    {
        await using var app = PathavanaFactory.Embedded(clock: new FakeTimeProvider(AucklandMidnight));
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var calendar = await JsonAsync(await client.GetAsync("/api/v1/flights/calendar?origin=AKL&destination=SYD&month=2026-12", ct));

        var days = calendar.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal("2026-12-15", days[0].GetProperty("date").GetString());
        Assert.Equal(17, days.Count);
        var firstId = days[0].GetProperty("offerId").GetString()!;
        var offer = await JsonAsync(await client.GetAsync($"/api/v1/flights/offers/{firstId}", ct));
        Assert.True(offer.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetDateTimeOffset() >= AucklandMidnight.AddHours(2));
    }

    [Fact]
    public async Task Booking_a_departed_flight_answers_410()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 14, 18, 0, 0, TimeSpan.Zero));
        await using var app = PathavanaFactory.Embedded(clock: clock);
        var ct = TestContext.Current.CancellationToken;
        var user = await app.SignUpAsync();
        var created = await user.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct);
        var traveler = (await JsonAsync(created)).GetProperty("id").GetGuid();
        var offer = (await JsonAsync(await user.Client.GetAsync("/api/v1/flights/search?origin=LHR&destination=JFK&departureDate=2026-12-15&nonStop=true", ct)))
            .GetProperty("offers")[0];
        clock.SetUtcNow(offer.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetDateTimeOffset().AddMinutes(5));
        using var later = await app.SignInAsync(user.Email, user.Password); // the first sign-in has expired by now

        var booked = await Pathavana.Tests.Bookings.BookingTests.BookAsync(later,
            new { kind = "flight", offerId = offer.GetProperty("id").GetString(), travelerIds = new[] { traveler } });

        Assert.Equal(HttpStatusCode.Gone, booked.StatusCode);
        Assert.Equal("This flight has departed.", (await JsonAsync(booked)).GetProperty("title").GetString());
    }
}
