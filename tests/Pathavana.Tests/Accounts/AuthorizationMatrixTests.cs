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

    private static readonly Dictionary<string, Arrange> Owned = new()
    {
        ["GET /api/v1/travelers/{id}"] = async (o, ct) => ($"/api/v1/travelers/{await NewTravelerAsync(o, ct)}", null),
        ["PUT /api/v1/travelers/{id}"] = async (o, ct) => ($"/api/v1/travelers/{await NewTravelerAsync(o, ct)}", TestUsers.Traveler(given: "Changed")),
        ["DELETE /api/v1/travelers/{id}"] = async (o, ct) => ($"/api/v1/travelers/{await NewTravelerAsync(o, ct)}", null),
    };

    /// <summary>Id-bearing routes that hold no one's data (shared inventory, admin routes checked elsewhere).</summary>
    private static readonly string[] Public = ["/api/v1/admin/", "/api/v1/flights/offers/", "/api/v1/hotels/offers/", "/api/v1/shared/"];

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
            .Where(p => p.Name.Contains('{', StringComparison.Ordinal) && !Public.Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal)))
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
        return client.SendAsync(request, ct);
    }
}
