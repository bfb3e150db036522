namespace Pathavana.Platform.Security.Encryption;

/// <summary>
/// Wraps and unwraps data keys with a master key. The local implementation uses keys from
/// configuration or the data directory; a KMS (AWS KMS Encrypt/Decrypt) can implement it too.
/// </summary>
internal interface IKeyWrapper
{
    /// <summary>The id of the master key new wraps use.</summary>
    string ActiveKeyId { get; }

    ValueTask<byte[]> WrapAsync(byte[] dataKey, CancellationToken cancellationToken);

    /// <summary>Unwraps with the named master key; throws <see cref="System.Security.Cryptography.CryptographicException"/> if it fails.</summary>
    ValueTask<byte[]> UnwrapAsync(string keyId, byte[] wrapped, CancellationToken cancellationToken);
}
