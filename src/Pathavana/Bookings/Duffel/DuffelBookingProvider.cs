using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Pathavana.Inventory;
using Pathavana.Inventory.Duffel;
using Pathavana.Platform;

namespace Pathavana.Bookings.Duffel;

/// <summary>
/// Books Duffel offers and stays, never retrying an order or booking call:
/// flights — <c>POST /air/orders</c> (instant, paid from the Duffel balance) with the offer's
/// passenger ids, names, birth dates, gender, contact, passport, each lap infant linked to an adult
/// (<c>infant_passenger_id</c>) and our booking reference in <c>metadata.pathavana_booking</c>;
/// stays — the quote from the re-check (or a new one), then <c>POST /stays/bookings</c> with the
/// guests, the lead guest's contact and our reference in <c>metadata</c>. Cancelling a flight asks
/// for a refund quote (<c>POST /air/order_cancellations</c>) and confirms it
/// (<c>…/actions/confirm</c>); a stay is cancelled with <c>POST /stays/bookings/{id}/actions/cancel</c>.
/// An order whose answer was lost is found again by our reference in the orders' metadata.
/// </summary>
internal sealed partial class DuffelBookingProvider(
    DuffelClient client,
    DuffelOfferStore store,
    ILogger<DuffelBookingProvider> logger) : IBookingProvider
{
    public const string MetadataKey = "pathavana_booking";
    public const string OrderPrefix = "air/orders/";
    public const string StayPrefix = "stays/bookings/";

    /// <summary>How many pages of recent orders are searched for our reference when an answer was lost.</summary>
    private const int ReconcilePages = 4;

    public string Source => Sources.Duffel;

    public async Task<ProviderOrder> OrderFlightAsync(FlightOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(travelers);
        var stored = await store.FindAsync(offer.Id, cancellationToken)
            ?? throw new ProviderRejectedException(Source, "The flight offer has expired; search and price it again before booking.");
        var vendor = JsonNode.Parse(stored)!.AsObject();
        var passengerSlots = (vendor["passengers"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => (Id: (string)p["id"]!, Type: (string?)p["type"] ?? "adult")).ToList();
        if (passengerSlots.Count != travelers.Count)
        {
            throw new ProviderRejectedException(Source, $"The flight offer was priced for {passengerSlots.Count} traveller(s) but {travelers.Count} were given.");
        }

        // Travellers take the offer's passenger slots by age on the day of the last flight: lap infants, then children, then adults.
        var lastDay = DateOnly.FromDateTime(offer.Itineraries[^1].Segments[^1].Departure.DateTime);
        var byAge = travelers.OrderBy(t => Age(t.DateOfBirth, lastDay)).ToList();
        var slotsByAge = passengerSlots.OrderBy(s => s.Type switch { "infant_without_seat" => 0, "child" => 1, _ => 2 }).ToList();
        var passengers = new JsonArray();
        var infants = new List<string>();
        var adults = new List<JsonObject>();
        for (var i = 0; i < byAge.Count; i++)
        {
            var t = byAge[i];
            var slot = slotsByAge[i];
            var age = Age(t.DateOfBirth, lastDay);
            if ((slot.Type == "infant_without_seat" && age >= 2) || (slot.Type == "adult" && age < 12) || (slot.Type == "child" && age is < 2 or >= 12))
            {
                throw new ProviderRejectedException(Source,
                    $"The offer was priced for an {slot.Type.Replace('_', ' ')} but {t.GivenNames} {t.Surname} is {age}; search again with the right ages.");
            }
            var gender = t.Gender?.Trim().ToLowerInvariant() switch
            {
                "female" or "f" => "f",
                "male" or "m" => "m",
                _ => throw new ProviderRejectedException(Source, $"The airline needs {t.GivenNames} {t.Surname}'s gender as on the passport (female or male)."),
            };
            if (string.IsNullOrWhiteSpace(t.Email) && slot.Type == "adult")
            {
                throw new ProviderRejectedException(Source, $"The airline needs an email address for {t.GivenNames} {t.Surname}.");
            }
            var passenger = new JsonObject
            {
                ["id"] = slot.Id,
                ["title"] = gender == "f" ? "ms" : "mr",
                ["gender"] = gender,
                ["given_name"] = t.GivenNames,
                ["family_name"] = t.Surname,
                ["born_on"] = t.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            if (!string.IsNullOrWhiteSpace(t.Email))
            {
                passenger["email"] = t.Email;
            }
            if (Phone(t.Phone) is { } phone)
            {
                passenger["phone_number"] = phone;
            }
            if (t.PassportNumber is { Length: > 0 } number && t.PassportIssuingCountry is { Length: 2 } country && t.PassportExpiry is { } expiry)
            {
                passenger["identity_documents"] = new JsonArray(new JsonObject
                {
                    ["type"] = "passport",
                    ["unique_identifier"] = number,
                    ["issuing_country_code"] = country.ToUpperInvariant(),
                    ["expires_on"] = expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                });
            }
            if (slot.Type == "infant_without_seat")
            {
                infants.Add(slot.Id);
            }
            else if (slot.Type == "adult")
            {
                adults.Add(passenger);
            }
            passengers.Add(passenger);
        }
        // Each lap infant travels with one adult.
        for (var i = 0; i < infants.Count; i++)
        {
            if (i >= adults.Count)
            {
                throw new ProviderRejectedException(Source, "Each lap infant must travel with an adult.");
            }
            adults[i]["infant_passenger_id"] = infants[i];
        }

        var order = new JsonObject
        {
            ["type"] = "instant",
            ["selected_offers"] = new JsonArray(DuffelFlightProvider.VendorId(offer.Id)),
            ["passengers"] = passengers,
            ["payments"] = new JsonArray(new JsonObject
            {
                ["type"] = "balance",
                ["currency"] = offer.TotalPrice.Currency,
                ["amount"] = offer.TotalPrice.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            }),
            ["metadata"] = new JsonObject { [MetadataKey] = clientReference },
        };
        var created = await SendOrderAsync("order", HttpMethod.Post, "air/orders", order, cancellationToken);
        var placed = FromOrder(created["data"]) ?? throw new ProviderRejectedException(Source, "Duffel answered the order without a booking reference.");
        LogOrdered(logger, clientReference, placed.ProviderOrderId);
        return placed;
    }

    public async Task<ProviderOrder> OrderHotelAsync(HotelOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(travelers);
        var stored = await store.FindAsync(offer.Id, cancellationToken)
            ?? throw new ProviderRejectedException(Source, "The room rate has expired; search again before booking.");
        var kept = JsonNode.Parse(stored)!.AsObject();
        var quoteId = (string?)kept["quote_id"];
        if (quoteId is null)
        {
            // A quote is a price check, not an order: asking for one is safe.
            var quote = await client.SendAsync("stays-quote", HttpMethod.Post, "stays/quotes", new JsonObject { ["rate_id"] = (string?)kept["rate_id"] }, cancellationToken);
            quoteId = (string?)quote["data"]?["id"] ?? throw new ProviderRejectedException(Source, "Duffel did not quote the room rate.");
        }
        var lead = travelers.Count > 0 ? travelers[0] : throw new ProviderRejectedException(Source, "At least one guest is needed to book a stay.");
        if (string.IsNullOrWhiteSpace(lead.Email) || Phone(lead.Phone) is not { } phone)
        {
            throw new ProviderRejectedException(Source, $"The hotel needs {lead.GivenNames} {lead.Surname}'s email and an international phone number (+…).");
        }
        var booking = new JsonObject
        {
            ["quote_id"] = quoteId,
            ["guests"] = new JsonArray([.. travelers.Select(t => (JsonNode)new JsonObject { ["given_name"] = t.GivenNames, ["family_name"] = t.Surname })]),
            ["email"] = lead.Email,
            ["phone_number"] = phone,
            ["metadata"] = new JsonObject { [MetadataKey] = clientReference },
        };
        var created = await SendOrderAsync("stays-booking", HttpMethod.Post, "stays/bookings", booking, cancellationToken);
        var data = created["data"];
        var id = (string?)data?["id"] ?? throw new ProviderRejectedException(Source, "Duffel answered the booking without an id.");
        var reference = (string?)data?["reference"] ?? id;
        var total = data?["total_amount"] is JsonValue amount && decimal.TryParse(amount.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var paid)
            ? new Money(paid, (string?)data?["total_currency"] ?? offer.Total.Currency) : offer.Total;
        LogOrdered(logger, clientReference, StayPrefix + id);
        return new ProviderOrder(Source, reference, total, StayPrefix + id);
    }

    public async Task<ProviderOrder?> FindOrderAsync(string clientReference, CancellationToken cancellationToken)
    {
        string? after = null;
        for (var page = 0; page < ReconcilePages; page++)
        {
            var list = await client.SendAsync("orders", HttpMethod.Get, "air/orders?limit=50" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), null, cancellationToken);
            foreach (var order in (list["data"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)order["metadata"]?[MetadataKey] == clientReference)
                {
                    return FromOrder(order);
                }
            }
            after = (string?)list["meta"]?["after"];
            if (after is null)
            {
                break;
            }
        }
        return null;
    }

    public async Task<ProviderCancellation> CancelAsync(ProviderOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.ProviderOrderId?.StartsWith(StayPrefix, StringComparison.Ordinal) == true)
        {
            var id = order.ProviderOrderId[StayPrefix.Length..];
            await SendOrderAsync("stays-cancel", HttpMethod.Post, $"stays/bookings/{Uri.EscapeDataString(id)}/actions/cancel", null, cancellationToken);
            return new ProviderCancellation(null, "The hotel booking is cancelled; any refund follows the rate's cancellation terms.");
        }
        if (order.ProviderOrderId?.StartsWith(OrderPrefix, StringComparison.Ordinal) != true)
        {
            throw new ProviderRejectedException(Source, "This booking has no Duffel order to cancel.");
        }
        var orderId = order.ProviderOrderId[OrderPrefix.Length..];
        var quote = await SendOrderAsync("order-cancellation", HttpMethod.Post, "air/order_cancellations", new JsonObject { ["order_id"] = orderId }, cancellationToken);
        var cancellationId = (string?)quote["data"]?["id"] ?? throw new ProviderRejectedException(Source, "Duffel did not quote the cancellation.");
        var refund = Refund(quote["data"]);
        var confirmed = await SendOrderAsync("order-cancellation-confirm", HttpMethod.Post,
            $"air/order_cancellations/{Uri.EscapeDataString(cancellationId)}/actions/confirm", null, cancellationToken);
        refund = Refund(confirmed["data"]) ?? refund;
        var to = (string?)confirmed["data"]?["refund_to"] ?? (string?)quote["data"]?["refund_to"];
        return new ProviderCancellation(refund, refund is { } r
            ? $"Refund of {r} to {(to ?? "the original payment").Replace('_', ' ')}."
            : "The airline refunds nothing for this fare.");
    }

    /// <summary>An order call through the client's order pipeline (never retried); Duffel's refusal becomes the booking's.</summary>
    private async Task<JsonNode> SendOrderAsync(string operation, HttpMethod method, string path, JsonNode? data, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendOrderAsync(operation, method, path, data, cancellationToken);
        }
        catch (ProviderRequestException refused)
        {
            throw new ProviderRejectedException(Source, refused.Detail, refused);
        }
    }

    private static Money? Refund(JsonNode? cancellation) =>
        cancellation?["refund_amount"] is JsonValue v && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            && (string?)cancellation["refund_currency"] is { } currency
            ? new Money(amount, currency) : null;

    private ProviderOrder? FromOrder(JsonNode? order)
    {
        var id = (string?)order?["id"];
        var reference = (string?)order?["booking_reference"];
        if (id is null || reference is null)
        {
            return null;
        }
        var total = decimal.TryParse((string?)order!["total_amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : 0m;
        return new ProviderOrder(Source, reference, new Money(total, (string?)order["total_currency"] ?? "USD"), OrderPrefix + id);
    }

    private static int Age(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        return born.AddYears(age) > on ? age - 1 : age;
    }

    /// <summary>An E.164 phone number (+ and digits) or null: Duffel accepts nothing else.</summary>
    private static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || !phone.TrimStart().StartsWith('+'))
        {
            return null;
        }
        var digits = new StringBuilder("+");
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }
        return digits.Length is >= 8 and <= 16 ? digits.ToString() : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Duffel confirmed booking {BookingReference} as {ProviderOrderId}")]
    private static partial void LogOrdered(ILogger logger, string bookingReference, string? providerOrderId);
}
