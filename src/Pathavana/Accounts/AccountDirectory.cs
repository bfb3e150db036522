using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;

namespace Pathavana.Accounts;

/// <summary>
/// What other modules may ask about an account without reading the <c>users</c> table: where to write
/// to its owner, and whose an address is.
/// </summary>
internal interface IAccountDirectory
{
    /// <summary>The account's email address, or null when there is no such account or it has none.</summary>
    Task<string?> EmailOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The account whose normalized address is <paramref name="address"/>'s, if any.</summary>
    Task<Guid?> OwnerOfAsync(string address, CancellationToken cancellationToken);
}

internal sealed class AccountDirectory(UserManager<User> users, PathavanaDbContext db) : IAccountDirectory
{
    public async Task<string?> EmailOfAsync(Guid userId, CancellationToken cancellationToken) =>
        (await users.FindByIdAsync(userId.ToString()))?.Email;

    public async Task<Guid?> OwnerOfAsync(string address, CancellationToken cancellationToken)
    {
        var normalized = address.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
