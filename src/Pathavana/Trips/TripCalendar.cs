using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Pathavana.Trips;

/// <summary>The trip as RFC 5545 iCalendar: an event per item, local times with their VTIMEZONEs.</summary>
internal static class TripCalendar
{
    /// <summary>The .ics file name for a trip: its title in lower-case ASCII letters, digits and dashes (at most 60), or <c>trip.ics</c>.</summary>
    public static string FileName(string title)
    {
        var slug = new string([.. title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        return (slug.Length == 0 ? "trip" : slug[..Math.Min(slug.Length, 60)]) + ".ics";
    }

    public static string Build(string title, IReadOnlyCollection<TripItem> items, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Pathavana//Trip planner//EN" };
        calendar.AddProperty("X-WR-CALNAME", title);
        foreach (var zone in items.SelectMany(i => new[] { i.StartTimeZone, i.EndTimeZone }).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone);
        }
        foreach (var item in items.OrderBy(i => i.Day).ThenBy(i => i.Position))
        {
            var e = new CalendarEvent
            {
                Uid = $"{item.Id}@pathavana",
                Summary = item.Title,
                Description = item.Notes,
                Location = item.Kind == TripItemKind.Flight && item.EndPlaceName is not null ? $"{item.PlaceName} → {item.EndPlaceName}" : item.PlaceName,
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
                Categories = [item.Kind.ToString()],
            };
            if (item.StartsAt is { } start && item.StartTimeZone is { } startZone)
            {
                e.DtStart = new CalDateTime(TripPlanner.Local(start, startZone)!.Value.DateTime, startZone);
                var endZone = item.EndTimeZone ?? startZone;
                var end = item.EndsAt ?? start.AddHours(1);
                e.DtEnd = new CalDateTime(TripPlanner.Local(end, endZone)!.Value.DateTime, endZone);
            }
            else
            {
                // No time: an all-day event on its day.
                e.DtStart = new CalDateTime(item.Day);
                e.DtEnd = new CalDateTime(item.Day.AddDays(1));
            }
            if (item.Latitude is { } lat && item.Longitude is { } lon)
            {
                e.GeographicLocation = new GeographicLocation(lat, lon);
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
