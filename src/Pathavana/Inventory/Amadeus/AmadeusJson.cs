using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pathavana.Inventory.Amadeus;

// The slice of Amadeus Self-Service JSON the adapter reads and writes. Everything is nullable:
// a missing field is mapped or skipped, never trusted. These types never leave the adapter.

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AmErrors))]
[JsonSerializable(typeof(AmToken))]
[JsonSerializable(typeof(AmFlightOffersResponse))]
[JsonSerializable(typeof(AmFlightOffer))]
[JsonSerializable(typeof(AmFlightSearchRequest))]
[JsonSerializable(typeof(AmPricingRequest))]
[JsonSerializable(typeof(AmPricingResponse))]
[JsonSerializable(typeof(AmLocationsResponse))]
[JsonSerializable(typeof(AmHotelListResponse))]
[JsonSerializable(typeof(AmHotelOffersResponse))]
[JsonSerializable(typeof(AmHotelOfferResponse))]
[JsonSerializable(typeof(AmHotelOffer))]
[JsonSerializable(typeof(AmActivitiesResponse))]
[JsonSerializable(typeof(AmadeusToken))]
internal sealed partial class AmadeusJsonContext : JsonSerializerContext;

// Errors: {"errors":[{"status":400,"code":477,"title":"INVALID FORMAT","detail":"…","source":{"parameter":"…"}}]}
internal sealed record AmErrors(IReadOnlyList<AmIssue>? Errors);

internal sealed record AmIssue(int? Status, long? Code, string? Title, string? Detail, AmIssueSource? Source);

internal sealed record AmIssueSource(string? Parameter, string? Pointer, string? Example);

internal sealed record AmToken(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType);

/// <summary>What the token cache holds (shared between replicas): the bearer token and when to renew it.</summary>
internal sealed record AmadeusToken(string AccessToken, DateTimeOffset RefreshAt);

// Flight Offers Search / Price
internal sealed record AmFlightOffersResponse(IReadOnlyList<JsonElement>? Data, AmDictionaries? Dictionaries);

internal sealed record AmDictionaries(
    Dictionary<string, string>? Carriers,
    Dictionary<string, string>? Aircraft,
    Dictionary<string, AmDictionaryLocation>? Locations);

internal sealed record AmDictionaryLocation(string? CityCode, string? CountryCode);

internal sealed record AmFlightOffer(
    string? Id,
    IReadOnlyList<AmItinerary>? Itineraries,
    AmPrice? Price,
    IReadOnlyList<string>? ValidatingAirlineCodes,
    IReadOnlyList<AmTravelerPricing>? TravelerPricings,
    int? NumberOfBookableSeats,
    string? LastTicketingDate);

internal sealed record AmItinerary(string? Duration, IReadOnlyList<AmSegment>? Segments);

internal sealed record AmSegment(
    string? Id,
    AmEndPoint? Departure,
    AmEndPoint? Arrival,
    string? CarrierCode,
    string? Number,
    AmAircraft? Aircraft,
    AmOperating? Operating,
    string? Duration);

internal sealed record AmEndPoint(string? IataCode, string? Terminal, string? At);

internal sealed record AmAircraft(string? Code);

internal sealed record AmOperating(string? CarrierCode);

internal sealed record AmPrice(string? Currency, decimal? Total, decimal? Base, decimal? GrandTotal);

internal sealed record AmTravelerPricing(string? TravelerId, string? TravelerType, AmPrice? Price, IReadOnlyList<AmFareDetails>? FareDetailsBySegment);

internal sealed record AmFareDetails(string? SegmentId, string? Cabin);

internal sealed record AmFlightSearchRequest(
    string CurrencyCode,
    IReadOnlyList<AmOriginDestination> OriginDestinations,
    IReadOnlyList<AmTraveler> Travelers,
    IReadOnlyList<string> Sources,
    AmSearchCriteria SearchCriteria);

internal sealed record AmOriginDestination(string Id, string OriginLocationCode, string DestinationLocationCode, AmDateTimeRange DepartureDateTimeRange);

internal sealed record AmDateTimeRange(string Date);

internal sealed record AmTraveler(string Id, string TravelerType, string? AssociatedAdultId = null);

internal sealed record AmSearchCriteria(int MaxFlightOffers, int? MaxPrice, AmFlightFilters? FlightFilters);

