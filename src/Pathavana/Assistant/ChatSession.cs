using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Assistant;

/// <summary>
/// A chat session (table <c>sessions</c>): owned by a user, or before sign-in by an anonymous
/// browser token (stored as a hash). The title (the first words typed) and the dialog state are
/// encrypted with the owner's data key, or before sign-in with the browser's own key.
/// </summary>
internal sealed class ChatSession : IHasTimestamps, IEncryptedRow
{
    public Guid Id { get; set; }
    public Guid? OwnerId { get; set; }
    public string? AnonymousTokenHash { get; set; }
    [Encrypted]
    public required string Title { get; set; }

    /// <summary>The dialog state (slots, selections) as JSON.</summary>
    [Encrypted]
    public string State { get; set; } = "{}";

    public List<ChatMessage> Messages { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    DataKeyOwner IEncryptedRow.KeyOwner => OwnerId is { } user ? DataKeyOwner.User(user) : DataKeyOwner.Anonymous(AnonymousTokenHash ?? "");
}

internal enum ChatRole
{
    User,
    Assistant,
    System,
}

/// <summary>One message of a chat session: its role, text and structured results (text and results encrypted with the session's key).</summary>
internal sealed class ChatMessage : IHasTimestamps, IEncryptedRow
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public ChatRole Role { get; set; }
    [Encrypted]
    public required string Text { get; set; }

    /// <summary>The message's place in its session (1, 2, …). Unique per session, so two replicas cannot interleave a turn.</summary>
    public int Seq { get; set; }

    /// <summary>Structured results (cards) as JSON, if any.</summary>
    [Encrypted]
    public string? Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    DataKeyOwner IEncryptedRow.KeyOwner => DataKeyOwner.Parent<ChatSession>(SessionId);
}

internal sealed class ChatSessionConfiguration : IEntityTypeConfiguration<ChatSession>
{
    public void Configure(EntityTypeBuilder<ChatSession> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.OwnerId, s.UpdatedAt });
        builder.HasIndex(s => s.AnonymousTokenHash);
        builder.Property(s => s.AnonymousTokenHash).HasMaxLength(64);
        builder.HasMany(s => s.Messages).WithOne().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("session_messages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.SessionId, m.CreatedAt });
        builder.HasIndex(m => new { m.SessionId, m.Seq }).IsUnique();
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
    }
}

/// <summary>Tokens one LLM turn used (table <c>llm_usage</c>), for the per-user daily budget and for cost reports.</summary>
internal sealed class LlmUsage : IHasTimestamps
{
    public Guid Id { get; set; }

    /// <summary>Who the budget is counted for: the user id, or the anonymous token hash before sign-in.</summary>
    public required string Subject { get; set; }

    public Guid SessionId { get; set; }
    public DateOnly Day { get; set; }
    public required string Model { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class LlmUsageConfiguration : IEntityTypeConfiguration<LlmUsage>
{
    public void Configure(EntityTypeBuilder<LlmUsage> builder)
    {
        builder.ToTable("llm_usage");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Subject).HasMaxLength(64);
        builder.Property(u => u.Model).HasMaxLength(100);
        builder.HasIndex(u => new { u.Subject, u.Day });
    }
}
