using Pathavana.Bookings;
using Pathavana.Platform;

namespace Pathavana.Tests.Bookings;

/// <summary>
/// The booking's own state machine: every change from every state, legal or not. A legal change moves
/// the status and records one event; an illegal one throws <see cref="BookingStateException"/> and
/// leaves the booking exactly as it was.
/// </summary>
public sealed class BookingStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Money Quoted = new(812.40m, "USD");
    private static readonly Money Charged = new(815.10m, "USD");

    /// <summary>Where a booking can be: the four statuses, and pending after a time-out (awaiting reconciliation).</summary>
    public enum From
    {
        Pending,
        AwaitingReconciliation,
        Confirmed,
        Failed,
        Cancelled,
    }

    public enum Change
    {
        Confirm,
        Fail,
        AwaitReconciliation,
        Cancel,
    }

    /// <summary>The whole table, written out: null means the change is refused from that state.</summary>
    private static readonly Dictionary<(From, Change), BookingStatus?> Expected = new()
    {
        [(From.Pending, Change.Confirm)] = BookingStatus.Confirmed,
        [(From.Pending, Change.Fail)] = BookingStatus.Failed,
        [(From.Pending, Change.AwaitReconciliation)] = BookingStatus.Pending,
        [(From.Pending, Change.Cancel)] = null,
        [(From.AwaitingReconciliation, Change.Confirm)] = BookingStatus.Confirmed,
        [(From.AwaitingReconciliation, Change.Fail)] = BookingStatus.Failed,
        [(From.AwaitingReconciliation, Change.AwaitReconciliation)] = BookingStatus.Pending,
        [(From.AwaitingReconciliation, Change.Cancel)] = null,
        [(From.Confirmed, Change.Confirm)] = null,
        [(From.Confirmed, Change.Fail)] = null,
        [(From.Confirmed, Change.AwaitReconciliation)] = null,
        [(From.Confirmed, Change.Cancel)] = BookingStatus.Cancelled,
        [(From.Failed, Change.Confirm)] = null,
        [(From.Failed, Change.Fail)] = null,
        [(From.Failed, Change.AwaitReconciliation)] = null,
        [(From.Failed, Change.Cancel)] = null,
        [(From.Cancelled, Change.Confirm)] = null,
        [(From.Cancelled, Change.Fail)] = null,
        [(From.Cancelled, Change.AwaitReconciliation)] = null,
        [(From.Cancelled, Change.Cancel)] = null,
    };

    public static TheoryData<From, Change> Legal => [.. Expected.Where(e => e.Value is not null).Select(e => (e.Key.Item1, e.Key.Item2))];

    public static TheoryData<From, Change> Illegal => [.. Expected.Where(e => e.Value is null).Select(e => (e.Key.Item1, e.Key.Item2))];

    [Fact]
    public void The_table_covers_every_change_from_every_state()
    {
        Assert.Equal(Enum.GetValues<From>().Length * Enum.GetValues<Change>().Length, Expected.Count);
        Assert.Equal(7, Legal.Count);
        Assert.Equal(13, Illegal.Count);
    }

    [Fact]
    public void A_new_booking_is_pending_with_its_first_event_and_the_passengers_as_ordered()
    {
        var booking = NewBooking();

        Assert.Equal(BookingStatus.Pending, booking.Status);
        var first = Assert.Single(booking.Events);
        Assert.Null(first.From);
        Assert.Equal(BookingStatus.Pending, first.To);
        Assert.Equal("Offer re-priced; ordering from the provider.", first.Reason);
        Assert.Equal(Now, first.OccurredAt);
        Assert.Equal(Quoted, booking.Price);
        Assert.Equal(2, booking.TravelerIds.Count);
        Assert.Contains("\"givenNames\":\"Ana Maria\"", booking.PassengerSnapshot, StringComparison.Ordinal);
        Assert.Null(booking.ProviderReference);
        Assert.Null(booking.FailureReason);
        Assert.False(booking.CanCancel);
    }

    [Fact]
    public void A_booking_needs_at_least_one_traveler() =>
        Assert.Throws<ArgumentException>(() => Booking.Start(Owner, BookingKind.Flight, "simulated", Quoted, "offer-1", "{}", [], null, Now));

    [Theory]
    [MemberData(nameof(Legal))]
    public void A_legal_change_moves_the_status_and_records_one_event(From from, Change change)
    {
        var booking = In(from);
        var before = booking.Status;
        var events = booking.Events.Count;
        var at = Now.AddMinutes(30);

        Apply(booking, change, at);

        var expected = Expected[(from, change)]!.Value;
        Assert.Equal(expected, booking.Status);
        Assert.Equal(events + 1, booking.Events.Count);
        var last = booking.Events[^1];
        Assert.Equal(before, last.From);
        Assert.Equal(expected, last.To);
        Assert.Equal(at, last.OccurredAt);
        Assert.Equal(expected == BookingStatus.Confirmed, booking.CanCancel);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void An_illegal_change_is_refused_and_changes_nothing(From from, Change change)
    {
        var booking = In(from);
        var status = booking.Status;
        var events = booking.Events.Count;
        var (reference, orderId, price, failure) = (booking.ProviderReference, booking.ProviderOrderId, booking.Price, booking.FailureReason);

        var refused = Assert.Throws<BookingStateException>(() => Apply(booking, change, Now.AddMinutes(30)));

        Assert.Equal(status, refused.Status);
        Assert.Contains($"is {status.ToString().ToLowerInvariant()} and cannot", refused.Message, StringComparison.Ordinal);
        Assert.Equal(status, booking.Status);
        Assert.Equal(events, booking.Events.Count);
        Assert.Equal((reference, orderId, price, failure), (booking.ProviderReference, booking.ProviderOrderId, booking.Price, booking.FailureReason));
    }

    [Fact]
    public void Confirming_keeps_the_providers_reference_order_id_and_charged_price()
    {
        var booking = NewBooking();

        booking.Confirm(new ProviderOrder("duffel", "PNR123", Charged, "ord_0001"), Now);

        Assert.Equal("PNR123", booking.ProviderReference);
        Assert.Equal("ord_0001", booking.ProviderOrderId);
        Assert.Equal(Charged, booking.Price);
        Assert.Equal("Confirmed by duffel as PNR123.", booking.Events[^1].Reason);
        Assert.True(booking.CanCancel);
    }

    [Fact]
    public void Failing_keeps_the_reason_for_the_traveler_and_the_providers_words_in_the_history()
    {
        var booking = NewBooking();

        booking.Fail("The provider was unavailable. Nothing was booked; try again.", "The provider failed: HTTP 502", Now);

        Assert.Equal("The provider was unavailable. Nothing was booked; try again.", booking.FailureReason);
        Assert.Equal("The provider failed: HTTP 502", booking.Events[^1].Reason);
        Assert.Null(booking.ProviderReference);
    }

    [Fact]
    public void Awaiting_reconciliation_stays_pending_and_says_the_order_is_not_placed_again()
    {
        var booking = NewBooking();

        booking.AwaitReconciliation(Now);

        Assert.Equal(BookingStatus.Pending, booking.Status);
        Assert.Equal((BookingStatus.Pending, BookingStatus.Pending), (booking.Events[^1].From!.Value, booking.Events[^1].To));
        Assert.Contains("not placed again", booking.Events[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_records_what_the_provider_refunds()
    {
        var booking = In(From.Confirmed);

        booking.Cancel("Refund: 700.00 USD.", Now);

        Assert.Equal("Cancelled by the traveler. Refund: 700.00 USD.", booking.Events[^1].Reason);
        Assert.Equal("PNR123", booking.ProviderReference);
    }

    [Theory]
    [InlineData(From.Pending)]
    [InlineData(From.Confirmed)]
    [InlineData(From.Failed)]
    [InlineData(From.Cancelled)]
    public void Forgetting_the_owner_removes_the_person_and_keeps_status_price_reference_and_history(From from)
    {
        var booking = Booking.Start(Owner, BookingKind.Hotel, "simulated", Quoted, "offer-1", "{}", Passengers(), Guid.CreateVersion7(), Now);
        Move(booking, from);
        var (status, events, reference) = (booking.Status, booking.Events.Count, booking.ProviderReference);

        booking.ForgetOwner();

        Assert.Null(booking.OwnerId);
        Assert.Empty(booking.TravelerIds);
        Assert.Null(booking.PassengerSnapshot);
        Assert.Null(booking.TripId);
        Assert.Equal((status, events, reference), (booking.Status, booking.Events.Count, booking.ProviderReference));
        Assert.NotNull(booking.Price);
    }

    private static Booking NewBooking() =>
        Booking.Start(Owner, BookingKind.Flight, "simulated", Quoted, "offer-1", """{"id":"offer-1"}""", Passengers(), tripId: null, Now);

    private static List<BookingTraveler> Passengers() =>
    [
        new(Guid.CreateVersion7(), "Ana Maria", "Silva", new DateOnly(1990, 4, 2), "F", "ana@example.com", null, "X1234567", "PT", new DateOnly(2031, 1, 1), "PT"),
        new(Guid.CreateVersion7(), "Rui", "Silva", new DateOnly(1988, 9, 12), "M", null, null, null, null, null, "PT"),
    ];

    private static Booking In(From from)
    {
        var booking = NewBooking();
        Move(booking, from);
        return booking;
    }

    private static void Move(Booking booking, From to)
    {
        switch (to)
        {
            case From.Pending:
                break;
            case From.AwaitingReconciliation:
                booking.AwaitReconciliation(Now);
                break;
            case From.Confirmed:
                booking.Confirm(new ProviderOrder("simulated", "PNR123", Charged, "order-1"), Now);
                break;
            case From.Failed:
                booking.Fail("The provider refused the order.", "The provider refused the order: sold out", Now);
                break;
            case From.Cancelled:
                booking.Confirm(new ProviderOrder("simulated", "PNR123", Charged, "order-1"), Now);
                booking.Cancel("Refund: 815.10 USD.", Now);
                break;
        }
    }

    private static void Apply(Booking booking, Change change, DateTimeOffset at)
    {
        switch (change)
        {
            case Change.Confirm:
                booking.Confirm(new ProviderOrder("simulated", "PNR999", Charged, "order-9"), at);
                break;
            case Change.Fail:
                booking.Fail("The provider refused the order.", "The provider refused the order: sold out", at);
                break;
            case Change.AwaitReconciliation:
                booking.AwaitReconciliation(at);
                break;
            case Change.Cancel:
                booking.Cancel("Refund: 815.10 USD.", at);
                break;
        }
    }
}
