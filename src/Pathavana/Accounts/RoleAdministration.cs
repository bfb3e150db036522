using Microsoft.AspNetCore.Identity;

namespace Pathavana.Accounts;

/// <summary>What became of a request to give or take a role.</summary>
internal enum RoleChangeOutcome
{
    /// <summary>The role was given or taken; the account's sessions pick it up at their next security-stamp check.</summary>
    Changed,

    /// <summary>The account already had (or already lacked) the role: nothing was written.</summary>
    AlreadySo,

    /// <summary>No such account.</summary>
    NoSuchAccount,

    /// <summary>Identity refused the change; <see cref="RoleChange.Errors"/> says why.</summary>
    Refused,
}

/// <summary>The outcome of a role change, with the account it concerned (when there is one).</summary>
internal sealed record RoleChange(RoleChangeOutcome Outcome, Guid? UserId, IReadOnlyList<string> Errors)
{
    public static RoleChange NoSuchAccount { get; } = new(RoleChangeOutcome.NoSuchAccount, null, []);
}

/// <summary>
/// Accounts' role port: give, take and list an account's roles (<see cref="Role.UserRole"/>,
/// <see cref="Role.AdminRole"/>) without other modules touching the users and roles tables.
/// Recording the change in the audit log is the caller's, who knows by whom it was asked.
/// </summary>
internal interface IRoleAdministration
{
    Task<RoleChange> GrantAsync(Guid userId, string role, CancellationToken cancellationToken);

    Task<RoleChange> RevokeAsync(Guid userId, string role, CancellationToken cancellationToken);

    /// <summary>Gives the role to the account with this email address.</summary>
    Task<RoleChange> GrantByEmailAsync(string email, string role, CancellationToken cancellationToken);

    /// <summary>The account's roles, or null when there is no such account.</summary>
    Task<IReadOnlyList<string>?> RolesOfAsync(Guid userId, CancellationToken cancellationToken);
}

internal sealed class RoleAdministration(UserManager<User> users) : IRoleAdministration
{
    public async Task<RoleChange> GrantAsync(Guid userId, string role, CancellationToken cancellationToken) =>
        await ChangeAsync(await users.FindByIdAsync(userId.ToString()), role, grant: true);

    public async Task<RoleChange> RevokeAsync(Guid userId, string role, CancellationToken cancellationToken) =>
        await ChangeAsync(await users.FindByIdAsync(userId.ToString()), role, grant: false);

    public async Task<RoleChange> GrantByEmailAsync(string email, string role, CancellationToken cancellationToken) =>
        await ChangeAsync(await users.FindByEmailAsync(email), role, grant: true);

    public async Task<IReadOnlyList<string>?> RolesOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId.ToString()) is { } user ? [.. await users.GetRolesAsync(user)] : null;

    private async Task<RoleChange> ChangeAsync(User? user, string role, bool grant)
    {
        if (user is null)
        {
            return RoleChange.NoSuchAccount;
        }
        if (await users.IsInRoleAsync(user, role) == grant)
        {
            return new RoleChange(RoleChangeOutcome.AlreadySo, user.Id, []);
        }
        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded)
        {
            return new RoleChange(RoleChangeOutcome.Refused, user.Id, [.. result.Errors.Select(e => e.Description)]);
        }
        // Existing sessions pick up the change at their next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        return new RoleChange(RoleChangeOutcome.Changed, user.Id, []);
    }
}
