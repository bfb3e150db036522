using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
using Pathavana.Audit;
using Pathavana.Inventory;
using Pathavana.Notifications;
using Pathavana.Platform;
using Pathavana.Platform.Data;
using Pathavana.Platform.Http;
using Pathavana.Platform.Observability;
using Pathavana.Travelers;
using Pathavana.Trips;

namespace Pathavana.Bookings;

/// <summary>
/// Books an offer: checks the travelers, re-prices, records a pending booking, orders once from
/// the provider (never retried), and records how it ended. A time-out is reconciled by looking
/// the order up, never by ordering again. Answers in domain outcomes (<see cref="BookingOutcome"/>,
/// <see cref="CancellationOutcome"/>); the endpoint class decides what they are in HTTP.
/// </summary>
internal sealed partial class BookingService(
    PathavanaDbContext db,
    InventoryService inventory,
    IEnumerable<IBookingProvider> providers,
    ITravelerDirectory travelers,
    ITripBookings trips,
    IAccountDirectory accounts,
    IEmailSender email,
    IBookingConfirmations confirmations,
    IAuditLog audit,
    PathavanaMetrics metrics,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    ILogger<BookingService> logger)
{
    private string Serialize<T>(T value) => JsonSerializer.Serialize(value, json.Value.SerializerOptions);

    private static BookingOutcome.Invalid Invalid(Dictionary<string, string[]> errors) => new(errors);

    /// <summary>
    /// Books <paramref name="request"/> for <paramref name="owner"/>. Field errors name <c>kind</c>,
    /// <c>offerId</c>, <c>travelerIds</c> or <c>travelerIds[i]</c>; a provider outage that is not a
    /// time-out is <see cref="BookingOutcome.Failed"/> with <see cref="BookingFailure.ProviderUnavailable"/>.
    /// Throws <see cref="DependencyUnavailableException"/> when no provider books the offer's source.
    /// </summary>
    /// <param name="notify">False when the caller sends one confirmation for several bookings (a whole trip).</param>
    public async Task<BookingOutcome> BookAsync(Guid owner, CreateBookingRequest request, bool notify = true)
    {
        // The provider is not told to stop because the client went away: the booking's outcome is recorded either way.
        var ct = CancellationToken.None;
        var errors = new Dictionary<string, string[]>();
        var kind = request.Kind?.ToLowerInvariant() switch
        {
            "flight" => BookingKind.Flight,
            "hotel" => BookingKind.Hotel,
            _ => (BookingKind?)null,
        };
        if (kind is null)
        {
            errors["kind"] = ["Either flight or hotel."];
        }
        if (string.IsNullOrWhiteSpace(request.OfferId))
        {
            errors["offerId"] = ["The id of the offer to book, from a search."];
        }
        var travelerIds = request.TravelerIds?.Distinct().ToList() ?? [];
        if (travelerIds.Count is 0 or > 9)
        {
            errors["travelerIds"] = ["One to nine of your travelers."];
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var people = await travelers.GetOwnedAsync(owner, travelerIds, "booking", ct);
        for (var i = 0; i < travelerIds.Count; i++)
        {
            if (people.All(p => p.Id != travelerIds[i]))
            {
                errors[$"travelerIds[{i}]"] = ["Not one of your travelers."];
            }
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        return kind == BookingKind.Flight
            ? await BookFlightAsync(owner, request, [.. travelerIds.Select(id => people.Single(p => p.Id == id))], notify, ct)
            : await BookHotelAsync(owner, request, [.. travelerIds.Select(id => people.Single(p => p.Id == id))], notify, ct);
    }

    private async Task<BookingOutcome> BookFlightAsync(Guid owner, CreateBookingRequest request, List<TravelerResponse> people, bool notify, CancellationToken ct)
    {
        var check = await inventory.PriceFlightOfferAsync(request.OfferId!, ct);
        if (check is { Available: false } && inventory.HasDeparted(check.Offer))
        {
            var first = check.Offer.Itineraries[0].Segments[0];
            return new BookingOutcome.Gone("This flight has departed.",
                $"{first.CarrierCode}{first.FlightNumber} from {first.Origin} leaves at {first.Departure:yyyy-MM-dd HH:mm} local time; flights can be booked until {InventoryLimits.MinimumLeadTime.TotalHours:0} hours before departure. Search again for later flights.",
                Departed: true);
        }
        if (check is null || !check.Available)
        {
            return new BookingOutcome.Gone("This offer is no longer available.", "Search again for current flights and prices.", Departed: false);
        }
        var offer = check.Offer;
        var seats = offer.PriceBreakdown.Sum(p => p.Count);
        if (seats > 0 && seats != people.Count)
        {
            return Invalid(new() { ["travelerIds"] = [$"The offer is priced for {seats} passenger(s); choose {seats} traveler(s) or search again."] });
        }
        var passportErrors = PassportErrors(people, offer.Itineraries[^1].Segments[^1].Arrival);
        if (passportErrors.Count > 0)
        {
            return Invalid(passportErrors);
        }
        var passengerErrors = PassengerTypeErrors(people, offer);
        if (passengerErrors.Count > 0)
        {
            return Invalid(passengerErrors);
        }
        if (PriceChange(check.Offer.TotalPrice, check.PreviousPrice, check.PriceChanged, request.AcceptPrice) is { } changed)
        {
            return changed;
        }
        var provider = ProviderFor(offer.Source);
        var (booking, conflict) = await StartAsync(owner, BookingKind.Flight, provider.Source, offer.TotalPrice, offer.Id, Serialize(offer), people, request.TripId,
            () => OverlapAsync(owner, offer, people, ct), ct);
        if (conflict is not null)
        {
            return conflict;
        }
        return await OrderAsync(booking!, () => provider.OrderFlightAsync(offer, Passengers(people), booking!.Id.ToString(), ct),
            provider, $"Flight {Describe(offer)}", request.OfferId!, request.TripId, notify, ct);
    }

    private async Task<BookingOutcome> BookHotelAsync(Guid owner, CreateBookingRequest request, List<TravelerResponse> people, bool notify, CancellationToken ct)
    {
        var check = await inventory.RecheckHotelOfferAsync(request.OfferId!, ct);
        if (check is null || !check.Available)
        {
            return new BookingOutcome.Gone("This room is no longer available.", "Search again for current hotels and prices.", Departed: false);
        }
        var offer = check.Offer;
        if (PriceChange(offer.Total, check.PreviousPrice, check.PriceChanged, request.AcceptPrice) is { } changed)
        {
            return changed;
        }
        var provider = ProviderFor(offer.Source);
        var (booking, _) = await StartAsync(owner, BookingKind.Hotel, provider.Source, offer.Total, offer.Id, Serialize(offer), people, request.TripId, null, ct);
        return await OrderAsync(booking!, () => provider.OrderHotelAsync(offer, Passengers(people), booking!.Id.ToString(), ct),
            provider, $"{offer.Hotel.Name}, {offer.CheckIn:d MMM} to {offer.CheckOut:d MMM yyyy}", request.OfferId!, request.TripId, notify, ct);
    }

    /// <summary>A price that moved since the search stops the booking until the user accepts the new one.</summary>
    private static BookingOutcome.PriceChanged? PriceChange(Money current, Money? previous, bool changed, Money? accepted) =>
        !changed || accepted == current ? null : new BookingOutcome.PriceChanged(current, previous);

    private static Dictionary<string, string[]> PassportErrors(List<TravelerResponse> people, DateTimeOffset lastArrival)
    {
        var errors = new Dictionary<string, string[]>();
        var travelDay = DateOnly.FromDateTime(lastArrival.DateTime);
        for (var i = 0; i < people.Count; i++)
        {
            if (people[i].PassportExpiry is { } expiry && expiry < travelDay)
            {
                errors[$"travelerIds[{i}]"] = [$"{people[i].GivenNames} {people[i].Surname}'s passport expires on {expiry:yyyy-MM-dd}, before the journey ends. Update it first."];
            }
        }
        return errors;
    }

    private IBookingProvider ProviderFor(string source) =>
        providers.FirstOrDefault(p => p.Source == source)
        ?? throw new DependencyUnavailableException(source, $"No booking provider is configured for offers from '{source}'.");

    private static List<BookingTraveler> Passengers(List<TravelerResponse> people) => [.. people.Select(p => new BookingTraveler(
        p.Id, p.GivenNames, p.Surname, p.DateOfBirth, p.Gender, p.Email, p.Phone, p.PassportNumber, p.PassportIssuingCountry, p.PassportExpiry, p.Nationality))];

    private static string Describe(FlightOffer offer) => string.Join(" / ", offer.Itineraries.Select(i =>
        $"{i.Segments[0].Origin}→{i.Segments[^1].Destination} {i.Segments[0].Departure:d MMM HH:mm}"));

    /// <summary>
    /// Passenger types checked against ages on the travel dates (IATA practice): an infant is under 2
    /// on every flight of the journey (one who turns 2 before the last flight needs a seat, so travels
    /// as a child); a child is 2–11 on the first flight; everyone else is an adult. Lap infants never
    /// outnumber adults, and the offer must be priced for exactly this mix. Errors name
    /// <c>travelerIds[i]</c>.
    /// </summary>
    private static Dictionary<string, string[]> PassengerTypeErrors(List<TravelerResponse> people, FlightOffer offer)
    {
        var errors = new Dictionary<string, string[]>();
        var segments = offer.Itineraries.SelectMany(i => i.Segments).ToList();
        var firstDay = DateOnly.FromDateTime(segments[0].Departure.DateTime);
        var lastDay = DateOnly.FromDateTime(segments.Max(s => s.Departure).DateTime);
        var categories = people.Select(p => Category(p.DateOfBirth, firstDay, lastDay)).ToList();
        var adults = categories.Count(c => c == "adult");
        var infants = categories.Count(c => c == "infant");
        if (infants > adults)
        {
            for (var i = 0; i < people.Count; i++)
            {
                if (categories[i] == "infant")
                {
                    errors[$"travelerIds[{i}]"] = [$"{people[i].GivenNames} {people[i].Surname} is {AgeText(people[i].DateOfBirth, firstDay)} on {firstDay:d MMM yyyy} " +
                                                   $"and so travels on an adult's lap, but each adult can hold only one infant (here {infants} infant(s), {adults} adult(s)). Add an adult."];
                }
            }
            return errors;
        }
        if (offer.PriceBreakdown.Count == 0)
        {
            return errors;
        }
        var offered = new Dictionary<string, int>
        {
            ["adult"] = offer.PriceBreakdown.Where(p => p.Category == PassengerCategory.Adult).Sum(p => p.Count),
            ["child"] = offer.PriceBreakdown.Where(p => p.Category == PassengerCategory.Child).Sum(p => p.Count),
            ["infant"] = offer.PriceBreakdown.Where(p => p.Category == PassengerCategory.Infant).Sum(p => p.Count),
        };
        var needed = new[] { "adult", "child", "infant" }.ToDictionary(c => c, c => categories.Count(x => x == c));
        if (needed.All(n => offered[n.Key] == n.Value))
        {
            return errors;
        }
        var fares = $"{offered["adult"]} adult, {offered["child"]} child and {offered["infant"]} infant fare(s)";
        var search = $"Search again for {needed["adult"]} adult(s), {needed["child"]} child(ren) and {needed["infant"]} infant(s).";
        for (var i = 0; i < people.Count; i++)
        {
            var c = categories[i];
            if (needed[c] <= offered[c])
            {
                continue;
            }
            var person = people[i];
            var why = c == "child" && AgeOn(person.DateOfBirth, firstDay) < 2
                ? $"turns 2 on {person.DateOfBirth.AddYears(2):d MMM yyyy}, before the last flight, so needs a seat and travels as a child"
                : $"is {AgeText(person.DateOfBirth, firstDay)} on {firstDay:d MMM yyyy}, so travels as {Article(c)} {c}";
            errors[$"travelerIds[{i}]"] = [$"{person.GivenNames} {person.Surname} {why}, but this offer is priced for {fares}. {search}"];
        }
        return errors;
    }

    private static string Article(string category) => category == "adult" || category == "infant" ? "an" : "a";

    internal static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>"7", or for babies "5 months old" (whole months).</summary>
    private static string AgeText(DateOnly birth, DateOnly day)
    {
        var years = AgeOn(birth, day);
        if (years >= 2)
        {
            return years.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var months = (day.Year - birth.Year) * 12 + day.Month - birth.Month - (day.Day < birth.Day ? 1 : 0);
        return months == 1 ? "1 month old" : $"{months} months old";
    }

    /// <summary>infant (under 2 on every flight), child (2–11 on the first flight, or an infant who turns 2 during the journey), adult (12+).</summary>
    private static string Category(DateOnly birth, DateOnly firstDay, DateOnly lastDay) =>
        AgeOn(birth, lastDay) < 2 ? "infant" : AgeOn(birth, firstDay) < 12 ? "child" : "adult";

    private static readonly SemaphoreSlim EmbeddedBookingLock = new(1, 1);

    /// <summary>A traveller already holding a pending or confirmed booking on a flight that overlaps this offer's.</summary>
    private async Task<BookingOutcome.AlreadyBooked?> OverlapAsync(Guid owner, FlightOffer offer, List<TravelerResponse> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Id).ToHashSet();
        var active = await db.Bookings.AsNoTracking()
            .Where(b => b.OwnerId == owner && b.Kind == BookingKind.Flight && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed))
            .ToListAsync(ct);
        var segments = offer.Itineraries.SelectMany(i => i.Segments).ToList();
        foreach (var existing in active.Where(b => b.TravelerIds.Any(ids.Contains)).OrderBy(b => b.CreatedAt))
        {
            FlightOffer? booked;
            try
            {
                booked = JsonSerializer.Deserialize<FlightOffer>(existing.OfferSnapshot, json.Value.SerializerOptions);
            }
            catch (JsonException)
            {
                continue;
            }
            var overlaps = booked?.Itineraries.SelectMany(i => i.Segments)
                .Any(b => segments.Any(s => s.Departure < b.Arrival && b.Departure < s.Arrival)) == true;
            if (!overlaps)
            {
                continue;
            }
            var who = people.First(p => existing.TravelerIds.Contains(p.Id));
            return new BookingOutcome.AlreadyBooked(existing.Id, who.Id,
                $"{who.GivenNames} {who.Surname} already has booking {existing.Id} ({Summary(existing)}, {existing.Status.ToString().ToLowerInvariant()}) " +
                "on this flight or one at the same time. Cancel it first, or choose other travelers.");
        }
        return null;
    }

    private async Task<(Booking? Booking, BookingOutcome.AlreadyBooked? Conflict)> StartAsync(Guid owner, BookingKind kind, string provider, Money price, string offerId,
        string snapshot, List<TravelerResponse> people, Guid? tripId, Func<Task<BookingOutcome.AlreadyBooked?>>? conflictCheck, CancellationToken ct)
    {
        // The check and the insert are one step per owner, so two requests with different
        // Idempotency-Keys cannot both book the same traveller.
        var postgres = db.Database.IsNpgsql();
        if (!postgres)
        {
            await EmbeddedBookingLock.WaitAsync(ct);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (postgres)
            {
                var key = BitConverter.ToInt64(owner.ToByteArray(), 0);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
            }
            if (conflictCheck is not null && await conflictCheck() is { } conflict)
            {
                return (null, conflict);
            }
            var started = NewBooking(owner, kind, provider, price, offerId, snapshot, people, tripId);
            db.Bookings.Add(started);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await audit.RecordAsync(new AuditEvent(AuditActions.BookingCreated, "booking", started.Id.ToString(), owner), ct);
            return (started, null);
        }
        finally
        {
            if (!postgres)
            {
                EmbeddedBookingLock.Release();
            }
        }
    }

    private Booking NewBooking(Guid owner, BookingKind kind, string provider, Money price, string offerId, string snapshot,
        List<TravelerResponse> people, Guid? tripId)
    {
        var booking = Booking.Start(owner, kind, provider, price, offerId, snapshot, Passengers(people), tripId, clock.GetUtcNow());
        CountTransition(booking);
        return booking;
    }

    /// <summary>Counts the status the booking just moved to (pathavana.bookings, by status).</summary>
    private void CountTransition(Booking booking) => metrics.RecordBooking(booking.Status.ToString());

    private async Task<BookingOutcome> OrderAsync(Booking booking, Func<Task<ProviderOrder>> order, IBookingProvider provider,
        string summary, string searchedOfferId, Guid? tripId, bool notify, CancellationToken ct)
    {
        ProviderOrder? placed = null;
        var failure = BookingFailure.Refused;
        try
        {
            placed = await order();
        }
        catch (ProviderRejectedException ex)
        {
            booking.Fail(ex.Message, $"The provider refused the order: {ex.Message}", clock.GetUtcNow());
            CountTransition(booking);
        }
        catch (DependencyUnavailableException ex) when (IsTimeout(ex))
        {
            // The order may or may not exist: ask the provider by our reference, never order again.
            placed = await provider.FindOrderAsync(booking.Id.ToString(), ct);
            if (placed is null)
            {
                booking.AwaitReconciliation(clock.GetUtcNow());
                CountTransition(booking);
                LogAwaitingReconciliation(logger, booking.Id);
            }
        }
        catch (DependencyUnavailableException ex)
        {
            failure = BookingFailure.ProviderUnavailable;
            booking.Fail("The provider was unavailable. Nothing was booked; try again.", $"The provider failed: {ex.Message}", clock.GetUtcNow());
            CountTransition(booking);
        }

        if (placed is not null)
        {
            booking.Confirm(placed, clock.GetUtcNow());
            CountTransition(booking);
        }
        await db.SaveChangesAsync(ct);

        if (booking.Status == BookingStatus.Confirmed)
        {
            if (tripId is { } trip)
            {
                // The trip holds the offer as searched; re-pricing may have re-quoted it under a new id.
                await trips.AttachAsync(booking.OwnerId!.Value, trip, searchedOfferId, booking.Id, ct);
            }
            if (notify)
            {
                // Passengers, flights, stay, terms, reference, a link back and the .ics (Notifications composes it).
                await confirmations.SendAsync(booking.OwnerId!.Value, [booking.Id], tripId, wholeTrip: false, ct);
            }
        }
        var response = Describe(booking, summary);
        return booking.Status switch
        {
            BookingStatus.Confirmed => new BookingOutcome.Confirmed(response),
            BookingStatus.Pending => new BookingOutcome.AwaitingReconciliation(response),
            _ => new BookingOutcome.Failed(response, failure),
        };
    }

    private static bool IsTimeout(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Cancels <paramref name="owner"/>'s confirmed booking <paramref name="id"/> with its provider and
    /// emails a notice. Throws <see cref="DependencyUnavailableException"/> when the provider cannot be reached.
    /// </summary>
    public async Task<CancellationOutcome> CancelAsync(Guid owner, Guid id)
    {
        var ct = CancellationToken.None;
        var booking = await db.Bookings.Include(b => b.Events).SingleOrDefaultAsync(b => b.Id == id && b.OwnerId == owner, ct);
        if (booking is null)
        {
            return new CancellationOutcome.NotFound();
        }
        if (!booking.CanCancel)
        {
            return new CancellationOutcome.NotCancellable(booking.Status.ToString().ToLowerInvariant());
        }
        var provider = ProviderFor(booking.Provider);
        ProviderCancellation cancelled;
        try
        {
            cancelled = await provider.CancelAsync(new ProviderOrder(booking.Provider, booking.ProviderReference!, booking.Price, booking.ProviderOrderId), ct);
        }
        catch (ProviderRejectedException ex)
        {
            return new CancellationOutcome.Refused(ex.Message);
        }
        booking.Cancel(cancelled.Summary, clock.GetUtcNow());
        CountTransition(booking);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.BookingCancelled, "booking", booking.Id.ToString(), owner), ct);
        var summary = Summary(booking);
        if (await accounts.EmailOfAsync(owner, ct) is { } address)
        {
            await email.SendAsync(EmailTemplates.BookingCancelled(address, summary, booking.ProviderReference!) with { OwnerId = owner }, ct);
        }
        return new CancellationOutcome.Cancelled(Describe(booking, summary));
    }

    internal static string Summary(Booking booking)
    {
        try
        {
            return booking.Kind == BookingKind.Flight
                ? "Flight " + Describe(JsonSerializer.Deserialize<FlightOffer>(booking.OfferSnapshot, JsonSerializerOptions.Web)!)
                : JsonSerializer.Deserialize<HotelOffer>(booking.OfferSnapshot, JsonSerializerOptions.Web) is { } h
                    ? $"{h.Hotel.Name}, {h.CheckIn:d MMM} to {h.CheckOut:d MMM yyyy}" : "Hotel stay";
        }
        catch (JsonException)
        {
            return booking.Kind.ToString();
        }
    }

    internal static BookingResponse Describe(Booking b, string summary) => new(
        b.Id, b.Kind.ToString().ToLowerInvariant(), b.Status.ToString().ToLowerInvariant(), b.Provider, b.ProviderReference, b.Price, b.OfferId,
        b.TravelerIds, b.TripId, b.FailureReason, summary,
        [.. b.Events.OrderBy(e => e.OccurredAt).Select(e => new BookingEventResponse(e.From?.ToString().ToLowerInvariant(), e.To.ToString().ToLowerInvariant(), e.Reason, e.OccurredAt))],
        b.CreatedAt, b.UpdatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {BookingId} awaits reconciliation: the provider timed out")]
    private static partial void LogAwaitingReconciliation(ILogger logger, Guid bookingId);
}
