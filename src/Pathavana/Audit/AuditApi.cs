using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Platform.Data;

namespace Pathavana.Audit;

public sealed record AuditRecordResponse(
    Guid Id, long Sequence, DateTimeOffset OccurredAt, Guid? ActorId, string Action,
    string? SubjectType, string? SubjectId, string? ClientIp, string? Details, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditRecordResponse> Records, long? NextBefore);

/// <summary>Administrators read the audit log and manage roles; users cannot.</summary>
internal static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Role.AdminRole);
        admin.MapGet("/audit", QueryAsync).WithName("QueryAuditLog")
            .WithSummary("Audit records, newest first, filtered by action, actor, subject and time; page with ?before=<sequence>.");
        admin.MapPut("/users/{userId:guid}/roles/{role}", GrantAsync).WithName("GrantRole").WithSummary("Give a user a role.");
        admin.MapDelete("/users/{userId:guid}/roles/{role}", RevokeAsync).WithName("RevokeRole").WithSummary("Take a role from a user.");
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> QueryAsync(
        PathavanaDbContext db, string? action, Guid? actorId, string? subjectId, DateTimeOffset? from, DateTimeOffset? to,
        long? before, int? limit, CancellationToken ct)
    {
        var size = limit ?? 100;
        if (size is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 1000."] });
        }
        var query = db.AuditLogs.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(a => a.Action == action);
        }
        if (actorId is { } actor)
        {
            query = query.Where(a => a.ActorId == actor);
        }
        if (!string.IsNullOrEmpty(subjectId))
        {
            query = query.Where(a => a.SubjectId == subjectId);
        }
        if (from is { } f)
        {
            query = query.Where(a => a.OccurredAt >= f);
        }
        if (to is { } t)
        {
            query = query.Where(a => a.OccurredAt < t);
        }
        if (before is { } b)
        {
            query = query.Where(a => a.Sequence < b);
        }
        var rows = await query.OrderByDescending(a => a.Sequence).Take(size + 1).ToListAsync(ct);
        var page = rows.Take(size).Select(a => new AuditRecordResponse(
            a.Id, a.Sequence, a.OccurredAt, a.ActorId, a.Action, a.SubjectType, a.SubjectId, a.ClientIp, a.Details, a.Hash)).ToList();
        return TypedResults.Ok(new AuditPage(page, rows.Count > size ? page[^1].Sequence : null));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> GrantAsync(
        Guid userId, string role, IRoleAdministration roles, IAuditLog audit, CancellationToken ct) =>
        await ChangeAsync(userId, role, grant: true, roles, audit, ct);

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RevokeAsync(
        Guid userId, string role, IRoleAdministration roles, IAuditLog audit, CancellationToken ct) =>
        await ChangeAsync(userId, role, grant: false, roles, audit, ct);

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> ChangeAsync(
        Guid userId, string role, bool grant, IRoleAdministration roles, IAuditLog audit, CancellationToken ct)
    {
        if (role is not (Role.UserRole or Role.AdminRole))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["Either 'user' or 'admin'."] });
        }
        var change = grant ? await roles.GrantAsync(userId, role, ct) : await roles.RevokeAsync(userId, role, ct);
        switch (change.Outcome)
        {
            case RoleChangeOutcome.NoSuchAccount:
                return TypedResults.NotFound();
            case RoleChangeOutcome.Refused:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [.. change.Errors] });
            case RoleChangeOutcome.Changed:
                await audit.RecordAsync(new AuditEvent(AuditActions.RoleChanged, "user", change.UserId!.Value.ToString(),
                    Details: $$"""{"role":"{{role}}","granted":{{(grant ? "true" : "false")}}}"""), ct);
                break;
        }
        return TypedResults.NoContent();
    }
}
