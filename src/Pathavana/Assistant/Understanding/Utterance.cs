using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pathavana.Assistant.Understanding;

/// <summary>One word of an utterance: lower-case ASCII text, the text as typed, and whether a grammar has used it.</summary>
internal sealed class Token(string text, string raw, bool gluedToNext, bool afterComma = false)
{
    /// <summary>A comma stands between this token and the one before ("Seattle, WA").</summary>
    public bool AfterComma { get; } = afterComma;

    public string Text { get; set; } = text;
    public string Raw { get; } = raw;

    /// <summary>No space between this token and the next ("5pm", "$900", "4-star").</summary>
    public bool GluedToNext { get; } = gluedToNext;

    public bool Used { get; set; }

    public bool IsNumber => Text.Length > 0 && char.IsAsciiDigit(Text[0]) && Text.All(c => char.IsAsciiDigit(c) || c == '.');

    public override string ToString() => Used ? $"[{Text}]" : Text;
}

/// <summary>Splits an utterance into tokens: words, numbers, currency signs, ISO and slash dates, clock times.</summary>
internal static partial class Utterance
{
    [GeneratedRegex(@"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}:\d{2}|\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+|[$€£¥+\-/]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static List<Token> Tokenize(string utterance)
    {
        var folded = Fold(utterance);
        var lower = folded.ToLowerInvariant();
        var tokens = new List<Token>();
        var matches = TokenPattern().Matches(lower);
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var glued = i + 1 < matches.Count && matches[i + 1].Index == m.Index + m.Length;
            var text = m.Value;
            if (text.Contains(',', StringComparison.Ordinal) && char.IsAsciiDigit(text[0]))
            {
                text = text.Replace(",", "", StringComparison.Ordinal);
            }
            var previousEnd = i == 0 ? 0 : matches[i - 1].Index + matches[i - 1].Length;
            var afterComma = i > 0 && lower.AsSpan(previousEnd, m.Index - previousEnd).Contains(',');
            tokens.Add(new Token(text, folded.Substring(m.Index, m.Length), glued, afterComma));
        }
        // A hyphen is kept only inside a range of numbers ("12-15"); "one-way", "4-star", "red-eye" read as words.
        // A slash is kept only before "night" ("$200/night").
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (tokens[i].Text == "/" && !(i + 1 < tokens.Count && tokens[i + 1].Text is "night" or "nt" or "nite" or "person" or "pp"))
            {
                tokens.RemoveAt(i);
                continue;
            }
            if (tokens[i].Text == "-" && !(i > 0 && i + 1 < tokens.Count && char.IsAsciiDigit(tokens[i - 1].Text[0]) && char.IsAsciiDigit(tokens[i + 1].Text[0])))
            {
                tokens.RemoveAt(i);
            }
        }
        // Ordinal suffixes glued to a number ("14th") and "a.m."/"p.m." become one token.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var t = tokens[i];
            var next = tokens[i + 1].Text;
            if (t.GluedToNext && t.IsNumber && next is "st" or "nd" or "rd" or "th")
            {
                tokens[i] = new Token(t.Text + next, t.Raw + tokens[i + 1].Raw, tokens[i + 1].GluedToNext, t.AfterComma);
                tokens.RemoveAt(i + 1);
            }
            else if (t.Text is "a" or "p" && next == "m" && t.GluedToNext)
            {
                tokens[i] = new Token(t.Text + "m", t.Raw + tokens[i + 1].Raw, tokens[i + 1].GluedToNext, t.AfterComma);
                tokens.RemoveAt(i + 1);
            }
        }
        // Common slips of "from" before a place: "flights fro Philly", "leaving form SFO".
        for (var i = 0; i < tokens.Count; i++)
        {
            var w = tokens[i].Text;
            if (w == "fro" && !(i > 0 && tokens[i - 1].Text == "and") || w is "form" or "frm" && i > 0 && FromVerbs.Contains(tokens[i - 1].Text))
            {
                tokens[i].Text = "from";
            }
        }
        return tokens;
    }

    private static readonly HashSet<string> FromVerbs = ["leaving", "leave", "depart", "departing", "flights", "flight", "flying", "fly", "coming", "travel", "traveling", "travelling", "go", "going", "start", "starting", "ticket", "tickets", "me", "out"];

    /// <summary>Drops accents and folds typographic quotes, so "Zürich" and "Zurich" read alike.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' or 'ă' or 'ą' => "a",
                'À' or 'Á' or 'Â' or 'Ã' or 'Ä' or 'Å' or 'Ā' => "A",
                'æ' => "ae",
                'Æ' => "AE",
                'ç' or 'ć' or 'č' => "c",
                'Ç' or 'Ć' or 'Č' => "C",
                'ď' or 'đ' => "d",
                'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ė' or 'ę' or 'ě' => "e",
                'È' or 'É' or 'Ê' or 'Ë' or 'Ē' => "E",
                'ğ' => "g",
                'ì' or 'í' or 'î' or 'ï' or 'ī' or 'ı' => "i",
                'Ì' or 'Í' or 'Î' or 'Ï' or 'İ' => "I",
                'ł' => "l",
                'Ł' => "L",
                'ñ' or 'ń' or 'ň' => "n",
                'Ñ' => "N",
                'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' or 'ő' => "o",
                'Ò' or 'Ó' or 'Ô' or 'Õ' or 'Ö' or 'Ø' => "O",
                'œ' => "oe",
                'ř' => "r",
                'ś' or 'š' or 'ş' or 'ș' => "s",
                'Ś' or 'Š' or 'Ş' or 'Ș' => "S",
                'ß' => "ss",
                'ť' or 'ţ' or 'ț' => "t",
                'ù' or 'ú' or 'û' or 'ü' or 'ū' or 'ů' or 'ű' => "u",
                'Ù' or 'Ú' or 'Û' or 'Ü' => "U",
                'ý' or 'ÿ' => "y",
                'ź' or 'ż' or 'ž' => "z",
                'Ź' or 'Ż' or 'Ž' => "Z",
                '’' or '‘' or '`' => "'",
                '–' or '—' => "-",
                _ => c.ToString(CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }
}
