using System.Globalization;
using Pathavana.Platform;
using Pathavana.Travelers;

namespace Pathavana.Trips;

/// <summary>Days, totals and the warnings a traveler expects, computed from a trip's items.</summary>
internal static class TripPlanner
{
    /// <summary>The trip for its owner: travelers' names and passport expiries read through the directory, booking statuses when asked.</summary>
    public static async Task<TripResponse> DescribeAsync(Trip trip, ITravelerDirectory travelers, CancellationToken ct, IBookingStatuses? bookings = null)
    {
        var passports = (await travelers.GetOwnedAsync(trip.OwnerId, trip.TravelerIds, "trip", ct))
            .ToDictionary(t => t.Id, t => ($"{t.GivenNames} {t.Surname}", t.PassportExpiry));
        var booked = trip.Items.Where(i => i.BookingId is not null).Select(i => i.BookingId!.Value).Distinct().ToList();
        var statuses = bookings is null || booked.Count == 0 ? null : await bookings.StatusesAsync(trip.OwnerId, booked, ct);
        return Describe(trip, passports, bookings: statuses);
    }

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
        var byDay = items.ToLookup(i => i.Day);
        var days = new List<TripDayResponse>();
        for (var day = trip.StartDate; day <= trip.EndDate; day = day.AddDays(1))
        {
            var today = byDay[day].ToList();
            days.Add(new TripDayResponse(day, [.. today.Select(i => Describe(i, bookings))], Sum(today, trip.Currency)));
        }
        var total = Sum(items, trip.Currency);
        var others = items.Where(i => i.Price is { } p && p.Currency != trip.Currency)
            .GroupBy(i => i.PriceCurrency!)
            .Select(g => new Money(g.Sum(i => i.PriceAmount!.Value), g.Key))
            .ToList();
        var all = Warnings(trip, items, total, others, passportExpiries);
        if (!includePrivate)
        {
            all = [.. all.Where(w => !w.Code.StartsWith("passport", StringComparison.Ordinal))];
        }
        var warnings = Capped(all);
        var budget = trip.Budget;
        return new TripResponse(
            trip.Id, trip.Title, trip.StartDate, trip.EndDate, trip.Currency, budget, total,
            budget is null ? null : new Money(budget.Amount - total.Amount, trip.Currency),
            others,
            includePrivate ? trip.TravelerIds : [],
            days,
            warnings,
            trip.ShareTokenHash is not null,
            trip.CreatedAt,
            trip.UpdatedAt,
            includePrivate ? trip.Notes : null,
            trip.PartySize,
            PerPerson(total, trip.PartySize),
            all.Count - warnings.Count);
    }

    /// <summary>At most this many warnings are listed on a trip; the response counts the rest.</summary>
    internal const int MaxWarnings = 50;

    /// <summary>
    /// The warnings to list: all of them up to <see cref="MaxWarnings"/>; beyond that every trip-wide one
    /// (budget, currencies, passports: those without a date) and the first dated ones, in order.
    /// </summary>
    private static List<TripWarning> Capped(List<TripWarning> all)
    {
        if (all.Count <= MaxWarnings)
        {
            return all;
        }
        var dated = MaxWarnings - all.Count(w => w.Date is null);
        var kept = new List<TripWarning>(MaxWarnings);
        foreach (var warning in all)
        {
            if (warning.Date is null || dated-- > 0)
            {
                kept.Add(warning);
            }
        }
        return kept;
    }

    internal static Money? PerPerson(Money total, int partySize) =>
        partySize > 1 ? new Money(Math.Round(total.Amount / partySize, 2, MidpointRounding.AwayFromZero), total.Currency) : null;

    /// <summary>The public view of a shared trip: what, when, where and how much; nobody's name, notes, ids or references.</summary>
    public static SharedTripResponse DescribeShared(Trip trip)
    {
        var full = Describe(trip, new Dictionary<Guid, (string, DateOnly?)>(), includePrivate: false);
        var byId = trip.Items.ToDictionary(i => i.Id);
        return new SharedTripResponse(full.Title, full.StartDate, full.EndDate, full.Currency, full.Total, full.PartySize, full.PerPerson,
            full.OtherCurrencies,
            [.. full.Days.Select(d => new SharedTripDay(d.Date, [.. d.Items.Select(i => new SharedTripItem(
                i.Kind, i.Title, i.Start, i.StartTimeZone, i.End, i.EndTimeZone, i.Place, i.EndPlace, i.Price, i.CheckIn, i.CheckOut,
                byId[i.Id].Source == "simulated"))], d.Total))],
            [.. full.Warnings.Where(w => w.Code != "budgetExceeded").Select(w => w with { ItemIds = null })], full.WarningsNotShown);
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

        // Two things at once: in start order, each item against the earlier one that ends last (a sweep,
        // O(n log n)); an item that clashes is named once, with the clash that matters most.
        TripItem? latest = null;
        foreach (var second in timed)
        {
            var secondEnd = second.EndsAt ?? second.StartsAt!.Value.AddHours(1);
            if (latest is null)
            {
                latest = second;
                continue;
            }
            var first = latest;
            var firstEnd = first.EndsAt ?? first.StartsAt!.Value.AddHours(1);
            if (secondEnd > firstEnd)
            {
                latest = second;
            }
            if (second.StartsAt < firstEnd)
            {
                if (first.Kind == TripItemKind.Flight && second.Kind == TripItemKind.Flight)
                {
                    warnings.Add(new TripWarning("flightDepartsBeforePreviousLands",
                        $"{second.Title} leaves at {Local(second.StartsAt, second.StartTimeZone):HH:mm}, before {first.Title} lands at {Local(first.EndsAt, first.EndTimeZone):HH:mm}.",
                        second.Day, [first.Id, second.Id]));
                }
                else if (first.Kind == TripItemKind.Flight)
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

        // Two beds for one night: the same sweep over check-in and check-out.
        var stays = items.Where(i => i.Kind == TripItemKind.Hotel && i.CheckIn is not null && i.CheckOut is not null).OrderBy(i => i.CheckIn).ToList();
        TripItem? lastOut = null;
        foreach (var stay in stays)
        {
            if (lastOut is not null && stay.CheckIn < lastOut.CheckOut)
            {
                warnings.Add(new TripWarning("overlap",
                    $"{lastOut.Title} and {stay.Title} are both booked for the night of {Day(stay.CheckIn!.Value)}.",
                    stay.CheckIn, [lastOut.Id, stay.Id]));
            }
            if (lastOut is null || stay.CheckOut > lastOut.CheckOut)
            {
                lastOut = stay;
            }
        }

        // A stay that starts before the traveler lands in its city: a night paid for and not slept in.
        var flights = items.Where(i => i.Kind == TripItemKind.Flight && i.EndLatitude is not null && i.EndsAt is not null).ToList();
        foreach (var stay in stays.Where(s => s.Latitude is not null))
        {
            var arrivals = flights
                .Where(f => Geo(f.EndLatitude!.Value, f.EndLongitude!.Value, stay.Latitude!.Value, stay.Longitude!.Value) < 80)
                .Select(f => (Flight: f, Day: LocalDate(f.EndsAt, f.EndTimeZone)!.Value))
                .OrderBy(x => x.Day).ToList();
            if (arrivals.Count > 0 && arrivals.All(x => x.Day > stay.CheckIn) && arrivals[0] is var first)
            {
                warnings.Add(new TripWarning("stayBeforeArrival",
                    $"{stay.Title} starts on {Day(stay.CheckIn!.Value)}, but {first.Flight.Title} lands in {first.Flight.EndPlaceName} on {Day(first.Day)}: a night paid for and not used.",
                    stay.CheckIn, [stay.Id, first.Flight.Id]));
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
                $"No place to stay on the night of {Day(night)}.", night));
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

    private static string Day(DateOnly day) => day.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    /// <summary>Great-circle distance in km.</summary>
    private static double Geo(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(h));
    }

    /// <summary>Moves a timed item's local times by whole days in its own zone (DST-correct): page, calendar and warnings agree.</summary>
    public static void ShiftDays(TripItem item, int days)
    {
        static DateTimeOffset? Shift(DateTimeOffset? at, string? zoneId, int days)
        {
            if (at is not { } value)
            {
                return null;
            }
            if (zoneId is null || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
            {
                return value.AddDays(days);
            }
            return FromLocal(TimeZoneInfo.ConvertTime(value, zone).DateTime.AddDays(days), zone);
        }
        item.StartsAt = Shift(item.StartsAt, item.StartTimeZone, days);
        item.EndsAt = Shift(item.EndsAt, item.EndTimeZone ?? item.StartTimeZone, days);
        item.CheckIn = item.CheckIn?.AddDays(days);
        item.CheckOut = item.CheckOut?.AddDays(days);
        item.Day = item.Day.AddDays(days);
    }

    private static DateOnly? LocalDate(DateTimeOffset? instant, string? zone) =>
        Local(instant, zone) is { } local ? DateOnly.FromDateTime(local.DateTime) : null;
}
