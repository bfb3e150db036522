using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Bookings;

/// <summary>
/// Bookings that make sense, over HTTP on both providers: a traveller already booked on a flight
/// (or one at the same time) is refused with 409 naming the booking, whatever Idempotency-Key is
/// sent; passenger types follow ages on the travel dates; lap infants never outnumber adults.
/// </summary>
public sealed class BookingRulesTests(TestServers servers)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    private async Task<PathavanaFactory> AppAsync(string provider) =>
        provider == "postgres" ? await PathavanaFactory.ProductionAsync(servers) : PathavanaFactory.Embedded();

    private static async Task<Guid> TravelerAsync(TestUser user, string given, DateOnly born, string surname = "Silva")
    {
        var body = new
        {
            givenNames = given, surname, dateOfBirth = born.ToString("O", CultureInfo.InvariantCulture), passportNumber = "P" + Random.Shared.Next(1000000, 9999999),
            passportIssuingCountry = "PT", passportExpiry = Today.AddYears(8).ToString("O", CultureInfo.InvariantCulture), email = "ana.silva@example.org",
        };
        var created = await user.Client.PostAsJsonAsync("/api/v1/travelers", body, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement[]> FlightsAsync(HttpClient client, string from, string to, DateOnly depart, DateOnly? back = null,
        int adults = 1, int children = 0, int infants = 0)
    {
        var url = $"/api/v1/flights/search?origin={from}&destination={to}&departureDate={depart:yyyy-MM-dd}&adults={adults}&children={children}&infants={infants}"
                  + (back is { } r ? $"&returnDate={r:yyyy-MM-dd}" : "");
        var found = await client.GetFromJsonAsync<JsonElement>(url, Ct);
        var offers = found.GetProperty("offers").EnumerateArray().ToArray();
        Assert.NotEmpty(offers);
        return offers;
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, JsonElement offer, params Guid[] travelers) =>
        BookingTests.BookAsync(client, new { kind = "flight", offerId = offer.GetProperty("id").GetString(), travelerIds = travelers });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static (DateTimeOffset Departure, DateTimeOffset Arrival)[] Segments(JsonElement offer) =>
    [
        .. offer.GetProperty("itineraries").EnumerateArray().SelectMany(i => i.GetProperty("segments").EnumerateArray())
            .Select(s => (DateTimeOffset.Parse(s.GetProperty("departure").GetString()!, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(s.GetProperty("arrival").GetString()!, CultureInfo.InvariantCulture))),
    ];

    private static bool Overlap(JsonElement a, JsonElement b) =>
        Segments(a).Any(x => Segments(b).Any(y => x.Departure < y.Arrival && y.Departure < x.Arrival));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_traveller_booked_on_a_flight_is_refused_a_second_seat_on_it_or_on_one_at_the_same_time_with_409_naming_the_booking(string provider)
    {
        await using var app = await AppAsync(provider);
        var ana = await app.SignUpAsync();
        var rui = await TravelerAsync(ana, "Rui", new DateOnly(1985, 2, 11));
        var ines = await TravelerAsync(ana, "Inês", new DateOnly(1990, 7, 30));
        var depart = Today.AddDays(40);
        var offers = await FlightsAsync(ana.Client, "BOS", "LIS", depart);
        var flight = offers[0];

        var first = await BookAsync(ana.Client, flight, rui);
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        var booked = (await JsonAsync(first)).GetProperty("id").GetGuid();

        // The same flight again, with a new Idempotency-Key (BookAsync sends a fresh one each time).
        var again = await BookAsync(ana.Client, flight, rui);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(again);
        Assert.Equal("overlappingBooking", problem.GetProperty("code").GetString());
        Assert.Equal(booked, problem.GetProperty("bookingId").GetGuid());
        Assert.Equal(rui, problem.GetProperty("travelerId").GetGuid());
        Assert.Contains("Rui Silva", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(booked.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another flight in the air at the same time: refused as well, naming the same booking.
        var sameTime = offers.Skip(1).FirstOrDefault(o => Overlap(o, flight) && o.GetProperty("id").GetString() != flight.GetProperty("id").GetString());
        if (sameTime.ValueKind == JsonValueKind.Undefined)
        {
            sameTime = (await FlightsAsync(ana.Client, "BOS", "OPO", depart)).First(o => Overlap(o, flight));
        }
        var overlapping = await BookAsync(ana.Client, sameTime, rui);
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal(booked, (await JsonAsync(overlapping)).GetProperty("bookingId").GetGuid());

        // Booking two people where one is already on board is refused too; the other alone is fine.
        var pair = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "BOS", "LIS", depart, adults: 2))[0], ines, rui);
        Assert.Equal(HttpStatusCode.Conflict, pair.StatusCode);
        Assert.Equal(rui, (await JsonAsync(pair)).GetProperty("travelerId").GetGuid());
        var other = await BookAsync(ana.Client, flight, ines);
        Assert.True(other.StatusCode == HttpStatusCode.Created, await other.Content.ReadAsStringAsync(Ct));

        // A flight that does not overlap (a week later) is the traveller's to book.
        var later = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "LIS", "BOS", depart.AddDays(7)))[0], rui);
        Assert.True(later.StatusCode == HttpStatusCode.Created, await later.Content.ReadAsStringAsync(Ct));

        // Once the first booking is cancelled, the seat can be booked again.
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{booked}/cancel");
        cancel.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.SendAsync(cancel, Ct)).StatusCode);
        var rebooked = await BookAsync(ana.Client, flight, rui);
        Assert.True(rebooked.StatusCode == HttpStatusCode.Created, await rebooked.Content.ReadAsStringAsync(Ct));

        var mine = await ana.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/bookings", Ct);
        Assert.Equal(4, mine!.Length); // rui (cancelled), ines, rui a week later, rui again
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Twenty_concurrent_bookings_of_one_traveller_on_one_flight_with_twenty_keys_make_one_booking(string provider)
    {
        await using var app = await AppAsync(provider);
        var ana = await app.SignUpAsync();
        var rui = await TravelerAsync(ana, "Rui", new DateOnly(1985, 2, 11));
        var flight = (await FlightsAsync(ana.Client, "JFK", "SFO", Today.AddDays(25)))[0];

        var answers = new ConcurrentBag<(HttpStatusCode Status, JsonElement Body)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 20), new ParallelOptions { MaxDegreeOfParallelism = 20, CancellationToken = Ct }, async (_, _) =>
        {
            var response = await BookAsync(ana.Client, flight, rui);
            answers.Add((response.StatusCode, await JsonAsync(response)));
        });

        var summary = string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}×{g.Count()}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{provider}: 20 keys, one traveller, one flight -> {summary}");
        var created = Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        var id = created.Body.GetProperty("id").GetGuid();
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal(id, a.Body.GetProperty("bookingId").GetGuid());
        });
        Assert.Single((await ana.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/bookings", Ct))!);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Passenger_types_follow_ages_on_the_travel_dates_and_lap_infants_never_outnumber_adults(string provider)
    {
        await using var app = await AppAsync(provider);
        var ana = await app.SignUpAsync();
        var depart = Today.AddDays(30);
        var mother = await TravelerAsync(ana, "Ana", new DateOnly(1988, 4, 9));
        var baby = await TravelerAsync(ana, "Bia", depart.AddMonths(-5));
        var twin = await TravelerAsync(ana, "Duda", depart.AddMonths(-7));
        var seven = await TravelerAsync(ana, "Tomás", depart.AddYears(-7).AddDays(-20));
        // Two years old on the very day of departure: a child with a seat, not a lap infant.
        var turnsTwo = await TravelerAsync(ana, "Leo", depart.AddYears(-2));

        // A baby alone on an adult fare.
        var alone = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "LHR", "CDG", depart))[0], baby);
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        var aloneError = (await JsonAsync(alone)).GetProperty("errors").GetProperty("travelerIds[0]")[0].GetString()!;
        Assert.Contains("Bia Silva is 5 months old", aloneError, StringComparison.Ordinal);
        Assert.Contains("adult's lap", aloneError, StringComparison.Ordinal);

        // A seven-year-old on a lap-infant fare (the offer is for one adult and one infant).
        var lapOffer = (await FlightsAsync(ana.Client, "LHR", "CDG", depart, adults: 1, infants: 1))[0];
        var onLap = await BookAsync(ana.Client, lapOffer, mother, seven);
        Assert.Equal(HttpStatusCode.BadRequest, onLap.StatusCode);
        var errors = (await JsonAsync(onLap)).GetProperty("errors");
        Assert.False(errors.TryGetProperty("travelerIds[0]", out _));
        var sevenError = errors.GetProperty("travelerIds[1]")[0].GetString()!;
        Assert.Contains("Tomás Silva is 7", sevenError, StringComparison.Ordinal);
        Assert.Contains("as a child", sevenError, StringComparison.Ordinal);
        Assert.Contains("1 adult(s), 1 child(ren) and 0 infant(s)", sevenError, StringComparison.Ordinal);

        // One adult holding two babies: one lap each, so refused, naming both babies.
        var twoBabies = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "LHR", "CDG", depart, adults: 3))[0], mother, baby, twin);
        Assert.Equal(HttpStatusCode.BadRequest, twoBabies.StatusCode);
        var twoErrors = (await JsonAsync(twoBabies)).GetProperty("errors");
        Assert.True(twoErrors.TryGetProperty("travelerIds[1]", out _));
        Assert.True(twoErrors.TryGetProperty("travelerIds[2]", out _));
        Assert.Contains("2 infant(s), 1 adult(s)", twoErrors.GetProperty("travelerIds[1]")[0].GetString(), StringComparison.Ordinal);

        // Turning two on the day of travel means a seat: an infant fare is refused, a child fare is right.
        Assert.Equal(HttpStatusCode.BadRequest, (await BookAsync(ana.Client, lapOffer, mother, turnsTwo)).StatusCode);
        Assert.Empty((await ana.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/bookings", Ct))!);

        // The right mix books: the mother with the baby on her lap and the seven-year-old in a child seat.
        var family = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "LHR", "CDG", depart, adults: 1, children: 1, infants: 1))[0], mother, seven, baby);
        Assert.True(family.StatusCode == HttpStatusCode.Created, await family.Content.ReadAsStringAsync(Ct));
        var withLeo = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "LHR", "AMS", depart.AddDays(3), adults: 1, children: 1))[0], mother, turnsTwo);
        Assert.True(withLeo.StatusCode == HttpStatusCode.Created, await withLeo.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_baby_who_turns_two_before_the_return_flight_needs_a_seat_for_the_journey()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var depart = Today.AddDays(30);
        var back = depart.AddDays(10);
        var mother = await TravelerAsync(ana, "Ana", new DateOnly(1988, 4, 9));
        var birthdayOnHoliday = await TravelerAsync(ana, "Bia", depart.AddDays(4).AddYears(-2));

        var lap = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "BOS", "LIS", depart, back, adults: 1, infants: 1))[0], mother, birthdayOnHoliday);
        Assert.Equal(HttpStatusCode.BadRequest, lap.StatusCode);
        var error = (await JsonAsync(lap)).GetProperty("errors").GetProperty("travelerIds[1]")[0].GetString()!;
        Assert.Contains($"turns 2 on {depart.AddDays(4).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", error, StringComparison.Ordinal);
        Assert.Contains("needs a seat", error, StringComparison.Ordinal);

        var seated = await BookAsync(ana.Client, (await FlightsAsync(ana.Client, "BOS", "LIS", depart, back, adults: 1, children: 1))[0], mother, birthdayOnHoliday);
        Assert.True(seated.StatusCode == HttpStatusCode.Created, await seated.Content.ReadAsStringAsync(Ct));
    }
}
