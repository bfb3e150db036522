using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pathavana.Inventory;
using Pathavana.Inventory.Amadeus;
using Pathavana.Platform;
using Pathavana.Platform.Http;

namespace Pathavana.Bookings.Amadeus;

/// <summary>
/// Books Amadeus offers: Flight Create Orders (<c>POST /v1/booking/flight-orders</c>) with the priced
/// offer document kept server-side under our offer id, and Hotel Booking v2
/// (<c>POST /v2/booking/hotel-orders</c>) with the vendor's offer id. Order calls are never retried
/// (see <see cref="AmadeusOrderClient"/>). Amadeus cannot look an order up by our reference, so
/// <see cref="FindOrderAsync"/> answers null: an order whose outcome is unknown (time-out, 5xx)
/// stays pending for manual reconciliation; our reference travels in the flight order's remarks so
/// it can be found in the PNR. Traveller data goes onto the wire only and is never logged.
/// </summary>
internal sealed partial class AmadeusBookingProvider(
    AmadeusOrderClient orders,
    AmadeusOfferStore store,
    IOptions<AmadeusOptions> options,
    ILogger<AmadeusBookingProvider> logger) : IBookingProvider
{
    public const string FlightOrdersPath = "v1/booking/flight-orders";
    public const string HotelOrdersPath = "v2/booking/hotel-orders";

    /// <summary><see cref="ProviderOrder.ProviderOrderId"/> is the Amadeus resource: <c>flight-orders/{id}</c> or <c>hotel-orders/{id}</c>.</summary>
    public const string FlightOrderPrefix = "flight-orders/";
    public const string HotelOrderPrefix = "hotel-orders/";

    private const string FlightOperation = "flight-create-orders";
    private const string HotelOperation = "hotel-booking";
    private const string CancelOperation = "flight-order-cancel";

    public string Source => Sources.Amadeus;

    public async Task<ProviderOrder> OrderFlightAsync(
        FlightOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(travelers);
        if (travelers.Count == 0)
        {
            throw new ProviderRejectedException(Source, "At least one traveller is needed to book a flight.");
        }
        var stored = await store.FindAsync(offer.Id, cancellationToken)
            ?? throw new ProviderRejectedException(Source, "The flight offer has expired; search and price it again before booking.");

        using var document = JsonDocument.Parse(stored);
        var vendorOffer = document.RootElement;
        var travelerIds = TravelerIds(vendorOffer);
        if (travelerIds.Count != travelers.Count)
        {
            throw new ProviderRejectedException(Source,
                $"The flight offer was priced for {travelerIds.Count} traveller(s) but {travelers.Count} were given.");
        }

        var body = new AmFlightOrderRequest(new AmFlightOrderRequestData(
            "flight-order",
            [vendorOffer],
            travelers.Select((t, i) => ToAmadeus(travelerIds[i], t)).ToList(),
            new AmRemarks([new AmGeneralRemark("GENERAL_MISCELLANEOUS", "PATHAVANA REF " + RemarkText(clientReference))])));

        var response = await orders.SendAsync(FlightOperation,
            () => new HttpRequestMessage(HttpMethod.Post, FlightOrdersPath)
            {
                Content = JsonContent.Create(body, AmadeusOrderJsonContext.Default.AmFlightOrderRequest),
            },
            AmadeusOrderJsonContext.Default.AmFlightOrderResponse, cancellationToken);

        var order = response?.Data;
        var reference = order?.AssociatedRecords?.Select(r => r.Reference).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
        if (order?.Id is not { Length: > 0 } orderId || reference is null)
        {
            LogUnreadableOrder(logger, FlightOperation, clientReference);
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                "Amadeus answered the flight order without an order id or record locator; it must be reconciled by hand.");
        }

        var price = order.FlightOffers is { Count: > 0 } offers && offers[0].Price is { Currency: { Length: 3 } currency } paid
            && (paid.GrandTotal ?? paid.Total) is { } amount
            ? new Money(amount, currency.ToUpperInvariant())
            : offer.TotalPrice;
        LogOrdered(logger, FlightOperation, clientReference);
        return new ProviderOrder(Source, reference.Trim(), price, FlightOrderPrefix + orderId);
    }

    public async Task<ProviderOrder> OrderHotelAsync(
        HotelOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(travelers);
        var settings = options.Value;
        if (settings.IsProduction)
        {
            throw new ProviderRejectedException(Source,
                "Hotel Booking v2 needs a payment card as guarantee; Pathavana does not handle real cards, so it books Amadeus hotels in the test environment only.");
        }
        var card = settings.TestPaymentCard;
        if (!card.Configured)
        {
            throw new ProviderRejectedException(Source,
                "Hotel Booking v2 needs a payment card as guarantee; set Amadeus__TestPaymentCard__Number and Amadeus__TestPaymentCard__Expiry to an Amadeus test card.");
        }
        var rooms = Math.Max(1, offer.Rooms);
        if (travelers.Count < rooms)
        {
            throw new ProviderRejectedException(Source, $"Each of the {rooms} rooms needs at least one guest; {travelers.Count} given.");
        }
        var stored = await store.FindAsync(offer.Id, cancellationToken);
        var vendorOfferId = stored is null ? null : HotelOfferId(stored);
        if (vendorOfferId is null)
        {
            throw new ProviderRejectedException(Source, "The hotel offer has expired; search and check it again before booking.");
        }

        var guests = travelers.Select((t, i) => new AmHotelGuest(
            i + 1,
            Title(t.Gender),
            Name(t.GivenNames),
            Name(t.Surname),
            string.IsNullOrWhiteSpace(t.Phone) ? null : t.Phone.Trim(),
            string.IsNullOrWhiteSpace(t.Email) ? null : t.Email.Trim())).ToList();
        // Guests are spread over the rooms; the first guest of each room holds it.
        var associations = Enumerable.Range(0, rooms)
            .Select(room => new AmRoomAssociation(
                guests.Where((_, i) => i % rooms == room).Select(g => new AmGuestReference(g.Tid.ToString(CultureInfo.InvariantCulture))).ToList(),
                vendorOfferId))
            .ToList();
        var contactEmail = guests.Select(g => g.Email).FirstOrDefault(e => e is not null);
        var body = new AmHotelOrderRequest(new AmHotelOrderRequestData(
            "hotel-order",
            guests,
            contactEmail is null ? null : new AmTravelAgent(new AmTravelAgentContact(contactEmail)),
            associations,
            new AmHotelPayment("CREDIT_CARD", new AmPaymentCard(new AmPaymentCardInfo(
                card.VendorCode.ToUpperInvariant(), card.Number!, card.Expiry!, card.HolderName)))));

        var response = await orders.SendAsync(HotelOperation,
            () => new HttpRequestMessage(HttpMethod.Post, HotelOrdersPath)
            {
                Content = JsonContent.Create(body, AmadeusOrderJsonContext.Default.AmHotelOrderRequest),
            },
            AmadeusOrderJsonContext.Default.AmHotelOrderResponse, cancellationToken);

        var order = response?.Data;
        var booking = order?.HotelBookings is { Count: > 0 } bookings ? bookings[0] : null;
        var confirmation = booking?.HotelProviderInformation?.Select(p => p.ConfirmationNumber).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))
            ?? order?.AssociatedRecords?.Select(r => r.Reference).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
        if (order?.Id is not { Length: > 0 } orderId || confirmation is null)
        {
            LogUnreadableOrder(logger, HotelOperation, clientReference);
            throw new DependencyUnavailableException(AmadeusClient.Dependency,
                "Amadeus answered the hotel order without an order id or confirmation number; it must be reconciled by hand.");
        }
        if (booking?.BookingStatus is { } status && !string.Equals(status, "CONFIRMED", StringComparison.OrdinalIgnoreCase))
        {
            LogHotelStatus(logger, clientReference, status);
        }

        var price = booking?.HotelOffer?.Price is { Currency: { Length: 3 } currency } paid && (paid.Total ?? paid.SellingTotal) is { } amount
            ? new Money(amount, currency.ToUpperInvariant())
            : offer.Total;
        LogOrdered(logger, HotelOperation, clientReference);
        return new ProviderOrder(Source, confirmation.Trim(), price, HotelOrderPrefix + orderId);
    }

    /// <summary>
    /// Always null: Amadeus Self-Service retrieves an order only by its own id, which is unknown when
    /// the create call timed out. Such a booking stays pending for manual reconciliation (the flight
    /// PNR carries the remark <c>PATHAVANA REF {clientReference}</c>).
    /// </summary>
    public Task<ProviderOrder?> FindOrderAsync(string clientReference, CancellationToken cancellationToken) =>
        Task.FromResult<ProviderOrder?>(null);

    public async Task<ProviderCancellation> CancelAsync(ProviderOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var id = order.ProviderOrderId;
        if (id is not null && id.StartsWith(HotelOrderPrefix, StringComparison.Ordinal))
        {
            throw new ProviderRejectedException(Source,
                $"Amadeus Self-Service offers no hotel cancellation; cancel with the hotel quoting confirmation number {order.Reference}.");
        }
        if (id is null || !id.StartsWith(FlightOrderPrefix, StringComparison.Ordinal) || id.Length == FlightOrderPrefix.Length)
        {
            throw new ProviderRejectedException(Source, "This booking carries no Amadeus order id, so it cannot be cancelled through Amadeus.");
        }

        var orderId = id[FlightOrderPrefix.Length..];
        // Amadeus hands out flight order ids already URL-encoded ("…AmE%3D").
        var path = "v1/booking/flight-orders/" + (orderId.Contains('%', StringComparison.Ordinal) ? orderId : Uri.EscapeDataString(orderId));
        await orders.SendAsync<AmFlightOrderResponse>(CancelOperation,
            () => new HttpRequestMessage(HttpMethod.Delete, path), responseType: null, cancellationToken);
        LogCancelled(logger, CancelOperation);
        return new ProviderCancellation(null, "The airline order is cancelled; any refund follows the fare rules.");
    }

    /// <summary>The traveller ids the priced offer expects, in order ("1", "2", …).</summary>
    private static List<string> TravelerIds(JsonElement offer)
    {
        var ids = new List<string>();
        if (offer.TryGetProperty("travelerPricings", out var pricings) && pricings.ValueKind == JsonValueKind.Array)
        {
            foreach (var pricing in pricings.EnumerateArray())
            {
                if (pricing.TryGetProperty("travelerId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value)
                {
                    ids.Add(value);
                }
            }
        }
        return ids;
    }

    private static string? HotelOfferId(string stored)
    {
        try
        {
            var id = JsonSerializer.Deserialize(stored, AmadeusJsonContext.Default.AmHotelOffer)?.Id;
            return id is { Length: > 1 } && id.All(char.IsAsciiLetterOrDigit) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static AmOrderTraveler ToAmadeus(string id, BookingTraveler traveler)
    {
        var phone = Phone(traveler.Phone);
        var email = string.IsNullOrWhiteSpace(traveler.Email) ? null : traveler.Email.Trim();
        AmTravelerDocument[]? documents = string.IsNullOrWhiteSpace(traveler.PassportNumber)
            ? null
            :
            [
                new AmTravelerDocument(
                    "PASSPORT",
                    traveler.PassportNumber.Trim().ToUpperInvariant(),
                    traveler.PassportExpiry is { } expiry ? AmadeusMapping.Date(expiry) : null,
                    Country(traveler.PassportIssuingCountry),
                    Country(traveler.PassportIssuingCountry),
                    Country(traveler.Nationality),
                    Holder: true),
            ];
        return new AmOrderTraveler(
            id,
            AmadeusMapping.Date(traveler.DateOfBirth),
            new AmTravelerName(Name(traveler.GivenNames), Name(traveler.Surname)),
            Gender(traveler.Gender),
            email is null && phone is null ? null : new AmTravelerContact(email, phone is null ? null : [phone]),
            documents);
    }

    /// <summary>
    /// Names as airline systems take them: upper-case Latin letters, spaces and hyphens (José -> JOSE,
    /// Müller -> MULLER, Øre -> ORE). The app runs with invariant globalization, so accents are folded
    /// from a table rather than by Unicode normalization; other scripts are dropped.
    /// </summary>
    internal static string Name(string value)
    {
        var name = new StringBuilder(value.Length + 4);
        foreach (var c in value.Trim())
        {
            if (char.IsAsciiLetter(c) || c is ' ' or '-')
            {
                name.Append(char.ToUpperInvariant(c));
            }
            else if (c is '\'' or '.' or ',' or '\u2019')
            {
                name.Append(' ');
            }
            else if (LatinFolds.TryGetValue(c, out var folded))
            {
                name.Append(folded);
            }
        }
        var result = string.Join(' ', name.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return result.Length > 0 ? result : value.Trim().ToUpperInvariant();
    }

    private static readonly Dictionary<char, string> LatinFolds = BuildFolds();

    private static Dictionary<char, string> BuildFolds()
    {
        var groups = new (string Letters, string Ascii)[]
        {
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "A"), ("ÇçĆćĈĉĊċČč", "C"), ("ÐđĎďĐ", "D"), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "E"),
            ("ĜĝĞğĠġĢģ", "G"), ("ĤĥĦħ", "H"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "I"), ("Ĵĵ", "J"), ("Ķķ", "K"),
            ("ĹĺĻļĽľĿŀŁł", "L"), ("ÑñŃńŅņŇň", "N"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "O"), ("ŔŕŖŗŘř", "R"),
            ("ŚśŜŝŞşŠšȘș", "S"), ("ŢţŤťŦŧȚț", "T"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "U"), ("Ŵŵ", "W"),
            ("ÝýÿŶŷŸ", "Y"), ("ŹźŻżŽž", "Z"), ("Ææ", "AE"), ("Œœ", "OE"), ("ß", "SS"), ("Þþ", "TH"),
        };
        var folds = new Dictionary<char, string>();
        foreach (var (letters, ascii) in groups)
        {
            foreach (var letter in letters)
            {
                folds[letter] = ascii;
            }
        }
        return folds;
    }

    internal static string? Gender(string? gender) => gender?.Trim().ToUpperInvariant() switch
    {
        "M" or "MALE" => "MALE",
        "F" or "FEMALE" => "FEMALE",
        _ => null,
    };

    private static string? Title(string? gender) => Gender(gender) switch
    {
        "MALE" => "MR",
        "FEMALE" => "MS",
        _ => null,
    };

    private static string? Country(string? code) =>
        code is { Length: 2 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant() : null;

    /// <summary>
    /// "+34 480 080 076" -> calling code 34, number 480080076. The calling code's length follows the
    /// ITU numbering zones (1 and 7 are one digit; the listed two-digit codes; everything else three).
    /// A number without a leading + is not sent as a phone (Amadeus needs the calling code).
    /// </summary>
    internal static AmPhone? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var trimmed = phone.Trim();
        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal);
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        if (!international || digits.Length < 6)
        {
            return null;
        }
        var length = digits[0] is '1' or '7' ? 1 : TwoDigitCodes.Contains(digits[..2]) ? 2 : 3;
        return new AmPhone("MOBILE", digits[..length], digits[length..]);
    }

    private static readonly HashSet<string> TwoDigitCodes =
    [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];

    /// <summary>Remarks take letters, digits, spaces and a few signs; our reference is a GUID or similar.</summary>
    private static string RemarkText(string clientReference)
    {
        var text = new string(clientReference.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray()).ToUpperInvariant();
        return text.Length > 60 ? text[..60] : text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus {Operation} placed the order for booking {ClientReference}")]
    private static partial void LogOrdered(ILogger logger, string operation, string clientReference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Amadeus {Operation} answered booking {ClientReference} without a usable reference; reconcile by hand")]
    private static partial void LogUnreadableOrder(ILogger logger, string operation, string clientReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus hotel order for booking {ClientReference} has status {Status}")]
    private static partial void LogHotelStatus(ILogger logger, string clientReference, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus {Operation} cancelled the order")]
    private static partial void LogCancelled(ILogger logger, string operation);
}
