namespace Pathavana.Platform.Security.Encryption;

/// <summary>
/// Master keys wrap each user's data key. Production sets <c>Encryption__MasterKey</c> (base64,
/// 32 bytes) and <c>Encryption__MasterKeyId</c>, and lists earlier keys under
/// <c>Encryption__PreviousMasterKeys__&lt;id&gt;</c> while <c>pathavana keys rotate</c> re-wraps.
/// Without a configured key the embedded default keeps its key ring in
/// <c>data/keys/master-keys.json</c>, created on first use.
/// </summary>
internal sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    public string? MasterKey { get; set; }
    public string MasterKeyId { get; set; } = "k1";
    public Dictionary<string, string> PreviousMasterKeys { get; set; } = [];
}
