using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Accounts;

/// <summary>
/// Every id-bearing route in the OpenAPI document, called as its owner, as another user and
/// anonymously: another user must get 404 (never the data, never 403), anonymous 401.
/// A new id-bearing route fails this test until it is added to <see cref="Owned"/> or <see cref="Public"/>.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Creates the owner's resource and returns the concrete path (and a body for writes).</summary>
    private delegate Task<(string Path, object? Body)> Arrange(TestUser owner, CancellationToken ct);

    private static async Task<Guid> NewTravelerAsync(TestUser owner, CancellationToken ct) =>
        (await (await owner.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct)).Content.ReadFromJsonAsync<JsonElement>(ct))
        .GetProperty("id").GetGuid();

    private static async Task<Guid> NewTripAsync(TestUser owner, CancellationToken ct)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var trip = await (await owner.Client.PostAsJsonAsync("/api/v1/trips", new { title = "Mine", startDate = start, endDate = start.AddDays(3), currency = "EUR" }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);
        return trip.GetProperty("id").GetGuid();
    }

    private static async Task<(Guid Trip, Guid Item)> NewTripItemAsync(TestUser owner, CancellationToken ct)
    {
        var trip = await NewTripAsync(owner, ct);
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var full = await (await owner.Client.PostAsJsonAsync($"/api/v1/trips/{trip}/items", new { kind = "note", title = "Note", day = start }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);
        return (trip, full.GetProperty("days")[0].GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    private static async Task<Guid> NewChatAsync(TestUser owner, CancellationToken ct) =>
        (await (await owner.Client.PostAsJsonAsync("/api/v1/chat/sessions", new { title = "Mine" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct))
        .GetProperty("id").GetGuid();

    /// <summary>A chat session whose last reply has flight cards; returns the session and the first card's pick.</summary>
    private static async Task<(Guid Session, object Pick)> NewChatWithResultsAsync(TestUser owner, CancellationToken ct)
    {
        var session = await NewChatAsync(owner, ct);
        var depart = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var turn = await (await owner.Client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages",
            new { text = $"flights from Boston to Lisbon on {depart:yyyy-MM-dd} for 1 adult" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var card = turn.GetProperty("reply").GetProperty("cards")[0];
        return (session, new { offerId = card.GetProperty("offerId").GetString(), kind = "flight" });
    }

    private static async Task<Guid> NewBookingAsync(TestUser owner, CancellationToken ct)
    {
        var traveler = await NewTravelerAsync(owner, ct);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var hotels = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/hotels/search?cityCode=LIS&checkIn={day:yyyy-MM-dd}&checkOut={day.AddDays(2):yyyy-MM-dd}&adults=1", ct);
        var booked = await Pathavana.Tests.Bookings.BookingTests.BookAsync(owner.Client,
            new { kind = "hotel", offerId = hotels.GetProperty("offers")[0].GetProperty("id").GetString(), travelerIds = new[] { traveler } });
        return (await booked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    private static readonly Dictionary<string, Arrange> Owned = new()
    {
        ["GET /api/v1/chat/sessions/{id}"] = async (o, ct) => ($"/api/v1/chat/sessions/{await NewChatAsync(o, ct)}", null),
        ["PATCH /api/v1/chat/sessions/{id}"] = async (o, ct) => ($"/api/v1/chat/sessions/{await NewChatAsync(o, ct)}", new { title = "Renamed" }),
        ["DELETE /api/v1/chat/sessions/{id}"] = async (o, ct) => ($"/api/v1/chat/sessions/{await NewChatAsync(o, ct)}", null),
        ["POST /api/v1/chat/sessions/{id}/messages"] = async (o, ct) => ($"/api/v1/chat/sessions/{await NewChatAsync(o, ct)}/messages", new { text = "hello" }),
        ["POST /api/v1/chat/sessions/{id}/messages/stream"] = async (o, ct) => ($"/api/v1/chat/sessions/{await NewChatAsync(o, ct)}/messages/stream", new { text = "help" }),
        ["POST /api/v1/chat/sessions/{id}/selections"] = async (o, ct) =>
        {
            var (session, pick) = await NewChatWithResultsAsync(o, ct);
            return ($"/api/v1/chat/sessions/{session}/selections", pick);
        },
        ["POST /api/v1/chat/sessions/{id}/trip"] = async (o, ct) =>
        {
            var (session, pick) = await NewChatWithResultsAsync(o, ct);
            var picked = await o.Client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/selections", pick, ct);
            Assert.True(picked.IsSuccessStatusCode, await picked.Content.ReadAsStringAsync(ct));
            return ($"/api/v1/chat/sessions/{session}/trip", new { title = "From chat" });
        },
        ["GET /api/v1/bookings/{id}"] = async (o, ct) => ($"/api/v1/bookings/{await NewBookingAsync(o, ct)}", null),
        ["POST /api/v1/bookings/{id}/cancel"] = async (o, ct) => ($"/api/v1/bookings/{await NewBookingAsync(o, ct)}/cancel", null),
        ["GET /api/v1/trips/{id}"] = async (o, ct) => ($"/api/v1/trips/{await NewTripAsync(o, ct)}", null),
        ["PUT /api/v1/trips/{id}"] = async (o, ct) =>
        {
            var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
            return ($"/api/v1/trips/{await NewTripAsync(o, ct)}", new { title = "Renamed", startDate = start, endDate = start.AddDays(3), currency = "EUR" });
        },
        ["DELETE /api/v1/trips/{id}"] = async (o, ct) => ($"/api/v1/trips/{await NewTripAsync(o, ct)}", null),
        ["POST /api/v1/trips/{id}/items"] = async (o, ct) =>
            ($"/api/v1/trips/{await NewTripAsync(o, ct)}/items", new { kind = "note", title = "x", day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) }),
        ["PATCH /api/v1/trips/{id}/items/{itemId}"] = async (o, ct) =>
        {
            var (trip, item) = await NewTripItemAsync(o, ct);
            return ($"/api/v1/trips/{trip}/items/{item}", new { title = "Changed" });
        },
        ["DELETE /api/v1/trips/{id}/items/{itemId}"] = async (o, ct) =>
        {
            var (trip, item) = await NewTripItemAsync(o, ct);
            return ($"/api/v1/trips/{trip}/items/{item}", null);
        },
        ["POST /api/v1/trips/{id}/items/{itemId}/move"] = async (o, ct) =>
        {
            var (trip, item) = await NewTripItemAsync(o, ct);
            return ($"/api/v1/trips/{trip}/items/{item}/move", new { position = 0 });
        },
        ["GET /api/v1/trips/{id}/review"] = async (o, ct) => ($"/api/v1/trips/{await NewTripAsync(o, ct)}/review", null),
        ["POST /api/v1/trips/{id}/book"] = async (o, ct) =>
        {
            var trip = await NewTripAsync(o, ct);
            var traveler = await NewTravelerAsync(o, ct);
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
            var hotels = await o.Client.GetFromJsonAsync<JsonElement>($"/api/v1/hotels/search?cityCode=LIS&checkIn={day:yyyy-MM-dd}&checkOut={day.AddDays(2):yyyy-MM-dd}&adults=1", ct);
            var added = await o.Client.PostAsJsonAsync($"/api/v1/trips/{trip}/items", new { kind = "hotel", offerId = hotels.GetProperty("offers")[0].GetProperty("id").GetString() }, ct);
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(ct));
            return ($"/api/v1/trips/{trip}/book", new { travelerIds = new[] { traveler } });
        },
        ["GET /api/v1/trips/{id}/calendar.ics"] = async (o, ct) => ($"/api/v1/trips/{await NewTripAsync(o, ct)}/calendar.ics", null),
        ["POST /api/v1/trips/{id}/share"] = async (o, ct) => ($"/api/v1/trips/{await NewTripAsync(o, ct)}/share", null),
        ["DELETE /api/v1/trips/{id}/share"] = async (o, ct) => ($"/api/v1/trips/{await NewTripAsync(o, ct)}/share", null),
        ["GET /api/v1/travelers/{id}"] = async (o, ct) => ($"/api/v1/travelers/{await NewTravelerAsync(o, ct)}", null),
        ["PUT /api/v1/travelers/{id}"] = async (o, ct) => ($"/api/v1/travelers/{await NewTravelerAsync(o, ct)}", TestUsers.Traveler(given: "Changed")),
        ["DELETE /api/v1/travelers/{id}"] = async (o, ct) => ($"/api/v1/travelers/{await NewTravelerAsync(o, ct)}", null),
    };

    /// <summary>Id-bearing routes that hold no one's data (shared inventory, admin routes checked elsewhere).</summary>
    private static readonly string[] Public = ["/api/v1/admin/", "/api/v1/flights/offers/", "/api/v1/hotels/offers/", "/api/v1/shared/"];

    private static readonly System.Text.RegularExpressions.Regex IdParameter = new(@"\{\w*(?:id|Id|token|Token)\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [Fact]
    public async Task Another_user_gets_404_and_anonymous_401_on_every_id_bearing_route()
    {
        await using var app = PathavanaFactory.Embedded();
        var owner = await app.SignUpAsync();
        var other = await app.SignUpAsync();
        using var anonymous = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", ct);
        var routes = document.GetProperty("paths").EnumerateObject()
            // Routes that name a record by id ({id}, {itemId}…); a {purpose} names the caller's own consent, no one's record.
            .Where(p => IdParameter.IsMatch(p.Name) && !Public.Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();

        var missing = routes.Where(r => !Owned.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Id-bearing routes with no ownership check in this matrix: " + string.Join(", ", missing));

        var crossUserSuccesses = 0;
        foreach (var route in routes)
        {
            var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
            var (path, body) = await Owned[route](owner, ct);

            var asOther = await SendAsync(other.Client, method, path, body, ct);
            var asAnonymous = await SendAsync(anonymous, method, path, body, ct);
            var asOwner = await SendAsync(owner.Client, method, path, body, ct);

            if (asOther.IsSuccessStatusCode)
            {
                crossUserSuccesses++;
            }
            Assert.True(asOther.StatusCode == HttpStatusCode.NotFound, $"{route} as another user: {(int)asOther.StatusCode}");
            Assert.True(asAnonymous.StatusCode == HttpStatusCode.Unauthorized, $"{route} anonymously: {(int)asAnonymous.StatusCode}");
            Assert.True(asOwner.IsSuccessStatusCode, $"{route} as its owner: {(int)asOwner.StatusCode}");
        }

        Assert.Equal(0, crossUserSuccesses);
        TestContext.Current.TestOutputHelper?.WriteLine($"authorization matrix: {routes.Count} id-bearing routes covered, {crossUserSuccesses} cross-user successes: {string.Join(", ", routes)}");
        Console.WriteLine($"authorization matrix: {routes.Count} id-bearing routes covered, {crossUserSuccesses} cross-user successes");
        Assert.NotEmpty(routes);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        // Booking writes need one; other routes ignore it.
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request, ct);
    }
}
