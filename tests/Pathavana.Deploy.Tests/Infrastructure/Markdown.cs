using System.Text;
using System.Text.RegularExpressions;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>Just enough Markdown to follow a link to a section: GitHub's heading anchors.</summary>
public static partial class Markdown
{
    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string Anchor(string heading)
    {
        var text = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                text.Append(c);
            }
            else if (c == ' ')
            {
                text.Append('-');
            }
        }
        return text.ToString();
    }

    /// <summary>The text under the heading with this anchor, up to the next heading of the same or a higher level; null when there is none.</summary>
    public static string? Section(string markdown, string anchor)
    {
        var headings = Heading().Matches(markdown).ToList();
        for (var i = 0; i < headings.Count; i++)
        {
            if (Anchor(headings[i].Groups["text"].Value) != anchor)
            {
                continue;
            }
            var level = headings[i].Groups["level"].Value.Length;
            var end = headings.Skip(i + 1).FirstOrDefault(h => h.Groups["level"].Value.Length <= level)?.Index ?? markdown.Length;
            return markdown[headings[i].Index..end];
        }
        return null;
    }

    /// <summary>Every heading's anchor.</summary>
    public static IEnumerable<string> Anchors(string markdown) => Heading().Matches(markdown).Select(m => Anchor(m.Groups["text"].Value));

    [GeneratedRegex(@"^(?<level>#{1,6}) +(?<text>.+?) *#*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
