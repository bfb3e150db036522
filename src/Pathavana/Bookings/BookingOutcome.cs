using System.Text.Json.Serialization;
using Pathavana.Platform;

namespace Pathavana.Bookings;

/// <summary>
/// How booking an offer ended, in the domain's words: one of a closed set. <see cref="BookingsApi"/>
/// maps each to its HTTP answer; a whole-trip checkout reads them per offer. Serialisable, so the
/// idempotency store can keep the first outcome and give it again.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "outcome")]
[JsonDerivedType(typeof(Confirmed), "confirmed")]
[JsonDerivedType(typeof(AwaitingReconciliation), "awaitingReconciliation")]
[JsonDerivedType(typeof(Failed), "failed")]
[JsonDerivedType(typeof(PriceChanged), "priceChanged")]
[JsonDerivedType(typeof(Gone), "gone")]
[JsonDerivedType(typeof(AlreadyBooked), "alreadyBooked")]
[JsonDerivedType(typeof(Invalid), "invalid")]
internal abstract record BookingOutcome
{
    private BookingOutcome()
    {
    }

    /// <summary>The traveller's words for an outcome that booked nothing (null when something was booked).</summary>
    public abstract string? Problem();

    /// <summary>The provider confirmed the order: the booking with its reference and charged price.</summary>
    public sealed record Confirmed(BookingResponse Booking) : BookingOutcome
    {
        public override string? Problem() => null;
    }

    /// <summary>
    /// The provider timed out and has no order under our reference yet: the booking stays pending
    /// until it is reconciled, and is never ordered again.
    /// </summary>
    public sealed record AwaitingReconciliation(BookingResponse Booking) : BookingOutcome
    {
        public override string? Problem() => null;
    }

    /// <summary>The order was attempted and failed (the booking is recorded as failed); <paramref name="Kind"/> says why.</summary>
    public sealed record Failed(BookingResponse Booking, BookingFailure Kind) : BookingOutcome
    {
        /// <summary>The booking's failure reason, as the traveller reads it.</summary>
        [JsonIgnore]
        public string Reason => Booking.FailureReason ?? "The provider refused the order.";

        public override string? Problem() => Reason;
    }

    /// <summary>The price moved since the search; nothing was booked until the new price is accepted.</summary>
    public sealed record PriceChanged(Money NewPrice, Money? PreviousPrice) : BookingOutcome
    {
        public override string? Problem() =>
            $"The price is now {NewPrice}, was {PreviousPrice}. Book again with acceptPrice set to the new price to accept it.";
    }

    /// <summary>
    /// The offer can no longer be booked: <paramref name="Summary"/> says what (a departed flight, an
    /// offer sold out), <paramref name="Advice"/> what to do; <paramref name="Departed"/> when the flight has left.
    /// </summary>
    public sealed record Gone(string Summary, string Advice, bool Departed) : BookingOutcome
    {
        public override string? Problem() => Advice;
    }

    /// <summary>A traveler already holds a pending or confirmed booking (<paramref name="BookingId"/>) on this flight or one at the same time.</summary>
    public sealed record AlreadyBooked(Guid BookingId, Guid TravelerId, string Explanation) : BookingOutcome
    {
        public override string? Problem() => Explanation;
    }

    /// <summary>The request cannot be booked as sent: what is wrong, by field (<c>kind</c>, <c>travelerIds[0]</c>…).</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : BookingOutcome
    {
        public override string? Problem() => string.Join(" ", Errors.Values.SelectMany(v => v));
    }
}

/// <summary>Why an attempted order failed.</summary>
internal enum BookingFailure
{
    /// <summary>The provider could not be reached or failed; nothing was booked and trying again may work.</summary>
    ProviderUnavailable,

    /// <summary>The provider refused the order (sold out, traveler data it does not accept…).</summary>
    Refused,
}

/// <summary>How cancelling a booking ended.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "outcome")]
[JsonDerivedType(typeof(Cancelled), "cancelled")]
[JsonDerivedType(typeof(NotFound), "notFound")]
[JsonDerivedType(typeof(NotCancellable), "notCancellable")]
[JsonDerivedType(typeof(Refused), "refused")]
internal abstract record CancellationOutcome
{
    private CancellationOutcome()
    {
    }

    /// <summary>Cancelled with the provider; the booking says what is refunded.</summary>
    public sealed record Cancelled(BookingResponse Booking) : CancellationOutcome;

    /// <summary>The user has no such booking.</summary>
    public sealed record NotFound : CancellationOutcome;

    /// <summary>Only a confirmed booking can be cancelled; this one is <paramref name="Status"/> (lower case).</summary>
    public sealed record NotCancellable(string Status) : CancellationOutcome;

    /// <summary>The provider refused to cancel, in its words.</summary>
    public sealed record Refused(string Reason) : CancellationOutcome;
}
