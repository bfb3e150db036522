using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform.Data;

namespace Pathavana.Privacy;

/// <summary>A purpose the traveller can agree to, in a given version of its wording.</summary>
/// <param name="Id">Stable id, stored and sent by clients (<c>llm_chat</c>, <c>marketing_email</c>).</param>
/// <param name="Version">The wording's version: a consent given to an older version does not count.</param>
internal sealed record ConsentPurpose(string Id, int Version, string Title, string Text);

/// <summary>The purposes Pathavana asks consent for. Raising a version asks everyone again.</summary>
internal static class ConsentPurposes
{
    public const string LanguageModel = "llm_chat";
    public const string MarketingEmail = "marketing_email";

    public static readonly IReadOnlyList<ConsentPurpose> All =
    [
        new(LanguageModel, 1, "Send my chat messages to the language model",
            "Your chat messages and the trip details the assistant holds are sent to the external language model (the configured LLM provider) so that it can answer. "
            + "Without this, the offline assistant answers on this server and nothing you type leaves it."),
        new(MarketingEmail, 1, "Email me travel ideas and offers",
            "Occasional emails about destinations and offers. Booking confirmations and account emails are sent either way."),
    ];

    public static ConsentPurpose? Find(string? id) => All.FirstOrDefault(p => p.Id == id);
}

/// <summary>
/// One consent decision (table <c>consents</c>): given or withdrawn, for a purpose's version, at a
/// time. Decisions are appended, never updated: the latest row per purpose is the current one and
/// the rest is the history (exported with the account). Before sign-in a browser's decision is kept
/// under its anonymous token's hash and moves to the user when they claim the browser's chats.
/// </summary>
internal sealed class ConsentRecord
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public string? AnonymousTokenHash { get; set; }
    public required string Purpose { get; set; }
    public int Version { get; set; }
    public bool Granted { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("consents");
        builder.HasKey(c => c.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.RecordedAt });
        builder.HasIndex(c => new { c.AnonymousTokenHash, c.Purpose, c.RecordedAt });
        builder.Property(c => c.AnonymousTokenHash).HasMaxLength(64);
        builder.Property(c => c.Purpose).HasMaxLength(32);
    }
}

/// <summary>Whose consent: a signed-in user, or before sign-in an anonymous browser (its token's hash).</summary>
internal sealed record ConsentSubject(Guid? UserId, string? AnonymousHash)
{
    public IQueryable<ConsentRecord> Scope(IQueryable<ConsentRecord> records) => UserId is { } user
        ? records.Where(r => r.UserId == user)
        : records.Where(r => r.UserId == null && r.AnonymousTokenHash == AnonymousHash);
}

/// <summary>Reads and records consent decisions.</summary>
internal sealed class Consents(PathavanaDbContext db, TimeProvider clock)
{
    /// <summary>The current decision per purpose (null when never asked), for the purposes' current versions.</summary>
    public async Task<Dictionary<string, ConsentRecord?>> CurrentAsync(ConsentSubject subject, CancellationToken ct)
    {
        var rows = await subject.Scope(db.Set<ConsentRecord>().AsNoTracking()).ToListAsync(ct);
        return ConsentPurposes.All.ToDictionary(p => p.Id, p => rows.Where(r => r.Purpose == p.Id)
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).FirstOrDefault());
    }

    /// <summary>True when the subject's latest decision for <paramref name="purpose"/> grants its current version.</summary>
    public async Task<bool> HasAsync(ConsentSubject subject, string purpose, CancellationToken ct)
    {
        if (subject.UserId is null && subject.AnonymousHash is null)
        {
            return false;
        }
        var current = ConsentPurposes.Find(purpose) ?? throw new ArgumentException($"Unknown purpose {purpose}.", nameof(purpose));
        var latest = (await subject.Scope(db.Set<ConsentRecord>().AsNoTracking()).Where(r => r.Purpose == purpose).ToListAsync(ct))
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).FirstOrDefault();
        return latest is { Granted: true } && latest.Version == current.Version;
    }

    public async Task<ConsentRecord> RecordAsync(ConsentSubject subject, ConsentPurpose purpose, bool granted, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var record = new ConsentRecord
        {
            Id = Guid.CreateVersion7(now), UserId = subject.UserId, AnonymousTokenHash = subject.UserId is null ? subject.AnonymousHash : null,
            Purpose = purpose.Id, Version = purpose.Version, Granted = granted, RecordedAt = now,
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>On sign-in the browser's decisions become the user's (those the user has not made since).</summary>
    public static Task AdoptAsync(PathavanaDbContext db, string tokenHash, Guid userId, CancellationToken ct) =>
        db.Set<ConsentRecord>().Where(r => r.UserId == null && r.AnonymousTokenHash == tokenHash)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, userId).SetProperty(r => r.AnonymousTokenHash, (string?)null), ct);
}
