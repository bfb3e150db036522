using System.Text;

namespace Pathavana.Inventory;

/// <summary>Folds text for matching: lower case, Latin diacritics removed, punctuation to single spaces.</summary>
/// <remarks>Written by hand because the app runs with invariant globalization (no ICU normalisation).</remarks>
internal static class ReferenceText
{
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőŕřśšşșťțùúûüūůűųýÿžźżðþß";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooorrssssttuuuuuuuuyyzzzdts";

    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                pendingSpace = false;
                var index = c < 'à' ? -1 : Accented.IndexOf(c, StringComparison.Ordinal);
                builder.Append(index >= 0 ? Plain[index] : c);
                if (c == 'ß')
                {
                    builder.Append('s');
                }
                else if (c is 'æ' or 'œ')
                {
                    builder[^1] = c == 'æ' ? 'a' : 'o';
                    builder.Append('e');
                }
            }
            else if (c != '\'' && c != '’')
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }
}
