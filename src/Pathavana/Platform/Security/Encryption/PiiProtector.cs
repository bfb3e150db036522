using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>The user's personal data could not be decrypted: their key was destroyed (erasure) or is unavailable.</summary>
internal sealed class PiiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Encrypts personal data with its owner's data key before it reaches the database, and
/// decrypts it for the owner. Values look like <c>pv1:&lt;base64&gt;</c>; the associated data binds
/// each value to its owner and field, so ciphertext moved to another row does not decrypt.
/// Scoped: unwrapped keys live only as long as the request.
/// </summary>
internal sealed class PiiProtector(PathavanaDbContext db, IKeyWrapper wrapper, DataKeys dataKeys)
{
    private const string Prefix = "pv1:";
    private readonly Dictionary<Guid, byte[]> _keys = [];

    public async Task<string?> ProtectAsync(Guid ownerId, string field, string? plaintext, CancellationToken cancellationToken)
    {
        if (plaintext is null)
        {
            return null;
        }
        var key = await KeyAsync(ownerId, create: true, cancellationToken);
        var sealedBox = AesGcmBox.Seal(key, Encoding.UTF8.GetBytes(plaintext), AssociatedData(ownerId, field));
        return Prefix + Convert.ToBase64String(sealedBox);
    }

    public async Task<string?> UnprotectAsync(Guid ownerId, string field, string? stored, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            return null;
        }
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new PiiUnavailableException("A personal-data value is not in the encrypted format.");
        }
        var key = await KeyAsync(ownerId, create: false, cancellationToken);
        try
        {
            return Encoding.UTF8.GetString(AesGcmBox.Open(key, Convert.FromBase64String(stored[Prefix.Length..]), AssociatedData(ownerId, field)));
        }
        catch (CryptographicException ex)
        {
            throw new PiiUnavailableException("A personal-data value did not decrypt.", ex);
        }
    }

    /// <summary>Creates the user's data key if they have none yet, and saves it.</summary>
    public async Task EnsureKeyAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        await KeyAsync(ownerId, create: true, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Crypto-shredding: destroys the user's data key, so their PII is unreadable everywhere, backups included.</summary>
    public async Task DestroyKeyAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        _keys.Remove(ownerId);
        await db.Set<UserDataKey>().Where(k => k.UserId == ownerId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AnonymousDataKey>().Where(k => k.AdoptedBy == ownerId).ExecuteDeleteAsync(cancellationToken);
        dataKeys.Forget(DataKeyRef.ForUser(ownerId));
    }

    private static byte[] AssociatedData(Guid ownerId, string field) => Encoding.UTF8.GetBytes($"{ownerId:N}/{field}");

    private async Task<byte[]> KeyAsync(Guid ownerId, bool create, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(ownerId, out var cached))
        {
            return cached;
        }
        var row = await db.Set<UserDataKey>().AsNoTracking().SingleOrDefaultAsync(k => k.UserId == ownerId, cancellationToken);
        byte[] key;
        if (row is not null)
        {
            try
            {
                key = await wrapper.UnwrapAsync(row.MasterKeyId, row.WrappedKey, cancellationToken);
            }
            catch (CryptographicException ex)
            {
                throw new PiiUnavailableException("The user's data key could not be unwrapped.", ex);
            }
        }
        else if (create)
        {
            // Saved with the caller's changes, so the key and the first ciphertext land together.
            key = RandomNumberGenerator.GetBytes(32);
            db.Set<UserDataKey>().Add(new UserDataKey
            {
                UserId = ownerId,
                MasterKeyId = wrapper.ActiveKeyId,
                WrappedKey = await wrapper.WrapAsync(key, cancellationToken),
            });
        }
        else
        {
            throw new PiiUnavailableException("The user's data key no longer exists.");
        }
        _keys[ownerId] = key;
        return key;
    }
}

/// <summary><c>pathavana keys rotate</c>: re-wraps every user key (and every anonymous browser's key) with the active master key.</summary>
internal sealed class KeyRotation(PathavanaDbContext db, IKeyWrapper wrapper)
{
    public async Task<(int Rewrapped, int AlreadyCurrent)> RewrapAllAsync(CancellationToken cancellationToken)
    {
        var rewrapped = 0;
        var current = 0;
        IEnumerable<IWrappedDataKey> rows = [
            .. await db.Set<UserDataKey>().ToListAsync(cancellationToken),
            .. await db.Set<AnonymousDataKey>().ToListAsync(cancellationToken),
        ];
        foreach (var row in rows)
        {
            if (row.MasterKeyId == wrapper.ActiveKeyId)
            {
                current++;
                continue;
            }
            var key = await wrapper.UnwrapAsync(row.MasterKeyId, row.WrappedKey, cancellationToken);
            row.WrappedKey = await wrapper.WrapAsync(key, cancellationToken);
            row.MasterKeyId = wrapper.ActiveKeyId;
            rewrapped++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return (rewrapped, current);
    }
}
