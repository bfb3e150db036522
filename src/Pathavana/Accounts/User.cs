using Microsoft.AspNetCore.Identity;
using Pathavana.Platform.Data;

namespace Pathavana.Accounts;

/// <summary>A user account (table <c>users</c>), managed by ASP.NET Core Identity.</summary>
internal sealed class User : IdentityUser<Guid>, IHasTimestamps
{
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A role (<c>user</c> or <c>admin</c>).</summary>
internal sealed class Role : IdentityRole<Guid>
{
    public const string UserRole = "user";
    public const string AdminRole = "admin";
}
