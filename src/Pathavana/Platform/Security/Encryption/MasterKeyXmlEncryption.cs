using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Pathavana.Platform.Security.Encryption;

/// <summary>
/// Encrypts the data-protection key ring (the keys behind cookies, tokens and antiforgery) with
/// the master key before it is stored in the database.
/// </summary>
internal sealed class MasterKeyXmlEncryptor(IKeyWrapper wrapper) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBox = wrapper.WrapAsync(plaintext, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var element = new XElement("encryptedKey",
            new XAttribute("masterKeyId", wrapper.ActiveKeyId),
            Convert.ToBase64String(sealedBox));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var wrapper = services.GetRequiredService<IKeyWrapper>();
        var keyId = (string?)encryptedElement.Attribute("masterKeyId") ?? wrapper.ActiveKeyId;
        var plaintext = wrapper.UnwrapAsync(keyId, Convert.FromBase64String(encryptedElement.Value), CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
