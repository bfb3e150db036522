using System.ComponentModel;
using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Http;

namespace Pathavana.Bookings;

/// <summary>Exactly-once booking and cancellation (Idempotency-Key required), and the user's bookings.</summary>
internal static class BookingsApi
{
    public static void MapBookingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bookings").WithTags("Bookings").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithName("CreateBooking")
            .WithSummary("Book a flight or hotel offer for your travelers. Requires an Idempotency-Key header; a price change answers 409 until you accept it.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).WithName("ListBookings").WithSummary("Your bookings, newest first, a page at a time (Link rel=next).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetBooking").WithSummary("A booking with its status history.");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelBooking")
            .WithSummary("Cancel a confirmed booking. Requires an Idempotency-Key header.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// Books once per Idempotency-Key: 201 confirmed, 202 pending (awaiting reconciliation with the
    /// provider), 400 naming the field, 409 price changed or a traveler already booked, 410 gone,
    /// 422 refused by the provider, 503 provider unavailable. The same key and request replays the first answer.
    /// </summary>
    private static async Task<Results<Created<BookingResponse>, Accepted<BookingResponse>, ValidationProblem, ProblemHttpResult, ContentHttpResult>> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CreateBookingRequest request,
        [FromHeader(Name = IdempotencyStore.Header), Description(IdempotentResults.KeyDescription)] string? idempotencyKey,
        HttpResponse response, ClaimsPrincipal user, IdempotencyStore idempotency, BookingService bookings, CancellationToken ct)
    {
        // An empty body binds to null: a request with nothing chosen, so each missing field is named.
        request ??= new CreateBookingRequest(null, null, null, null, null);
        var owner = user.Id();
        var hash = idempotency.HashOf("POST", "/api/v1/bookings", request);
        return await idempotency.RunAsync(owner, idempotencyKey, hash, _ => bookings.BookAsync(owner, request), ct) switch
        {
            IdempotentRun<BookingOutcome>.Answered answered => Booked(answered, response),
            IdempotentRun<BookingOutcome>.Recorded recorded => IdempotentResults.Recorded(recorded.Status, recorded.Body, response),
            IdempotentRun<BookingOutcome>.Refused refused => IdempotentResults.Refusal(refused.Reason, response),
            _ => throw new UnreachableException(),
        };
    }

    private static Results<Created<BookingResponse>, Accepted<BookingResponse>, ValidationProblem, ProblemHttpResult, ContentHttpResult> Booked(
        IdempotentRun<BookingOutcome>.Answered answered, HttpResponse response)
    {
        IdempotentResults.MarkReplayed(response, answered.Replayed);
        return answered.Outcome switch
        {
            BookingOutcome.Confirmed c => TypedResults.Created((string?)null, c.Booking),
            BookingOutcome.AwaitingReconciliation p => TypedResults.Accepted((string?)null, p.Booking),
            BookingOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            BookingOutcome.PriceChanged p => Problem(StatusCodes.Status409Conflict, "The price has changed.", p.Problem()!,
                new() { ["code"] = "priceChanged", ["newPrice"] = p.NewPrice, ["previousPrice"] = p.PreviousPrice }),
            BookingOutcome.AlreadyBooked a => Problem(StatusCodes.Status409Conflict, "A traveler is already booked on this flight.", a.Explanation,
                new() { ["code"] = "overlappingBooking", ["bookingId"] = a.BookingId, ["travelerId"] = a.TravelerId }),
            BookingOutcome.Gone g => Problem(StatusCodes.Status410Gone, g.Summary, g.Advice, g.Departed ? new() { ["code"] = "offerDeparted" } : null),
            BookingOutcome.Failed f => Problem(
                f.Kind == BookingFailure.ProviderUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity,
                "The booking failed.", f.Reason, new() { ["bookingId"] = f.Booking.Id, ["status"] = "failed" }),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Cancels once per Idempotency-Key: 200, 404 not yours, 409 not confirmed, 422 refused by the provider.</summary>
    private static async Task<Results<Ok<BookingResponse>, NotFound, ProblemHttpResult, ContentHttpResult>> CancelAsync(
        Guid id, [FromHeader(Name = IdempotencyStore.Header), Description(IdempotentResults.KeyDescription)] string? idempotencyKey,
        HttpResponse response, ClaimsPrincipal user,
        IdempotencyStore idempotency, BookingService bookings, PathavanaDbContext db, CancellationToken ct)
    {
        var owner = user.Id();
        if (!await db.Bookings.AnyAsync(b => b.Id == id && b.OwnerId == owner, ct))
        {
            return TypedResults.NotFound();
        }
        var hash = idempotency.HashOf<object>("POST", $"/api/v1/bookings/{id}/cancel", null);
        switch (await idempotency.RunAsync(owner, idempotencyKey, hash, _ => bookings.CancelAsync(owner, id), ct))
        {
            case IdempotentRun<CancellationOutcome>.Answered answered:
                IdempotentResults.MarkReplayed(response, answered.Replayed);
                return answered.Outcome switch
                {
                    CancellationOutcome.Cancelled c => TypedResults.Ok(c.Booking),
                    CancellationOutcome.NotFound => TypedResults.NotFound(),
                    CancellationOutcome.NotCancellable n => Problem(StatusCodes.Status409Conflict, "Only a confirmed booking can be cancelled.", $"This booking is {n.Status}."),
                    CancellationOutcome.Refused r => Problem(StatusCodes.Status422UnprocessableEntity, "The provider refused the cancellation.", r.Reason),
                    _ => throw new UnreachableException(),
                };
            case IdempotentRun<CancellationOutcome>.Recorded recorded:
                return IdempotentResults.Recorded(recorded.Status, recorded.Body, response);
            case IdempotentRun<CancellationOutcome>.Refused refused:
                return IdempotentResults.Refusal(refused.Reason, response);
            default:
                throw new UnreachableException();
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (k, v) in extensions ?? [])
        {
            problem.Extensions[k] = v;
        }
        return TypedResults.Problem(problem);
    }

    private static async Task<Results<Ok<List<BookingResponse>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, ClaimsPrincipal user, HttpContext http, PathavanaDbContext db, CancellationToken ct)
    {
        var (onePage, problem) = Page.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        var owner = user.Id();
        var rows = await onePage.ReadAsync(db.Bookings.AsNoTracking().Include(b => b.Events).Where(b => b.OwnerId == owner)
            .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id), http, ct);
        return TypedResults.Ok(rows.Select(b => BookingService.Describe(b, BookingService.Summary(b))).ToList());
    }

    private static async Task<Results<Ok<BookingResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, PathavanaDbContext db, CancellationToken ct)
    {
        var owner = user.Id();
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Events).SingleOrDefaultAsync(b => b.Id == id && b.OwnerId == owner, ct);
        return booking is null ? TypedResults.NotFound() : TypedResults.Ok(BookingService.Describe(booking, BookingService.Summary(booking)));
    }
}
