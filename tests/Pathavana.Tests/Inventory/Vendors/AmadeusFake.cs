using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>Stubs for the Amadeus fake, answering with the fixtures.</summary>
internal static class AmadeusFake
{
    public const string TokenPath = "/v1/security/oauth2/token";
    public const string FlightOffersPath = "/v2/shopping/flight-offers";
    public const string PricingPath = "/v1/shopping/flight-offers/pricing";

    /// <summary>The token endpoint, answering the documented token with this access token.</summary>
    public static void GivenToken(this WireMockServer fake, string accessToken = "token-1", int expiresIn = 1799) =>
        fake.Given(Request.Create().WithPath(TokenPath).UsingPost()
                .WithBody(b => b is not null && b.Contains("grant_type=client_credentials", StringComparison.Ordinal)
                    && b.Contains("client_id=" + VendorHost.ClientId, StringComparison.Ordinal)))
            .RespondWith(Json(200, TokenBody(accessToken, expiresIn)));

    /// <summary>The token endpoint issuing a new token on every call: token-1, token-2, …</summary>
    public static void GivenRotatingTokens(this WireMockServer fake, int count = 5, int expiresIn = 1799)
    {
        for (var i = 1; i <= count; i++)
        {
            var request = fake.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("tokens");
            if (i > 1)
            {
                request = request.WhenStateIs($"issued-{i - 1}");
            }
            request.WillSetStateTo($"issued-{i}").RespondWith(Json(200, TokenBody($"token-{i}", expiresIn)));
        }
    }

    public static void GivenGet(this WireMockServer fake, string path, string fixture, int status = 200) =>
        fake.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Json(status, VendorHost.Fixture(fixture)));

    public static void GivenPost(this WireMockServer fake, string path, string fixture, int status = 200) =>
        fake.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Json(status, VendorHost.Fixture(fixture)));

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/vnd.amadeus+json")
            .WithBody(body);

    private static string TokenBody(string accessToken, int expiresIn) =>
        VendorHost.Fixture("amadeus/token.json")
            .Replace("AnAccessTokenFromTheFake", accessToken, StringComparison.Ordinal)
            .Replace("\"expires_in\": 1799", $"\"expires_in\": {expiresIn}", StringComparison.Ordinal);
}
