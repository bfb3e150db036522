using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform.Data;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>A data key as stored: wrapped by the master key <see cref="MasterKeyId"/> names.</summary>
internal interface IWrappedDataKey
{
    string MasterKeyId { get; set; }
    byte[] WrappedKey { get; set; }
}

/// <summary>A user's data key, wrapped by a master key (table <c>user_keys</c>). Deleting it shreds the user's PII.</summary>
internal sealed class UserDataKey : IHasTimestamps, IWrappedDataKey
{
    public Guid UserId { get; set; }
    public required string MasterKeyId { get; set; }
    public required byte[] WrappedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UserDataKeyConfiguration : IEntityTypeConfiguration<UserDataKey>
{
    public void Configure(EntityTypeBuilder<UserDataKey> builder)
    {
        builder.ToTable("user_keys");
        builder.HasKey(k => k.UserId);
        builder.HasOne<User>().WithOne().HasForeignKey<UserDataKey>(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(k => k.MasterKeyId).HasMaxLength(64);
        builder.Property(k => k.WrappedKey).HasMaxLength(128);
        builder.HasIndex(k => k.MasterKeyId);
    }
}
