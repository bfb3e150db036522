using System.Globalization;
using System.Text;

namespace Pathavana.Platform.Backup;

/// <summary>
/// The metrics a backup, restore or drill run leaves for Prometheus, in its text format (version 0.0.4):
/// pushed to a Pushgateway (POST, so that a failed run replaces only its own series and the last
/// success stays), and/or written atomically to a file for node-exporter's textfile collector.
/// Names and units: see docs/runbooks/backup.md.
/// </summary>
internal sealed class BackupMetrics
{
    private readonly List<(string Name, string Help, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    /// <summary>Adds one gauge sample (seconds, bytes, unix timestamps in seconds, or 0/1).</summary>
    public BackupMetrics Gauge(string name, string help, double value, IReadOnlyDictionary<string, string>? labels = null)
    {
        _samples.Add((name, help, labels ?? new Dictionary<string, string>(), value));
        return this;
    }

    public bool IsEmpty => _samples.Count == 0;

    /// <summary>The text exposition format: one HELP and TYPE per name, then its samples.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var group in _samples.GroupBy(s => s.Name))
        {
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(group.First().Help).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(" gauge\n");
            foreach (var sample in group)
            {
                text.Append(group.Key);
                if (sample.Labels.Count > 0)
                {
                    text.Append('{').AppendJoin(',', sample.Labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\"")).Append('}');
                }
                text.Append(' ').Append(sample.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>Pushes to <c>{gateway}/metrics/job/{job}/mode/{mode}</c> and/or writes <paramref name="file"/>; answers what was done, for the log.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(Uri? gateway, string? file, string job, string mode, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        if (IsEmpty)
        {
            return done;
        }
        var body = ToText();
        if (gateway is not null)
        {
            var url = new Uri(gateway, $"/metrics/job/{Uri.EscapeDataString(job)}/mode/{Uri.EscapeDataString(mode)}");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { Parameters = { new("version", "0.0.4") } };
            using var response = await http.PostAsync(url, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BackupException($"the Pushgateway at {gateway} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            done.Add($"pushed to {url}");
        }
        if (!string.IsNullOrWhiteSpace(file))
        {
            var full = Path.GetFullPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var partial = full + ".partial";
            await File.WriteAllTextAsync(partial, body, cancellationToken);
            File.Move(partial, full, overwrite: true);
            done.Add($"written to {full}");
        }
        return done;
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
