using WireMock.Logging;
using WireMock.RequestBuilders;
using Pathavana.Tests.Infrastructure;
using WireMock.Server;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>
/// Amadeus order endpoints on a WireMock fake, and counts of the order calls that reached it —
/// reusable by HTTP-level booking tests (e.g. 50 concurrent POSTs with one Idempotency-Key -> 1 order call):
/// <code>
/// var fake = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{freePort}"] });
/// fake.GivenAmadeusOrders();                                  // token + flight + hotel order stubs
/// await using var app = PathavanaFactory.Embedded(AmadeusOrderFake.Settings(fake));
/// …
/// Assert.Equal(1, fake.FlightOrderCalls());
/// </code>
/// </summary>
internal static class AmadeusOrderFake
{
    public const string FlightOrdersPath = "/v1/booking/flight-orders";
    public const string HotelOrdersPath = "/v2/booking/hotel-orders";

    /// <summary>An obviously fake card (Amadeus' documented test VISA); the fake never charges anything.</summary>
    public const string TestCardNumber = "4151289722471370";

    /// <summary>The settings that point the app's Amadeus adapter (search, pricing, orders) at the fake, test card included.</summary>
    public static Dictionary<string, string?> Settings(WireMockServer fake, int orderTimeoutSeconds = 30)
    {
        var settings = OrderSettings(orderTimeoutSeconds);
        settings["Amadeus:BaseUrl"] = fake.Url;
        return settings;
    }

    /// <summary>The credentials, the order time-out and the test card, without the base URL.</summary>
    public static Dictionary<string, string?> OrderSettings(int orderTimeoutSeconds = 30) => new()
    {
        ["Amadeus:ClientId"] = VendorHost.ClientId,
        ["Amadeus:ClientSecret"] = VendorHost.ClientSecret,
        ["Amadeus:OrderTimeoutSeconds"] = orderTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Amadeus:TestPaymentCard:Number"] = TestCardNumber,
        ["Amadeus:TestPaymentCard:Expiry"] = "2030-08",
        ["Amadeus:TestPaymentCard:VendorCode"] = "VI",
        ["Amadeus:TestPaymentCard:HolderName"] = "PATHAVANA TEST",
    };

    /// <summary>The token endpoint plus both order endpoints answering their documented 201s.</summary>
    public static void GivenAmadeusOrders(this WireMockServer fake)
    {
        fake.GivenToken();
        fake.GivenFlightOrder();
        fake.GivenHotelOrder();
    }

    /// <summary>POST /v1/booking/flight-orders answering <paramref name="fixture"/> with <paramref name="status"/>, after <paramref name="delay"/>.</summary>
    public static void GivenFlightOrder(this WireMockServer fake, int status = 201, string fixture = "amadeus/flight-order-created.json", TimeSpan? delay = null) =>
        GivenOrder(fake, FlightOrdersPath, status, fixture, delay);

    /// <summary>POST /v2/booking/hotel-orders answering <paramref name="fixture"/> with <paramref name="status"/>, after <paramref name="delay"/>.</summary>
    public static void GivenHotelOrder(this WireMockServer fake, int status = 201, string fixture = "amadeus/hotel-order-created.json", TimeSpan? delay = null) =>
        GivenOrder(fake, HotelOrdersPath, status, fixture, delay);

    /// <summary>DELETE /v1/booking/flight-orders/{id} answering 204.</summary>
    public static void GivenFlightOrderCancel(this WireMockServer fake) =>
        fake.Given(Request.Create().WithPath(p => p.StartsWith(FlightOrdersPath + "/", StringComparison.Ordinal)).UsingDelete())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));

    /// <summary>Flight order POSTs the fake has answered so far.</summary>
    public static int FlightOrderCalls(this WireMockServer fake) => OrderCalls(fake, FlightOrdersPath).Count;

    /// <summary>Hotel order POSTs the fake has answered so far.</summary>
    public static int HotelOrderCalls(this WireMockServer fake) => OrderCalls(fake, HotelOrdersPath).Count;

    /// <summary>The order POSTs the fake received on <paramref name="path"/> (bodies included, for asserting what was sent).</summary>
    public static IReadOnlyList<ILogEntry> OrderCalls(this WireMockServer fake, string path) =>
        fake.LogEntries.Where(e => e.RequestMessage?.Path == path && e.RequestMessage.Method == "POST").ToList();

    /// <summary>
    /// The number of order POSTs once the fake has logged at least one and nothing new arrived for
    /// <paramref name="quiet"/> (WireMock logs a delayed call only once it has answered).
    /// </summary>
    public static async Task<int> SettledOrderCallsAsync(this WireMockServer fake, string path, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Eventually.SafetyNet;
        var count = OrderCalls(fake, path).Count;
        while (count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
            count = OrderCalls(fake, path).Count;
        }
        while (true)
        {
            await Task.Delay(quiet, cancellationToken);
            var now = OrderCalls(fake, path).Count;
            if (now == count)
            {
                return count;
            }
            count = now;
        }
    }

    private static void GivenOrder(WireMockServer fake, string path, int status, string fixture, TimeSpan? delay)
    {
        var response = AmadeusFake.Json(status, VendorHost.Fixture(fixture));
        if (delay is { } wait)
        {
            response = response.WithDelay(wait);
        }
        fake.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
    }
}
