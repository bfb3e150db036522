using Pathavana.Platform;

namespace Pathavana.Trips;

/// <summary>
/// A trip's editable fields (PUT sends them all). <c>partySize</c>: how many people (1–9, default 1),
/// for per-person totals. On create, <c>items</c> adds offers (and activities or notes) in the same
/// request; without dates the trip then spans its items.
/// </summary>
public sealed record TripRequest(
    string? Title,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Currency,
    decimal? Budget,
    IReadOnlyList<Guid>? TravelerIds,
    string? Notes = null,
    int? PartySize = null,
    IReadOnlyList<AddTripItemRequest>? Items = null);

public sealed record PlaceRequest(string? Name, double? Latitude, double? Longitude);

/// <summary>
/// Adds an item. With an <c>offerId</c> (kind flight or hotel) everything comes from the offer;
/// otherwise an activity or note is described by hand, with local start/end times in <c>timeZone</c>.
/// </summary>
public sealed record AddTripItemRequest(
    string? Kind,
    string? OfferId,
    DateOnly? Day,
    string? Title,
    string? Notes,
    DateTime? Start,
    DateTime? End,
    string? TimeZone,
    PlaceRequest? Place,
    decimal? Price,
    string? Currency);

public sealed record UpdateTripItemRequest(string? Title, string? Notes);

public sealed record MoveTripItemRequest(DateOnly? Day, int? Position);

public sealed record PlaceResponse(string? Name, double Latitude, double Longitude);

public sealed record TripItemResponse(
    Guid Id,
    string Kind,
    int Position,
    string Title,
    string? Notes,
    DateTimeOffset? Start,
    string? StartTimeZone,
    DateTimeOffset? End,
    string? EndTimeZone,
    PlaceResponse? Place,
    PlaceResponse? EndPlace,
    Money? Price,
    DateOnly? CheckIn,
    DateOnly? CheckOut,
    string? OfferId,
    string? Source,
    Guid? BookingId,
    string? BookingStatus);

public sealed record TripDayResponse(DateOnly Date, IReadOnlyList<TripItemResponse> Items, Money Total);

public sealed record TripWarning(string Code, string Message, DateOnly? Date = null, IReadOnlyList<Guid>? ItemIds = null);

public sealed record TripResponse(
    Guid Id,
    string Title,
    DateOnly StartDate,
    DateOnly EndDate,
    string Currency,
    Money? Budget,
    Money Total,
    Money? Remaining,
    IReadOnlyList<Money> OtherCurrencies,
    IReadOnlyList<Guid> TravelerIds,
    IReadOnlyList<TripDayResponse> Days,
    IReadOnlyList<TripWarning> Warnings,
    bool Shared,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Notes = null,
    int PartySize = 1,
    Money? PerPerson = null,
    int WarningsNotShown = 0);

public sealed record TripSummaryResponse(Guid Id, string Title, DateOnly StartDate, DateOnly EndDate, int Items, Money Total, Money? Budget);

/// <summary>One item of a shared trip: what and when, never who, how booked or at what reference.</summary>
public sealed record SharedTripItem(
    string Kind,
    string Title,
    DateTimeOffset? Start,
    string? StartTimeZone,
    DateTimeOffset? End,
    string? EndTimeZone,
    PlaceResponse? Place,
    PlaceResponse? EndPlace,
    Money? Price,
    DateOnly? CheckIn,
    DateOnly? CheckOut,
    bool Simulated);

public sealed record SharedTripDay(DateOnly Date, IReadOnlyList<SharedTripItem> Items, Money Total);

/// <summary>
/// The public, read-only view behind a share link: the plan and its prices, with no personal data
/// (no travelers, names, notes, passport warnings, booking references or ids).
/// </summary>
public sealed record SharedTripResponse(
    string Title,
    DateOnly StartDate,
    DateOnly EndDate,
    string Currency,
    Money Total,
    int PartySize,
    Money? PerPerson,
    IReadOnlyList<Money> OtherCurrencies,
    IReadOnlyList<SharedTripDay> Days,
    IReadOnlyList<TripWarning> Warnings,
    int WarningsNotShown = 0);

/// <summary>How many people an offer is priced for, by type.</summary>
public sealed record PartyCount(int Adults, int Children, int Infants);

/// <summary>One bookable offer of the trip as the review step shows it before booking.</summary>
/// <param name="Travelers">Flights: the passengers the fare is priced for (the booking needs exactly that many); hotels: the guests.</param>
/// <param name="Rules">Fare or rate rules in words (cabin, board, what the price covers).</param>
/// <param name="Cancellation">Cancellation terms in words.</param>
public sealed record ReviewItem(
    string OfferId,
    string Kind,
    string Title,
    IReadOnlyList<Guid> ItemIds,
    Money Price,
    PartyCount Travelers,
    IReadOnlyList<string> Rules,
    string Cancellation,
    bool Refundable,
    DateTimeOffset? FreeCancellationUntil,
    bool Simulated,
    Guid? BookingId,
    string? BookingStatus);

/// <summary>The review step: what will be booked, for how many, under which terms, and the total.</summary>
/// <param name="TravelersNeeded">How many of the user's travelers to choose: the most any offer is priced for.</param>
/// <param name="ToPay">What booking the items not yet booked costs, by currency.</param>
public sealed record TripReviewResponse(
    Guid TripId,
    string Title,
    int TravelersNeeded,
    IReadOnlyList<ReviewItem> Items,
    IReadOnlyList<Money> ToPay,
    IReadOnlyList<TripWarning> Warnings);

/// <summary>Book the trip's bookable items for these travelers; <c>acceptPrices</c> after a price change (by offer id).</summary>
public sealed record TripCheckoutRequest(IReadOnlyList<Guid>? TravelerIds, IReadOnlyDictionary<string, Money>? AcceptPrices);

/// <summary>How one offer of the trip ended: booked (with its reference), already booked, or why not.</summary>
public sealed record CheckoutItem(string OfferId, string Kind, string Title, string Status, Guid? BookingId, string? Reference, Money? Price, string? Problem, Money? NewPrice = null);

/// <summary>The outcome of booking a whole trip: <c>confirmed</c>, <c>partial</c>, <c>failed</c> or <c>priceChanged</c>.</summary>
public sealed record TripCheckoutResponse(Guid TripId, string Status, IReadOnlyList<CheckoutItem> Items);

public sealed record ShareResponse(string Url, string Token, DateTimeOffset SharedAt);
