namespace Pathavana.Platform.Security.Encryption;

/// <summary>
/// Marks a string property whose value is personal data: <see cref="RowEncryptionInterceptor"/>
/// encrypts it with its owner's data key before it reaches the database and decrypts it when the
/// row is read. Such a column cannot be filtered, sorted or projected in SQL: load the entity.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class EncryptedAttribute : Attribute;

/// <summary>Whose data key encrypts a row: a user, an anonymous browser, or the owner of a parent row.</summary>
internal abstract record DataKeyOwner
{
    public static DataKeyOwner User(Guid userId) => new UserKeyOwner(userId);

    /// <summary>Before sign-in: the browser's anonymous token (its SHA-256, as stored).</summary>
    public static DataKeyOwner Anonymous(string tokenHash) => new AnonymousKeyOwner(tokenHash);

    /// <summary>The owner of the row of type <typeparamref name="T"/> with this id (a trip for its items, a session for its messages).</summary>
    public static DataKeyOwner Parent<T>(Guid id) where T : class, IEncryptedRow => new ParentKeyOwner(typeof(T), id);
}

internal sealed record UserKeyOwner(Guid UserId) : DataKeyOwner;

internal sealed record AnonymousKeyOwner(string TokenHash) : DataKeyOwner;

internal sealed record ParentKeyOwner(Type EntityType, Guid Id) : DataKeyOwner;

/// <summary>An entity with <see cref="EncryptedAttribute"/> properties names whose key encrypts them.</summary>
internal interface IEncryptedRow
{
    DataKeyOwner KeyOwner { get; }
}

/// <summary>
/// The id of a data key as it is written into each value (<c>pv2:&lt;ref&gt;:&lt;base64&gt;</c>):
/// <c>u</c> + the user id, or <c>a</c> + the anonymous key's id.
/// </summary>
internal readonly record struct DataKeyRef(char Kind, Guid Id)
{
    public const char UserKind = 'u';
    public const char AnonymousKind = 'a';

    public static DataKeyRef ForUser(Guid userId) => new(UserKind, userId);

    public static DataKeyRef ForAnonymous(Guid keyId) => new(AnonymousKind, keyId);

    public override string ToString() => Kind + Id.ToString("N");

    public static bool TryParse(ReadOnlySpan<char> text, out DataKeyRef key)
    {
        key = default;
        if (text.Length != 33 || text[0] is not (UserKind or AnonymousKind) || !Guid.TryParseExact(text[1..], "N", out var id))
        {
            return false;
        }
        key = new DataKeyRef(text[0], id);
        return true;
    }
}
