using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>
/// Every list is read a page at a time: a client following <c>Link rel="next"</c> from the first page sees
/// each row once, in the list's order, and no page is larger than asked; sizes outside 1–100 are refused
/// naming the parameter. A chat session returns its latest messages and pages back through older ones.
/// </summary>
public sealed partial class PagingTests(TestServers servers)
{
    private static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Trips_travelers_chat_sessions_and_bookings_page_with_next_links_to_the_end(string database)
    {
        await using var app = database == "sqlite" ? PathavanaFactory.Embedded() : await PathavanaFactory.ProductionAsync(servers);
        var ct = TestContext.Current.CancellationToken;
        var ana = await app.SignUpAsync();
        var bea = await app.SignUpAsync();

        var trips = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // Created out of date order: the list is soonest first.
            var start = Start.AddDays((i * 3) % 5);
            var created = await ana.Client.PostAsJsonAsync("/api/v1/trips", new { title = $"Trip {i}", startDate = start, endDate = start.AddDays(2), currency = "EUR" }, ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            trips.Add((await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }
        var travelers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var created = await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(given: $"Ana {(char)('A' + i)}", passport: $"P123456{i}"), ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
            travelers.Add((await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }
        var sessions = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            sessions.Add(await ana.Client.NewSessionAsync());
        }
        var hotels = await ana.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/hotels/search?cityCode=LIS&checkIn={Start:yyyy-MM-dd}&checkOut={Start.AddDays(2):yyyy-MM-dd}&adults=1", ct);
        var bookings = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var booked = await Pathavana.Tests.Bookings.BookingTests.BookAsync(ana.Client,
                new { kind = "hotel", offerId = hotels.GetProperty("offers")[i].GetProperty("id").GetString(), travelerIds = new[] { travelers[0] } });
            Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync(ct));
            bookings.Add((await booked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }
        // Someone else's rows never show up on Ana's pages.
        Assert.Equal(HttpStatusCode.Created, (await bea.Client.PostAsJsonAsync("/api/v1/trips",
            new { title = "Bea's", startDate = Start, endDate = Start.AddDays(1), currency = "EUR" }, ct)).StatusCode);

        var tripPages = await FollowAsync(ana.Client, "/api/v1/trips?pageSize=2", ct);
        Assert.Equal([2, 2, 1], tripPages.Select(p => p.Count));
        var tripRows = tripPages.SelectMany(p => p).ToList();
        Assert.Equal(trips.Order(), tripRows.Select(t => t.GetProperty("id").GetGuid()).Order());
        Assert.Equal(tripRows.Select(t => t.GetProperty("startDate").GetString()).Order(StringComparer.Ordinal),
            tripRows.Select(t => t.GetProperty("startDate").GetString()));

        var travelerRows = (await FollowAsync(ana.Client, "/api/v1/travelers?pageSize=2", ct)).SelectMany(p => p).ToList();
        Assert.Equal(travelers, travelerRows.Select(t => t.GetProperty("id").GetGuid()));

        var sessionRows = (await FollowAsync(ana.Client, "/api/v1/chat/sessions?pageSize=2", ct)).SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Reverse(sessions), sessionRows.Select(s => s.GetProperty("id").GetGuid()));

        var bookingRows = (await FollowAsync(ana.Client, "/api/v1/bookings?pageSize=2", ct)).SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Reverse(bookings), bookingRows.Select(b => b.GetProperty("id").GetGuid()));

        // Without paging parameters the first page is whole for a list this short, and carries no next link.
        var all = await ana.Client.GetAsync("/api/v1/trips", ct);
        Assert.False(all.Headers.Contains("Link"));
        Assert.Equal(5, (await all.Content.ReadFromJsonAsync<JsonElement>(ct)).GetArrayLength());

        foreach (var (query, field) in new[] { ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize"), ("page=0", "page") })
        {
            foreach (var list in new[] { "trips", "travelers", "bookings", "chat/sessions" })
            {
                var refused = await ana.Client.GetAsync($"/api/v1/{list}?{query}", ct);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors").TryGetProperty(field, out _), $"{list}?{query}");
            }
        }
        // A page past the end is an empty page, not an error.
        var past = await ana.Client.GetAsync("/api/v1/trips?page=9&pageSize=2", ct);
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Equal(0, (await past.Content.ReadFromJsonAsync<JsonElement>(ct)).GetArrayLength());
    }

    [Fact]
    public async Task A_long_chat_returns_its_latest_messages_and_pages_back_to_the_first()
    {
        await using var app = PathavanaFactory.Embedded();
        var ct = TestContext.Current.CancellationToken;
        var ana = await app.SignUpAsync();
        var session = await ana.Client.NewSessionAsync();
        for (var i = 0; i < 6; i++)
        {
            var turn = await ana.Client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text = $"hello {i}" }, ct);
            Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        }

        var latest = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}?pageSize=4", ct);
        var seqs = latest.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal([9, 10, 11, 12], seqs);
        Assert.True(latest.GetProperty("hasEarlier").GetBoolean());
        Assert.Equal("hello 5", latest.GetProperty("messages")[2].GetProperty("text").GetString());

        var seen = new List<int>(seqs);
        var before = seqs[0];
        while (true)
        {
            var page = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}?pageSize=4&before={before}", ct);
            var older = page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()).ToList();
            seen.InsertRange(0, older);
            if (!page.GetProperty("hasEarlier").GetBoolean())
            {
                break;
            }
            before = older[0];
        }
        Assert.Equal(Enumerable.Range(1, 12), seen);

        var whole = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}", ct);
        Assert.Equal(12, whole.GetProperty("messages").GetArrayLength());
        Assert.False(whole.GetProperty("hasEarlier").GetBoolean());
        var refused = await ana.Client.GetAsync($"/api/v1/chat/sessions/{session}?pageSize=500", ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    /// <summary>Reads the first page and every page its <c>Link rel="next"</c> chain leads to.</summary>
    private static async Task<List<List<JsonElement>>> FollowAsync(HttpClient client, string first, CancellationToken ct)
    {
        var pages = new List<List<JsonElement>>();
        string? next = first;
        while (next is not null && pages.Count < 20)
        {
            var response = await client.GetAsync(next, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add([.. (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray()]);
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => NextLink().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
                : null;
        }
        return pages;
    }

    [GeneratedRegex("<([^>]+)>;\\s*rel=\"next\"")]
    private static partial Regex NextLink();
}
