using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
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
            int Count(params string[] types) => f.PriceBreakdown.Where(p => types.Contains(p.Type.ToUpperInvariant())).Sum(p => p.Count);
            return new PartyCount(Count("ADULT"), Count("CHILD"), Count("INFANT", "HELD_INFANT", "SEATED_INFANT"));
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

    public static async Task<Results<Ok<TripReviewResponse>, NotFound>> ReviewAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, Travelers.ITravelerDirectory travelers, IBookingStatuses bookings,
        InventoryService inventory, CancellationToken ct)
    {
        var me = user.Id();
        var trip = await db.Set<Trip>().AsNoTracking().Include(t => t.Items).SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == me, ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        var bookables = BookablesOf(trip, inventory.Directory);
        var ids = bookables.Select(b => b.BookingId).OfType<Guid>().ToList();
        var statuses = ids.Count == 0 ? null : await bookings.StatusesAsync(me, ids, ct);
        var items = bookables.Select(b => Review(b, statuses, inventory.Directory)).ToList();
        var toPay = items.Where(i => !Booked(i.BookingStatus)).GroupBy(i => i.Price.Currency)
            .Select(g => new Money(g.Sum(i => i.Price.Amount), g.Key)).ToList();
        var needed = bookables.Where(b => b.Flight is not null).Select(b => b.Seats).DefaultIfEmpty(0).Max();
        if (needed == 0)
        {
            needed = bookables.Select(b => b.Seats).DefaultIfEmpty(1).Max();
        }
        var described = await TripPlanner.DescribeAsync(trip, travelers, ct, bookings);
        return TypedResults.Ok(new TripReviewResponse(trip.Id, trip.Title, needed, items, toPay, described.Warnings));
    }

    public static async Task<IResult> BookAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, IdempotencyStore idempotency, PathavanaDbContext db, BookingService bookings,
        IBookingStatuses statuses, InventoryService inventory, IBookingConfirmations confirmations,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var owner = user.Id();
        if (!await db.Set<Trip>().AnyAsync(t => t.Id == id && t.OwnerId == owner, ct))
        {
            return TypedResults.NotFound();
        }
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        TripCheckoutRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<TripCheckoutRequest>(string.IsNullOrWhiteSpace(body) ? "{}" : body, json.Value.SerializerOptions);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Not valid JSON for this field."] });
        }
        var hash = IdempotencyStore.HashOf("POST", $"/api/v1/trips/{id}/book", body);
        var options = json.Value.SerializerOptions;
        return await idempotency.RunAsync(http, owner, hash,
            _ => CheckoutAsync(owner, id, request ?? new TripCheckoutRequest(null, null), db, bookings, statuses, inventory, confirmations, options), ct);
    }

    private static async Task<StoredResponse> CheckoutAsync(
        Guid owner, Guid tripId, TripCheckoutRequest request, PathavanaDbContext db, BookingService bookings, IBookingStatuses statuses,
        InventoryService inventory, IBookingConfirmations confirmations, JsonSerializerOptions json)
    {
        // The outcome is recorded whether or not the client waits for it.
        var ct = CancellationToken.None;
        StoredResponse Problem(int status, string title, string detail, string? code = null, IReadOnlyList<CheckoutItem>? items = null,
            Dictionary<string, string[]>? errors = null)
        {
            var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
            problem.Status = status;
            problem.Title = title;
            problem.Detail = detail;
            if (code is not null)
            {
                problem.Extensions["code"] = code;
            }
            if (items is not null)
            {
                problem.Extensions["items"] = items;
            }
            return new StoredResponse(status, JsonSerializer.Serialize(problem, problem.GetType(), json));
        }

        var travelerIds = request.TravelerIds?.Distinct().ToList() ?? [];
        if (travelerIds.Count is 0 or > 9)
        {
            return Problem(400, "One or more validation errors occurred.", "Choose who is travelling.",
                errors: new() { ["travelerIds"] = ["Choose one to nine of your travelers."] });
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
                ? Problem(409, "Nothing to book.", "This trip has no flight or hotel offer to book. Add one from a search first.", "nothingToBook")
                : new StoredResponse(200, JsonSerializer.Serialize(new TripCheckoutResponse(tripId, "confirmed", already), json));
        }

        // Everything is checked before anything is ordered: the traveler count, availability and prices.
        var seatErrors = toBook.Where(b => b.Flight is not null && b.Seats != travelerIds.Count).ToList();
        if (seatErrors.Count > 0)
        {
            var b = seatErrors[0];
            return Problem(400, "One or more validation errors occurred.", $"{b.Title} is priced for {b.Seats} passenger(s).",
                errors: new() { ["travelerIds"] = [$"{b.Title} is priced for {b.Seats} passenger{(b.Seats == 1 ? "" : "s")}: choose {b.Seats} traveler{(b.Seats == 1 ? "" : "s")}, or search again for {travelerIds.Count}."] });
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
            var gone = problems.Any(p => p.Status == "unavailable");
            return Problem(409, gone ? "Part of the trip is no longer available." : "A price has changed.",
                gone ? "Nothing was booked. Replace what is gone, then book again." : "Nothing was booked. Accept the new price (send it in acceptPrices) or search again.",
                gone ? "unavailable" : "priceChanged", problems);
        }

        var results = new List<CheckoutItem>(already);
        var confirmed = new List<Guid>();
        foreach (var b in toBook)
        {
            var accept = request.AcceptPrices?.GetValueOrDefault(b.OfferId);
            var outcome = await bookings.BookAsync(owner, new CreateBookingRequest(Kind(b), b.OfferId, travelerIds, tripId, accept), notify: false);
            if (outcome.Status is 201 or 202 && JsonSerializer.Deserialize<BookingResponse>(outcome.Body, json) is { } booked)
            {
                results.Add(new CheckoutItem(b.OfferId, Kind(b), b.Title, booked.Status, booked.Id, booked.ProviderReference, booked.Price, null));
                if (booked.Status == "confirmed")
                {
                    confirmed.Add(booked.Id);
                }
            }
            else
            {
                var problem = JsonSerializer.Deserialize<JsonElement>(outcome.Body);
                var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : problem.TryGetProperty("title", out var t) ? t.GetString() : null;
                if (problem.TryGetProperty("errors", out var errs))
                {
                    detail = string.Join(" ", errs.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString())));
                }
                results.Add(new CheckoutItem(b.OfferId, Kind(b), b.Title, "failed", null, null, b.Price, detail ?? "The booking failed."));
            }
        }
        if (confirmed.Count > 0)
        {
            await confirmations.SendAsync(owner, confirmed, tripId, wholeTrip: true, ct);
        }
        var failed = results.Count(r => r.Status == "failed");
        if (failed == toBook.Count)
        {
            return Problem(422, "The trip could not be booked.", string.Join(" ", results.Where(r => r.Problem is not null).Select(r => $"{r.Title}: {r.Problem}")),
                "failed", results);
        }
        var status = failed > 0 ? "partial" : results.Any(r => r.Status == "pending") ? "pending" : "confirmed";
        return new StoredResponse(201, JsonSerializer.Serialize(new TripCheckoutResponse(tripId, status, results), json));
    }

    private static string Kind(Bookable b) => b.Kind == TripItemKind.Flight ? "flight" : "hotel";
}
