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
internal sealed class Booking : IHasTimestamps, IEncryptedRow
{
    public Guid Id { get; set; }

    /// <summary>The user who booked; null once their account is erased (the booking keeps only amount, dates and the provider's reference).</summary>
    public Guid? OwnerId { get; set; }
    public BookingKind Kind { get; set; }
    public BookingStatus Status { get; set; } = BookingStatus.Pending;

    /// <summary>Which provider took the order (<c>simulated</c>, <c>amadeus</c>…).</summary>
    public required string Provider { get; set; }

    /// <summary>The provider's PNR or confirmation number, once confirmed.</summary>
    public string? ProviderReference { get; set; }

    public required Money Price { get; set; }

    /// <summary>The offer as priced at booking time (Pathavana's model, JSON).</summary>
    public required string OfferSnapshot { get; set; }

    public required string OfferId { get; set; }

    /// <summary>The provider's own order id (for look-ups and cancellation), once confirmed.</summary>
    public string? ProviderOrderId { get; set; }

    public List<Guid> TravelerIds { get; set; } = [];

    /// <summary>The passengers as ordered (<see cref="BookingTraveler"/> list as JSON), encrypted; null once the owner's account is erased.</summary>
    [Encrypted]
    public string? PassengerSnapshot { get; set; }

    public Guid? TripId { get; set; }
    public string? FailureReason { get; set; }

    public List<BookingEvent> Events { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    DataKeyOwner IEncryptedRow.KeyOwner => OwnerId is { } owner
        ? DataKeyOwner.User(owner)
        : throw new InvalidOperationException("An erased booking holds no personal data to encrypt.");
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
