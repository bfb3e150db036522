using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Pathavana.Platform.Observability;

/// <summary>
/// One JSON object per line on stdout, flat so a log pipeline can index it without unwrapping:
/// <c>timestamp</c>, <c>level</c> (ERROR, WARN, INFO, DEBUG — the platform document's levels),
/// <c>category</c>, <c>eventId</c>, <c>eventName</c>, <c>message</c>, <c>template</c>,
/// <c>traceId</c>, <c>spanId</c>, <c>attributes</c> (the template's values, already redacted),
/// <c>scope</c> (request id and path…) and <c>exception</c>.
/// </summary>
internal sealed class PathavanaJsonFormatter(TimeProvider timeProvider) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "pathavana-json";
    private const string OriginalFormat = "{OriginalFormat}";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Log lines are not HTML: keep non-ASCII text readable, still escaping control characters and quotes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly HashSet<string> ActivityScopeKeys = new(StringComparer.Ordinal) { "TraceId", "SpanId", "ParentId" };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && string.IsNullOrEmpty(message))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("level", Level(logEntry.LogLevel));
            writer.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0)
            {
                writer.WriteNumber("eventId", logEntry.EventId.Id);
            }
            if (!string.IsNullOrEmpty(logEntry.EventId.Name))
            {
                writer.WriteString("eventName", logEntry.EventId.Name);
            }
            writer.WriteString("message", message);

            string? traceId = null;
            string? spanId = null;
            if (Activity.Current is { } activity && activity.IdFormat == ActivityIdFormat.W3C)
            {
                traceId = activity.TraceId.ToHexString();
                spanId = activity.SpanId.ToHexString();
            }

            var scope = new List<KeyValuePair<string, object?>>();
            scopeProvider?.ForEachScope((value, items) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var pair in pairs)
                    {
                        if (ActivityScopeKeys.Contains(pair.Key))
                        {
                            if (pair.Key == "TraceId")
                            {
                                traceId ??= pair.Value?.ToString();
                            }
                            else if (pair.Key == "SpanId")
                            {
                                spanId ??= pair.Value?.ToString();
                            }
                            continue;
                        }
                        if (pair.Key != OriginalFormat)
                        {
                            items.Add(pair);
                        }
                    }
                }
            }, scope);

            if (traceId is not null)
            {
                writer.WriteString("traceId", traceId);
            }
            if (spanId is not null)
            {
                writer.WriteString("spanId", spanId);
            }

            if (logEntry.State is IEnumerable<KeyValuePair<string, object?>> state)
            {
                var attributes = state.ToList();
                if (attributes.Find(p => p.Key == OriginalFormat).Value is { } template)
                {
                    writer.WriteString("template", template.ToString());
                }
                if (attributes.Any(p => p.Key != OriginalFormat))
                {
                    writer.WriteStartObject("attributes");
                    foreach (var pair in attributes.Where(p => p.Key != OriginalFormat))
                    {
                        WriteValue(writer, pair.Key, pair.Value);
                    }
                    writer.WriteEndObject();
                }
            }

            if (scope.Count > 0)
            {
                writer.WriteStartObject("scope");
                foreach (var pair in scope.DistinctBy(p => p.Key))
                {
                    WriteValue(writer, pair.Key, pair.Value);
                }
                writer.WriteEndObject();
            }

            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("exception", exception.ToString());
            }
            writer.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>The platform document's four levels.</summary>
    internal static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => "ERROR",
        LogLevel.Warning => "WARN",
        LogLevel.Information => "INFO",
        _ => "DEBUG",
    };

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(key);
                break;
            case bool b:
                writer.WriteBoolean(key, b);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                writer.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumber(key, u);
                break;
            case decimal m:
                writer.WriteNumber(key, m);
                break;
            case double or float when Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && double.IsFinite(d):
                writer.WriteNumber(key, d);
                break;
            case IFormattable formattable:
                writer.WriteString(key, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteString(key, value.ToString());
                break;
        }
    }
}
