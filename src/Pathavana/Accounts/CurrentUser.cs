using System.Security.Claims;

namespace Pathavana.Accounts;

internal static class CurrentUser
{
    /// <summary>The signed-in user's id. Only call on endpoints that require authorization.</summary>
    public static Guid Id(this ClaimsPrincipal principal) =>
        principal.TryGetId() ?? throw new InvalidOperationException("No signed-in user on an endpoint that requires one.");

    public static Guid? TryGetId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
