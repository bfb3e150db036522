using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Bookings;
using Pathavana.Platform.Data;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>
/// No N+1: every list and view of the API sends as many SQL commands for a user with 20 rows of each kind as
/// for a user with 2 (20 trips, travelers, bookings and chat sessions; one trip with 20 booked items and 20
/// travelers, shared; one booking with 20 more events; one chat with 20 more messages), and never more than
/// <see cref="MaxCommandsPerRequest"/>. The commands counted are those the request itself sends, from its first
/// middleware to its last (<see cref="SqlCommandLog"/>): the audit records of traveller reads, which a
/// background writer appends from a queue, are not the request's. Each request is sent once before it is
/// counted, so that the session check and the data keys are cached, as they are for a user's second request.
/// </summary>
public sealed partial class QueryCountTests(TestServers servers)
{
    /// <summary>The most commands any list or view may send (today's most is 4: the trip, its travelers' key and rows, their bookings).</summary>
    private const int MaxCommandsPerRequest = 5;

    private const int Few = 2;
    private const int Many = 20;

    private static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);

    private sealed record Account(TestUser User, Guid Trip, Guid Booking, Guid Session, string ShareToken);

    private sealed record Endpoint(string Name, Func<Account, string> Path, bool Anonymous = false);

    private static readonly Endpoint[] Endpoints =
    [
        new("GET /api/v1/trips", _ => "/api/v1/trips"),
        new("GET /api/v1/trips/{id}", a => $"/api/v1/trips/{a.Trip}"),
        new("GET /api/v1/trips/{id}/calendar.ics", a => $"/api/v1/trips/{a.Trip}/calendar.ics"),
        new("GET /api/v1/travelers", _ => "/api/v1/travelers"),
        new("GET /api/v1/bookings", _ => "/api/v1/bookings"),
        new("GET /api/v1/bookings/{id}", a => $"/api/v1/bookings/{a.Booking}"),
        new("GET /api/v1/chat/sessions", _ => "/api/v1/chat/sessions"),
        new("GET /api/v1/chat/sessions/{id}", a => $"/api/v1/chat/sessions/{a.Session}"),
        new("GET /api/v1/shared/{token}", a => $"/api/v1/shared/{a.ShareToken}", Anonymous: true),
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_list_and_view_sends_as_many_commands_for_20_rows_as_for_2(string database)
    {
        var ct = TestContext.Current.CancellationToken;
        var sql = new SqlCommandLog();
        // The session check is cached for this long: no request below finds it expired.
        var settings = new Dictionary<string, string?> { ["Sessions:CacheSeconds"] = "600" };
        await using var app = database == "sqlite"
            ? PathavanaFactory.Embedded(settings, sqlCommands: sql)
            : await PathavanaFactory.ProductionAsync(servers, settings, sqlCommands: sql);
        var few = await AccountWithAsync(app, Few, ct);
        var many = await AccountWithAsync(app, Many, ct);
        using var anonymous = app.CreateClient();

        var failures = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            var counted = new List<IReadOnlyList<string>>();
            foreach (var account in new[] { few, many })
            {
                var client = endpoint.Anonymous ? anonymous : account.User.Client;
                var path = endpoint.Path(account);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, ct)).StatusCode);
                var (response, commands) = await sql.GetAsync(client, path, ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{endpoint.Name}: {(int)response.StatusCode}");
                counted.Add(commands);
            }
            TestContext.Current.TestOutputHelper?.WriteLine($"{database} {endpoint.Name}: {counted[0].Count} commands with {Few} rows, {counted[1].Count} with {Many}");
            if (counted[0].Count != counted[1].Count || counted[1].Count > MaxCommandsPerRequest || counted[1].Count == 0)
            {
                failures.Add($"{endpoint.Name}: {counted[0].Count} commands with {Few} rows, {counted[1].Count} with {Many} " +
                             $"(the same for both and at most {MaxCommandsPerRequest} expected). With {Many}:\n" +
                             string.Join('\n', counted[1].Select((c, i) => $"  {i + 1}. {OneLine(c)}")));
            }
        }
        Assert.True(failures.Count == 0, $"On {database}:\n" + string.Join("\n\n", failures));

        // The trip list's summaries (counted and totalled in SQL) agree with the trips themselves: every item counted,
        // those priced in the trip's currency totalled, the title decrypted.
        foreach (var account in new[] { few, many })
        {
            var list = await account.User.Client.GetFromJsonAsync<JsonElement>("/api/v1/trips", ct);
            Assert.Equal(account == few ? Few : Many, list.GetArrayLength());
            foreach (var summary in list.EnumerateArray())
            {
                var trip = await account.User.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{summary.GetProperty("id").GetGuid()}", ct);
                Assert.Equal(trip.GetProperty("title").GetString(), summary.GetProperty("title").GetString());
                Assert.Equal(trip.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("items").GetArrayLength()), summary.GetProperty("items").GetInt32());
                // The same JSON, to the digit: a sum of nothing is 0, not SQL's 0.0.
                Assert.Equal(trip.GetProperty("total").GetRawText(), summary.GetProperty("total").GetRawText());
            }
        }
    }

    /// <summary>
    /// A user with <paramref name="n"/> travelers, trips, bookings and chat sessions. The first trip holds a hotel stay
    /// per traveler, each booked (so every item shows a booking status) and goes with all the travelers; it is shared.
    /// The others hold a priced activity (but the last), one priced in another currency and a note. The first booking has
    /// <paramref name="n"/> more events, the first chat <paramref name="n"/> more messages.
    /// </summary>
    private static async Task<Account> AccountWithAsync(PathavanaFactory app, int n, CancellationToken ct)
    {
        var user = await app.SignUpAsync();
        var client = user.Client;

        var travelers = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            var created = await client.PostAsJsonAsync("/api/v1/travelers",
                TestUsers.Traveler(given: $"Ana {(char)('A' + i)}", passport: $"P12345{i:00}"), ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
            travelers.Add((await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }

        var hotels = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/hotels/search?cityCode=LIS&checkIn={Start:yyyy-MM-dd}&checkOut={Start.AddDays(2):yyyy-MM-dd}&adults=1&currency=EUR", ct);
        var offers = hotels.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).Take(n).ToList();
        Assert.True(offers.Count == n, $"the search found {offers.Count} hotel offers, {n} needed");

        var made = await client.PostAsJsonAsync("/api/v1/trips", new
        {
            title = "Lisbon",
            startDate = Start,
            endDate = Start.AddDays(3),
            currency = "EUR",
            travelerIds = travelers,
            items = offers.Select(o => new { kind = "hotel", offerId = o }),
        }, ct);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync(ct));
        var trip = (await made.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var bookings = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            var booked = await Pathavana.Tests.Bookings.BookingTests.BookAsync(client, new { kind = "hotel", offerId = offers[i], travelerIds = new[] { travelers[i] }, tripId = trip });
            Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync(ct));
            bookings.Add((await booked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }
        // A long status history: no API makes one, so the events are added as the booking service adds them.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            for (var i = 0; i < n; i++)
            {
                db.Add(new BookingEvent
                {
                    BookingId = bookings[0], From = BookingStatus.Confirmed, To = BookingStatus.Confirmed,
                    Reason = $"Reconciled with the provider ({i + 1}).", OccurredAt = DateTimeOffset.UtcNow.AddMinutes(i + 1),
                });
            }
            await db.SaveChangesAsync(ct);
        }

        for (var i = 1; i < n; i++)
        {
            var other = await client.PostAsJsonAsync("/api/v1/trips", new
            {
                title = $"Trip {i}",
                startDate = Start.AddDays(i),
                endDate = Start.AddDays(i + 2),
                currency = "EUR",
                items = new object?[]
                {
                    // The last trip has nothing priced in its own currency.
                    i == n - 1 ? null : new { kind = "activity", title = "Tile museum", day = Start.AddDays(i), price = 10m + i, currency = "EUR" },
                    new { kind = "activity", title = "Fado", day = Start.AddDays(i + 1), price = 30.5m, currency = "USD" },
                    new { kind = "note", title = "Tram 28 early", day = Start.AddDays(i + 1) },
                }.OfType<object>(),
            }, ct);
            Assert.True(other.StatusCode == HttpStatusCode.Created, await other.Content.ReadAsStringAsync(ct));
        }

        var sessions = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            sessions.Add(await client.NewSessionAsync($"Chat {i}"));
        }
        for (var i = 0; i < n / 2; i++)
        {
            // Each turn adds two messages: the user's and the reply.
            await client.SayAsync(sessions[0], $"hello {i}");
        }

        var share = await client.PostAsync($"/api/v1/trips/{trip}/share", null, ct);
        Assert.True(share.IsSuccessStatusCode, await share.Content.ReadAsStringAsync(ct));
        var token = (await share.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
        return new Account(user, trip, bookings[0], sessions[0], token);
    }

    private static string OneLine(string sql) => Whitespace().Replace(sql, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
