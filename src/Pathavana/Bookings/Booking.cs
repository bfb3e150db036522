using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform;
using Pathavana.Platform.Data;

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

/// <summary>A flight or hotel reservation made with a provider for a user's travelers.</summary>
internal sealed class Booking : IHasTimestamps
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public BookingKind Kind { get; set; }
    public BookingStatus Status { get; set; } = BookingStatus.Pending;

    /// <summary>Which provider took the order (<c>simulated</c>, <c>amadeus</c>…).</summary>
    public required string Provider { get; set; }

    /// <summary>The provider's PNR or confirmation number, once confirmed.</summary>
    public string? ProviderReference { get; set; }

    public required Money Price { get; set; }

    /// <summary>The offer as priced at booking time (Pathavana's model, JSON).</summary>
    public required string OfferSnapshot { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasKey(b => b.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Restrict);
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
    }
}
