using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Bookings;

internal enum BookingKind
{
    Flight,
    Hotel,
}

internal enum BookingStatus
{
    Pending,
    Confirmed,
    Failed,
    Cancelled,
}

/// <summary>
/// A flight or hotel reservation made with a provider for a user's travelers. The passengers as they
/// were sent to the provider are kept encrypted with the owner's data key; erasure of the account
/// removes them and the owner, leaving the amount, dates and the provider's reference.
/// </summary>
/// <remarks>
/// The booking owns its state changes; nothing outside sets its status. Each change is one method
/// that refuses the states it does not apply to with <see cref="BookingStateException"/> and records
/// a <see cref="BookingEvent"/>:
/// <list type="table">
/// <item><term><see cref="Start"/></term><description>→ pending (ordering from the provider)</description></item>
/// <item><term><see cref="Confirm"/></term><description>pending → confirmed</description></item>
/// <item><term><see cref="Fail"/></term><description>pending → failed</description></item>
/// <item><term><see cref="AwaitReconciliation"/></term><description>pending → pending (the provider did not answer; the order is looked up, never placed again)</description></item>
/// <item><term><see cref="Cancel"/></term><description>confirmed → cancelled</description></item>
/// </list>
/// Failed and cancelled are final.
/// </remarks>
internal sealed class Booking : IHasTimestamps, IEncryptedRow
{
    /// <summary>For EF Core, which sets every column; code makes bookings with <see cref="Start"/>.</summary>
    private Booking()
    {
    }

    public Guid Id { get; set; }

    /// <summary>The user who booked; null once their account is erased (the booking keeps only amount, dates and the provider's reference).</summary>
    public Guid? OwnerId { get; private set; }
    public BookingKind Kind { get; private set; }
    public BookingStatus Status { get; private set; } = BookingStatus.Pending;

    /// <summary>Which provider took the order (<c>simulated</c>, <c>amadeus</c>…).</summary>
    public string Provider { get; private set; } = null!;

    /// <summary>The provider's PNR or confirmation number, once confirmed.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>The price as re-quoted before ordering; the price the provider charged once confirmed.</summary>
    public Money Price { get; private set; } = null!;

    /// <summary>The offer as priced at booking time (Pathavana's model, JSON).</summary>
    public string OfferSnapshot { get; private set; } = null!;

    public string OfferId { get; private set; } = null!;

    /// <summary>The provider's own order id (for look-ups and cancellation), once confirmed.</summary>
    public string? ProviderOrderId { get; private set; }

    public List<Guid> TravelerIds { get; private set; } = [];

    /// <summary>The passengers as ordered (<see cref="BookingTraveler"/> list as JSON), encrypted; null once the owner's account is erased.</summary>
    [Encrypted]
    public string? PassengerSnapshot { get; private set; }

    public Guid? TripId { get; private set; }

    /// <summary>Why the booking failed, in words for the traveler; set only by <see cref="Fail"/>.</summary>
    public string? FailureReason { get; private set; }

    private readonly List<BookingEvent> _events = [];

    /// <summary>Every change of status, oldest first as recorded; only the booking's own methods add to it.</summary>
    public IReadOnlyList<BookingEvent> Events => _events;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether <see cref="Cancel"/> applies: only a confirmed booking is held with a provider to cancel.</summary>
    public bool CanCancel => Status == BookingStatus.Confirmed;

    DataKeyOwner IEncryptedRow.KeyOwner => OwnerId is { } owner
        ? DataKeyOwner.User(owner)
        : throw new InvalidOperationException("An erased booking holds no personal data to encrypt.");

    /// <summary>A pending booking, recorded before the provider is asked: the offer has been re-priced at <paramref name="price"/>.</summary>
    /// <param name="passengers">The travelers as they are sent to the provider (kept encrypted, in this order).</param>
    public static Booking Start(Guid ownerId, BookingKind kind, string provider, Money price, string offerId, string offerSnapshot,
        IReadOnlyList<BookingTraveler> passengers, Guid? tripId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(price);
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        ArgumentNullException.ThrowIfNull(offerSnapshot);
        ArgumentNullException.ThrowIfNull(passengers);
        if (passengers.Count == 0)
        {
            throw new ArgumentException("A booking is for at least one traveler.", nameof(passengers));
        }
        var booking = new Booking
        {
            OwnerId = ownerId,
            Kind = kind,
            Provider = provider,
            Price = price,
            OfferId = offerId,
            OfferSnapshot = offerSnapshot,
            TravelerIds = [.. passengers.Select(p => p.TravelerId)],
            PassengerSnapshot = JsonSerializer.Serialize(passengers, JsonSerializerOptions.Web),
            TripId = tripId,
        };
        booking.Record(from: null, BookingStatus.Pending, "Offer re-priced; ordering from the provider.", now);
        return booking;
    }

