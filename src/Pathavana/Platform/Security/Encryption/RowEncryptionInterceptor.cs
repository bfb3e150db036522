using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Pathavana.Platform.Data;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>
/// Encrypts every <see cref="EncryptedAttribute"/> property with its owner's data key as the row is
/// saved, and decrypts it as the row is read, so modules work with plain text and the database
/// only ever holds <c>pv2:&lt;key&gt;:&lt;base64 of AES-256-GCM&gt;</c>. The associated data binds each
/// value to its key and column (<c>table.column</c>): a value copied to another column does not decrypt.
/// After the save the entities hold plain text again, unchanged as far as the change tracker knows.
/// </summary>
internal sealed class RowEncryptionInterceptor(DataKeys keys) : SaveChangesInterceptor
{
    public const string Prefix = "pv2:";

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Encrypted = new();
    private readonly ConditionalWeakTable<DbContext, SaveState> _saving = new();

    private sealed class SaveState
    {
        public List<(PropertyEntry Property, string Plaintext)> Restore { get; } = [];
        public Dictionary<DataKeyRef, byte[]> NewKeys { get; } = [];
    }

    /// <summary>The encrypted properties of an entity type (empty for most).</summary>
    public static PropertyInfo[] EncryptedProperties(Type type) => Encrypted.GetOrAdd(type, t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.IsDefined(typeof(EncryptedAttribute)))]);

    public static bool IsEncrypted(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            EncryptAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await EncryptAsync(context, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Finish(eventData.Context, saved: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Finish(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Finish(eventData.Context, saved: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Finish(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Finish(eventData.Context, saved: false);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Finish(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    private async Task EncryptAsync(DbContext context, CancellationToken ct)
    {
        if (context is not PathavanaDbContext db)
        {
            return;
        }
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && EncryptedProperties(e.Entity.GetType()).Length > 0)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }
        var state = _saving.GetValue(context, _ => new SaveState());
        try
        {
            await EncryptEntriesAsync(db, entries, state, ct);
        }
        catch
        {
            Finish(context, saved: false);
            throw;
        }
    }

    private async Task EncryptEntriesAsync(PathavanaDbContext db, List<EntityEntry> entries, SaveState state, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            (DataKeyRef Ref, byte[] Key)? key = null;
            foreach (var info in EncryptedProperties(entry.Entity.GetType()))
            {
                var property = entry.Property(info.Name);
                if (entry.State == EntityState.Modified && !property.IsModified || property.CurrentValue is not string plaintext)
                {
                    continue;
                }
                key ??= await ResolveAsync(db, ((IEncryptedRow)entry.Entity).KeyOwner, state, ct);
                property.CurrentValue = Seal(key.Value.Ref, key.Value.Key, AssociatedData(key.Value.Ref, entry.Metadata, property.Metadata), plaintext);
                state.Restore.Add((property, plaintext));
            }
        }
    }

    private void Finish(DbContext? context, bool saved)
    {
        if (context is null || !_saving.TryGetValue(context, out var state))
        {
            return;
        }
        _saving.Remove(context);
        foreach (var (property, plaintext) in state.Restore)
        {
            property.CurrentValue = plaintext;
            if (saved)
            {
                // The database now holds this value (encrypted): nothing left to save.
                property.OriginalValue = plaintext;
                property.IsModified = false;
            }
        }
        if (saved)
        {
            foreach (var (reference, key) in state.NewKeys)
            {
                keys.Saved(reference, key);
            }
        }
    }

    private async Task<(DataKeyRef Ref, byte[] Key)> ResolveAsync(PathavanaDbContext db, DataKeyOwner owner, SaveState state, CancellationToken ct)
    {
        for (var depth = 0; owner is ParentKeyOwner parent; depth++)
        {
            if (depth > 4 || await db.FindAsync(parent.EntityType, [parent.Id], ct) is not IEncryptedRow row)
            {
                throw new InvalidOperationException($"The {parent.EntityType.Name} {parent.Id} that owns an encrypted row was not found.");
            }
            owner = row.KeyOwner;
        }
        DataKeyRef? reference = owner switch
        {
            UserKeyOwner user => DataKeyRef.ForUser(user.UserId),
            AnonymousKeyOwner anonymous => await DataKeys.FindAnonymousAsync(db, anonymous.TokenHash, ct) is { } row ? DataKeyRef.ForAnonymous(row.Id) : null,
            _ => throw new InvalidOperationException($"Unknown key owner {owner}."),
        };
        if (reference is { } known)
        {
            if (state.NewKeys.TryGetValue(known, out var made))
            {
                return (known, made);
            }
            if (await keys.FindAsync(db, known, ct) is { } existing)
            {
                return (known, existing);
            }
        }
        var created = await keys.CreateAsync(db, owner, ct);
        state.NewKeys[created.Ref] = created.Key;
        return created;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> for a column with the given key.</summary>
    public static string Seal(DataKeyRef reference, byte[] key, byte[] associatedData, string plaintext) =>
        Prefix + reference + ":" + Convert.ToBase64String(AesGcmBox.Seal(key, Encoding.UTF8.GetBytes(plaintext), associatedData));

    public static byte[] AssociatedData(DataKeyRef reference, IReadOnlyEntityType entityType, IReadOnlyProperty property) =>
        Encoding.UTF8.GetBytes($"pv2/{reference}/{entityType.GetTableName()}.{property.GetColumnName()}");
}

/// <summary>
/// Decrypts <see cref="EncryptedAttribute"/> properties as EF materialises a row (tracked or not).
/// One instance for the process (EF keeps materialisation interceptors in its internal service
/// provider); the keys come from the application services of the context that reads.
/// </summary>
internal sealed class RowDecryptionInterceptor : IMaterializationInterceptor
{
    public static readonly RowDecryptionInterceptor Instance = new();

    private RowDecryptionInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var properties = RowEncryptionInterceptor.EncryptedProperties(entity.GetType());
        if (properties.Length == 0)
        {
            return entity;
        }
        var type = materializationData.EntityType;
        DataKeys? keys = null;
        foreach (var info in properties)
        {
            if (info.GetValue(entity) is string stored && RowEncryptionInterceptor.IsEncrypted(stored) && type.FindProperty(info.Name) is { } property)
            {
                keys ??= KeysOf(materializationData.Context);
                info.SetValue(entity, Open(keys, stored, type, property));
            }
        }
        return entity;
    }

    private static DataKeys KeysOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetService<DataKeys>()
        ?? throw new InvalidOperationException("Encrypted rows can only be read by a context made by the application's services.");

    /// <summary>Decrypts one stored value of <paramref name="property"/>.</summary>
    public static string Open(DataKeys keys, string stored, IReadOnlyEntityType entityType, IReadOnlyProperty property)
    {
        var rest = stored.AsSpan(RowEncryptionInterceptor.Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon < 0 || !DataKeyRef.TryParse(rest[..colon], out var reference))
        {
            throw new PiiUnavailableException("An encrypted value is malformed.");
        }
        var key = keys.Get(reference);
        try
        {
            var box = Convert.FromBase64String(rest[(colon + 1)..].ToString());
            return Encoding.UTF8.GetString(AesGcmBox.Open(key, box, RowEncryptionInterceptor.AssociatedData(reference, entityType, property)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new PiiUnavailableException("An encrypted value did not decrypt.", ex);
        }
    }
}
