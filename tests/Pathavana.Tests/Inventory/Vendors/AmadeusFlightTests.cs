using System.Text.Json;
using Pathavana.Inventory;
using Pathavana.Platform;
using WireMock.RequestBuilders;

namespace Pathavana.Tests.Inventory.Vendors;

public sealed class AmadeusFlightTests
{
    private static readonly FlightSearch BostonMadridReturn =
        FlightSearch.RoundTrip("BOS", "MAD", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 5), new PassengerMix(1, 1))
        with { IncludedAirlines = ["DL", "KL"] };

    [Fact]
    public async Task A_one_way_search_uses_GET_and_maps_times_durations_prices_and_carriers()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenGet(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-get.json");
        var search = FlightSearch.OneWay("SYD", "BKK", new DateOnly(2021, 11, 1), new PassengerMix(1)) with { Currency = "EUR" };

        var offer = Assert.Single(await host.Flights.SearchAsync(search, TestContext.Current.CancellationToken));

        var sent = Assert.Single(host.Requests(AmadeusFake.FlightOffersPath));
        Assert.Equal("GET", sent.RequestMessage?.Method);
        Assert.Equal("SYD", VendorHost.Query(sent, "originLocationCode"));
        Assert.Equal("BKK", VendorHost.Query(sent, "destinationLocationCode"));
        Assert.Equal("2021-11-01", VendorHost.Query(sent, "departureDate"));
        Assert.Equal("1", VendorHost.Query(sent, "adults"));
        Assert.Equal("EUR", VendorHost.Query(sent, "currencyCode"));
        Assert.Null(VendorHost.Query(sent, "returnDate"));

        Assert.Equal(Sources.Amadeus, offer.Source);
        Assert.StartsWith("amadeus-", offer.Id, StringComparison.Ordinal);
        Assert.Equal(new Money(355.34m, "EUR"), offer.TotalPrice);
        Assert.Equal(new PassengerPrice("adult", 1, new Money(355.34m, "EUR")), Assert.Single(offer.PriceBreakdown));
        Assert.Equal(Cabin.Economy, offer.Cabin);
        Assert.Equal("PR", offer.ValidatingAirline);
        Assert.Equal(9, offer.SeatsLeft);
        Assert.Equal(new DateOnly(2021, 11, 1), offer.LastTicketingDate);

        var itinerary = Assert.Single(offer.Itineraries);
        Assert.Equal(new TimeSpan(14, 15, 0), itinerary.Duration);
        Assert.Equal(1, itinerary.Stops);
        var (first, second) = (itinerary.Segments[0], itinerary.Segments[1]);
        // Sydney is on daylight time (+11) in November, Manila +8, Bangkok +7.
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 11, 35, 0, TimeSpan.FromHours(11)), first.Departure);
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 16, 50, 0, TimeSpan.FromHours(8)), first.Arrival);
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 21, 50, 0, TimeSpan.FromHours(7)), second.Arrival);
        Assert.Equal(new TimeSpan(8, 15, 0), first.Duration);
        Assert.Equal(first.Duration, first.Arrival - first.Departure);
        Assert.Equal(itinerary.Duration, second.Arrival - first.Departure);
        Assert.Equal(("PR", "212", "SYD", "MNL"), (first.CarrierCode, first.FlightNumber, first.Origin, first.Destination));
        Assert.Equal("Airbus A330-300", first.Aircraft);
        Assert.Equal("Airbus A320", second.Aircraft);
        Assert.Null(first.OperatingCarrier);
    }

    [Fact]
    public async Task A_round_trip_with_airline_filters_uses_POST_and_comes_back_cheapest_first()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");

        var offers = await host.Flights.SearchAsync(BostonMadridReturn, TestContext.Current.CancellationToken);

        var sent = Assert.Single(host.Requests(AmadeusFake.FlightOffersPath));
        Assert.Equal("POST", sent.RequestMessage?.Method);
        Assert.Equal("GET", VendorHost.Header(sent, "X-HTTP-Method-Override"));
        using var body = JsonDocument.Parse(sent.RequestMessage?.Body ?? "{}");
        var legs = body.RootElement.GetProperty("originDestinations");
        Assert.Equal(2, legs.GetArrayLength());
        Assert.Equal("MAD", legs[1].GetProperty("originLocationCode").GetString());
        Assert.Equal("2021-11-05", legs[1].GetProperty("departureDateTimeRange").GetProperty("date").GetString());
        var travelers = body.RootElement.GetProperty("travelers").EnumerateArray().Select(t => t.GetProperty("travelerType").GetString()).ToList();
        Assert.Equal(["ADULT", "CHILD"], travelers);
        var carriers = body.RootElement.GetProperty("searchCriteria").GetProperty("flightFilters").GetProperty("carrierRestrictions");
        Assert.Equal(["DL", "KL"], carriers.GetProperty("includedCarrierCodes").EnumerateArray().Select(c => c.GetString()).ToList());

        Assert.Equal([4301.10m, 4825.40m], offers.Select(o => o.TotalPrice.Amount).ToList());
        var cheapest = offers[0];
        Assert.Equal(["adult", "child"], cheapest.PriceBreakdown.Select(p => p.Type).ToList());
        Assert.All(cheapest.PriceBreakdown, p => Assert.Equal(new Money(2150.55m, "USD"), p.PerPerson));

        var outbound = cheapest.Itineraries[0];
        var inbound = cheapest.Itineraries[1];
        // Boston is still on daylight time on 1 and 6 November 2021 (-4); Madrid and Amsterdam on CET (+1).
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 20, 0, 0, TimeSpan.FromHours(-4)), outbound.Segments[0].Departure);
        Assert.Equal(new DateTimeOffset(2021, 11, 3, 8, 15, 0, TimeSpan.FromHours(1)), outbound.Segments[1].Arrival);
        Assert.Equal(new TimeSpan(31, 15, 0), outbound.Duration);
        Assert.Equal(outbound.Duration, outbound.Segments[^1].Arrival - outbound.Segments[0].Departure);
        Assert.Equal(new DateTimeOffset(2021, 11, 6, 13, 44, 0, TimeSpan.FromHours(-4)), inbound.Segments[1].Arrival);
        Assert.Equal(inbound.Duration, inbound.Segments[^1].Arrival - inbound.Segments[0].Departure);
        // KL6017 is operated by Delta.
        Assert.Equal(("KL", "6017", "DL"), (inbound.Segments[1].CarrierCode, inbound.Segments[1].FlightNumber, inbound.Segments[1].OperatingCarrier));
        Assert.Equal("Boeing 767-300 (Winglets)", outbound.Segments[1].Aircraft);
        Assert.Equal(Cabin.Economy, cheapest.Cabin);
    }

    [Fact]
    public async Task A_multi_city_search_sends_every_leg_cabin_and_infant()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        var search = new FlightSearch(
            [new FlightLeg("BOS", "MAD", new DateOnly(2021, 11, 1)), new FlightLeg("MAD", "AMS", new DateOnly(2021, 11, 5)), new FlightLeg("AMS", "BOS", new DateOnly(2021, 11, 6))],
            new PassengerMix(2, 0, 1),
            Cabin.Business,
            NonStop: true,
            MaxPrice: 5000m);

        await host.Flights.SearchAsync(search, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(host.Requests(AmadeusFake.FlightOffersPath)).RequestMessage?.Body ?? "{}");
        Assert.Equal(3, body.RootElement.GetProperty("originDestinations").GetArrayLength());
        var infant = body.RootElement.GetProperty("travelers")[2];
        Assert.Equal("HELD_INFANT", infant.GetProperty("travelerType").GetString());
        Assert.Equal("1", infant.GetProperty("associatedAdultId").GetString());
        var criteria = body.RootElement.GetProperty("searchCriteria");
        Assert.Equal(5000, criteria.GetProperty("maxPrice").GetInt32());
        var filters = criteria.GetProperty("flightFilters");
        Assert.Equal("BUSINESS", filters.GetProperty("cabinRestrictions")[0].GetProperty("cabin").GetString());
        Assert.Equal(0, filters.GetProperty("connectionRestriction").GetProperty("maxNumberOfConnections").GetInt32());
    }

    [Fact]
    public async Task An_airport_missing_from_the_reference_data_takes_its_offset_from_the_flight_time()
    {
        await using var host = VendorHost.Start(directory: new TestLocationDirectory("LGA"));
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");

        var offers = await host.Flights.SearchAsync(BostonMadridReturn, TestContext.Current.CancellationToken);

        var shuttle = offers[0].Itineraries[0].Segments[0];
        Assert.Equal("LGA", shuttle.Destination);
        Assert.Equal(TimeSpan.FromHours(-4), shuttle.Arrival.Offset);
    }

    [Fact]
    public async Task A_time_that_carries_its_own_offset_keeps_it()
    {
        await using var host = VendorHost.Start(directory: new TestLocationDirectory("SYD", "MNL"));
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .RespondWith(AmadeusFake.Json(200, VendorHost.Fixture("amadeus/flight-offers-get.json")
                .Replace("\"2021-11-01T11:35:00\"", "\"2021-11-01T11:35:00+11:00\"", StringComparison.Ordinal)));

        var offer = Assert.Single(await host.Flights.SearchAsync(
            FlightSearch.OneWay("SYD", "BKK", new DateOnly(2021, 11, 1), new PassengerMix(1)), TestContext.Current.CancellationToken));

        var first = offer.Itineraries[0].Segments[0];
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 11, 35, 0, TimeSpan.FromHours(11)), first.Departure);
        // Manila is unknown here too: its offset follows from Sydney's and the 8 h 15 min flight.
        Assert.Equal(TimeSpan.FromHours(8), first.Arrival.Offset);
    }

    [Fact]
    public async Task Offers_carry_none_of_the_vendor_document_but_pricing_sends_it_back()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        var offers = await host.Flights.SearchAsync(BostonMadridReturn, TestContext.Current.CancellationToken);

        var json = JsonSerializer.Serialize(offers);
        Assert.DoesNotContain("fareBasis", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("travelerPricings", json, StringComparison.OrdinalIgnoreCase);

        var check = await host.Flights.PriceAsync(offers[0], TestContext.Current.CancellationToken);

        var sent = Assert.Single(host.Requests(AmadeusFake.PricingPath));
        using var body = JsonDocument.Parse(sent.RequestMessage?.Body ?? "{}");
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("flight-offers-pricing", data.GetProperty("type").GetString());
        var vendorOffer = Assert.Single(data.GetProperty("flightOffers").EnumerateArray());
        Assert.Equal("4301.10", vendorOffer.GetProperty("price").GetProperty("grandTotal").GetString());
        Assert.Equal("ZN1JV0D2", vendorOffer.GetProperty("travelerPricings")[0].GetProperty("fareDetailsBySegment")[0].GetProperty("fareBasis").GetString());

        Assert.True(check.Available);
        Assert.True(check.PriceChanged);
        Assert.Equal(new Money(4301.10m, "USD"), check.PreviousPrice);
        Assert.Equal(new Money(4410.10m, "USD"), check.Offer.TotalPrice);
        Assert.Equal(offers[0].Id, check.Offer.Id);
        Assert.Equal("Boeing 767-300 (Winglets)", check.Offer.Itineraries[0].Segments[1].Aircraft);
    }

    [Fact]
    public async Task An_offer_found_on_one_replica_can_be_priced_on_another()
    {
        var redisStandIn = new SharedDistributedCache();
        await using var first = VendorHost.Start(sharedCache: redisStandIn);
        first.Fake.GivenToken();
        first.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        first.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        var offers = await first.Flights.SearchAsync(BostonMadridReturn, TestContext.Current.CancellationToken);

        await using var second = VendorHost.Start(s => s["Amadeus:BaseUrl"] = first.Fake.Url, sharedCache: redisStandIn);
        var check = await second.Flights.PriceAsync(offers[0], TestContext.Current.CancellationToken);

        Assert.True(check.Available);
        Assert.Single(first.Requests(AmadeusFake.PricingPath));
    }

    [Fact]
    public async Task Pricing_an_offer_Amadeus_no_longer_sells_reports_it_unavailable()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/error-400-invalid-format.json", status: 400);
        var offers = await host.Flights.SearchAsync(BostonMadridReturn, TestContext.Current.CancellationToken);

        var check = await host.Flights.PriceAsync(offers[1], TestContext.Current.CancellationToken);

        Assert.False(check.Available);
        Assert.Same(offers[1], check.Offer);
    }

    [Fact]
    public async Task Pricing_an_offer_this_server_does_not_hold_asks_nobody_and_reports_it_unavailable()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        var stranger = new FlightOffer("amadeus-f-0199c0ffee", Sources.Amadeus, [], new Money(1m, "USD"), [], Cabin.Economy, "DL");

        var check = await host.Flights.PriceAsync(stranger, TestContext.Current.CancellationToken);

        Assert.False(check.Available);
        Assert.Empty(host.Requests(AmadeusFake.PricingPath));
    }

    [Fact]
    public async Task A_search_the_vendor_answers_with_no_offers_is_an_empty_list()
    {
        await using var host = VendorHost.Start();
        host.Fake.GivenToken();
        host.Fake.Given(Request.Create().WithPath(AmadeusFake.FlightOffersPath).UsingGet())
            .RespondWith(AmadeusFake.Json(200, "{\"meta\":{\"count\":0},\"data\":[]}"));

        var offers = await host.Flights.SearchAsync(
            FlightSearch.OneWay("SYD", "BKK", new DateOnly(2021, 11, 1), new PassengerMix(1)), TestContext.Current.CancellationToken);

        Assert.Empty(offers);
    }
}