    /// <summary>The provider placed the order: its reference, order id and the price it charged are kept. Only from pending.</summary>
    public void Confirm(ProviderOrder placed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(placed);
        Require(BookingStatus.Pending, "be confirmed");
        ProviderReference = placed.Reference;
        ProviderOrderId = placed.ProviderOrderId;
        Price = placed.Price;
        Move(BookingStatus.Confirmed, $"Confirmed by {placed.Provider} as {placed.Reference}.", now);
    }

    /// <summary>Nothing was booked. Only from pending; failed is final.</summary>
    /// <param name="reason">For the traveler (<see cref="FailureReason"/>).</param>
    /// <param name="history">For the booking's history (<see cref="BookingEvent.Reason"/>), with what the provider said.</param>
    public void Fail(string reason, string history, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(history);
        Require(BookingStatus.Pending, "fail");
        FailureReason = reason;
        Move(BookingStatus.Failed, history, now);
    }

    /// <summary>
    /// The provider did not answer and has no order under our reference (yet): the booking stays
    /// pending while the order is looked up, never placed again. Only from pending.
    /// </summary>
    public void AwaitReconciliation(DateTimeOffset now)
    {
        Require(BookingStatus.Pending, "await reconciliation");
        Move(BookingStatus.Pending, "The provider did not answer in time; the order is being reconciled, not placed again.", now);
    }

    /// <summary>The provider cancelled the order (<paramref name="providerSummary"/>: what it refunds). Only from confirmed.</summary>
    public void Cancel(string providerSummary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerSummary);
        Require(BookingStatus.Confirmed, "be cancelled");
        Move(BookingStatus.Cancelled, $"Cancelled by the traveler. {providerSummary}", now);
    }

    /// <summary>
    /// Erasure of the owner's account: the booking keeps what the law asks to keep (amount, dates,
    /// provider and its reference, status and history) and loses the person (owner, travelers,
    /// passengers, trip). Applies in any state; the status does not change.
    /// </summary>
    public void ForgetOwner()
    {
        OwnerId = null;
        TravelerIds = [];
        PassengerSnapshot = null;
        TripId = null;
    }

    private void Require(BookingStatus from, string change)
    {
        if (Status != from)
        {
            throw new BookingStateException(Id, Status, change);
        }
    }

    private void Move(BookingStatus to, string reason, DateTimeOffset now)
    {
        Record(Status, to, reason, now);
        Status = to;
    }

    private void Record(BookingStatus? from, BookingStatus to, string reason, DateTimeOffset now) =>
        _events.Add(new BookingEvent { From = from, To = to, Reason = reason, OccurredAt = now });
}

/// <summary>
/// A change the booking's status does not allow (confirming a failed booking, cancelling a pending
/// one…). Callers check first (<see cref="Booking.CanCancel"/>, the order's outcome), so this marks a
/// defect, never an answer for the client.
/// </summary>
internal sealed class BookingStateException(Guid bookingId, BookingStatus status, string change)
    : InvalidOperationException($"Booking {bookingId} is {status.ToString().ToLowerInvariant()} and cannot {change}.")
{
    public Guid BookingId { get; } = bookingId;
    public BookingStatus Status { get; } = status;
}

/// <summary>One status transition of a booking, with its time and reason.</summary>
internal sealed class BookingEvent
{
    public Guid Id { get; set; }
    public Guid BookingId { get; set; }
    public BookingStatus? From { get; set; }
    public BookingStatus To { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasKey(b => b.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(b => new { b.OwnerId, b.CreatedAt });
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Provider).HasMaxLength(32);
        builder.Property(b => b.ProviderReference).HasMaxLength(64);
        builder.OwnsOne(b => b.Price, price =>
        {
            price.Property(p => p.Amount).HasColumnName("price_amount").HasPrecision(18, 2);
            price.Property(p => p.Currency).HasColumnName("price_currency").HasMaxLength(3).IsFixedLength();
        });
        builder.Navigation(b => b.Price).IsRequired();
        builder.Property(b => b.OfferId).HasMaxLength(512);
        builder.Property(b => b.ProviderOrderId).HasMaxLength(256);
        builder.Property(b => b.FailureReason).HasMaxLength(1000);
        builder.Property(b => b.TravelerIds).HasJsonGuidList().HasColumnName("traveler_ids");
        builder.HasMany(b => b.Events).WithOne().HasForeignKey(e => e.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingEventConfiguration : IEntityTypeConfiguration<BookingEvent>
{
    public void Configure(EntityTypeBuilder<BookingEvent> builder)
    {
        builder.ToTable("booking_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.BookingId, e.OccurredAt });
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(1000);
    }
}
