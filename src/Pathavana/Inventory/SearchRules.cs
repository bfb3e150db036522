using System.Globalization;

namespace Pathavana.Inventory;

/// <summary>Which search rule an issue breaks, so that a caller can word it its own way (the assistant asks a question).</summary>
public enum SearchRule
{
    /// <summary>A travel date before today (local at the place it is checked for).</summary>
    DateInPast,

    /// <summary>A travel date more than <see cref="InventoryLimits.BookingHorizonDays"/> days from today.</summary>
    DateBeyondHorizon,

    /// <summary>A return flight, or a later leg, before the departure or the leg before it.</summary>
    DatesOutOfOrder,

    /// <summary>A stay that ends on or before the day it starts.</summary>
    StayTooShort,

    /// <summary>A stay of more than <see cref="InventoryLimits.MaxStayNights"/> nights.</summary>
    StayTooLong,

    /// <summary>No adult travels.</summary>
    NoAdult,

    /// <summary>A count of travellers below zero.</summary>
    NegativeCount,

    /// <summary>More than <see cref="InventoryLimits.MaxSeatedPassengers"/> seated passengers (adults and children).</summary>
    TooManySeated,

    /// <summary>More lap infants than adults.</summary>
    InfantsOutnumberAdults,

    /// <summary>Child ages that do not match the children, or an age outside 2–11.</summary>
    ChildAges,

    /// <summary>Hotel guests that do not fit the rooms (a room without an adult, more than four adults a room).</summary>
    Rooms,
}

/// <summary>
/// One broken search rule: the <paramref name="Field"/> it concerns, by the caller's name for it
/// (<c>departureDate</c>, <c>legs[2].date</c>, <c>infants</c>), the <paramref name="Rule"/>, and a
/// sentence for the user that names the field.
/// </summary>
public sealed record SearchIssue(string Field, SearchRule Rule, string Message);

/// <summary>
/// The rules every flight and stay search obeys, wherever it comes from: the HTTP API (issues become a
/// 400 naming the field), the LLM's tools (issues go back to the model as its error text) and the
/// offline dialog (an issue makes it ask for that slot again). Each check takes <c>today</c> as the
/// caller knows it (the local date at the place concerned) and answers the issues found, none when
/// the value is fine; field names are the caller's, defaulting to the API's.
/// </summary>
public static class SearchRules
{
    /// <summary>The last day that can be searched or booked: today + <see cref="InventoryLimits.BookingHorizonDays"/>.</summary>
    public static DateOnly LastDay(DateOnly today) => today.AddDays(InventoryLimits.BookingHorizonDays);

    /// <summary>
    /// A travel date must be today or later and at most <see cref="InventoryLimits.BookingHorizonDays"/>
    /// days ahead. <paramref name="where"/>, when given, is named in the message (its date is <paramref name="today"/>).
    /// </summary>
    public static SearchIssue? TravelDate(string field, DateOnly date, DateOnly today, Location? where = null)
    {
        if (date < today)
        {
            return new SearchIssue(field, SearchRule.DateInPast, where is null
                ? $"{field} is in the past."
                : string.Create(CultureInfo.InvariantCulture, $"{field} is in the past: it is already {today:yyyy-MM-dd} in {where.City} ({where.Code})."));
        }
        if (date > LastDay(today))
        {
            return new SearchIssue(field, SearchRule.DateBeyondHorizon,
                string.Create(CultureInfo.InvariantCulture, $"{field} must be within {InventoryLimits.BookingHorizonDays} days from today (by {LastDay(today):yyyy-MM-dd})."));
        }
        return null;
    }

    /// <summary>A later date (a return, the next leg) must not be before the earlier one; the issue is on <paramref name="laterField"/>.</summary>
    public static SearchIssue? InOrder(DateOnly earlier, DateOnly later, string earlierField = "departureDate", string laterField = "returnDate") =>
        later < earlier ? new SearchIssue(laterField, SearchRule.DatesOutOfOrder, $"{laterField} must not be before {earlierField}.") : null;

    /// <summary>A stay is 1 to <see cref="InventoryLimits.MaxStayNights"/> nights: check-out after check-in; the issue is on <paramref name="checkOutField"/>.</summary>
    public static SearchIssue? Stay(DateOnly checkIn, DateOnly checkOut, string checkInField = "checkIn", string checkOutField = "checkOut")
    {
        if (checkOut <= checkIn)
        {
            return new SearchIssue(checkOutField, SearchRule.StayTooShort, $"{checkOutField} must be after {checkInField}.");
        }
        if (checkOut.DayNumber - checkIn.DayNumber > InventoryLimits.MaxStayNights)
        {
            return new SearchIssue(checkOutField, SearchRule.StayTooLong,
                $"{checkOutField} must be at most {InventoryLimits.MaxStayNights} nights after {checkInField}: a stay can be at most {InventoryLimits.MaxStayNights} nights.");
        }
        return null;
    }

