using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Platform.Data;

namespace Pathavana.Accounts;

/// <summary>How a session is carried: the web app's cookie or an API client's bearer/refresh tokens.</summary>
internal enum SessionKind
{
    Cookie,
    Bearer,
}

/// <summary>
/// One signed-in session (table <c>user_sessions</c>): every cookie and token names its session, and
/// a request is only signed in while its session is neither revoked nor expired. Sign-out revokes
/// one; a password change or reset, or "sign out everywhere", revokes them all.
/// </summary>
internal sealed class UserSession : IHasTimestamps
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public SessionKind Kind { get; set; }

    /// <summary>After this instant the session is over, whatever its cookie or tokens say.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why it was revoked: <c>sign_out</c>, <c>sign_out_everywhere</c>, <c>password_changed</c>, <c>password_reset</c>, <c>refresh_token_reused</c>.</summary>
    public string? RevokedReason { get; set; }

    /// <summary>The id inside the only refresh token that may still be exchanged (bearer sessions); rotated on every refresh.</summary>
    public Guid? RefreshTokenId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.HasKey(s => s.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.RevokedReason).HasMaxLength(32);
    }
}
