using Pathavana.Platform;

namespace Pathavana.Bookings;

/// <summary>Book a flight or hotel offer for some of your travelers. Send the price you accept after a price change.</summary>
public sealed record CreateBookingRequest(string? Kind, string? OfferId, IReadOnlyList<Guid>? TravelerIds, Guid? TripId, Money? AcceptPrice);

public sealed record BookingEventResponse(string? From, string To, string Reason, DateTimeOffset At);

public sealed record BookingResponse(
    Guid Id,
    string Kind,
    string Status,
    string Provider,
    string? ProviderReference,
    Money Price,
    string OfferId,
    IReadOnlyList<Guid> TravelerIds,
    Guid? TripId,
    string? FailureReason,
    string Summary,
    IReadOnlyList<BookingEventResponse> Events,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
