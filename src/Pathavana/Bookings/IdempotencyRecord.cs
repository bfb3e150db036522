using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;

namespace Pathavana.Bookings;

/// <summary>A client's Idempotency-Key, scoped to the user, kept 24 hours with the first request's outcome.</summary>
internal sealed class IdempotencyRecord
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of the method, path and canonical JSON body.</summary>
    public required string RequestHash { get; set; }

    public bool Completed { get; set; }

    /// <summary>
    /// Set only on keys completed by releases before outcomes were stored: the HTTP status of the
    /// response kept whole in <see cref="ResponseBody"/>. Null on keys completed since.
    /// </summary>
    public int? ResponseStatus { get; set; }

    /// <summary>The first request's outcome as JSON (or, with <see cref="ResponseStatus"/>, its response body).</summary>
    public string? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => r.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OwnerId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
    }
}
