using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathavana.Audit;

/// <summary>
/// An append-only record of a security or PII event: who did what to whom, when and from where.
/// Never holds PII values. <see cref="Hash"/> chains it to the previous record.
/// </summary>
internal sealed class AuditLogEntry
{
    public Guid Id { get; set; }

    /// <summary>Position in the chain, strictly increasing.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorId { get; set; }
    public required string Action { get; set; }
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public string? ClientIp { get; set; }

    /// <summary>Non-PII details as JSON.</summary>
    public string? Details { get; set; }

    public required string PreviousHash { get; set; }

    /// <summary>HMAC-SHA256 (keyed by <see cref="KeyId"/>) over the record and <see cref="PreviousHash"/>; plain SHA-256 for records written before keys.</summary>
    public required string Hash { get; set; }

    /// <summary>The chain key that made <see cref="Hash"/> (the key itself is never in the database); null for the unkeyed records of earlier versions.</summary>
    public string? KeyId { get; set; }
}

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> builder)
    {
        builder.ToTable("audit_logs");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => new { a.ActorId, a.OccurredAt });
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.SubjectType).HasMaxLength(64);
        builder.Property(a => a.SubjectId).HasMaxLength(64);
        builder.Property(a => a.ClientIp).HasMaxLength(45);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.Property(a => a.KeyId).HasMaxLength(32);
    }
}
