using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Pathavana.Inventory.Amadeus;

/// <summary>Small conversions shared by the Amadeus mappers.</summary>
internal static partial class AmadeusMapping
{
    /// <summary>ISO 8601 durations as Amadeus writes them (PT7H35M, P1DT2H), or null.</summary>
    public static TimeSpan? Duration(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso))
        {
            return null;
        }
        try
        {
            return XmlConvert.ToTimeSpan(iso.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A local date-time without offset ("2021-11-01T21:00:00"), as Amadeus gives airport times.</summary>
    public static DateTime? LocalTime(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss.fff"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local, DateTimeKind.Unspecified)
            : null;

    /// <summary>A date-time that carries its own offset ("2021-11-01T21:00:00-04:00"), or null.</summary>
    public static DateTimeOffset? WithOffset(string? value) =>
        DateTimeOffset.TryParseExact(value, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mmzzz", "yyyy-MM-ddTHH:mm:ssZ"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static DateTimeOffset? Instant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>"CHARLES DE GAULLE" -> "Charles De Gaulle"; mixed-case text is left alone.</summary>
    public static string Title(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }
        var trimmed = text.Trim();
        return trimmed.Any(char.IsLower) ? trimmed : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(trimmed.ToLowerInvariant());
    }

    /// <summary>The UTC offset at an airport at a local time, from the bundled reference data.</summary>
    public static TimeSpan? OffsetAt(ILocationDirectory directory, string? code, DateTime local)
    {
        if (string.IsNullOrEmpty(code) || directory.Find(code)?.TimeZone is not { Length: > 0 } zoneId)
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zoneId).GetUtcOffset(local);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>An offset rounded to the quarter hour (every real offset is one).</summary>
    public static TimeSpan RoundOffset(TimeSpan offset) =>
        TimeSpan.FromMinutes(Math.Round(offset.TotalMinutes / 15) * 15);

    /// <summary>An IANA zone for a fixed offset ("+01:00" -> "Etc/GMT-1"), for places the reference data lacks.</summary>
    public static string ZoneForOffset(string? offset)
    {
        if (offset is null || !TimeSpan.TryParseExact(offset.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var span))
        {
            return "UTC";
        }
        if (span.Minutes != 0 || span.Hours == 0)
        {
            return "UTC";
        }
        // Etc/GMT zones have inverted signs: Etc/GMT-1 is UTC+01:00.
        var sign = offset.StartsWith('-') ? "+" : "-";
        return $"Etc/GMT{sign}{span.Hours}";
    }

    /// <summary>"3 hours", "1 day", "45 minutes", "2-3 hours" (the lower bound) -> a duration.</summary>
    public static TimeSpan? LooseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Duration(text);
        }
        if (Duration(text) is { } iso)
        {
            return iso;
        }
        var match = LooseDurationPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        return match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            var u when u.StartsWith('m') => TimeSpan.FromMinutes(n),
            var u when u.StartsWith('h') => TimeSpan.FromHours(n),
            var u when u.StartsWith('d') => TimeSpan.FromDays(n),
            _ => null,
        };
    }

    /// <summary>Amounts such as "16.00" or "514.13A" ('A' marks an additional collection).</summary>
    public static decimal? Amount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var digits = text.Trim();
        while (digits.Length > 0 && char.IsLetter(digits[^1]))
        {
            digits = digits[..^1];
        }
        return decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?:-\s*\d+(?:\.\d+)?\s*)?(?<unit>min|minute|minutes|h|hr|hrs|hour|hours|day|days)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LooseDurationPattern();
}
