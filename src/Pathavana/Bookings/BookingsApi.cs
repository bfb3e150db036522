using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
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
            .Accepts<CreateBookingRequest>("application/json")
            .Produces<BookingResponse>(StatusCodes.Status201Created)
            .Produces<BookingResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).WithName("ListBookings").WithSummary("Your bookings, newest first, a page at a time (Link rel=next).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetBooking").WithSummary("A booking with its status history.");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelBooking")
            .WithSummary("Cancel a confirmed booking. Requires an Idempotency-Key header.")
            .Produces<BookingResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ClaimsPrincipal user, IdempotencyStore idempotency, BookingService bookings,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        CreateBookingRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<CreateBookingRequest>(string.IsNullOrWhiteSpace(body) ? "{}" : body, json.Value.SerializerOptions);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Not valid JSON for this field."] });
        }
        var owner = user.Id();
        var hash = IdempotencyStore.HashOf("POST", "/api/v1/bookings", body);
        return await idempotency.RunAsync(http, owner, hash, _ => bookings.BookAsync(owner, request!), ct);
    }

    private static async Task<IResult> CancelAsync(Guid id, HttpContext http, ClaimsPrincipal user, IdempotencyStore idempotency, BookingService bookings,
        PathavanaDbContext db, CancellationToken ct)
    {
        var owner = user.Id();
        if (!await db.Bookings.AnyAsync(b => b.Id == id && b.OwnerId == owner, ct))
        {
            return TypedResults.NotFound();
        }
        var hash = IdempotencyStore.HashOf("POST", $"/api/v1/bookings/{id}/cancel", "");
        return await idempotency.RunAsync(http, owner, hash, _ => bookings.CancelAsync(owner, id), ct);
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
