using Pathavana.Platform;

namespace Pathavana.Trips;

public sealed record TripRequest(
    string? Title,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Currency,
    decimal? Budget,
    IReadOnlyList<Guid>? TravelerIds);

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
    DateTimeOffset UpdatedAt);

public sealed record TripSummaryResponse(Guid Id, string Title, DateOnly StartDate, DateOnly EndDate, int Items, Money Total, Money? Budget);

public sealed record ShareResponse(string Url, string Token, DateTimeOffset SharedAt);
