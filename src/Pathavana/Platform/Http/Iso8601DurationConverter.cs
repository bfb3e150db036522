using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Pathavana.Platform.Http;

/// <summary>Durations on the wire are ISO 8601 (<c>PT7H35M</c>), as the travel model promises.</summary>
internal sealed class Iso8601DurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A duration is required.");
        try
        {
            return text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal)
                ? XmlConvert.ToTimeSpan(text)
                : TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException ex)
        {
            throw new JsonException($"'{text}' is not an ISO 8601 duration such as PT2H30M.", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        var total = value.Duration();
        var text = new System.Text.StringBuilder(value < TimeSpan.Zero ? "-P" : "P");
        if (total.Days > 0)
        {
            text.Append(total.Days).Append('D');
        }
        if (total.Hours > 0 || total.Minutes > 0 || total.Seconds > 0 || total == TimeSpan.Zero)
        {
            text.Append('T');
            if (total.Hours > 0)
            {
                text.Append(total.Hours).Append('H');
            }
            if (total.Minutes > 0)
            {
                text.Append(total.Minutes).Append('M');
            }
            if (total.Seconds > 0 || total == TimeSpan.Zero)
            {
                text.Append(total.Seconds).Append('S');
            }
        }
        writer.WriteStringValue(text.ToString());
    }
}