internal sealed record AmFlightFilters(
    IReadOnlyList<AmCabinRestriction>? CabinRestrictions,
    AmCarrierRestrictions? CarrierRestrictions,
    AmConnectionRestriction? ConnectionRestriction);

internal sealed record AmCabinRestriction(string Cabin, string Coverage, IReadOnlyList<string> OriginDestinationIds);

internal sealed record AmCarrierRestrictions(IReadOnlyList<string>? IncludedCarrierCodes, IReadOnlyList<string>? ExcludedCarrierCodes);

internal sealed record AmConnectionRestriction(int MaxNumberOfConnections);

internal sealed record AmPricingRequest(AmPricingRequestData Data);

internal sealed record AmPricingRequestData(string Type, IReadOnlyList<JsonElement> FlightOffers);

internal sealed record AmPricingResponse(AmPricingResponseData? Data, AmDictionaries? Dictionaries);

internal sealed record AmPricingResponseData(string? Type, IReadOnlyList<JsonElement>? FlightOffers);

// Airport & City Search
internal sealed record AmLocationsResponse(IReadOnlyList<AmLocation>? Data);

internal sealed record AmLocation(
    string? SubType,
    string? Name,
    string? DetailedName,
    string? IataCode,
    string? TimeZoneOffset,
    AmGeoCode? GeoCode,
    AmAddress? Address);

internal sealed record AmGeoCode(double? Latitude, double? Longitude);

internal sealed record AmAddress(string? CityName, string? CityCode, string? CountryName, string? CountryCode);

// Hotel List + Hotel Search v3
internal sealed record AmHotelListResponse(IReadOnlyList<AmHotelListItem>? Data);

internal sealed record AmHotelListItem(
    string? HotelId,
    string? Name,
    string? IataCode,
    AmGeoCode? GeoCode,
    AmHotelAddress? Address,
    AmDistance? Distance,
    int? Rating);

internal sealed record AmHotelAddress(string? CountryCode, IReadOnlyList<string>? Lines, string? CityName, string? PostalCode);

internal sealed record AmDistance(double? Value, string? Unit);

internal sealed record AmHotelOffersResponse(IReadOnlyList<AmHotelOffers>? Data);

internal sealed record AmHotelOfferResponse(AmHotelOffers? Data);

internal sealed record AmHotelOffers(AmHotel? Hotel, bool? Available, IReadOnlyList<JsonElement>? Offers);

internal sealed record AmHotel(string? HotelId, string? Name, string? CityCode, double? Latitude, double? Longitude);

internal sealed record AmHotelOffer(
    string? Id,
    string? CheckInDate,
    string? CheckOutDate,
    int? RoomQuantity,
    string? BoardType,
    AmRoom? Room,
    AmGuests? Guests,
    AmHotelPrice? Price,
    AmPolicies? Policies);

internal sealed record AmRoom(string? Type, AmRoomEstimated? TypeEstimated, AmText? Description);

internal sealed record AmRoomEstimated(string? Category, int? Beds, string? BedType);

internal sealed record AmText(string? Text, string? Lang);

internal sealed record AmGuests(int? Adults);

internal sealed record AmHotelPrice(string? Currency, decimal? Total, decimal? Base, AmPriceVariations? Variations);

internal sealed record AmPriceVariations(AmAveragePrice? Average);

internal sealed record AmAveragePrice(decimal? Total, decimal? Base);

internal sealed record AmPolicies(
    string? PaymentType,
    AmCancellation? Cancellation,
    IReadOnlyList<AmCancellation>? Cancellations,
    AmRefundable? Refundable);

internal sealed record AmCancellation(string? Type, string? Deadline, decimal? Amount, int? NumberOfNights, AmText? Description);

internal sealed record AmRefundable(string? CancellationRefund);

// Tours and Activities
internal sealed record AmActivitiesResponse(IReadOnlyList<AmActivity>? Data);

internal sealed record AmActivity(
    string? Id,
    string? Name,
    string? ShortDescription,
    string? Description,
    AmGeoCode? GeoCode,
    double? Rating,
    AmActivityPrice? Price,
    string? BookingLink,
    string? MinimumDuration);

internal sealed record AmActivityPrice(string? Amount, string? CurrencyCode);
