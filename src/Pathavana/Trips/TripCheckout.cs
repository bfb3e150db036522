using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pathavana.Bookings;
using Pathavana.Inventory;
using Pathavana.Notifications;
using Pathavana.Platform;
using Pathavana.Platform.Data;

namespace Pathavana.Trips;

/// <summary>
/// Booking a whole trip: the review (each bookable offer, the travelers it needs, its rules, terms and
/// price) and the checkout, which books every offer not yet booked exactly once (the trip-level
/// Idempotency-Key replays the first answer; booked items are skipped) and sends one confirmation.
/// Answers in domain outcomes (<see cref="TripCheckoutOutcome"/>); TripsApi says what they are in HTTP.
/// </summary>
internal static class TripCheckout
{
    private sealed record Bookable(string OfferId, TripItemKind Kind, string Title, List<TripItem> Items, FlightOffer? Flight, HotelOffer? Hotel)
    {
        public Money Price => Flight?.TotalPrice ?? Hotel!.Total;

        public Guid? BookingId => Items.Select(i => i.BookingId).FirstOrDefault(b => b is not null);

        public int Seats => Flight is { } f ? f.PriceBreakdown.Sum(p => p.Count) : Hotel!.Adults;
    }

    /// <summary>The trip's bookable offers, each once, titled in words: "New York (LGA) → London (LTN) and back · Delta Air Lines DL 1", a hotel by its name.</summary>
    private static List<Bookable> BookablesOf(Trip trip, ILocationDirectory directory)
    {
        var list = new List<Bookable>();
        string Place(string code) => directory.Find(code) is { } l ? $"{l.City} ({code})" : code;
        foreach (var group in trip.Items.Where(i => i.OfferId is not null && i.Kind is TripItemKind.Flight or TripItemKind.Hotel)
                     .OrderBy(i => i.StartsAt ?? DateTimeOffset.MaxValue).GroupBy(i => (i.OfferId!, i.Kind)))
        {
            var snapshot = group.FirstOrDefault(i => i.OfferSnapshot is not null)?.OfferSnapshot;
            if (snapshot is null)
            {
                continue;
            }
            try
            {
                if (group.Key.Kind == TripItemKind.Flight && JsonSerializer.Deserialize<FlightOffer>(snapshot, JsonSerializerOptions.Web) is { } flight)
                {
                    var first = flight.Itineraries[0];
                    list.Add(new(group.Key.Item1, TripItemKind.Flight,
                        $"{Place(first.Segments[0].Origin)} → {Place(first.Segments[^1].Destination)}{(flight.Itineraries.Count == 2 ? " and back" : "")} · {string.Join(", ", first.Segments.Select((s, k) => k > 0 && first.Segments[k - 1].CarrierCode == s.CarrierCode
                            ? $"{s.CarrierCode} {s.FlightNumber}" // the airline is named once for its flights in a row
                            : $"{directory.AirlineName(s.CarrierCode) ?? s.CarrierCode} {s.CarrierCode} {s.FlightNumber}"))}",
                        [.. group], flight, null));
                }
                else if (group.Key.Kind == TripItemKind.Hotel && JsonSerializer.Deserialize<HotelOffer>(snapshot, JsonSerializerOptions.Web) is { } hotel)
                {
                    list.Add(new(group.Key.Item1, TripItemKind.Hotel, hotel.Hotel.Name, [.. group], null, hotel));
                }
            }
            catch (JsonException)
            {
                // A snapshot that no longer reads is not offered for booking.
            }
        }
        return list;
    }

    private static PartyCount Party(Bookable b)
    {
        if (b.Flight is { } f)
        {
            int Count(PassengerCategory category) => f.PriceBreakdown.Where(p => p.Category == category).Sum(p => p.Count);
            return new PartyCount(Count(PassengerCategory.Adult), Count(PassengerCategory.Child), Count(PassengerCategory.Infant));
        }
        return new PartyCount(b.Hotel!.Adults, 0, 0);
    }

    private static ReviewItem Review(Bookable b, IReadOnlyDictionary<Guid, string>? statuses, ILocationDirectory directory)
    {
        var status = b.BookingId is { } id && statuses is not null && statuses.TryGetValue(id, out var s) ? s : null;
        if (b.Flight is { } f)
        {
            var cabin = f.Cabin switch { Cabin.PremiumEconomy => "Premium economy", Cabin.Business => "Business", Cabin.First => "First", _ => "Economy" };
            var airline = directory.AirlineName(f.ValidatingAirline) ?? f.ValidatingAirline;
            var rules = new List<string> { $"{cabin} fare, ticketed by {airline}", "Changes and refunds follow the airline's rules for this fare." };
            if (f.LastTicketingDate is { } last)
            {
                rules.Add($"The fare holds until {last:d MMM yyyy}.");
            }
            return new ReviewItem(b.OfferId, "flight", b.Title, [.. b.Items.Select(i => i.Id)], f.TotalPrice, Party(b), rules,
                "Set by the airline's fare rules: a cancelled ticket may be refunded in part or not at all.", false, null,
                f.Source == Sources.Simulated, b.BookingId, status);
        }
        var h = b.Hotel!;
        var nights = h.Nights();
        var board = BookingConfirmations.BoardName(h.Board);
        var hotelRules = new List<string>
        {
            string.Join(", ", new[] { h.RoomType, board }.OfType<string>()),
            $"{nights} night{(nights == 1 ? "" : "s")}, {h.CheckIn:ddd d MMM} to {h.CheckOut:ddd d MMM}; check-in from 15:00, check-out by 11:00",
            $"{h.Rooms} room{(h.Rooms == 1 ? "" : "s")} for {h.Adults} adult{(h.Adults == 1 ? "" : "s")}",
        };
        return new ReviewItem(b.OfferId, "hotel", b.Title, [.. b.Items.Select(i => i.Id)], h.Total, Party(b), hotelRules,
            h.Cancellation.Description, h.Cancellation.Refundable, h.Cancellation.FreeCancellationUntil,
            h.Source == Sources.Simulated, b.BookingId, status);
    }

    private static bool Booked(string? status) => status is "confirmed" or "pending";

    /// <summary><paramref name="owner"/>'s trip <paramref name="id"/> as it would be booked; null when they have no such trip.</summary>
    public static async Task<TripReviewResponse?> ReviewAsync(
        Guid owner, Guid id, PathavanaDbContext db, Travelers.ITravelerDirectory travelers, IBookingStatuses bookings,
        InventoryService inventory, CancellationToken ct)
    {
        var trip = await db.Set<Trip>().AsNoTracking().Include(t => t.Items).SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == owner, ct);
        if (trip is null)
        {
            return null;
        }
        var bookables = BookablesOf(trip, inventory.Directory);
        var ids = bookables.Select(b => b.BookingId).OfType<Guid>().ToList();
        var statuses = ids.Count == 0 ? null : await bookings.StatusesAsync(owner, ids, ct);
        var items = bookables.Select(b => Review(b, statuses, inventory.Directory)).ToList();
        var toPay = items.Where(i => !Booked(i.BookingStatus)).GroupBy(i => i.Price.Currency)
            .Select(g => new Money(g.Sum(i => i.Price.Amount), g.Key)).ToList();
        var needed = bookables.Where(b => b.Flight is not null).Select(b => b.Seats).DefaultIfEmpty(0).Max();
        if (needed == 0)
        {
            needed = bookables.Select(b => b.Seats).DefaultIfEmpty(1).Max();
        }
        var described = await TripPlanner.DescribeAsync(trip, travelers, ct, bookings);
        return new TripReviewResponse(trip.Id, trip.Title, needed, items, toPay, described.Warnings);
    }

    /// <summary>
    /// Books every bookable offer of <paramref name="owner"/>'s trip <paramref name="tripId"/> not yet
    /// booked, for the chosen travelers, after checking them all (traveler count, availability, prices):
    /// nothing is ordered unless every offer can be. One confirmation email covers what was confirmed.
    /// The trip must exist and be the owner's (the caller checks).
    /// </summary>
    public static async Task<TripCheckoutOutcome> CheckoutAsync(
        Guid owner, Guid tripId, TripCheckoutRequest request, PathavanaDbContext db, BookingService bookings, IBookingStatuses statuses,
        InventoryService inventory, IBookingConfirmations confirmations)
    {
        // The outcome is recorded whether or not the client waits for it.
        var ct = CancellationToken.None;
        var travelerIds = request.TravelerIds?.Distinct().ToList() ?? [];
        if (travelerIds.Count is 0 or > 9)
        {
            return new TripCheckoutOutcome.Invalid("Choose who is travelling.",
                new Dictionary<string, string[]> { ["travelerIds"] = ["Choose one to nine of your travelers."] });
        }
        var trip = await db.Set<Trip>().AsNoTracking().Include(t => t.Items).SingleAsync(t => t.Id == tripId && t.OwnerId == owner, ct);
        var bookables = BookablesOf(trip, inventory.Directory);
        var linked = bookables.Select(b => b.BookingId).OfType<Guid>().ToList();
        var known = linked.Count == 0 ? new Dictionary<Guid, string>() : await statuses.StatusesAsync(owner, linked, ct);
        string? StatusOf(Bookable b) => b.BookingId is { } bid && known.TryGetValue(bid, out var s) ? s : null;

        var toBook = bookables.Where(b => !Booked(StatusOf(b))).ToList();
        var already = bookables.Where(b => Booked(StatusOf(b)))
            .Select(b => new CheckoutItem(b.OfferId, Kind(b), b.Title, "alreadyBooked", b.BookingId, null, b.Price, null)).ToList();
        if (toBook.Count == 0)
        {
            return already.Count == 0
                ? new TripCheckoutOutcome.NothingToBook()
                : new TripCheckoutOutcome.AlreadyBooked(new TripCheckoutResponse(tripId, "confirmed", already));
        }

        // Everything is checked before anything is ordered: the traveler count, availability and prices.
        var seatErrors = toBook.Where(b => b.Flight is not null && b.Seats != travelerIds.Count).ToList();
        if (seatErrors.Count > 0)
        {
            var b = seatErrors[0];
            return new TripCheckoutOutcome.Invalid($"{b.Title} is priced for {b.Seats} passenger(s).",
                new Dictionary<string, string[]> { ["travelerIds"] = [$"{b.Title} is priced for {b.Seats} passenger{(b.Seats == 1 ? "" : "s")}: choose {b.Seats} traveler{(b.Seats == 1 ? "" : "s")}, or search again for {travelerIds.Count}."] });
        }
        var problems = new List<CheckoutItem>();
        foreach (var b in toBook)
        {
            var (available, changed, current) = b.Flight is not null
                ? await inventory.PriceFlightOfferAsync(b.OfferId, ct) is { } fc ? (fc.Available, fc.PriceChanged, fc.Offer.TotalPrice) : (false, false, b.Price)
                : await inventory.RecheckHotelOfferAsync(b.OfferId, ct) is { } hc ? (hc.Available, hc.PriceChanged, hc.Offer.Total) : (false, false, b.Price);
            if (!available)
            {
                problems.Add(new CheckoutItem(b.OfferId, Kind(b), b.Title, "unavailable", null, null, b.Price, "No longer available: search again and replace it."));
            }
            else if (changed && !(request.AcceptPrices?.TryGetValue(b.OfferId, out var accepted) == true && accepted == current))
            {
                problems.Add(new CheckoutItem(b.OfferId, Kind(b), b.Title, "priceChanged", null, null, b.Price, $"The price is now {current}.", current));
            }
        }
        if (problems.Count > 0)
        {
            return new TripCheckoutOutcome.NotBookable(problems, Gone: problems.Any(p => p.Status == "unavailable"));
        }

        var results = new List<CheckoutItem>(already);
        var confirmed = new List<Guid>();
        foreach (var b in toBook)
        {
            var accept = request.AcceptPrices?.GetValueOrDefault(b.OfferId);
            var outcome = await bookings.BookAsync(owner, new CreateBookingRequest(Kind(b), b.OfferId, travelerIds, tripId, accept), notify: false);
            var booked = outcome switch
            {
                BookingOutcome.Confirmed c => c.Booking,
                BookingOutcome.AwaitingReconciliation p => p.Booking,
                _ => null,
            };
            if (booked is not null)
            {
                results.Add(new CheckoutItem(b.OfferId, Kind(b), b.Title, booked.Status, booked.Id, booked.ProviderReference, booked.Price, null));
                if (booked.Status == "confirmed")
                {
                    confirmed.Add(booked.Id);
                }
            }
            else
            {
                results.Add(new CheckoutItem(b.OfferId, Kind(b), b.Title, "failed", null, null, b.Price, outcome.Problem() ?? "The booking failed."));
            }
        }
        if (confirmed.Count > 0)
        {
            await confirmations.SendAsync(owner, confirmed, tripId, wholeTrip: true, ct);
        }
        var failed = results.Count(r => r.Status == "failed");
        if (failed == toBook.Count)
        {
            return new TripCheckoutOutcome.Failed(results);
        }
        var status = failed > 0 ? "partial" : results.Any(r => r.Status == "pending") ? "pending" : "confirmed";
        return new TripCheckoutOutcome.Booked(new TripCheckoutResponse(tripId, status, results));
    }

    private static string Kind(Bookable b) => b.Kind == TripItemKind.Flight ? "flight" : "hotel";
}

