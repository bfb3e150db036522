using Pathavana.Inventory;
using Pathavana.Inventory.Amadeus;
using Pathavana.Platform.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>How Amadeus failing looks to a caller: 4xx with the vendor's words, everything else a 503.</summary>
public sealed class AmadeusFailureTests
{
    private static readonly FlightSearch SydneyToBangkok =
        FlightSearch.OneWay("SYD", "BKK", new DateOnly(2021, 11, 1), new PassengerMix(1));

    [Fact]
    public async Task A_429_with_a_short_Retry_After_is_waited_out_and_tried_once_more()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .InScenario("rate").WillSetStateTo("limited")
            .RespondWith(AmadeusFake.Json(429, VendorHost.Fixture("amadeus/error-429.json")).WithHeader("Retry-After", "1"));
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .InScenario("rate").WhenStateIs("limited")
            .RespondWith(AmadeusFake.Json(200, VendorHost.Fixture("amadeus/flight-offers-get.json")));

        var offers = await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        Assert.Single(offers);
        Assert.Equal(2, host.Requests(AmadeusFake.FlightOffersPath).Count);
    }

    [Fact]
    public async Task A_429_with_a_long_Retry_After_is_a_503_that_carries_it()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .RespondWith(AmadeusFake.Json(429, VendorHost.Fixture("amadeus/error-429.json")).WithHeader("Retry-After", "120"));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(host.Requests(AmadeusFake.FlightOffersPath));
    }

    [Fact]
    public async Task Repeated_500s_are_retried_then_become_a_503()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/error-500.json", status: 500);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal("amadeus", error.Dependency);
        Assert.Equal(3, host.Requests(AmadeusFake.FlightOffersPath).Count);
    }

    [Fact]
    public async Task A_vendor_failing_again_and_again_is_no_longer_called_for_a_while()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/error-500.json", status: 500);

        DependencyUnavailableException? error = null;
        for (var i = 0; i < 10 && error?.RetryAfter is null; i++)
        {
            error = await Assert.ThrowsAsync<DependencyUnavailableException>(
                () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));
        }
        var sentBefore = host.Requests(AmadeusFake.FlightOffersPath).Count;
        var fastFailure = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal(AmadeusSetup.BreakDuration, error?.RetryAfter);
        Assert.Equal(AmadeusSetup.BreakDuration, fastFailure.RetryAfter);
        Assert.Equal(sentBefore, host.Requests(AmadeusFake.FlightOffersPath).Count);
    }

    [Fact]
    public async Task A_500_followed_by_an_answer_is_recovered_by_the_retry()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .InScenario("flaky").WillSetStateTo("failed-once")
            .RespondWith(AmadeusFake.Json(500, VendorHost.Fixture("amadeus/error-500.json")));
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .InScenario("flaky").WhenStateIs("failed-once")
            .RespondWith(AmadeusFake.Json(200, VendorHost.Fixture("amadeus/flight-offers-get.json")));

        var offers = await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        Assert.Single(offers);
    }

    [Fact]
    public async Task A_pricing_POST_is_retried_after_a_500_because_it_only_prices()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/error-500.json", status: 500);
        var search = FlightSearch.RoundTrip("BOS", "MAD", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 5), new PassengerMix(1, 1))
            with { IncludedAirlines = ["DL", "KL"] };
        var offers = await host.Flights.SearchAsync(search, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.PriceAsync(offers[0], TestContext.Current.CancellationToken));

        Assert.Equal(3, host.Requests(AmadeusFake.PricingPath).Count);
    }

    [Fact]
    public async Task An_answer_slower_than_the_time_out_is_a_503()
    {
        await using var host = VendorHost.Start(s => s["Amadeus:TimeoutSeconds"] = "1");
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .RespondWith(AmadeusFake.Json(200, VendorHost.Fixture("amadeus/flight-offers-get.json")).WithDelay(TimeSpan.FromSeconds(8)));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Contains("1 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"data\": [ {\"type\": \"flight-offer\", ")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("")]
    public async Task A_malformed_answer_is_a_503(string body)
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal("amadeus", error.Dependency);
    }

    [Fact]
    public async Task A_stopped_vendor_is_a_503()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");
        await host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken);

        host.Fake.Stop();
        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal("amadeus", error.Dependency);
    }

    [Fact]
    public async Task A_400_keeps_the_vendor_detail_and_names_our_field()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/error-400-invalid-format.json", status: 400);

        var error = await Assert.ThrowsAsync<ProviderRequestException>(
            () => host.Flights.SearchAsync(SydneyToBangkok, TestContext.Current.CancellationToken));

        Assert.Equal(400, error.Status);
        Assert.Equal("departureDate must be in the future", error.Detail);
        Assert.Equal("departureDate", error.Field);
        Assert.Equal("477", error.Code);
        // A request error is not retried.
        Assert.Single(host.Requests(AmadeusFake.FlightOffersPath));
    }
}
