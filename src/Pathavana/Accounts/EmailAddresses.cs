using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Pathavana.Accounts;

/// <summary>
/// Email addresses as people have them: a dot-atom local part with every character RFC 5322 allows
/// (letters, digits, <c>! # $ % &amp; ' * + / = ? ^ _ ` { | } ~ -</c> and dots between them, so
/// <c>liam.o'brien+trips@example.test</c>), non-ASCII letters as RFC 6531 allows, and
/// internationalised domains (<c>anna@bücher.example</c>), checked and compared in their
/// IDNA (punycode) form. Quoted local parts and IP-literal domains are refused: real mailboxes
/// that need them are vanishingly rare and mail servers often reject them.
/// </summary>
internal static class EmailAddresses
{
    private const string Atext = "!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The address as it will be stored (trimmed, NFC), or an error a person can act on.</summary>
    public static bool TryParse(string? input, out string address, out string error)
    {
        address = "";
        error = "";
        var text = input?.Trim().Normalize(NormalizationForm.FormC) ?? "";
        if (text.Length == 0)
        {
            error = "Enter your email address.";
            return false;
        }
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            error = "Enter an email address such as name@example.com.";
            return false;
        }
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.Length > 64 || !IsDotAtom(local))
        {
            error = "The part before the @ can hold letters, digits, dots (not first, last or twice in a row) and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -.";
            return false;
        }
        if (AsciiDomain(domain) is not { } ascii)
        {
            error = "The part after the @ is not a valid domain, such as example.com.";
            return false;
        }
        if (local.Length + 1 + ascii.Length > 254)
        {
            error = "An email address is at most 254 characters long.";
            return false;
        }
        address = text;
        return true;
    }

    /// <summary>The form two addresses are compared in: the local part upper-cased, the domain in upper-case IDNA form.</summary>
    public static string LookupKey(string address)
    {
        var text = address.Trim().Normalize(NormalizationForm.FormC);
        var at = text.LastIndexOf('@');
        if (at <= 0)
        {
            return text.ToUpperInvariant();
        }
        var domain = AsciiDomain(text[(at + 1)..]) ?? text[(at + 1)..];
        return (text[..at] + "@" + domain).ToUpperInvariant();
    }

    private static bool IsDotAtom(string local)
    {
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var rune in local.EnumerateRunes())
        {
            var ok = rune.IsAscii
                ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '.' || Atext.Contains((char)rune.Value, StringComparison.Ordinal)
                : Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The domain in ASCII (punycode) form, or null when it is not a host name with at least two labels.</summary>
    private static string? AsciiDomain(string domain)
    {
        if (domain.Length == 0 || domain.StartsWith('[') || domain.EndsWith('.'))
        {
            return null;
        }
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        var labels = ascii.Split('.');
        if (ascii.Length > 253 || labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63))
        {
            return null;
        }
        // A top-level domain is letters (or an IDNA xn-- label), never all digits.
        var top = labels[^1];
        return top.All(char.IsAsciiDigit) ? null : ascii;
    }
}

/// <summary>Identity compares user names and emails in <see cref="EmailAddresses.LookupKey"/> form.</summary>
internal sealed class EmailLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeEmail(string? email) => email is null ? null : EmailAddresses.LookupKey(email);

    public string? NormalizeName(string? name) => name is null ? null : EmailAddresses.LookupKey(name);
}
