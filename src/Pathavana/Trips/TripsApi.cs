using System.ComponentModel;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
using Pathavana.Notifications;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Http;
using Pathavana.Travelers;

namespace Pathavana.Trips;

/// <summary>Trip plans: days of ordered items, totals against the budget, warnings, calendar export and share links.</summary>
internal static partial class TripsApi
{
    private const int MaxTripDays = 90;

    public static void MapTripsApi(this IEndpointRouteBuilder app)
    {
        var trips = app.MapGroup("/api/v1/trips").WithTags("Trips").RequireAuthorization();
        trips.MapGet("/", ListAsync).WithName("ListTrips").WithSummary("The signed-in user's trips, soonest first, a page at a time (Link rel=next).");
        trips.MapPost("/", CreateAsync).WithName("CreateTrip").WithSummary("Start a trip plan.");
        trips.MapGet("/{id:guid}", GetAsync).WithName("GetTrip").WithSummary("A trip with its days, totals and warnings.");
        trips.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTrip").WithSummary("Change a trip's title, dates, currency, budget or travelers.");
        trips.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTrip").WithSummary("Delete a trip.");
        trips.MapPost("/{id:guid}/items", AddItemAsync).WithName("AddTripItem").WithSummary("Add a flight or hotel offer, an activity or a note.");
        trips.MapPatch("/{id:guid}/items/{itemId:guid}", UpdateItemAsync).WithName("UpdateTripItem").WithSummary("Rename an item or change its notes.");
        trips.MapPost("/{id:guid}/items/{itemId:guid}/move", MoveItemAsync).WithName("MoveTripItem").WithSummary("Reorder an item or move it to another day.");
        trips.MapDelete("/{id:guid}/items/{itemId:guid}", RemoveItemAsync).WithName("RemoveTripItem").WithSummary("Remove an item.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        trips.MapGet("/{id:guid}/calendar.ics", CalendarAsync).WithName("TripCalendar").WithSummary("The trip as an iCalendar file, an event per item.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");
        trips.MapGet("/{id:guid}/review", ReviewAsync).WithName("ReviewTrip")
            .WithSummary("Before booking: each bookable offer with its travelers, fare or rate rules, cancellation terms and the total.");
        trips.MapPost("/{id:guid}/book", BookAsync).WithName("BookTrip")
            .WithSummary("Book every bookable item of the trip not yet booked, each exactly once, with one confirmation email. Requires an Idempotency-Key header.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        trips.MapPost("/{id:guid}/share", ShareAsync).WithName("ShareTrip").WithSummary("Make (or replace) a read-only share link.");
        trips.MapDelete("/{id:guid}/share", UnshareAsync).WithName("UnshareTrip").WithSummary("Revoke the share link.");

        app.MapGet("/api/v1/shared/{token}", SharedAsync).WithTags("Trips").AllowAnonymous()
            .WithName("SharedTrip").WithSummary("A shared trip, read-only, without sign-in.");
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    private static async Task<Results<Ok<TripReviewResponse>, NotFound>> ReviewAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers, IBookingStatuses bookings,
        Inventory.InventoryService inventory, CancellationToken ct) =>
        await TripCheckout.ReviewAsync(user.Id(), id, db, travelers, bookings, inventory, ct) is { } review
            ? TypedResults.Ok(review)
            : TypedResults.NotFound();

    /// <summary>
    /// Books the trip once per Idempotency-Key: 201 something booked now, 200 everything already booked,
    /// 400 the travelers do not fit, 404 not yours, 409 nothing to book or an offer gone or repriced
    /// (nothing booked), 422 every offer failed. The same key and request replays the first answer.
    /// </summary>
    private static async Task<Results<Created<TripCheckoutResponse>, Ok<TripCheckoutResponse>, ValidationProblem, NotFound, ProblemHttpResult, ContentHttpResult>> BookAsync(
        Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TripCheckoutRequest request,
        [FromHeader(Name = Bookings.IdempotencyStore.Header), Description(IdempotentResults.KeyDescription)] string? idempotencyKey, HttpResponse response, ClaimsPrincipal user,
        Bookings.IdempotencyStore idempotency, PathavanaDbContext db, Bookings.BookingService bookings, IBookingStatuses statuses,
        Inventory.InventoryService inventory, IBookingConfirmations confirmations, CancellationToken ct)
    {
        var owner = user.Id();
        if (!await db.Set<Trip>().AnyAsync(t => t.Id == id && t.OwnerId == owner, ct))
        {
            return TypedResults.NotFound();
        }
        // An empty body binds to null: no travelers chosen.
        request ??= new TripCheckoutRequest(null, null);
        var hash = idempotency.HashOf("POST", $"/api/v1/trips/{id}/book", request);
        var run = await idempotency.RunAsync(owner, idempotencyKey, hash,
            _ => TripCheckout.CheckoutAsync(owner, id, request, db, bookings, statuses, inventory, confirmations), ct);
        switch (run)
        {
            case IdempotentRun<TripCheckoutOutcome>.Recorded recorded:
                return IdempotentResults.Recorded(recorded.Status, recorded.Body, response);
            case IdempotentRun<TripCheckoutOutcome>.Refused refused:
                return IdempotentResults.Refusal(refused.Reason, response);
        }
        var answered = (IdempotentRun<TripCheckoutOutcome>.Answered)run;
        IdempotentResults.MarkReplayed(response, answered.Replayed);
        return answered.Outcome switch
        {
            TripCheckoutOutcome.Booked b => TypedResults.Created((string?)null, b.Checkout),
            TripCheckoutOutcome.AlreadyBooked a => TypedResults.Ok(a.Checkout),
            TripCheckoutOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, detail: i.Explanation),
            TripCheckoutOutcome.NothingToBook => CheckoutProblem(StatusCodes.Status409Conflict, "Nothing to book.",
                "This trip has no flight or hotel offer to book. Add one from a search first.", "nothingToBook"),
            TripCheckoutOutcome.NotBookable { Gone: true } n => CheckoutProblem(StatusCodes.Status409Conflict, "Part of the trip is no longer available.",
                "Nothing was booked. Replace what is gone, then book again.", "unavailable", n.Items),
            TripCheckoutOutcome.NotBookable n => CheckoutProblem(StatusCodes.Status409Conflict, "A price has changed.",
                "Nothing was booked. Accept the new price (send it in acceptPrices) or search again.", "priceChanged", n.Items),
            TripCheckoutOutcome.Failed f => CheckoutProblem(StatusCodes.Status422UnprocessableEntity, "The trip could not be booked.",
                string.Join(" ", f.Items.Where(r => r.Problem is not null).Select(r => $"{r.Title}: {r.Problem}")), "failed", f.Items),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    /// <summary>A checkout problem with its <c>code</c> and, when given, every offer's <c>items</c>.</summary>
    private static ProblemHttpResult CheckoutProblem(int status, string title, string detail, string code, IReadOnlyList<CheckoutItem>? items = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (items is not null)
        {
            problem.Extensions["items"] = items;
        }
        return TypedResults.Problem(problem);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static Task<Trip?> LoadAsync(PathavanaDbContext db, Guid id, Guid owner, CancellationToken ct) =>
        db.Set<Trip>().Include(t => t.Items).SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == owner, ct);

    private static async Task<Results<Ok<List<TripSummaryResponse>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, ClaimsPrincipal user, HttpContext http, PathavanaDbContext db, CancellationToken ct)
    {
        var (onePage, problem) = Page.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        var me = user.Id();
        // A summary counts and totals the items in SQL: the items themselves (snapshots, encrypted titles) are not read.
        var rows = await onePage.ReadAsync(db.Set<Trip>().AsNoTracking().Where(t => t.OwnerId == me)
            .OrderBy(t => t.StartDate).ThenBy(t => t.Id)
            .Select(t => new TripSummaryRow(t, t.Items.Count, t.Items.Count(i => i.PriceCurrency == t.Currency),
                t.Items.Where(i => i.PriceCurrency == t.Currency).Sum(i => i.PriceAmount ?? 0m))), http, ct);
        return TypedResults.Ok(rows.Select(r => new TripSummaryResponse(r.Trip.Id, r.Trip.Title, r.Trip.StartDate, r.Trip.EndDate, r.Items,
            r.Priced > 0 ? new Money(r.Total, r.Trip.Currency) : Money.Zero(r.Trip.Currency), r.Trip.Budget)).ToList());
    }

    /// <summary>
    /// A trip of the list with its item count and its total in the trip's currency over the <c>Priced</c> items priced in it.
    /// With none, the total is <see cref="Money.Zero"/>, as the trip's own total says (SQL's sum of nothing answers 0.0).
    /// </summary>
    private sealed record TripSummaryRow(Trip Trip, int Items, int Priced, decimal Total);

    private static async Task<Dictionary<string, string[]>> ValidateAsync(TripRequest r, Guid owner, ITravelerDirectory travelers, CancellationToken ct, bool datesFromItems = false)
    {
        var errors = new Dictionary<string, string[]>();
        if (datesFromItems && r.StartDate is null && r.EndDate is null)
        {
            r = r with { StartDate = DateOnly.MinValue, EndDate = DateOnly.MinValue };
        }
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 200)
        {
            errors["title"] = ["A title of 1 to 200 characters."];
        }
        if (r.StartDate is null)
        {
            errors["startDate"] = ["Required (YYYY-MM-DD)."];
        }
        if (r.EndDate is null)
        {
            errors["endDate"] = ["Required (YYYY-MM-DD)."];
        }
        if (r.StartDate is { } start && r.EndDate is { } end)
        {
            if (end < start)
            {
                errors["endDate"] = ["The trip cannot end before it starts."];
            }
            else if (end.DayNumber - start.DayNumber >= MaxTripDays)
            {
                errors["endDate"] = [$"A trip plan covers at most {MaxTripDays} days."];
            }
        }
        if (r.Currency is not null && !CurrencyPattern().IsMatch(r.Currency))
        {
            errors["currency"] = ["An ISO 4217 code such as USD or EUR."];
        }
        if (r.Budget is < 0 or > 10_000_000)
        {
            errors["budget"] = ["A budget between 0 and 10,000,000."];
        }
        if (r.Notes is { Length: > 4000 })
        {
            errors["notes"] = ["At most 4000 characters."];
        }
        if (r.PartySize is < 1 or > 9)
        {
            errors["partySize"] = ["How many people: 1 to 9."];
        }
        if (r.Items is { Count: > 30 })
        {
            errors["items"] = ["At most 30 items at once."];
        }
        if (r.TravelerIds is { Count: > 0 } ids)
        {
            var owned = await travelers.OwnedIdsAsync(owner, ids, ct);
            for (var i = 0; i < ids.Count; i++)
            {
                if (!owned.Contains(ids[i]))
                {
                    errors[$"travelerIds[{i}]"] = ["Not one of your travelers."];
                }
            }
        }
        return errors;
    }

    private static void Apply(Trip trip, TripRequest r)
    {
        trip.Title = r.Title!.Trim();
        trip.StartDate = r.StartDate!.Value;
        trip.EndDate = r.EndDate!.Value;
        trip.Currency = r.Currency ?? trip.Currency;
        trip.BudgetAmount = r.Budget;
        trip.TravelerIds = [.. (r.TravelerIds ?? []).Distinct()];
        trip.Notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim();
        trip.PartySize = r.PartySize ?? trip.PartySize;
    }

    private static async Task<Results<Created<TripResponse>, ValidationProblem>> CreateAsync(
        TripRequest request, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers, TripItemFactory factory, CancellationToken ct)
    {
        var me = user.Id();
        var withItems = request.Items is { Count: > 0 };
        var errors = await ValidateAsync(request, me, travelers, ct, datesFromItems: withItems);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var trip = new Trip { OwnerId = me, Title = "", Currency = "USD" };
        var spanFromItems = withItems && request.StartDate is null && request.EndDate is null;
        Apply(trip, spanFromItems ? request with { StartDate = DateOnly.MinValue, EndDate = DateOnly.MaxValue } : request);
        foreach (var (itemRequest, index) in (request.Items ?? []).Select((r, i) => (r, i)))
        {
            var (items, itemErrors) = await factory.CreateAsync(trip, itemRequest, ct);
            foreach (var (field, messages) in itemErrors)
            {
                errors[$"items[{index}].{field}"] = messages;
            }
            foreach (var item in items)
            {
                item.Position = trip.Items.Count(i => i.Day == item.Day);
                trip.Items.Add(item);
            }
        }
        if (spanFromItems && errors.Count == 0)
        {
            // The trip spans its items: from the first departure or check-in to the last landing or check-out.
            trip.StartDate = trip.Items.Min(i => i.Day);
            trip.EndDate = trip.Items.Select(i => i.CheckOut ?? LastDay(i)).Append(trip.StartDate).Max();
            if (trip.EndDate.DayNumber - trip.StartDate.DayNumber >= MaxTripDays)
            {
                errors["items"] = [$"These items span more than {MaxTripDays} days: make two trips."];
            }
        }
        if (withItems && request.PartySize is null)
        {
            trip.PartySize = Math.Clamp(trip.Items.Select(PartyOf).DefaultIfEmpty(1).Max(), 1, 9);
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        db.Add(trip);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/trips/{trip.Id}", await TripPlanner.DescribeAsync(trip, travelers, ct));
    }

    private static DateOnly LastDay(TripItem item) =>
        TripPlanner.Local(item.EndsAt, item.EndTimeZone ?? item.StartTimeZone) is { } end ? DateOnly.FromDateTime(end.DateTime) : item.Day;

    /// <summary>How many people an offer item is for: the seats of a flight fare, the adults of a stay.</summary>
    internal static int PartyOf(TripItem item)
    {
        if (item.OfferSnapshot is null)
        {
            return 1;
        }
        try
        {
            return item.Kind switch
            {
                TripItemKind.Flight => JsonSerializer.Deserialize<Inventory.FlightOffer>(item.OfferSnapshot, JsonSerializerOptions.Web)?
                    .PriceBreakdown.Where(p => !p.Type.Contains("INFANT", StringComparison.OrdinalIgnoreCase)).Sum(p => p.Count) ?? 1,
                TripItemKind.Hotel => JsonSerializer.Deserialize<Inventory.HotelOffer>(item.OfferSnapshot, JsonSerializerOptions.Web)?.Adults ?? 1,
                _ => 1,
            };
        }
        catch (JsonException)
        {
            return 1;
        }
    }

    private static async Task<Results<Ok<TripResponse>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers, IBookingStatuses bookings, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        return trip is null ? TypedResults.NotFound() : TypedResults.Ok(await TripPlanner.DescribeAsync(trip, travelers, ct, bookings));
    }

    private static async Task<Results<Ok<TripResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, TripRequest request, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers, CancellationToken ct)
    {
        var me = user.Id();
        var trip = await LoadAsync(db, id, me, ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        var errors = await ValidateAsync(request, me, travelers, ct);
        if (request.StartDate is { } start && request.EndDate is { } end
            && trip.Items.FirstOrDefault(i => i.Day < start || i.Day > end) is { } outside)
        {
            errors["startDate"] = [$"'{outside.Title}' on {outside.Day:yyyy-MM-dd} would fall outside the new dates: move or remove it first."];
        }
        if (request.Currency is { } currency && currency != trip.Currency && trip.Items.Any(i => i.PriceCurrency is not null))
        {
            errors["currency"] = ["The currency cannot change once priced items are in the trip."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        Apply(trip, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await TripPlanner.DescribeAsync(trip, travelers, ct));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        db.Remove(trip);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<TripResponse>, NotFound, ValidationProblem>> AddItemAsync(
        Guid id, AddTripItemRequest request, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers,
        TripItemFactory factory, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        var (items, errors) = await factory.CreateAsync(trip, request, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        foreach (var item in items)
        {
            item.Position = trip.Items.Count(i => i.Day == item.Day);
            trip.Items.Add(item);
            db.Add(item);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/trips/{trip.Id}", await TripPlanner.DescribeAsync(trip, travelers, ct));
    }

    private static async Task<Results<Ok<TripResponse>, NotFound, ValidationProblem>> UpdateItemAsync(
        Guid id, Guid itemId, UpdateTripItemRequest request, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers,
        CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        var item = trip?.Items.SingleOrDefault(i => i.Id == itemId);
        if (trip is null || item is null)
        {
            return TypedResults.NotFound();
        }
        if (request.Title is { } title)
        {
            if (string.IsNullOrWhiteSpace(title) || title.Length > 300)
            {
                return Invalid("title", "A title of 1 to 300 characters.");
            }
            item.Title = title.Trim();
        }
        if (request.Notes is { } notes)
        {
            if (notes.Length > 4000)
            {
                return Invalid("notes", "At most 4000 characters.");
            }
            item.Notes = notes.Length == 0 ? null : notes;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await TripPlanner.DescribeAsync(trip, travelers, ct));
    }

    private static async Task<Results<Ok<TripResponse>, NotFound, ValidationProblem>> MoveItemAsync(
        Guid id, Guid itemId, MoveTripItemRequest request, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers,
        CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        var item = trip?.Items.SingleOrDefault(i => i.Id == itemId);
        if (trip is null || item is null)
        {
            return TypedResults.NotFound();
        }
        var day = request.Day ?? item.Day;
        if (day < trip.StartDate || day > trip.EndDate)
        {
            return Invalid("day", $"A day of the trip, {trip.StartDate:yyyy-MM-dd} to {trip.EndDate:yyyy-MM-dd}.");
        }
        if (request.Position is < 0)
        {
            return Invalid("position", "Zero or more.");
        }
        var originalDay = item.Day;
        if (day != item.Day)
        {
            // An offer's times are the airline's or the hotel's: moving it would make the page, the
            // calendar and the booking disagree. Timed items of one's own move with their times.
            if (item.Kind == TripItemKind.Flight && item.OfferId is not null)
            {
                return Invalid("day", $"{item.Title} flies on {item.Day:ddd d MMM}: a flight cannot move to another day. To fly on {day:ddd d MMM}, search flights for that date and add one.");
            }
            if (item.Kind == TripItemKind.Hotel && item.OfferId is not null)
            {
                return Invalid("day", $"{item.Title} is a rate for {item.CheckIn:ddd d MMM} to {item.CheckOut:ddd d MMM}: its dates cannot move. To stay from {day:ddd d MMM}, search hotels for those dates.");
            }
            if (item.CheckOut is { } checkOut && checkOut.AddDays(day.DayNumber - item.Day.DayNumber) > trip.EndDate.AddDays(1))
            {
                return Invalid("day", $"{item.Title} would end after the trip. Change the trip's dates first.");
            }
            TripPlanner.ShiftDays(item, day.DayNumber - item.Day.DayNumber);
        }
        var from = trip.Items.Where(i => i.Day == originalDay && i.Id != item.Id).OrderBy(i => i.Position).ToList();
        Renumber(from);
        var to = day == originalDay ? from : trip.Items.Where(i => i.Day == day && i.Id != item.Id).OrderBy(i => i.Position).ToList();
        to.Insert(Math.Min(request.Position ?? to.Count, to.Count), item);
        Renumber(to);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await TripPlanner.DescribeAsync(trip, travelers, ct));
    }

    private static void Renumber(List<TripItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Position = i;
        }
    }

    private static async Task<Results<Ok<TripResponse>, NotFound, ProblemHttpResult>> RemoveItemAsync(
        Guid id, Guid itemId, ClaimsPrincipal user, PathavanaDbContext db, ITravelerDirectory travelers, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        var item = trip?.Items.SingleOrDefault(i => i.Id == itemId);
        if (trip is null || item is null)
        {
            return TypedResults.NotFound();
        }
        if (item.BookingId is not null)
        {
            return TypedResults.Problem(title: "This item is booked.", detail: "Cancel the booking before removing it from the trip.",
                statusCode: StatusCodes.Status409Conflict);
        }
        trip.Items.Remove(item);
        db.Remove(item);
        Renumber([.. trip.Items.Where(i => i.Day == item.Day).OrderBy(i => i.Position)]);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await TripPlanner.DescribeAsync(trip, travelers, ct));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> CalendarAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        var ics = TripCalendar.Build(trip.Title, trip.Items, clock.GetUtcNow());
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", TripCalendar.FileName(trip.Title));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<Results<Ok<ShareResponse>, NotFound>> ShareAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, IOptions<AppOptions> app, TimeProvider clock, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        // 192 random bits: unguessable. Only the hash is kept, so a database reader cannot use it.
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        trip.ShareTokenHash = Hash(token);
        trip.SharedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ShareResponse(app.Value.Link($"/shared/{token}"), token, trip.SharedAt.Value));
    }

    private static async Task<Results<NoContent, NotFound>> UnshareAsync(Guid id, ClaimsPrincipal user, PathavanaDbContext db, CancellationToken ct)
    {
        var trip = await LoadAsync(db, id, user.Id(), ct);
        if (trip is null)
        {
            return TypedResults.NotFound();
        }
        trip.ShareTokenHash = null;
        trip.SharedAt = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SharedTripResponse>, NotFound>> SharedAsync(string token, PathavanaDbContext db, CancellationToken ct)
    {
        if (token.Length is < 16 or > 64)
        {
            return TypedResults.NotFound();
        }
        var hash = Hash(token);
        var trip = await db.Set<Trip>().AsNoTracking().Include(t => t.Items).SingleOrDefaultAsync(t => t.ShareTokenHash == hash, ct);
        // Read-only and impersonal: no travelers, names, notes, passport warnings, ids or booking references.
        return trip is null ? TypedResults.NotFound() : TypedResults.Ok(TripPlanner.DescribeShared(trip));
    }
}
