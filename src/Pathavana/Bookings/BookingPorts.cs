using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Bookings;

/// <summary>The person a provider books for, as the provider needs them (decrypted for this call only).</summary>
public sealed record BookingTraveler(
    Guid TravelerId,
    string GivenNames,
    string Surname,
    DateOnly DateOfBirth,
    string? Gender,
    string? Email,
    string? Phone,
    string? PassportNumber,
    string? PassportIssuingCountry,
    DateOnly? PassportExpiry,
    string? Nationality);

/// <summary>What the provider answered: its reference (PNR or confirmation number) and the price it charged.</summary>
public sealed record ProviderOrder(string Provider, string Reference, Money Price, string? ProviderOrderId = null);

/// <summary>What a cancellation gives back: the refund when the provider states one, and a sentence for the traveller.</summary>
public sealed record ProviderCancellation(Money? Refund, string Summary);

/// <summary>The provider refused the order (sold out, invalid traveler data…): the booking fails, nothing is retried.</summary>
public sealed class ProviderRejectedException(string provider, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Provider { get; } = provider;
}

/// <summary>
/// Places and cancels orders with a provider. Order calls are NEVER retried automatically: a
/// time-out is reconciled with <see cref="FindOrderAsync"/> (by our reference), never by ordering again.
/// </summary>
public interface IBookingProvider
{
    /// <summary>The offer source this provider books (<c>simulated</c>, <c>amadeus</c>, <c>duffel</c>).</summary>
    string Source { get; }

    /// <param name="clientReference">Our booking id, sent to the provider where it can carry one, for reconciliation.</param>
    Task<ProviderOrder> OrderFlightAsync(FlightOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken);

    Task<ProviderOrder> OrderHotelAsync(HotelOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken);

    /// <summary>The order placed under our reference, if the provider has it; null when it has none or cannot tell.</summary>
    Task<ProviderOrder?> FindOrderAsync(string clientReference, CancellationToken cancellationToken);

    /// <summary>Cancels the order (after the provider's refund quote, where it gives one) and says what is refunded.</summary>
    Task<ProviderCancellation> CancelAsync(ProviderOrder order, CancellationToken cancellationToken);
}
