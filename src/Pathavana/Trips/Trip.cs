using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Trips;

/// <summary>A user's trip plan: dates, travelers, a budget and days of ordered items. The title is encrypted with the owner's data key.</summary>
internal sealed class Trip : IHasTimestamps, IEncryptedRow
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }

    [Encrypted]
    public required string Title { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    /// <summary>The currency totals and the budget are kept in (ISO 4217).</summary>
    public required string Currency { get; set; }

    public decimal? BudgetAmount { get; set; }
    public List<Guid> TravelerIds { get; set; } = [];

    /// <summary>The traveler's own notes on the trip (left out of the shared view).</summary>
    [Encrypted]
    public string? Notes { get; set; }

    /// <summary>How many people the trip is for: per-person totals divide by it (1–9).</summary>
    public int PartySize { get; set; } = 1;

    /// <summary>SHA-256 of the share token, while a share link is live.</summary>
    public string? ShareTokenHash { get; set; }
    public DateTimeOffset? SharedAt { get; set; }

    /// <summary>The chat session the trip was made from, if any.</summary>
    public Guid? SessionId { get; set; }

    public List<TripItem> Items { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Money? Budget => BudgetAmount is { } amount ? new Money(amount, Currency) : null;

    DataKeyOwner IEncryptedRow.KeyOwner => DataKeyOwner.User(OwnerId);
}

internal enum TripItemKind
{
    Flight,
    Hotel,
    Activity,
    Note,
}

/// <summary>
/// One item of a day. Times are stored as instants with the IANA zone they are local to, so the
/// API can show local times with offsets and calendars get their time zones right. Title and notes
/// (free text the traveller may write) are encrypted with the trip owner's data key.
/// </summary>
internal sealed class TripItem : IHasTimestamps, IEncryptedRow
{
    public Guid Id { get; set; }
    public Guid TripId { get; set; }
    public DateOnly Day { get; set; }
    public int Position { get; set; }
    public TripItemKind Kind { get; set; }
    [Encrypted]
    public required string Title { get; set; }

    [Encrypted]
    public string? Notes { get; set; }

    /// <summary>Kept in UTC (PostgreSQL's timestamptz takes no other offset); the zone gives the local time back.</summary>
    public DateTimeOffset? StartsAt { get; set => field = value?.ToUniversalTime(); }
    public string? StartTimeZone { get; set; }
    public DateTimeOffset? EndsAt { get; set => field = value?.ToUniversalTime(); }
    public string? EndTimeZone { get; set; }

    public string? PlaceName { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>For a flight: where it ends (the arcs on the map, the next place of the trip).</summary>
    public string? EndPlaceName { get; set; }
    public double? EndLatitude { get; set; }
    public double? EndLongitude { get; set; }

    public decimal? PriceAmount { get; set; }
    public string? PriceCurrency { get; set; }

    /// <summary>Hotel stays: the nights they cover.</summary>
    public DateOnly? CheckIn { get; set; }
    public DateOnly? CheckOut { get; set; }

    public string? OfferId { get; set; }
    public string? Source { get; set; }

    /// <summary>The offer as it was when it was added (Pathavana's model, JSON).</summary>
    public string? OfferSnapshot { get; set; }

    public Guid? BookingId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Money? Price => PriceAmount is { } amount && PriceCurrency is { } currency ? new Money(amount, currency) : null;

    DataKeyOwner IEncryptedRow.KeyOwner => DataKeyOwner.Parent<Trip>(TripId);
}

internal sealed class TripConfiguration : IEntityTypeConfiguration<Trip>
{
    public void Configure(EntityTypeBuilder<Trip> builder)
    {
        builder.ToTable("trips");
        builder.HasKey(t => t.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.OwnerId, t.StartDate });
        builder.HasIndex(t => t.ShareTokenHash).IsUnique();
        builder.Property(t => t.PartySize).HasDefaultValue(1);
        builder.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.BudgetAmount).HasPrecision(18, 2);
        builder.Property(t => t.ShareTokenHash).HasMaxLength(64);
        builder.Property(t => t.TravelerIds).HasJsonGuidList().HasColumnName("traveler_ids");
        builder.Ignore(t => t.Budget);
        builder.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TripId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TripItemConfiguration : IEntityTypeConfiguration<TripItem>
{
    public void Configure(EntityTypeBuilder<TripItem> builder)
    {
        builder.ToTable("trip_items");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => new { i.TripId, i.Day, i.Position });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.StartTimeZone).HasMaxLength(64);
        builder.Property(i => i.EndTimeZone).HasMaxLength(64);
        builder.Property(i => i.PlaceName).HasMaxLength(300);
        builder.Property(i => i.EndPlaceName).HasMaxLength(300);
        builder.Property(i => i.PriceAmount).HasPrecision(18, 2);
        builder.Property(i => i.PriceCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(i => i.OfferId).HasMaxLength(512);
        builder.Property(i => i.Source).HasMaxLength(32);
        builder.Ignore(i => i.Price);
    }
}
