using System.Text.Json;
using System.Text.Json.Serialization;
using Pathavana.Inventory.Amadeus;

namespace Pathavana.Bookings.Amadeus;

// The slice of Flight Create Orders (v1) and Hotel Booking (v2) JSON the booking provider writes
// and reads. Request records carry traveller data: they are serialized straight onto the wire and
// never logged. Response fields are all nullable: a missing field is reported, never trusted.

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AmFlightOrderRequest))]
[JsonSerializable(typeof(AmFlightOrderResponse))]
[JsonSerializable(typeof(AmHotelOrderRequest))]
[JsonSerializable(typeof(AmHotelOrderResponse))]
internal sealed partial class AmadeusOrderJsonContext : JsonSerializerContext;

// POST /v1/booking/flight-orders
internal sealed record AmFlightOrderRequest(AmFlightOrderRequestData Data);

internal sealed record AmFlightOrderRequestData(
    string Type,
    IReadOnlyList<JsonElement> FlightOffers,
    IReadOnlyList<AmOrderTraveler> Travelers,
    AmRemarks? Remarks);

internal sealed record AmOrderTraveler(
    string Id,
    string DateOfBirth,
    AmTravelerName Name,
    string? Gender,
    AmTravelerContact? Contact,
    IReadOnlyList<AmTravelerDocument>? Documents);

internal sealed record AmTravelerName(string FirstName, string LastName);

internal sealed record AmTravelerContact(string? EmailAddress, IReadOnlyList<AmPhone>? Phones);

internal sealed record AmPhone(string DeviceType, string CountryCallingCode, string Number);

internal sealed record AmTravelerDocument(
    string DocumentType,
    string Number,
    string? ExpiryDate,
    string? IssuanceCountry,
    string? ValidityCountry,
    string? Nationality,
    bool Holder);

internal sealed record AmRemarks(IReadOnlyList<AmGeneralRemark> General);

internal sealed record AmGeneralRemark(string SubType, string Text);

internal sealed record AmFlightOrderResponse(AmFlightOrder? Data);

internal sealed record AmFlightOrder(
    string? Type,
    string? Id,
    IReadOnlyList<AmAssociatedRecord>? AssociatedRecords,
    IReadOnlyList<AmFlightOffer>? FlightOffers);

internal sealed record AmAssociatedRecord(string? Reference, string? CreationDate, string? OriginSystemCode, string? FlightOfferId);

// POST /v2/booking/hotel-orders
internal sealed record AmHotelOrderRequest(AmHotelOrderRequestData Data);

internal sealed record AmHotelOrderRequestData(
    string Type,
    IReadOnlyList<AmHotelGuest> Guests,
    AmTravelAgent? TravelAgent,
    IReadOnlyList<AmRoomAssociation> RoomAssociations,
    AmHotelPayment Payment);

internal sealed record AmHotelGuest(int Tid, string? Title, string FirstName, string LastName, string? Phone, string? Email);

internal sealed record AmTravelAgent(AmTravelAgentContact Contact);

internal sealed record AmTravelAgentContact(string Email);

internal sealed record AmRoomAssociation(IReadOnlyList<AmGuestReference> GuestReferences, string HotelOfferId);

internal sealed record AmGuestReference(string GuestReference);

internal sealed record AmHotelPayment(string Method, AmPaymentCard PaymentCard);

internal sealed record AmPaymentCard(AmPaymentCardInfo PaymentCardInfo);

internal sealed record AmPaymentCardInfo(string VendorCode, string CardNumber, string ExpiryDate, string HolderName);

internal sealed record AmHotelOrderResponse(AmHotelOrder? Data);

internal sealed record AmHotelOrder(
    string? Type,
    string? Id,
    IReadOnlyList<AmHotelBooking>? HotelBookings,
    IReadOnlyList<AmAssociatedRecord>? AssociatedRecords);

internal sealed record AmHotelBooking(
    string? Id,
    string? BookingStatus,
    IReadOnlyList<AmHotelProviderInformation>? HotelProviderInformation,
    AmBookedHotelOffer? HotelOffer);

internal sealed record AmHotelProviderInformation(string? HotelProviderCode, string? ConfirmationNumber);

internal sealed record AmBookedHotelOffer(string? Id, AmBookedHotelPrice? Price);

internal sealed record AmBookedHotelPrice(string? Currency, decimal? Total, decimal? SellingTotal);
