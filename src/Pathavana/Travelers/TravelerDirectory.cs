using Microsoft.EntityFrameworkCore;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Travelers;

/// <summary>How other modules (trips, bookings) read a user's travelers: owner-scoped, decrypted, audited.</summary>
internal interface ITravelerDirectory
{
    /// <summary>The owner's travelers among <paramref name="ids"/>; ids that are not theirs are simply absent.</summary>
    Task<IReadOnlyList<TravelerResponse>> GetOwnedAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, string purpose, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="ids"/> belong to the owner (no decryption, no audit).</summary>
    Task<IReadOnlySet<Guid>> OwnedIdsAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

internal sealed class TravelerDirectory(PathavanaDbContext db, PiiProtector pii, TimeProvider clock, IAuditLog audit) : ITravelerDirectory
{
    public async Task<IReadOnlyList<TravelerResponse>> GetOwnedAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, string purpose, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.Travelers.AsNoTracking().Where(t => t.OwnerId == ownerId && ids.Contains(t.Id)).ToListAsync(cancellationToken);
        var result = new List<TravelerResponse>(rows.Count);
        foreach (var row in rows)
        {
            result.Add(await TravelersApi.ToResponseAsync(row, pii, clock, cancellationToken));
            await audit.QueueReadAsync(new AuditEvent(AuditActions.TravelerRead, "traveler", row.Id.ToString(), ownerId,
                $$"""{"purpose":"{{purpose}}"}"""), cancellationToken);
        }
        return result;
    }

    public async Task<IReadOnlySet<Guid>> OwnedIdsAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.Travelers.AsNoTracking().Where(t => t.OwnerId == ownerId && ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken))
        .ToHashSet();
}
