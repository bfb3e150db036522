using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
using Pathavana.Accounts;
using Pathavana.Platform.Data;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>
/// The data key of an anonymous browser's chat (table <c>anonymous_keys</c>), wrapped by a master
/// key. Found by the browser token's hash while anonymous; on sign-in the user adopts it
/// (<see cref="AdoptedBy"/>), so erasing the user destroys it too. Retention deletes it with the
/// browser's last session.
/// </summary>
internal sealed class AnonymousDataKey : IHasTimestamps, IWrappedDataKey
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the browser's anonymous token while the key is not adopted.</summary>
    public string? TokenHash { get; set; }

    /// <summary>The user who claimed the browser's sessions (their erasure destroys this key).</summary>
    public Guid? AdoptedBy { get; set; }

    public required string MasterKeyId { get; set; }
    public required byte[] WrappedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AnonymousDataKeyConfiguration : IEntityTypeConfiguration<AnonymousDataKey>
{
    public void Configure(EntityTypeBuilder<AnonymousDataKey> builder)
    {
        builder.ToTable("anonymous_keys");
        builder.HasKey(k => k.Id);
        builder.HasIndex(k => k.TokenHash).IsUnique();
        builder.HasIndex(k => k.AdoptedBy);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.AdoptedBy).OnDelete(DeleteBehavior.Cascade);
        builder.Property(k => k.TokenHash).HasMaxLength(64);
        builder.Property(k => k.MasterKeyId).HasMaxLength(64);
        builder.Property(k => k.WrappedKey).HasMaxLength(128);
    }
}

