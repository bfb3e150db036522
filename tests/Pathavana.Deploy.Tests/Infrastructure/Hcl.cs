using System.Text;
using System.Text.RegularExpressions;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>A block of HCL: its type, its labels, its body's attributes and nested blocks.</summary>
public sealed record HclBlock(string Type, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<HclBlock> Blocks)
{
    public string? Label(int index) => index < Labels.Count ? Labels[index] : null;

    public IEnumerable<HclBlock> Nested(string type) => Blocks.Where(b => b.Type == type);
}

/// <summary>
/// Just enough of an HCL reader for structural checks without providers (terraform validate needs
/// them): blocks, labels and attributes with their raw value text. Strings, comments and heredocs
/// are masked before braces are matched, so a brace in a string or comment cannot mislead it.
/// </summary>
public static partial class Hcl
{
    public static IReadOnlyList<HclBlock> Parse(string text)
    {
        var masked = Mask(text);
        return ParseBody(text, masked, 0, text.Length);
    }

    public static IReadOnlyList<HclBlock> ParseFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>The object attributes of an object literal's text, e.g. <c>{ source = "x", version = "~> 5.0" }</c>.</summary>
    public static IReadOnlyDictionary<string, string> ObjectAttributes(string objectLiteral)
    {
        var trimmed = objectLiteral.Trim();
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}'))
        {
            return new Dictionary<string, string>();
        }
        var inner = trimmed[1..^1];
        return ParseBodyWithAttributes(inner, Mask(inner), 0, inner.Length).Attributes;
    }

    private static List<HclBlock> ParseBody(string text, string masked, int start, int end) =>
        [.. ParseBodyWithAttributes(text, masked, start, end).Blocks];

    private static (Dictionary<string, string> Attributes, List<HclBlock> Blocks) ParseBodyWithAttributes(string text, string masked, int start, int end)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = new List<HclBlock>();
        var position = start;
        while (position < end)
        {
            var header = Header().Match(masked, position, end - position);
            if (!header.Success)
            {
                break;
            }
            position = header.Index + header.Length;
            var name = header.Groups["name"].Value;
            if (header.Groups["assign"].Success)
            {
                var valueEnd = EndOfValue(masked, position, end);
                attributes[name] = text[position..valueEnd].Trim();
                position = valueEnd;
                continue;
            }
            var labels = LabelPattern().Matches(text[header.Groups["labels"].Index..(header.Groups["labels"].Index + header.Groups["labels"].Length)])
                .Select(m => m.Groups[1].Value)
                .ToList();
            var close = MatchingBrace(masked, position - 1);
            var body = ParseBodyWithAttributes(text, masked, position, close);
            blocks.Add(new HclBlock(name, labels, body.Attributes, body.Blocks));
            position = close + 1;
        }
        var rest = masked[position..end];
        if (!string.IsNullOrWhiteSpace(rest))
        {
            throw new InvalidDataException($"Unexpected HCL near offset {position}: '{text[position..Math.Min(end, position + 60)].Trim()}'.");
        }
        return (attributes, blocks);
    }

    /// <summary>An attribute's value ends at a newline outside any bracket.</summary>
    private static int EndOfValue(string masked, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            var c = masked[i];
            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
            }
            else if (c == '\n' && depth <= 0)
            {
                return i;
            }
        }
        return end;
    }

    private static int MatchingBrace(string masked, int open)
    {
        var depth = 0;
        for (var i = open; i < masked.Length; i++)
        {
            if (masked[i] == '{')
            {
                depth++;
            }
            else if (masked[i] == '}' && --depth == 0)
            {
                return i;
            }
        }
        throw new InvalidDataException($"Unbalanced '{{' at offset {open}.");
    }

    /// <summary>Blanks comments, string contents (not their quotes) and heredoc bodies, keeping offsets.</summary>
    private static string Mask(string text)
    {
        var result = new StringBuilder(text);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    result[i++] = ' ';
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                close = close < 0 ? text.Length : close + 2;
                for (; i < close; i++)
                {
                    result[i] = text[i] == '\n' ? '\n' : ' ';
                }
            }
            else if (c == '"')
            {
                i = MaskString(text, result, i + 1);
            }
            else if (c == '<' && i + 1 < text.Length && text[i + 1] == '<' && HeredocStart().Match(text, i) is { Success: true } heredoc && heredoc.Index == i)
            {
                var marker = heredoc.Groups["marker"].Value;
                var bodyStart = i + heredoc.Length;
                var endMarker = new Regex($@"^[ \t]*{Regex.Escape(marker)}[ \t]*$", RegexOptions.Multiline).Match(text, bodyStart);
                // The whole heredoc, end marker included, becomes one blank stretch of the value.
                var stop = endMarker.Success ? endMarker.Index + endMarker.Length : text.Length;
                for (var j = i + 2; j < stop; j++)
                {
                    result[j] = ' ';
                }
                i = stop;
            }
            else
            {
                i++;
            }
        }
        return result.ToString();
    }

    /// <summary>Masks a string's contents from <paramref name="i"/> (after its opening quote); returns the index after its closing quote.</summary>
    private static int MaskString(string text, StringBuilder result, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                result[i] = ' ';
                if (i + 1 < text.Length)
                {
                    result[i + 1] = ' ';
                }
                i += 2;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                // An interpolation may hold strings of its own.
                result[i] = ' ';
                result[i + 1] = ' ';
                i += 2;
                var depth = 1;
                while (i < text.Length && depth > 0)
                {
                    if (text[i] == '"')
                    {
                        result[i] = ' ';
                        var after = MaskString(text, result, i + 1);
                        result[after - 1] = ' ';
                        i = after;
                        continue;
                    }
                    depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
                    result[i] = ' ';
                    i++;
                }
            }
            else
            {
                result[i] = c == '\n' ? '\n' : ' ';
                i++;
            }
        }
        return i;
    }

    [GeneratedRegex(@"\G\s*(?<name>[A-Za-z_][\w-]*)\s*(?:(?<assign>=(?!=))|(?<labels>(?:\s*""[^""\n]*"")*)\s*\{)")]
    private static partial Regex Header();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"<<-?(?<marker>[A-Za-z_]\w*)[ \t]*\r?\n")]
    private static partial Regex HeredocStart();
}
