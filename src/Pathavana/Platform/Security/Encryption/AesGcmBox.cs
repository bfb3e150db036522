using System.Security.Cryptography;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>AES-256-GCM: nonce (12) | tag (16) | ciphertext, with associated data binding it to its place.</summary>
internal static class AesGcmBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), associatedData);
        return output;
    }

    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBox, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBox.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The ciphertext is too short.");
        }
        var plaintext = new byte[sealedBox.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBox[..NonceSize], sealedBox[(NonceSize + TagSize)..], sealedBox.Slice(NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }
}