/// <summary>
/// How checking out a whole trip ended: one of a closed set, serialisable so that the idempotency
/// store can keep the first and give it again.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "outcome")]
[JsonDerivedType(typeof(Booked), "booked")]
[JsonDerivedType(typeof(AlreadyBooked), "alreadyBooked")]
[JsonDerivedType(typeof(NothingToBook), "nothingToBook")]
[JsonDerivedType(typeof(Invalid), "invalid")]
[JsonDerivedType(typeof(NotBookable), "notBookable")]
[JsonDerivedType(typeof(Failed), "failed")]
internal abstract record TripCheckoutOutcome
{
    private TripCheckoutOutcome()
    {
    }

    /// <summary>Something was booked now: every offer (<c>confirmed</c>), some still <c>pending</c>, or some failed (<c>partial</c>).</summary>
    public sealed record Booked(TripCheckoutResponse Checkout) : TripCheckoutOutcome;

    /// <summary>Every offer of the trip was already booked (pending or confirmed); nothing was ordered.</summary>
    public sealed record AlreadyBooked(TripCheckoutResponse Checkout) : TripCheckoutOutcome;

    /// <summary>The trip has no flight or hotel offer to book.</summary>
    public sealed record NothingToBook : TripCheckoutOutcome;

    /// <summary>The chosen travelers do not fit: <paramref name="Explanation"/> in a sentence, the errors by field (<c>travelerIds</c>).</summary>
    public sealed record Invalid(string Explanation, IReadOnlyDictionary<string, string[]> Errors) : TripCheckoutOutcome;

    /// <summary>
    /// Nothing was booked because some offers are no longer available (<paramref name="Gone"/>) or
    /// changed price; <paramref name="Items"/> names each (<c>unavailable</c> or <c>priceChanged</c> with its new price).
    /// </summary>
    public sealed record NotBookable(IReadOnlyList<CheckoutItem> Items, bool Gone) : TripCheckoutOutcome;

    /// <summary>Every offer to book failed; <paramref name="Items"/> says why for each (and lists those already booked).</summary>
    public sealed record Failed(IReadOnlyList<CheckoutItem> Items) : TripCheckoutOutcome;
}
