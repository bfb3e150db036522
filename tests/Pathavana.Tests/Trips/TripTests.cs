using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Trips;

public sealed class TripTests(TestServers servers)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static DateOnly Depart => Today.AddDays(40);
    private static DateOnly Return => Today.AddDays(46);

    internal static async Task<JsonElement> CheapestFlightAsync(HttpClient client, string from, string to, DateOnly depart, DateOnly? back, int adults = 2)
    {
        var url = $"/api/v1/flights/search?origin={from}&destination={to}&departureDate={depart:yyyy-MM-dd}&adults={adults}"
                  + (back is { } r ? $"&returnDate={r:yyyy-MM-dd}" : "");
        var found = await client.GetFromJsonAsync<JsonElement>(url);
        return found.GetProperty("offers")[0];
    }

    internal static async Task<JsonElement> CheapestHotelAsync(HttpClient client, string city, DateOnly checkIn, DateOnly checkOut, int adults = 2)
    {
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/hotels/search?cityCode={city}&checkIn={checkIn:yyyy-MM-dd}&checkOut={checkOut:yyyy-MM-dd}&adults={adults}");
        return found.GetProperty("offers")[0];
    }

    internal static async Task<JsonElement> NewTripAsync(HttpClient client, DateOnly start, DateOnly end, decimal? budget = null, Guid[]? travelers = null)
    {
        var created = await client.PostAsJsonAsync("/api/v1/trips", new { title = "Lisbon in spring", startDate = start, endDate = end, currency = "USD", budget, travelerIds = travelers ?? [] });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> AddAsync(HttpClient client, Guid trip, object item)
    {
        var added = await client.PostAsJsonAsync($"/api/v1/trips/{trip}/items", item);
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return await added.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<JsonElement> Items(JsonElement trip) =>
        trip.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray());

    private static IEnumerable<string> WarningCodes(JsonElement trip) =>
        trip.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!);

    [Fact]
    public async Task A_round_trip_and_a_hotel_fill_the_days_with_local_times_totals_against_the_budget()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var ana = await app.SignUpAsync();
        var flight = await CheapestFlightAsync(ana.Client, "BOS", "LIS", Depart, Return);
        var flightArrival = DateOnly.FromDateTime(DateTimeOffset.Parse(flight.GetProperty("itineraries")[0].GetProperty("segments").EnumerateArray().Last().GetProperty("arrival").GetString()!, CultureInfo.InvariantCulture).DateTime);
        var hotel = await CheapestHotelAsync(ana.Client, "LIS", flightArrival, Return);
        var fare = flight.GetProperty("totalPrice").GetProperty("amount").GetDecimal();
        Assert.Matches(@"^P(\d+D)?T(\d+H)?(\d+M)?$", flight.GetProperty("itineraries")[0].GetProperty("duration").GetString());
        var stay = hotel.GetProperty("total").GetProperty("amount").GetDecimal();
        var trip = await NewTripAsync(ana.Client, Depart, Return, budget: fare + stay + 100m);
        var id = trip.GetProperty("id").GetGuid();

        await AddAsync(ana.Client, id, new { kind = "flight", offerId = flight.GetProperty("id").GetString() });
        var full = await AddAsync(ana.Client, id, new { kind = "hotel", offerId = hotel.GetProperty("id").GetString() });

        var items = Items(full).ToList();
        var flights = items.Where(i => i.GetProperty("kind").GetString() == "flight").ToList();
        Assert.Equal(2, flights.Count);
        var outbound = flights[0];
        Assert.Equal("America/New_York", outbound.GetProperty("startTimeZone").GetString());
        Assert.Equal("Europe/Lisbon", outbound.GetProperty("endTimeZone").GetString());
        var departure = flight.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetString()!;
        Assert.Equal(DateTimeOffset.Parse(departure, CultureInfo.InvariantCulture), DateTimeOffset.Parse(outbound.GetProperty("start").GetString()!, CultureInfo.InvariantCulture));
        Assert.EndsWith(departure[^6..], outbound.GetProperty("start").GetString()!, StringComparison.Ordinal);
        Assert.Equal(fare + stay, full.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(100m, full.GetProperty("remaining").GetProperty("amount").GetDecimal());
        Assert.DoesNotContain("budgetExceeded", WarningCodes(full));
        // Only the night(s) before the hotel's check-in, if any, lack a stay — and those are in the air.
        Assert.DoesNotContain("nightWithoutStay", WarningCodes(full));
    }

    [Fact]
    public async Task Warnings_name_overlaps_nights_without_a_stay_late_arrivals_budget_and_passports()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var expiring = new { givenNames = "Rui", surname = "Costa", dateOfBirth = "1980-01-01", passportNumber = "P7654321", passportIssuingCountry = "PT", passportExpiry = Depart.AddDays(2).ToString("O") };
        var traveler = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", expiring)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var flight = await CheapestFlightAsync(ana.Client, "BOS", "LIS", Depart, back: null, adults: 1);
        var trip = await NewTripAsync(ana.Client, Depart, Depart.AddDays(3), budget: 10m, travelers: [traveler]);
        var id = trip.GetProperty("id").GetGuid();
        var arrival = DateTimeOffset.Parse(flight.GetProperty("itineraries")[0].GetProperty("segments").EnumerateArray().Last().GetProperty("arrival").GetString()!, CultureInfo.InvariantCulture);

        await AddAsync(ana.Client, id, new { kind = "flight", offerId = flight.GetProperty("id").GetString() });
        // Lunch an hour before the plane lands, and two tours at once.
        var lunch = arrival.DateTime.AddHours(-1);
        await AddAsync(ana.Client, id, new { kind = "activity", title = "Lunch at Time Out Market", start = lunch, end = lunch.AddHours(2), timeZone = "Europe/Lisbon" });
        var day3 = Depart.AddDays(2).ToDateTime(new TimeOnly(10, 0));
        await AddAsync(ana.Client, id, new { kind = "activity", title = "Tram 28 tour", start = day3, end = day3.AddHours(2), timeZone = "Europe/Lisbon" });
        var full = await AddAsync(ana.Client, id, new { kind = "activity", title = "Belém walk", start = day3.AddHours(1), end = day3.AddHours(3), timeZone = "Europe/Lisbon", price = 30m, currency = "USD" });

        var codes = WarningCodes(full).ToList();
        Assert.Contains("flightArrivesAfterNextItem", codes);
        Assert.Contains("overlap", codes);
        Assert.Contains("nightWithoutStay", codes);
        Assert.Contains("budgetExceeded", codes);
        Assert.Contains("passportExpiresBeforeReturn", codes);
        var passport = full.GetProperty("warnings").EnumerateArray().First(w => w.GetProperty("code").GetString() == "passportExpiresBeforeReturn");
        Assert.Contains("Rui Costa", passport.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_reorder_within_a_day_and_move_between_days()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var trip = await NewTripAsync(ana.Client, Depart, Depart.AddDays(2));
        var id = trip.GetProperty("id").GetGuid();
        foreach (var title in new[] { "Coffee", "Museum", "Dinner" })
        {
            await AddAsync(ana.Client, id, new { kind = "note", title, day = Depart });
        }
        var day1 = Items(await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{id}")).ToList();
        var dinner = day1.Single(i => i.GetProperty("title").GetString() == "Dinner").GetProperty("id").GetGuid();
        var coffee = day1.Single(i => i.GetProperty("title").GetString() == "Coffee").GetProperty("id").GetGuid();

        var reordered = await (await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items/{dinner}/move", new { position = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Dinner", "Coffee", "Museum"], reordered.GetProperty("days")[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));

        var moved = await (await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items/{coffee}/move", new { day = Depart.AddDays(1), position = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Dinner", "Museum"], moved.GetProperty("days")[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.Equal(["Coffee"], moved.GetProperty("days")[1].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.Equal([0, 1], moved.GetProperty("days")[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("position").GetInt32()));

        var outside = await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items/{coffee}/move", new { day = Depart.AddDays(9) });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("day", out _));
    }

    [Fact]
    public async Task The_calendar_file_parses_back_with_an_event_per_item_in_the_right_time_zones()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var flight = await CheapestFlightAsync(ana.Client, "BOS", "LIS", Depart, Return, adults: 1);
        var trip = await NewTripAsync(ana.Client, Depart, Return);
        var id = trip.GetProperty("id").GetGuid();
        await AddAsync(ana.Client, id, new { kind = "flight", offerId = flight.GetProperty("id").GetString() });
        await AddAsync(ana.Client, id, new { kind = "note", title = "Pack the adapters", day = Depart });

        var response = await ana.Client.GetAsync($"/api/v1/trips/{id}/calendar.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(3, calendar.Events.Count);
        var outbound = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).First(e => e.Categories.Contains("Flight"));
        Assert.Equal("America/New_York", outbound.DtStart!.TzId);
        Assert.Equal("Europe/Lisbon", outbound.DtEnd!.TzId);
        var departure = DateTimeOffset.Parse(flight.GetProperty("itineraries")[0].GetProperty("segments")[0].GetProperty("departure").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(departure.UtcDateTime, outbound.DtStart.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Lisbon");
        var note = calendar.Events.Single(e => e.Summary == "Pack the adapters");
        Assert.False(note.DtStart!.HasTime);
    }

    [Fact]
    public async Task A_share_link_shows_the_trip_read_only_without_sign_in_and_can_be_revoked()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var traveler = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var trip = await NewTripAsync(ana.Client, Depart, Return, travelers: [traveler]);
        var id = trip.GetProperty("id").GetGuid();
        await AddAsync(ana.Client, id, new { kind = "note", title = "Fado at night", day = Depart });
        using var stranger = app.CreateClient();

        var share = await (await ana.Client.PostAsync($"/api/v1/trips/{id}/share", null)).Content.ReadFromJsonAsync<JsonElement>();
        var token = share.GetProperty("token").GetString()!;
        Assert.True(token.Length >= 32);
        Assert.EndsWith($"/shared/{token}", share.GetProperty("url").GetString(), StringComparison.Ordinal);

        var view = await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/shared/{token}");
        Assert.Equal("Fado at night", Items(view).Single().GetProperty("title").GetString());
        Assert.False(view.TryGetProperty("travelerIds", out _));
        Assert.False(view.TryGetProperty("id", out _));
        Assert.DoesNotContain("Silva", view.ToString(), StringComparison.Ordinal);
        // Read-only: the share token opens nothing else.
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync($"/api/v1/trips/{id}/items", new { kind = "note", title = "x", day = Depart })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/shared/{token[..^2]}xx")).StatusCode);

        var replaced = await (await ana.Client.PostAsync($"/api/v1/trips/{id}/share", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/shared/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ana.Client.DeleteAsync($"/api/v1/trips/{id}/share")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/shared/{replaced.GetProperty("token").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task Invalid_trips_and_items_get_400_naming_the_field()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ben = await app.SignUpAsync();
        var bens = (await (await ben.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        async Task<JsonElement> Errors(HttpResponseMessage r)
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync("/api/v1/trips", new { title = "x", startDate = Return, endDate = Depart, currency = "USD" }))).TryGetProperty("endDate", out _));
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync("/api/v1/trips", new { title = "x", startDate = Depart, endDate = Return, currency = "usd" }))).TryGetProperty("currency", out _));
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync("/api/v1/trips", new { title = "x", startDate = Depart, endDate = Return, currency = "USD", travelerIds = new[] { bens } }))).TryGetProperty("travelerIds[0]", out _));

        var id = (await NewTripAsync(ana.Client, Depart, Return)).GetProperty("id").GetGuid();
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items", new { kind = "flight", offerId = "no-such-offer" }))).TryGetProperty("offerId", out _));
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items", new { kind = "spaceship", title = "x" }))).TryGetProperty("kind", out _));
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items", new { kind = "activity", title = "x", start = Depart.ToDateTime(new TimeOnly(9, 0)), timeZone = "Mars/Olympus" }))).TryGetProperty("timeZone", out _));
        Assert.True((await Errors(await ana.Client.PostAsJsonAsync($"/api/v1/trips/{id}/items", new { kind = "note", title = "x", day = Return.AddDays(5) }))).TryGetProperty("day", out _));
        var unchanged = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{id}");
        Assert.Empty(Items(unchanged));
    }
}
