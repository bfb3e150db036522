using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Bookings;
using Pathavana.Inventory;
using Pathavana.Platform;
using Pathavana.Platform.Http;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>
/// Booking through Amadeus against the fake: what is ordered, what comes back, and that an order
/// call reaches Amadeus at most once whatever goes wrong.
/// </summary>
public sealed class AmadeusBookingTests
{
    private const string ClientReference = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    private static readonly FlightSearch BostonMadridReturn =
        FlightSearch.RoundTrip("BOS", "MAD", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 5), new PassengerMix(1, 1))
        with { IncludedAirlines = ["DL", "KL"] };

    private static readonly HotelSearch LondonTwoNights =
        new(new DateOnly(2021, 11, 20), new DateOnly(2021, 11, 22), Adults: 2, CityCode: "LON", Currency: "GBP");

    // Distinctive values so a leak into any log line cannot be missed.
    private static readonly BookingTraveler Adult = new(
        Guid.NewGuid(), "Zéphyrine", "Quillfeather", new DateOnly(1982, 1, 16), "female",
        "zephyrine.quill@example.org", "+34 480 080 076", "XK9931177", "ES", new DateOnly(2031, 4, 14), "ES");

    private static readonly BookingTraveler Child = new(
        Guid.NewGuid(), "Ottoline", "Quillfeather", new DateOnly(2012, 10, 11), "F",
        null, null, "XK9931178", "ES", new DateOnly(2029, 1, 1), "ES");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flight_order_sends_the_priced_offer_and_travellers_and_maps_the_PNR_and_price()
    {
        await using var host = StartHost();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.GivenFlightOrder();
        var offer = await PricedFlightAsync(host);

        var order = await Provider(host).OrderFlightAsync(offer, [Adult, Child], ClientReference, Ct);

        Assert.Equal("amadeus", order.Provider);
        Assert.Equal("MLG4XV", order.Reference);
        // The searched offer said 4301.10; the order's answer (the priced offer) says 4410.10.
        Assert.Equal(new Money(4410.10m, "USD"), order.Price);
        Assert.Equal("flight-orders/eJzTd9f3NjIJdjUGAAtfAmE%3D", order.ProviderOrderId);

        var sent = Assert.Single(host.Fake.OrderCalls(AmadeusOrderFake.FlightOrdersPath));
        Assert.Equal("Bearer token-1", VendorHost.Header(sent, "Authorization"));
        using var body = JsonDocument.Parse(sent.RequestMessage?.Body ?? "{}");
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("flight-order", data.GetProperty("type").GetString());
        var vendorOffer = Assert.Single(data.GetProperty("flightOffers").EnumerateArray());
        Assert.Equal("4410.10", vendorOffer.GetProperty("price").GetProperty("grandTotal").GetString());
        Assert.Equal("ZN1JV0D2", vendorOffer.GetProperty("travelerPricings")[0].GetProperty("fareDetailsBySegment")[0].GetProperty("fareBasis").GetString());

        var travelers = data.GetProperty("travelers");
        Assert.Equal(2, travelers.GetArrayLength());
        var adult = travelers[0];
        Assert.Equal("1", adult.GetProperty("id").GetString());
        Assert.Equal("1982-01-16", adult.GetProperty("dateOfBirth").GetString());
        Assert.Equal("ZEPHYRINE", adult.GetProperty("name").GetProperty("firstName").GetString());
        Assert.Equal("QUILLFEATHER", adult.GetProperty("name").GetProperty("lastName").GetString());
        Assert.Equal("FEMALE", adult.GetProperty("gender").GetString());
        var contact = adult.GetProperty("contact");
        Assert.Equal("zephyrine.quill@example.org", contact.GetProperty("emailAddress").GetString());
        var phone = Assert.Single(contact.GetProperty("phones").EnumerateArray());
        Assert.Equal("34", phone.GetProperty("countryCallingCode").GetString());
        Assert.Equal("480080076", phone.GetProperty("number").GetString());
        var passport = Assert.Single(adult.GetProperty("documents").EnumerateArray());
        Assert.Equal("PASSPORT", passport.GetProperty("documentType").GetString());
        Assert.Equal("XK9931177", passport.GetProperty("number").GetString());
        Assert.Equal("2031-04-14", passport.GetProperty("expiryDate").GetString());
        Assert.Equal("ES", passport.GetProperty("issuanceCountry").GetString());
        Assert.Equal("ES", passport.GetProperty("nationality").GetString());
        Assert.True(passport.GetProperty("holder").GetBoolean());
        var child = travelers[1];
        Assert.Equal("2", child.GetProperty("id").GetString());
        Assert.Equal("OTTOLINE", child.GetProperty("name").GetProperty("firstName").GetString());
        Assert.False(child.TryGetProperty("contact", out _));
        Assert.Contains(ClientReference.ToUpperInvariant(),
            data.GetProperty("remarks").GetProperty("general")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hotel_order_sends_the_guests_the_vendor_offer_id_and_the_test_card_and_maps_the_confirmation()
    {
        await using var host = StartHost();
        var offer = await RecheckedHotelAsync(host);
        host.Fake.GivenHotelOrder();

        var order = await Provider(host).OrderHotelAsync(offer, [Adult, Child], ClientReference, Ct);

        Assert.Equal("89922710", order.Reference);
        Assert.Equal(new Money(810.50m, "GBP"), order.Price);
        Assert.Equal("hotel-orders/V0g2VFJaLzIwMjQtMDYtMDc=", order.ProviderOrderId);

        var sent = Assert.Single(host.Fake.OrderCalls(AmadeusOrderFake.HotelOrdersPath));
        using var body = JsonDocument.Parse(sent.RequestMessage?.Body ?? "{}");
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("hotel-order", data.GetProperty("type").GetString());
        var guests = data.GetProperty("guests");
        Assert.Equal(2, guests.GetArrayLength());
        Assert.Equal(1, guests[0].GetProperty("tid").GetInt32());
        Assert.Equal("MS", guests[0].GetProperty("title").GetString());
        Assert.Equal("ZEPHYRINE", guests[0].GetProperty("firstName").GetString());
        Assert.Equal("QUILLFEATHER", guests[0].GetProperty("lastName").GetString());
        Assert.Equal("zephyrine.quill@example.org", guests[0].GetProperty("email").GetString());
        var room = Assert.Single(data.GetProperty("roomAssociations").EnumerateArray());
        Assert.Equal("TSXOJ6LFQ2", room.GetProperty("hotelOfferId").GetString());
        Assert.Equal(["1", "2"], room.GetProperty("guestReferences").EnumerateArray().Select(g => g.GetProperty("guestReference").GetString()));
        Assert.Equal("zephyrine.quill@example.org", data.GetProperty("travelAgent").GetProperty("contact").GetProperty("email").GetString());
        var payment = data.GetProperty("payment");
        Assert.Equal("CREDIT_CARD", payment.GetProperty("method").GetString());
        var card = payment.GetProperty("paymentCard").GetProperty("paymentCardInfo");
        Assert.Equal(AmadeusOrderFake.TestCardNumber, card.GetProperty("cardNumber").GetString());
        Assert.Equal("2030-08", card.GetProperty("expiryDate").GetString());
        Assert.Equal("VI", card.GetProperty("vendorCode").GetString());
    }

    [Fact]
    public async Task A_hotel_order_without_a_configured_test_card_is_refused_before_calling_Amadeus()
    {
        await using var host = VendorHost.Start(google: false).WithToken();
        var offer = await RecheckedHotelAsync(host);
        host.Fake.GivenHotelOrder();

        var error = await Assert.ThrowsAsync<ProviderRejectedException>(
            () => Provider(host).OrderHotelAsync(offer, [Adult], ClientReference, Ct));

        Assert.Contains("Amadeus__TestPaymentCard__Number", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Fake.HotelOrderCalls());
    }

    [Fact]
    public async Task A_SEGMENT_SELL_FAILURE_is_a_rejection_carrying_Amadeus_words_and_is_not_retried()
    {
        await using var host = StartHost();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.GivenFlightOrder(400, "amadeus/flight-order-error-400-segment-sell.json");
        var offer = await PricedFlightAsync(host);

        var error = await Assert.ThrowsAsync<ProviderRejectedException>(
            () => Provider(host).OrderFlightAsync(offer, [Adult, Child], ClientReference, Ct));

        Assert.Equal("amadeus", error.Provider);
        Assert.Contains("SEGMENT SELL FAILURE", error.Message, StringComparison.Ordinal);
        Assert.Contains("Could not sell segment 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Fake.FlightOrderCalls());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_makes_the_outcome_unknown_and_reaches_Amadeus_exactly_once(int status)
    {
        await using var host = StartHost();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.GivenFlightOrder(status, "amadeus/error-500.json");
        var offer = await PricedFlightAsync(host);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => Provider(host).OrderFlightAsync(offer, [Adult, Child], ClientReference, Ct));

        Assert.Equal("amadeus", error.Dependency);
        Assert.Equal(1, host.Fake.FlightOrderCalls());
    }

    [Fact]
    public async Task A_server_error_on_a_hotel_order_reaches_Amadeus_exactly_once()
    {
        await using var host = StartHost();
        var offer = await RecheckedHotelAsync(host);
        host.Fake.GivenHotelOrder(500, "amadeus/error-500.json");

        await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => Provider(host).OrderHotelAsync(offer, [Adult], ClientReference, Ct));

        Assert.Equal(1, host.Fake.HotelOrderCalls());
    }

    [Fact]
    public async Task An_order_slower_than_the_order_time_out_fails_as_unknown_and_is_sent_once()
    {
        await using var host = StartHost(orderTimeoutSeconds: 1);
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.GivenFlightOrder(delay: TimeSpan.FromSeconds(3));
        var offer = await PricedFlightAsync(host);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => Provider(host).OrderFlightAsync(offer, [Adult, Child], ClientReference, Ct));

        Assert.Contains("unknown", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await host.Fake.SettledOrderCallsAsync(AmadeusOrderFake.FlightOrdersPath, TimeSpan.FromSeconds(2), Ct));
    }

    [Fact]
    public async Task A_rejected_token_on_an_order_is_renewed_and_the_order_sent_again_once()
    {
        await using var host = VendorHost.Start(settings: s => AddOrderSettings(s, 30), google: false);
        host.Fake.GivenRotatingTokens();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.Given(WireMock.RequestBuilders.Request.Create().WithPath(AmadeusOrderFake.FlightOrdersPath).UsingPost()
                .WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(AmadeusFake.Json(401, VendorHost.Fixture("amadeus/error-401-invalid-token.json")));
        host.Fake.Given(WireMock.RequestBuilders.Request.Create().WithPath(AmadeusOrderFake.FlightOrdersPath).UsingPost()
                .WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(AmadeusFake.Json(201, VendorHost.Fixture("amadeus/flight-order-created.json")));
        var offer = await PricedFlightAsync(host);

        var order = await Provider(host).OrderFlightAsync(offer, [Adult, Child], ClientReference, Ct);

        Assert.Equal("MLG4XV", order.Reference);
        var calls = host.Fake.OrderCalls(AmadeusOrderFake.FlightOrdersPath);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], calls.Select(c => VendorHost.Header(c, "Authorization")));
    }

    [Fact]
    public async Task A_flight_order_is_cancelled_with_a_DELETE_of_the_Amadeus_order()
    {
        await using var host = StartHost();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.GivenFlightOrder();
        host.Fake.GivenFlightOrderCancel();
        var offer = await PricedFlightAsync(host);
        var order = await Provider(host).OrderFlightAsync(offer, [Adult, Child], ClientReference, Ct);

        await Provider(host).CancelAsync(order, Ct);

        var deleted = Assert.Single(host.Fake.LogEntries, e => e.RequestMessage?.Method == "DELETE");
        Assert.StartsWith(AmadeusOrderFake.FlightOrdersPath + "/eJzTd9f3NjIJdjUGAAtfAmE", deleted.RequestMessage?.Path, StringComparison.Ordinal);
        Assert.Equal(204, deleted.ResponseMessage?.StatusCode);
    }

    [Fact]
    public async Task A_hotel_order_cannot_be_cancelled_through_self_service_and_says_so()
    {
        await using var host = StartHost();
        var order = new ProviderOrder("amadeus", "89922710", new Money(810.50m, "GBP"), "hotel-orders/V0g2VFJaLzIwMjQtMDYtMDc=");

        var error = await Assert.ThrowsAsync<ProviderRejectedException>(() => Provider(host).CancelAsync(order, Ct));

        Assert.Contains("no hotel cancellation", error.Message, StringComparison.Ordinal);
        Assert.Contains("89922710", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Fake.LogEntries, e => e.RequestMessage?.Method == "DELETE");
    }

    [Fact]
    public async Task An_order_cannot_be_looked_up_by_our_reference_so_reconciliation_is_manual()
    {
        await using var host = StartHost();

        Assert.Null(await Provider(host).FindOrderAsync(ClientReference, Ct));
        Assert.Empty(host.Fake.LogEntries);
    }

    [Fact]
    public async Task No_traveller_name_passport_email_or_phone_reaches_any_log_line()
    {
        await using var host = StartHost();
        host.Fake.GivenPost(AmadeusFake.FlightOffersPath, "amadeus/flight-offers-post.json");
        host.Fake.GivenPost(AmadeusFake.PricingPath, "amadeus/flight-offers-price.json");
        host.Fake.GivenHotelOrder(500, "amadeus/error-500.json");
        host.Fake.GivenFlightOrder();
        var flight = await PricedFlightAsync(host);
        var hotel = await RecheckedHotelAsync(host);

        await Provider(host).OrderFlightAsync(flight, [Adult, Child], ClientReference, Ct);
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => Provider(host).OrderHotelAsync(hotel, [Adult, Child], ClientReference, Ct));

        var records = host.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.Message.Contains(ClientReference, StringComparison.Ordinal));
        var everything = string.Join('\n', records.Select(r =>
            r.Message + " " + string.Join(' ', r.StructuredState?.Select(kv => kv.Value) ?? []) + " " + r.Exception));
        foreach (var secret in new[]
        {
            "Quillfeather", "Zéphyrine", "Zephyrine", "Ottoline", "XK9931177", "XK9931178", "zephyrine.quill@example.org",
            "480080076", "480 080 076", AmadeusOrderFake.TestCardNumber, "1982-01-16",
        })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Without_Amadeus_no_Amadeus_booking_provider_is_registered()
    {
        await using var app = VendorHost.Build(new Dictionary<string, string?>(), null, null, out _);

        Assert.DoesNotContain(app.Services.GetServices<IBookingProvider>(), p => p.Source == Sources.Amadeus);
    }

    [Theory]
    [InlineData("https://api.amadeus.com", "4151289722471370", "2030-08", "for the Amadeus test environment only")]
    [InlineData("https://test.api.amadeus.com", "4151-2897", "2030-08", "Amadeus__TestPaymentCard needs")]
    [InlineData("https://test.api.amadeus.com", "4151289722471370", "08/30", "Amadeus__TestPaymentCard needs")]
    [InlineData("https://test.api.amadeus.com", "4151289722471370", "2030-08", null)]
    public void A_test_card_must_be_well_formed_and_is_refused_with_production(string baseUrl, string number, string expiry, string? message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Amadeus:ClientId"] = "id",
            ["Amadeus:ClientSecret"] = "secret",
            ["Amadeus:BaseUrl"] = baseUrl,
            ["Amadeus:TestPaymentCard:Number"] = number,
            ["Amadeus:TestPaymentCard:Expiry"] = expiry,
        };

        var error = Record.Exception(() => VendorHost.Build(settings, null, null, out _).DisposeAsync().AsTask().GetAwaiter().GetResult());

        if (message is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(message, Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error).Message, StringComparison.Ordinal);
        }
    }

    private static VendorHost StartHost(int orderTimeoutSeconds = 30) =>
        VendorHost.Start(settings: s =>
        {
            AddOrderSettings(s, orderTimeoutSeconds);
        }, google: false).WithToken();

    private static void AddOrderSettings(Dictionary<string, string?> settings, int orderTimeoutSeconds)
    {
        foreach (var (key, value) in AmadeusOrderFake.OrderSettings(orderTimeoutSeconds))
        {
            settings[key] = value;
        }
    }

    private static IBookingProvider Provider(VendorHost host) =>
        Assert.Single(host.Services.GetServices<IBookingProvider>(), p => p.Source == Sources.Amadeus);

    /// <summary>Searched then priced: the server-side store holds the priced document; the searched offer is returned.</summary>
    private static async Task<FlightOffer> PricedFlightAsync(VendorHost host)
    {
        var offers = await host.Flights.SearchAsync(BostonMadridReturn, Ct);
        var check = await host.Flights.PriceAsync(offers[0], Ct);
        Assert.True(check.Available);
        Assert.Equal(new Money(4301.10m, "USD"), offers[0].TotalPrice);
        return offers[0];
    }

    private static async Task<HotelOffer> RecheckedHotelAsync(VendorHost host)
    {
        host.Fake.GivenGet("/v1/reference-data/locations/hotels/by-city", "amadeus/hotels-by-city-lon.json");
        host.Fake.GivenGet("/v3/shopping/hotel-offers", "amadeus/hotel-offers.json");
        host.Fake.GivenGet("/v3/shopping/hotel-offers/TSXOJ6LFQ2", "amadeus/hotel-offer-recheck.json");
        var marriott = (await host.Hotels.SearchAsync(LondonTwoNights, Ct)).Single(o => o.Hotel.HotelId == "MCLONGHM");
        var check = await host.Hotels.RecheckAsync(marriott, Ct);
        Assert.True(check.Available);
        return check.Offer;
    }
}

internal static class VendorHostOrderExtensions
{
    public static VendorHost WithToken(this VendorHost host)
    {
        host.Fake.GivenToken();
        return host;
    }
}
