using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;

namespace Pathavana.Bookings;

/// <summary>A response as it will be sent, and replayed: status and JSON body.</summary>
internal sealed record StoredResponse(int Status, string Body)
{
    public string ContentType => Status >= 400 ? "application/problem+json" : "application/json";
}

/// <summary>
/// Exactly-once writes with a client's <c>Idempotency-Key</c> (Stripe's and the IETF draft's
/// semantics): the first request with a key runs; the same key and body replays its response;
/// the same key with another body is refused (422); while the first still runs, 409. Keys are
/// per user and kept 24 hours. A unique index decides the race, across replicas.
/// </summary>
internal sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string HashOf(string method, string path, string body)
    {
        string canonical;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            canonical = Canonical(document.RootElement)?.ToJsonString() ?? "null";
        }
        catch (System.Text.Json.JsonException)
        {
            canonical = body;
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{canonical}")));
    }

    /// <summary>
    /// The body with its members in name order, so that member order does not make another request.
    /// A member named twice counts once, with its last value, as the request's deserialisation reads it.
    /// </summary>
    private static JsonNode? Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(element.EnumerateObject()
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, Canonical(g.Last().Value)))),
        JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(Canonical)]),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };

    public async Task<IResult> RunAsync(HttpContext http, Guid owner, string requestHash, Func<CancellationToken, Task<StoredResponse>> action, CancellationToken ct)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(key) || key.Length > 255)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [Header] = ["Send a unique Idempotency-Key header (at most 255 characters, e.g. a UUID) with every booking request."],
            }, title: "An Idempotency-Key header is required.");
        }

        var (claimed, existing) = await ClaimAsync(owner, key, requestHash, ct);
        if (!claimed)
        {
            if (existing!.RequestHash != requestHash)
            {
                return Problem(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for a different request.",
                    "Use a new key for a new request; repeat a request only with exactly the same body.");
            }
            if (!existing.Completed)
            {
                http.Response.Headers.RetryAfter = "1";
                return Problem(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                    "Wait for it to finish, then repeat the request to get its result.");
            }
            http.Response.Headers["Idempotent-Replayed"] = "true";
            return Replay(new StoredResponse(existing.ResponseStatus!.Value, existing.ResponseBody!));
        }

        StoredResponse response;
        try
        {
            response = await action(ct);
        }
        catch
        {
            // Nothing to replay: let the client repeat the request with the same key.
            await ReleaseAsync(owner, key);
            throw;
        }
        await CompleteAsync(owner, key, response, ct);
        return Replay(response);
    }

    private static IResult Replay(StoredResponse response) => Results.Text(response.Body, response.ContentType, Encoding.UTF8, response.Status);

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private async Task<(bool Claimed, IdempotencyRecord? Existing)> ClaimAsync(Guid owner, string key, string hash, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            var now = clock.GetUtcNow();
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                OwnerId = owner,
                Key = key,
                RequestHash = hash,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return (true, null);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.OwnerId == owner && r.Key == key, ct);
                if (existing.ExpiresAt > now)
                {
                    return (false, existing);
                }
                // An expired key is free again.
                await db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id && r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            }
        }
        throw new InvalidOperationException("The Idempotency-Key could not be claimed.");
    }

    private async Task CompleteAsync(Guid owner, string key, StoredResponse response, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        await db.Set<IdempotencyRecord>().Where(r => r.OwnerId == owner && r.Key == key)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.ResponseStatus, response.Status)
                .SetProperty(r => r.ResponseBody, response.Body), CancellationToken.None);
    }

    private async Task ReleaseAsync(Guid owner, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        await db.Set<IdempotencyRecord>().Where(r => r.OwnerId == owner && r.Key == key && !r.Completed).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>Removes keys past their 24 hours (run by the retention job).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var now = clock.GetUtcNow();
        return await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}
