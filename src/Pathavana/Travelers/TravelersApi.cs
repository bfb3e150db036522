using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Audit;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Http;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Travelers;

public sealed record LoyaltyNumber(string? Airline, string? Number);

/// <summary>A traveler as entered: names exactly as on the passport.</summary>
public sealed record TravelerRequest(
    string? GivenNames,
    string? Surname,
    DateOnly? DateOfBirth,
    string? Gender,
    string? Nationality,
    string? PassportNumber,
    string? PassportIssuingCountry,
    DateOnly? PassportExpiry,
    string? Email,
    string? Phone,
    IReadOnlyList<LoyaltyNumber>? LoyaltyNumbers,
    string? SeatPreference,
    string? MealPreference);

public sealed record TravelerResponse(
    Guid Id,
    string GivenNames,
    string Surname,
    DateOnly DateOfBirth,
    string? Gender,
    string? Nationality,
    string? PassportNumber,
    string? PassportIssuingCountry,
    DateOnly? PassportExpiry,
    string? Email,
    string? Phone,
    IReadOnlyList<LoyaltyNumber> LoyaltyNumbers,
    string? SeatPreference,
    string? MealPreference,
    // PassportStatus: none, valid, expiresSoon (within six months) or expired.
    string PassportStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The people a user books for. Every field is personal data, encrypted before it is stored.</summary>
internal static partial class TravelersApi
{
    public static readonly string[] Genders = ["female", "male", "unspecified"];
    public static readonly string[] Seats = ["aisle", "window", "none"];
    public static readonly string[] Meals = ["none", "vegetarian", "vegan", "kosher", "halal", "hindu", "glutenFree", "diabetic", "lowSodium", "child"];

    public static void MapTravelersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/travelers").WithTags("Travelers").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListTravelers").WithSummary("The signed-in user's travelers, oldest first, a page at a time (Link rel=next).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTraveler").WithSummary("One traveler.");
        group.MapPost("/", CreateAsync).WithName("CreateTraveler").WithSummary("Add a traveler.");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTraveler").WithSummary("Replace a traveler's details.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTraveler").WithSummary("Remove a traveler.");
    }

    private static async Task<Results<Ok<List<TravelerResponse>>, ValidationProblem>> ListAsync(int? page, int? pageSize,
        ClaimsPrincipal user, HttpContext http, PathavanaDbContext db, PiiProtector pii, TimeProvider clock, IAuditLog audit, CancellationToken ct)
    {
        var (onePage, problem) = Page.From(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        var me = user.Id();
        var rows = await onePage.ReadAsync(db.Travelers.AsNoTracking().Where(t => t.OwnerId == me).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id), http, ct);
        var result = new List<TravelerResponse>(rows.Count);
        foreach (var row in rows)
        {
            result.Add(await TravelerDirectory.DecryptAsync(row, pii, clock, ct));
        }
        if (rows.Count > 0)
        {
            await audit.QueueReadAsync(new AuditEvent(AuditActions.TravelerRead, "traveler", null, me, $$"""{"count":{{rows.Count}}}"""), ct);
        }
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<TravelerResponse>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, PiiProtector pii, TimeProvider clock, IAuditLog audit, CancellationToken ct)
    {
        var me = user.Id();
        var row = await db.Travelers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == me, ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }
        var response = await TravelerDirectory.DecryptAsync(row, pii, clock, ct);
        await audit.QueueReadAsync(new AuditEvent(AuditActions.TravelerRead, "traveler", id.ToString(), me), ct);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<Created<TravelerResponse>, ValidationProblem>> CreateAsync(
        TravelerRequest request, ClaimsPrincipal user, PathavanaDbContext db, PiiProtector pii, TimeProvider clock, IAuditLog audit,
        CancellationToken ct)
    {
        var errors = Validate(request, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var me = user.Id();
        var row = new Traveler { OwnerId = me, GivenNames = "", Surname = "" };
        await WriteAsync(row, Normalise(request), pii, ct);
        db.Travelers.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.TravelerCreated, "traveler", row.Id.ToString(), me), ct);
        return TypedResults.Created($"/api/v1/travelers/{row.Id}", await TravelerDirectory.DecryptAsync(row, pii, clock, ct));
    }

    private static async Task<Results<Ok<TravelerResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, TravelerRequest request, ClaimsPrincipal user, PathavanaDbContext db, PiiProtector pii, TimeProvider clock,
        IAuditLog audit, CancellationToken ct)
    {
        var me = user.Id();
        var row = await db.Travelers.SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == me, ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }
        var errors = Validate(request, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await WriteAsync(row, Normalise(request), pii, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.TravelerUpdated, "traveler", id.ToString(), me), ct);
        return TypedResults.Ok(await TravelerDirectory.DecryptAsync(row, pii, clock, ct));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid id, ClaimsPrincipal user, PathavanaDbContext db, IAuditLog audit, CancellationToken ct)
    {
        var me = user.Id();
        var deleted = await db.Travelers.Where(t => t.Id == id && t.OwnerId == me).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return TypedResults.NotFound();
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.TravelerDeleted, "traveler", id.ToString(), me), ct);
        return TypedResults.NoContent();
    }

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M}' .\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex PassportPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z0-9]{2}$")]
    private static partial Regex AirlinePattern();

    [GeneratedRegex("^[A-Z0-9]{4,20}$")]
    private static partial Regex LoyaltyPattern();

    /// <summary>Upper-cases codes and numbers, trims names and strips phone formatting.</summary>
    private static TravelerRequest Normalise(TravelerRequest r) => r with
    {
        GivenNames = r.GivenNames?.Trim(),
        Surname = r.Surname?.Trim(),
        Nationality = r.Nationality?.Trim().ToUpperInvariant(),
        PassportNumber = r.PassportNumber?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
        PassportIssuingCountry = r.PassportIssuingCountry?.Trim().ToUpperInvariant(),
        Email = r.Email?.Trim(),
        Phone = r.Phone is null ? null : new string([.. r.Phone.Where(c => char.IsDigit(c) || c == '+')]),
        LoyaltyNumbers = r.LoyaltyNumbers?.Select(l => new LoyaltyNumber(l.Airline?.Trim().ToUpperInvariant(), l.Number?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ToList(),
    };

    internal static Dictionary<string, string[]> Validate(TravelerRequest raw, DateOnly today)
    {
        var r = Normalise(raw);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        foreach (var (field, value) in new[] { ("givenNames", r.GivenNames), ("surname", r.Surname) })
        {
            if (string.IsNullOrEmpty(value))
            {
                Fail(field, "Required, exactly as on the passport.");
            }
            else if (value.Length > 60 || !NamePattern().IsMatch(value))
            {
                Fail(field, "Letters, spaces, hyphens and apostrophes only, at most 60 characters, as on the passport.");
            }
        }
        if (r.DateOfBirth is not { } birth)
        {
            Fail("dateOfBirth", "Required (YYYY-MM-DD).");
        }
        else if (birth > today || birth < today.AddYears(-120))
        {
            Fail("dateOfBirth", "Must be a real date of birth, not in the future.");
        }
        if (r.Gender is not null && !Genders.Contains(r.Gender))
        {
            Fail("gender", $"One of: {string.Join(", ", Genders)}.");
        }
        if (r.Nationality is not null && !Countries.IsCode(r.Nationality))
        {
            Fail("nationality", "An ISO 3166 country code such as PT or US.");
        }
        if (r.PassportNumber is not null)
        {
            if (!PassportPattern().IsMatch(r.PassportNumber))
            {
                Fail("passportNumber", "5 to 20 letters and digits.");
            }
            if (r.PassportIssuingCountry is null)
            {
                Fail("passportIssuingCountry", "Required with a passport number.");
            }
            if (r.PassportExpiry is null)
            {
                Fail("passportExpiry", "Required with a passport number.");
            }
        }
        if (r.PassportIssuingCountry is not null && !Countries.IsCode(r.PassportIssuingCountry))
        {
            Fail("passportIssuingCountry", "An ISO 3166 country code such as PT or US.");
        }
        if (r.PassportExpiry is { } expiry && (expiry < today.AddYears(-20) || expiry > today.AddYears(20)))
        {
            Fail("passportExpiry", "Must be a real expiry date.");
        }
        if (r.Email is not null && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(r.Email))
        {
            Fail("email", "Enter a valid email address.");
        }
        if (r.Phone is not null && !PhonePattern().IsMatch(r.Phone))
        {
            Fail("phone", "An international number starting with + and the country code, such as +351 912 345 678.");
        }
        if (r.LoyaltyNumbers is { } loyalty)
        {
            if (loyalty.Count > 10)
            {
                Fail("loyaltyNumbers", "At most 10.");
            }
            for (var i = 0; i < loyalty.Count; i++)
            {
                if (loyalty[i].Airline is null || !AirlinePattern().IsMatch(loyalty[i].Airline!))
                {
                    Fail($"loyaltyNumbers[{i}].airline", "The airline's two-character IATA code, such as TP.");
                }
                if (loyalty[i].Number is null || !LoyaltyPattern().IsMatch(loyalty[i].Number!))
                {
                    Fail($"loyaltyNumbers[{i}].number", "4 to 20 letters and digits.");
                }
            }
        }
        if (r.SeatPreference is not null && !Seats.Contains(r.SeatPreference))
        {
            Fail("seatPreference", $"One of: {string.Join(", ", Seats)}.");
        }
        if (r.MealPreference is not null && !Meals.Contains(r.MealPreference))
        {
            Fail("mealPreference", $"One of: {string.Join(", ", Meals)}.");
        }
        return errors;
    }

    private static async Task WriteAsync(Traveler row, TravelerRequest r, PiiProtector pii, CancellationToken ct)
    {
        var owner = row.OwnerId;
        row.GivenNames = (await pii.ProtectAsync(owner, "givenNames", r.GivenNames, ct))!;
        row.Surname = (await pii.ProtectAsync(owner, "surname", r.Surname, ct))!;
        row.DateOfBirth = await pii.ProtectAsync(owner, "dateOfBirth", r.DateOfBirth?.ToString("O"), ct);
        row.Gender = await pii.ProtectAsync(owner, "gender", r.Gender, ct);
        row.Nationality = await pii.ProtectAsync(owner, "nationality", r.Nationality, ct);
        row.PassportNumber = await pii.ProtectAsync(owner, "passportNumber", r.PassportNumber, ct);
        row.PassportIssuingCountry = await pii.ProtectAsync(owner, "passportIssuingCountry", r.PassportIssuingCountry, ct);
        row.PassportExpiry = await pii.ProtectAsync(owner, "passportExpiry", r.PassportExpiry?.ToString("O"), ct);
        row.Email = await pii.ProtectAsync(owner, "email", r.Email, ct);
        row.Phone = await pii.ProtectAsync(owner, "phone", r.Phone, ct);
        row.LoyaltyNumbers = await pii.ProtectAsync(owner, "loyaltyNumbers", JsonSerializer.Serialize(r.LoyaltyNumbers ?? []), ct);
        row.SeatPreference = await pii.ProtectAsync(owner, "seatPreference", r.SeatPreference, ct);
        row.MealPreference = await pii.ProtectAsync(owner, "mealPreference", r.MealPreference, ct);
    }
}
