using System.Globalization;
using Pathavana.Platform;

namespace Pathavana.Trips;

/// <summary>Days, totals and the warnings a traveler expects, computed from a trip's items.</summary>
internal static class TripPlanner
{
    public static DateTimeOffset? Local(DateTimeOffset? instant, string? timeZone)
    {
        if (instant is not { } value)
        {
            return null;
        }
        return timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(value, zone)
            : value;
    }

    /// <summary>An instant from a local wall-clock time in an IANA zone (a skipped DST hour moves forward).</summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(30);
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    public static TripItemResponse Describe(TripItem i, IReadOnlyDictionary<Guid, string>? bookings = null) => new(
        i.Id,
        i.Kind.ToString().ToLowerInvariant(),
        i.Position,
        i.Title,
        i.Notes,
        Local(i.StartsAt, i.StartTimeZone),
        i.StartTimeZone,
        Local(i.EndsAt, i.EndTimeZone ?? i.StartTimeZone),
        i.EndTimeZone ?? i.StartTimeZone,
        i.Latitude is { } lat && i.Longitude is { } lon ? new PlaceResponse(i.PlaceName, lat, lon) : null,
        i.EndLatitude is { } elat && i.EndLongitude is { } elon ? new PlaceResponse(i.EndPlaceName, elat, elon) : null,
        i.Price,
        i.CheckIn,
        i.CheckOut,
        i.OfferId,
        i.Source,
        i.BookingId,
        i.BookingId is { } b && bookings is not null && bookings.TryGetValue(b, out var status) ? status : null);

    /// <param name="passportExpiries">Each trip traveler's passport expiry (null: none on file).</param>
    public static TripResponse Describe(Trip trip, IReadOnlyDictionary<Guid, (string Name, DateOnly? Expiry)> passportExpiries,
        bool includePrivate = true, IReadOnlyDictionary<Guid, string>? bookings = null)
    {
        var items = trip.Items.OrderBy(i => i.Day).ThenBy(i => i.Position).ToList();
        var days = new List<TripDayResponse>();
        for (var day = trip.StartDate; day <= trip.EndDate; day = day.AddDays(1))
        {
            var today = items.Where(i => i.Day == day).ToList();
            days.Add(new TripDayResponse(day, [.. today.Select(i => Describe(i, bookings))], Sum(today, trip.Currency)));
        }
        var total = Sum(items, trip.Currency);
        var others = items.Where(i => i.Price is { } p && p.Currency != trip.Currency)
            .GroupBy(i => i.PriceCurrency!)
            .Select(g => new Money(g.Sum(i => i.PriceAmount!.Value), g.Key))
            .ToList();
        var warnings = Warnings(trip, items, total, others, passportExpiries);
        var budget = trip.Budget;
        return new TripResponse(
            trip.Id, trip.Title, trip.StartDate, trip.EndDate, trip.Currency, budget, total,
            budget is null ? null : new Money(budget.Amount - total.Amount, trip.Currency),
            others,
            includePrivate ? trip.TravelerIds : [],
            days,
            includePrivate ? warnings : [.. warnings.Where(w => w.Code != "passportExpiresBeforeReturn" && w.Code != "passportValidityShort")],
            trip.ShareTokenHash is not null,
            trip.CreatedAt,
            trip.UpdatedAt);
    }

    internal static Money Sum(IEnumerable<TripItem> items, string currency) =>
        new(items.Where(i => i.PriceCurrency == currency).Sum(i => i.PriceAmount ?? 0m), currency);

    internal static List<TripWarning> Warnings(
        Trip trip, List<TripItem> items, Money total, List<Money> others,
        IReadOnlyDictionary<Guid, (string Name, DateOnly? Expiry)> passports)
    {
        var warnings = new List<TripWarning>();
        var timed = items.Where(i => i.StartsAt is not null && i.Kind != TripItemKind.Hotel && i.Kind != TripItemKind.Note)
            .OrderBy(i => i.StartsAt).ToList();

        // Two things at once.
        for (var a = 0; a < timed.Count; a++)
        {
            for (var b = a + 1; b < timed.Count; b++)
            {
                var first = timed[a];
                var second = timed[b];
                var firstEnd = first.EndsAt ?? first.StartsAt!.Value.AddHours(1);
                if (second.StartsAt < firstEnd)
                {
                    if (first.Kind == TripItemKind.Flight)
                    {
                        warnings.Add(new TripWarning("flightArrivesAfterNextItem",
                            $"{first.Title} lands at {Local(first.EndsAt, first.EndTimeZone):HH:mm}, after {second.Title} starts.",
                            second.Day, [first.Id, second.Id]));
                    }
                    else
                    {
                        warnings.Add(new TripWarning("overlap", $"{first.Title} and {second.Title} overlap.", second.Day, [first.Id, second.Id]));
                    }
                }
            }
        }

        // Nights with nowhere to sleep (a night spent on a flight counts as covered).
        var uncovered = new List<DateOnly>();
        for (var night = trip.StartDate; night < trip.EndDate; night = night.AddDays(1))
        {
            var stay = items.Any(i => i.Kind == TripItemKind.Hotel && i.CheckIn <= night && night < i.CheckOut);
            var midnight = night.AddDays(1);
            var inFlight = items.Any(i => i.Kind == TripItemKind.Flight
                && LocalDate(i.StartsAt, i.StartTimeZone) <= night
                && LocalDate(i.EndsAt, i.EndTimeZone) >= midnight);
            if (!stay && !inFlight)
            {
                uncovered.Add(night);
            }
        }
        foreach (var night in uncovered)
        {
            warnings.Add(new TripWarning("nightWithoutStay",
                $"No place to stay on the night of {night.ToString("ddd d MMM", CultureInfo.InvariantCulture)}.", night));
        }

        if (trip.Budget is { } budget && total.Amount > budget.Amount)
        {
            warnings.Add(new TripWarning("budgetExceeded", $"The trip costs {total}, {new Money(total.Amount - budget.Amount, trip.Currency)} over the budget of {budget}."));
        }
        if (others.Count > 0)
        {
            warnings.Add(new TripWarning("otherCurrencies",
                $"Some prices are in {string.Join(", ", others.Select(o => o.Currency))}; they are listed apart from the {trip.Currency} total."));
        }

        foreach (var travelerId in trip.TravelerIds)
        {
            if (!passports.TryGetValue(travelerId, out var traveler))
            {
                continue;
            }
            if (traveler.Expiry is not { } expiry)
            {
                warnings.Add(new TripWarning("passportMissing", $"{traveler.Name} has no passport on file."));
            }
            else if (expiry < trip.EndDate)
            {
                warnings.Add(new TripWarning("passportExpiresBeforeReturn",
                    $"{traveler.Name}'s passport expires on {expiry:yyyy-MM-dd}, before the return on {trip.EndDate:yyyy-MM-dd}."));
            }
            else if (expiry < trip.EndDate.AddMonths(6))
            {
                warnings.Add(new TripWarning("passportValidityShort",
                    $"{traveler.Name}'s passport expires within six months of the return; many countries refuse entry then."));
            }
        }
        return warnings;
    }

    private static DateOnly? LocalDate(DateTimeOffset? instant, string? zone) =>
        Local(instant, zone) is { } local ? DateOnly.FromDateTime(local.DateTime) : null;
}
