namespace Pathavana.Tests.Backup;

/// <summary>pgbackrest.conf (INI) as a test changes it: shipped options kept, the machine's places put in.</summary>
internal static class Ini
{
    /// <summary>
    /// <paramref name="text"/> with each option named in <paramref name="places"/> set to its value
    /// (removed when null) in whichever section holds it; options the file lacks are added to
    /// <c>[global]</c> when they are global-looking (not <c>pg1-</c>), else to the first stanza section.
    /// Comments are dropped. Fails when the file has no <c>[global]</c> section.
    /// </summary>
    public static string WithPlaces(string text, IReadOnlyDictionary<string, string?> places)
    {
        var sections = new List<(string Name, List<(string Key, string Value)> Options)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('['))
            {
                sections.Add((line.Trim('[', ']'), []));
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0 && sections.Count > 0, $"not an option of a section: {line}");
            sections[^1].Options.Add((line[..eq].Trim(), line[(eq + 1)..].Trim()));
        }
        var global = sections.Single(s => s.Name == "global").Options;
        var stanza = sections.First(s => s.Name != "global").Options;
        foreach (var (key, value) in places)
        {
            var holder = sections.Select(s => s.Options).FirstOrDefault(o => o.Any(p => p.Key == key))
                ?? (key.StartsWith("pg1-", StringComparison.Ordinal) ? stanza : global);
            var at = holder.FindIndex(p => p.Key == key);
            if (value is null)
            {
                if (at >= 0)
                {
                    holder.RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                holder[at] = (key, value);
            }
            else
            {
                holder.Add((key, value));
            }
        }
        return string.Join('\n', sections.Select(s => $"[{s.Name}]\n" + string.Join('\n', s.Options.Select(o => $"{o.Key}={o.Value}")))) + "\n";
    }
}