/// <summary>
/// Unwrapped data keys, cached in process for a few minutes (a key never changes; rotation only
/// re-wraps it). Reads the wrapped key from the database on a miss. Erasure deletes the key row and
/// calls <see cref="Forget"/>; other replicas drop their copy when it expires, by which time the
/// ciphertext it opened is deleted too.
/// </summary>
internal sealed class DataKeys(IServiceScopeFactory scopes, IKeyWrapper wrapper) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public IKeyWrapper Wrapper => wrapper;

    /// <summary>The key, from the cache or the database (synchronously: materialisation cannot wait). Throws <see cref="PiiUnavailableException"/> when it no longer exists.</summary>
    public byte[] Get(DataKeyRef key)
    {
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var wrapped = key.Kind == DataKeyRef.UserKind
            ? db.Set<UserDataKey>().AsNoTracking().Where(k => k.UserId == key.Id).Select(k => new StoredKey(k.MasterKeyId, k.WrappedKey)).SingleOrDefault()
            : db.Set<AnonymousDataKey>().AsNoTracking().Where(k => k.Id == key.Id).Select(k => new StoredKey(k.MasterKeyId, k.WrappedKey)).SingleOrDefault();
        if (wrapped is null)
        {
            throw new PiiUnavailableException("The data key no longer exists.");
        }
        return Remember(key, Unwrap(wrapped.MasterKeyId, wrapped.WrappedKey));
    }

    /// <summary>The key if it exists (cache, then <paramref name="db"/>, including rows added but not yet saved); null when it does not.</summary>
    public async Task<byte[]?> FindAsync(PathavanaDbContext db, DataKeyRef key, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }
        object? local = key.Kind == DataKeyRef.UserKind
            ? db.Set<UserDataKey>().Local.FirstOrDefault(k => k.UserId == key.Id)
            : db.Set<AnonymousDataKey>().Local.FirstOrDefault(k => k.Id == key.Id);
        string? masterKeyId;
        byte[]? wrapped;
        switch (local)
        {
            case UserDataKey u:
                (masterKeyId, wrapped) = (u.MasterKeyId, u.WrappedKey);
                break;
            case AnonymousDataKey a:
                (masterKeyId, wrapped) = (a.MasterKeyId, a.WrappedKey);
                break;
            default:
                var row = key.Kind == DataKeyRef.UserKind
                    ? await db.Set<UserDataKey>().AsNoTracking().Where(k => k.UserId == key.Id)
                        .Select(k => new StoredKey(k.MasterKeyId, k.WrappedKey)).SingleOrDefaultAsync(ct)
                    : await db.Set<AnonymousDataKey>().AsNoTracking().Where(k => k.Id == key.Id)
                        .Select(k => new StoredKey(k.MasterKeyId, k.WrappedKey)).SingleOrDefaultAsync(ct);
                (masterKeyId, wrapped) = (row?.MasterKeyId, row?.WrappedKey);
                break;
        }
        if (masterKeyId is null || wrapped is null)
        {
            return null;
        }
        var unwrapped = await UnwrapAsync(masterKeyId, wrapped, ct);
        // Only keys already in the database are cached: a key added in this unit of work may never be saved.
        return local is not null && db.Entry(local).State == EntityState.Added ? unwrapped : Remember(key, unwrapped);
    }

    /// <summary>A new random data key, wrapped and added to <paramref name="db"/> (saved with the caller's changes).</summary>
    public async Task<(DataKeyRef Ref, byte[] Key)> CreateAsync(PathavanaDbContext db, DataKeyOwner owner, CancellationToken ct)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var wrappedKey = await wrapper.WrapAsync(key, ct);
        switch (owner)
        {
            case UserKeyOwner user:
                db.Set<UserDataKey>().Add(new UserDataKey { UserId = user.UserId, MasterKeyId = wrapper.ActiveKeyId, WrappedKey = wrappedKey });
                return (DataKeyRef.ForUser(user.UserId), key);
            case AnonymousKeyOwner anonymous:
                var row = new AnonymousDataKey { Id = Guid.CreateVersion7(), TokenHash = anonymous.TokenHash, MasterKeyId = wrapper.ActiveKeyId, WrappedKey = wrappedKey };
                db.Set<AnonymousDataKey>().Add(row);
                return (DataKeyRef.ForAnonymous(row.Id), key);
            default:
                throw new ArgumentException("Keys are made for users and anonymous browsers only.", nameof(owner));
        }
    }

    /// <summary>The anonymous key of a browser, if it has one (saved or added in this unit of work).</summary>
    public static async Task<AnonymousDataKey?> FindAnonymousAsync(PathavanaDbContext db, string tokenHash, CancellationToken ct) =>
        db.Set<AnonymousDataKey>().Local.FirstOrDefault(k => k.TokenHash == tokenHash)
        ?? await db.Set<AnonymousDataKey>().AsNoTracking().SingleOrDefaultAsync(k => k.TokenHash == tokenHash, ct);

    /// <summary>
    /// Sign-in claims a browser's anonymous sessions: the user adopts the browser's key, so what was
    /// written before sign-in stays readable and is destroyed with the account.
    /// </summary>
    public static async Task AdoptAsync(PathavanaDbContext db, string tokenHash, Guid userId, CancellationToken ct)
    {
        await db.Set<AnonymousDataKey>().Where(k => k.TokenHash == tokenHash)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.AdoptedBy, userId).SetProperty(k => k.TokenHash, (string?)null), ct);
    }

    /// <summary>Caches a key once the unit of work that created it is saved.</summary>
    public void Saved(DataKeyRef key, byte[] value) => Remember(key, value);

    /// <summary>Drops a destroyed key from this replica's cache.</summary>
    public void Forget(DataKeyRef key) => _cache.Remove(key);

    private byte[] Remember(DataKeyRef key, byte[] value)
    {
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    private byte[] Unwrap(string masterKeyId, byte[] wrapped)
    {
        try
        {
            return wrapper.UnwrapAsync(masterKeyId, wrapped, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (CryptographicException ex)
        {
            throw new PiiUnavailableException("The data key could not be unwrapped.", ex);
        }
    }

    private async Task<byte[]> UnwrapAsync(string masterKeyId, byte[] wrapped, CancellationToken ct)
    {
        try
        {
            return await wrapper.UnwrapAsync(masterKeyId, wrapped, ct);
        }
        catch (CryptographicException ex)
        {
            throw new PiiUnavailableException("The data key could not be unwrapped.", ex);
        }
    }

    public void Dispose() => _cache.Dispose();

    private sealed record StoredKey(string MasterKeyId, byte[] WrappedKey);
}
