using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Platform;
using Pathavana.Platform.Data;

namespace Pathavana.Bookings;

/// <summary>
/// Exactly-once writes with a client's <c>Idempotency-Key</c> (Stripe's and the IETF draft's
/// semantics): the first request with a key runs and its outcome is kept; the same key and request
/// gives that outcome again; the same key with another request is refused; while the first still
/// runs, the key is refused as still running. Keys are per user and kept 24 hours. A unique index
/// decides the race, across replicas. What a refusal or an outcome is in HTTP is the endpoint's to say.
/// </summary>
internal sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The app's JSON options, leaving out null members so that an absent and a null member are one request.</summary>
    private readonly JsonSerializerOptions _requestJson = new(json.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// SHA-256 (lower-case hex) of the method, the path and the request as the endpoint bound it, in
    /// canonical JSON: members in name order, null members left out. So the same request written
    /// otherwise (members reordered, one named twice, another property-name case) is the same request.
    /// </summary>
    public string HashOf<TRequest>(string method, string path, TRequest? request) =>
        HashOf(method, path, request is null ? "" : JsonSerializer.Serialize(request, _requestJson));

    private static string HashOf(string method, string path, string body)
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

    /// <summary>
    /// Runs <paramref name="action"/> once for <paramref name="owner"/>'s <paramref name="key"/>, or gives
    /// the outcome it had. The outcome is stored as JSON (so <typeparamref name="T"/> round-trips through
    /// the app's JSON options, polymorphic records naming their case). When the action throws, the key
    /// is released so the client can repeat the request, and the exception propagates.
    /// </summary>
    /// <param name="key">The client's <c>Idempotency-Key</c>: 1 to 255 characters, else refused as missing.</param>
    /// <param name="requestHash">From <see cref="HashOf{TRequest}"/>: another request with the same key is refused.</param>
    public async Task<IdempotentRun<T>> RunAsync<T>(Guid owner, string? key, string requestHash, Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 255)
        {
            return new IdempotentRun<T>.Refused(IdempotencyRefusal.KeyMissing);
        }

        var (claimed, existing) = await ClaimAsync(owner, key, requestHash, ct);
        if (!claimed)
        {
            if (existing!.RequestHash != requestHash)
            {
                return new IdempotentRun<T>.Refused(IdempotencyRefusal.KeyReused);
            }
            if (!existing.Completed)
            {
                return new IdempotentRun<T>.Refused(IdempotencyRefusal.StillRunning);
            }
            if (existing.ResponseStatus is { } status)
            {
                return new IdempotentRun<T>.Recorded(status, existing.ResponseBody!);
            }
            return new IdempotentRun<T>.Answered(JsonSerializer.Deserialize<T>(existing.ResponseBody!, json.Value.SerializerOptions)!, Replayed: true);
        }

        T outcome;
        try
        {
            outcome = await action(ct);
        }
        catch
        {
            // Nothing to replay: let the client repeat the request with the same key.
            await ReleaseAsync(owner, key);
            throw;
        }
        await CompleteAsync(owner, key, JsonSerializer.Serialize(outcome, json.Value.SerializerOptions));
        return new IdempotentRun<T>.Answered(outcome, Replayed: false);
    }

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

    private async Task CompleteAsync(Guid owner, string key, string outcome)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        await db.Set<IdempotencyRecord>().Where(r => r.OwnerId == owner && r.Key == key)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.ResponseStatus, (int?)null)
                .SetProperty(r => r.ResponseBody, outcome), CancellationToken.None);
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
