using Microsoft.Extensions.Time.Testing;
using Pathavana.Inventory;
using Pathavana.Platform.Http;
using WireMock.RequestBuilders;

namespace Pathavana.Tests.Inventory.Vendors;

public sealed class AmadeusAuthenticationTests
{
    private static readonly FlightSearch SydneyToBangkok =
        FlightSearch.OneWay("SYD", "BKK", new DateOnly(2021, 11, 1), new PassengerMix(1));

    [Fact]
    public async Task Twenty_concurrent_searches_share_one_token_request()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken("token-1");
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");

        var searches = Enumerable.Range(0, 20).Select(_ => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));
        var results = await Task.WhenAll(searches);

        Assert.All(results, offers => Assert.Single(offers));
        Assert.Single(host.Requests(AmadeusFake.TokenPath));
        var searchesSent = host.Requests(AmadeusFake.FlightOffersPath);
        Assert.Equal(20, searchesSent.Count);
        Assert.All(searchesSent, r => Assert.Equal("Bearer token-1", VendorHost.Header(r, "Authorization")));
    }

    [Fact]
    public async Task A_second_replica_reuses_the_token_the_first_one_put_in_the_shared_cache()
    {
        var redisStandIn = new SharedDistributedCache();
        await using var first = VendorHost.Start(sharedCache: redisStandIn);
        first.Fake.GivenToken("token-shared");
        first.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");
        await first.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        await using var second = VendorHost.Start(s => s["Amadeus:BaseUrl"] = first.Fake.Url, sharedCache: redisStandIn);
        await second.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        Assert.Single(first.Requests(AmadeusFake.TokenPath));
        Assert.Equal(2, first.Requests(AmadeusFake.FlightOffersPath).Count);
        Assert.All(first.Requests(AmadeusFake.FlightOffersPath), r => Assert.Equal("Bearer token-shared", VendorHost.Header(r, "Authorization")));
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_replaced_before_the_next_call()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var host = VendorHost.Start(clock: clock);
        host.Fake.GivenRotatingTokens(expiresIn: 1799);
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");

        await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(10));
        await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);
        Assert.Single(host.Requests(AmadeusFake.TokenPath));

        // 29 min 59 s lifetime, renewed a minute early: at 29 minutes the token is due.
        clock.Advance(TimeSpan.FromMinutes(19));
        await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        Assert.Equal(2, host.Requests(AmadeusFake.TokenPath).Count);
        var sent = host.Requests(AmadeusFake.FlightOffersPath).Select(r => VendorHost.Header(r, "Authorization")).ToList();
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], sent);
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_once_and_the_call_succeeds()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenRotatingTokens();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet().WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(AmadeusFake.Json(401, VendorHost.Fixture("amadeus/error-401-invalid-token.json")));
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet().WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(AmadeusFake.Json(200, VendorHost.Fixture("amadeus/flight-offers-get.json")));

        var offers = await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        Assert.Single(offers);
        Assert.Equal(2, host.Requests(AmadeusFake.TokenPath).Count);
        Assert.Equal(2, host.Requests(AmadeusFake.FlightOffersPath).Count);
    }

    [Fact]
    public async Task A_token_rejected_twice_is_a_503_not_a_loop()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenRotatingTokens();
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/error-401-invalid-token.json", status: 401);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal("amadeus", error.Dependency);
        Assert.Equal(2, host.Requests(AmadeusFake.TokenPath).Count);
        Assert.Equal(2, host.Requests(AmadeusFake.FlightOffersPath).Count);
    }

    [Fact]
    public async Task Credentials_the_token_endpoint_refuses_are_a_503_naming_the_settings()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenPost(AmadeusFake.TokenPath, "amadeus/token-invalid-client.json", status: 401);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Contains("Amadeus__ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Requests(AmadeusFake.FlightOffersPath));
    }

    [Fact]
    public async Task Logs_never_contain_the_client_secret_or_the_token()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenRotatingTokens();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet().WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(AmadeusFake.Json(401, VendorHost.Fixture("amadeus/error-401-invalid-token.json")));
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet().WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(AmadeusFake.Json(200, VendorHost.Fixture("amadeus/flight-offers-get.json")));

        await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        var logs = host.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.All(logs, record =>
        {
            var text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(kv => kv.Value) ?? []);
            Assert.DoesNotContain(VendorHost.ClientSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("token-1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("token-2", text, StringComparison.Ordinal);
        });
    }
}
