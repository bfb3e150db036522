using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Options;

namespace Pathavana.Platform.Observability;

/// <summary>
/// Pathavana's data classifications. Put <see cref="PiiAttribute"/> on every <c>[LoggerMessage]</c>
/// parameter (or logged property) that holds personal data — a name, an email address, a phone
/// number, a passport number, a birth date, a client IP address, free text a traveler typed — and
/// the logging pipeline redacts it before any log provider sees it.
/// </summary>
internal static class PathavanaTaxonomy
{
    public const string Name = "Pathavana";

    /// <summary>Personal data: never written to logs in clear.</summary>
    public static DataClassification Pii { get; } = new(Name, nameof(Pii));
}

/// <summary>Marks a logged value as personal data (<see cref="PathavanaTaxonomy.Pii"/>); it is redacted in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
internal sealed class PiiAttribute : DataClassificationAttribute
{
    public PiiAttribute()
        : base(PathavanaTaxonomy.Pii)
    {
    }
}

internal sealed class RedactionOptions
{
    public const string Section = "Observability";

    /// <summary>
    /// Optional secret (at least 32 characters). When set, personal data in logs is replaced by
    /// <c>pii:</c> and 16 hex digits of its HMAC-SHA256, so one value can be followed across log
    /// lines without being readable; when empty it is replaced by <c>[redacted]</c>.
    /// </summary>
    public string? PiiHashKey { get; set; }
}

/// <summary>Erases personal data (<c>[redacted]</c>), or replaces it with a keyed hash when a key is configured.</summary>
internal sealed class PiiRedactor : Redactor
{
    public const string Erased = "[redacted]";
    private const string HashPrefix = "pii:";
    private const int HashHexDigits = 16;

    private readonly byte[]? _key;

    public PiiRedactor(IOptions<RedactionOptions> options)
    {
        var hashKey = options.Value.PiiHashKey;
        _key = string.IsNullOrEmpty(hashKey) ? null : Encoding.UTF8.GetBytes(hashKey);
    }

    public override int GetRedactedLength(ReadOnlySpan<char> input) =>
        _key is null ? Erased.Length : HashPrefix.Length + HashHexDigits;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (_key is null)
        {
            Erased.AsSpan().CopyTo(destination);
            return Erased.Length;
        }
        var bytes = Encoding.UTF8.GetBytes(source.ToArray());
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, bytes, mac);
        HashPrefix.AsSpan().CopyTo(destination);
        Convert.ToHexStringLower(mac[..(HashHexDigits / 2)]).AsSpan().CopyTo(destination[HashPrefix.Length..]);
        return HashPrefix.Length + HashHexDigits;
    }
}
