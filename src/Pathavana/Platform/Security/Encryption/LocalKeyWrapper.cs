using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Configuration;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>AES-256-GCM key wrapping with master keys from configuration or the local key ring file.</summary>
internal sealed class LocalKeyWrapper : IKeyWrapper
{
    private readonly Dictionary<string, byte[]> _keys;

    public LocalKeyWrapper(IOptions<EncryptionOptions> options, IOptions<StorageOptions> storage)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.MasterKey))
        {
            _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [o.MasterKeyId] = Decode("Encryption__MasterKey", o.MasterKey) };
            foreach (var (id, key) in o.PreviousMasterKeys)
            {
                _keys.TryAdd(id, Decode($"Encryption__PreviousMasterKeys__{id}", key));
            }
            ActiveKeyId = o.MasterKeyId;
        }
        else
        {
            (ActiveKeyId, _keys) = LocalKeyRing.LoadOrCreate(storage.Value.PathFor("keys", "master-keys.json"));
        }
    }

    public string ActiveKeyId { get; }

    internal static byte[] Decode(string setting, string base64)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }
        throw new OptionsValidationException(setting, typeof(EncryptionOptions), [$"{setting} must be 32 bytes in base64 (openssl rand -base64 32)."]);
    }

    /// <summary>A key for another purpose derived from a master key (HKDF-SHA256), or null when that master key is not configured.</summary>
    public byte[]? DeriveKey(string masterKeyId, string purpose) =>
        _keys.TryGetValue(masterKeyId, out var master)
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes(purpose))
            : null;

    public ValueTask<byte[]> WrapAsync(byte[] dataKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AesGcmBox.Seal(_keys[ActiveKeyId], dataKey, Encoding.UTF8.GetBytes("wrap:" + ActiveKeyId)));

    public ValueTask<byte[]> UnwrapAsync(string keyId, byte[] wrapped, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"Master key '{keyId}' is not configured.");
        }
        return ValueTask.FromResult(AesGcmBox.Open(key, wrapped, Encoding.UTF8.GetBytes("wrap:" + keyId)));
    }
}

/// <summary>The embedded default's key ring: a JSON file readable only by its owner.</summary>
internal static class LocalKeyRing
{
    private sealed record Ring(string Active, Dictionary<string, string> Keys);

    private static readonly Lock Gate = new();

    public static (string Active, Dictionary<string, byte[]> Keys) LoadOrCreate(string path)
    {
        lock (Gate)
        {
            Ring ring;
            if (File.Exists(path))
            {
                ring = JsonSerializer.Deserialize<Ring>(File.ReadAllText(path))
                       ?? throw new InvalidOperationException($"The key ring {path} is empty.");
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                ring = new Ring("k1", new Dictionary<string, string> { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                Save(path, ring);
            }
            return (ring.Active, ring.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal));
        }
    }

    /// <summary>Adds a new active master key to the local ring (old keys stay for reading).</summary>
    public static string AddKey(string path)
    {
        lock (Gate)
        {
            var (_, keys) = LoadOrCreate(path);
            var id = $"k{keys.Count + 1}";
            while (keys.ContainsKey(id))
            {
                id += "x";
            }
            keys[id] = RandomNumberGenerator.GetBytes(32);
            Save(path, new Ring(id, keys.ToDictionary(k => k.Key, k => Convert.ToBase64String(k.Value), StringComparer.Ordinal)));
            return id;
        }
    }

    private static void Save(string path, Ring ring)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(ring));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }
}