    /// <summary>A length of stay, in nights: 1 to <see cref="InventoryLimits.MaxStayNights"/>.</summary>
    public static SearchIssue? Nights(int nights, string field = "nights") => nights switch
    {
        < 1 => new SearchIssue(field, SearchRule.StayTooShort, $"{field} must be from 1 to {InventoryLimits.MaxStayNights}."),
        > InventoryLimits.MaxStayNights => new SearchIssue(field, SearchRule.StayTooLong, $"{field} must be from 1 to {InventoryLimits.MaxStayNights}: a stay can be at most {InventoryLimits.MaxStayNights} nights."),
        _ => null,
    };

    /// <summary>
    /// Who flies: at least one adult, at most <see cref="InventoryLimits.MaxSeatedPassengers"/> seated
    /// (adults and children), no more lap infants than adults, no negative counts; and, when
    /// <see cref="PassengerMix.ChildAges"/> is given, one age from 2 to 11 for each child. Issues are
    /// on <c>adults</c>, <c>children</c>, <c>infants</c> or <c>childAges[i]</c>.
    /// </summary>
    public static IReadOnlyList<SearchIssue> Passengers(PassengerMix passengers)
    {
        ArgumentNullException.ThrowIfNull(passengers);
        var (adults, children, infants) = (passengers.Adults, passengers.Children, passengers.Infants);
        var issues = new List<SearchIssue>();
        if (children < 0)
        {
            issues.Add(new SearchIssue("children", SearchRule.NegativeCount, "children must be 0 or more."));
        }
        if (infants < 0)
        {
            issues.Add(new SearchIssue("infants", SearchRule.NegativeCount, "infants must be 0 or more."));
        }
        if (adults < 1)
        {
            issues.Add(new SearchIssue("adults", SearchRule.NoAdult, "passengers must include at least one adult."));
        }
        if ((long)adults + children > InventoryLimits.MaxSeatedPassengers)
        {
            issues.Add(new SearchIssue(children > 0 ? "children" : "adults", SearchRule.TooManySeated,
                $"adults and children together must be 1 to {InventoryLimits.MaxSeatedPassengers} seated passengers."));
        }
        if (infants > adults)
        {
            issues.Add(new SearchIssue("infants", SearchRule.InfantsOutnumberAdults, "Each infant travels on an adult's lap: infants must not outnumber adults."));
        }
        if (passengers.ChildAges is { Count: > 0 } ages)
        {
            if (ages.Count != children)
            {
                issues.Add(new SearchIssue("childAges", SearchRule.ChildAges, $"childAges must give one age for each of the {children} children."));
            }
            for (var i = 0; i < ages.Count; i++)
            {
                if (ages[i] is < 2 or > 11)
                {
                    issues.Add(new SearchIssue($"childAges[{i}]", SearchRule.ChildAges, $"childAges[{i}] must be from 2 to 11; younger travel as infants, older as adults."));
                }
            }
        }
        return issues;
    }

    /// <summary>
    /// Hotel guests: 1 to <see cref="InventoryLimits.MaxSeatedPassengers"/> adults in 1 to as many rooms,
    /// an adult in every room and at most four adults a room. Issues are on <c>adults</c> or <c>rooms</c>.
    /// </summary>
    public static IReadOnlyList<SearchIssue> Guests(int adults, int rooms)
    {
        var max = InventoryLimits.MaxSeatedPassengers;
        if (adults is < 1 || adults > max)
        {
            return [new SearchIssue("adults", adults < 1 ? SearchRule.NoAdult : SearchRule.TooManySeated, $"adults must be from 1 to {max}.")];
        }
        if (rooms is < 1 || rooms > max)
        {
            return [new SearchIssue("rooms", SearchRule.Rooms, $"rooms must be from 1 to {max}.")];
        }
        if (rooms > adults)
        {
            return [new SearchIssue("rooms", SearchRule.Rooms, "Every room needs at least one adult.")];
        }
        if (adults > rooms * 4)
        {
            return [new SearchIssue("adults", SearchRule.Rooms, "At most four adults fit in one room; ask for more rooms.")];
        }
        return [];
    }
}
