using System.Text.Json;
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
            result.Add(await DecryptAsync(row, pii, clock, cancellationToken));
            await audit.QueueReadAsync(new AuditEvent(AuditActions.TravelerRead, "traveler", row.Id.ToString(), ownerId,
                $$"""{"purpose":"{{purpose}}"}"""), cancellationToken);
        }
        return result;
    }

    public async Task<IReadOnlySet<Guid>> OwnedIdsAsync(Guid ownerId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.Travelers.AsNoTracking().Where(t => t.OwnerId == ownerId && ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken))
        .ToHashSet();

    /// <summary>Decrypts a traveler for its owner: the endpoints and <see cref="GetOwnedAsync"/> both answer with this.</summary>
    internal static async Task<TravelerResponse> DecryptAsync(Traveler row, PiiProtector pii, TimeProvider clock, CancellationToken ct)
    {
        var owner = row.OwnerId;
        async Task<string?> Read(string field, string? value) => await pii.UnprotectAsync(owner, field, value, ct);
        var expiry = await Read("passportExpiry", row.PassportExpiry) is { } e ? DateOnly.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : (DateOnly?)null;
        var loyalty = await Read("loyaltyNumbers", row.LoyaltyNumbers) is { } l ? JsonSerializer.Deserialize<List<LoyaltyNumber>>(l) ?? [] : [];
        return new TravelerResponse(
            row.Id,
            (await Read("givenNames", row.GivenNames))!,
            (await Read("surname", row.Surname))!,
            DateOnly.Parse((await Read("dateOfBirth", row.DateOfBirth))!, System.Globalization.CultureInfo.InvariantCulture),
            await Read("gender", row.Gender),
            await Read("nationality", row.Nationality),
            await Read("passportNumber", row.PassportNumber),
            await Read("passportIssuingCountry", row.PassportIssuingCountry),
            expiry,
            await Read("email", row.Email),
            await Read("phone", row.Phone),
            loyalty,
            await Read("seatPreference", row.SeatPreference),
            await Read("mealPreference", row.MealPreference),
            PassportStatus(expiry, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
            row.CreatedAt,
            row.UpdatedAt);
    }

    /// <summary>none, valid, expiresSoon (within six months) or expired.</summary>
    private static string PassportStatus(DateOnly? expiry, DateOnly today) => expiry switch
    {
        null => "none",
        { } e when e < today => "expired",
        { } e when e < today.AddMonths(6) => "expiresSoon",
        _ => "valid",
    };
}
