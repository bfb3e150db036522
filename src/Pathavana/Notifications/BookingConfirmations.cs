using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
using Pathavana.Bookings;
using Pathavana.Inventory;
using Pathavana.Travelers;
using Pathavana.Trips;

namespace Pathavana.Notifications;

/// <summary>The confirmation email of bookings made together: one booking, or every bookable item of a trip.</summary>
internal interface IBookingConfirmations
{
    /// <summary>
    /// Emails the account one confirmation listing each booking (passengers, flight numbers, airports,
    /// local times, stay address, check-in and check-out, cancellation terms, references), with a link
    /// back and the .ics of the booked items attached. Bookings not confirmed or not the owner's are left out.
    /// </summary>
    /// <param name="tripId">The trip the bookings belong to: the email links back to it.</param>
    /// <param name="wholeTrip">True when the trip was booked as a whole: the email is titled by the trip.</param>
    Task SendAsync(Guid ownerId, IReadOnlyList<Guid> bookingIds, Guid? tripId, bool wholeTrip, CancellationToken cancellationToken);
}

internal sealed class BookingConfirmations(
    IConfirmedBookings confirmed,
    ITripConfirmations trips,
    IAccountDirectory accounts,
    ITravelerDirectory travelers,
    InventoryService inventory,
    IEmailSender email,
    IOptions<AppOptions> app,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock) : IBookingConfirmations
{
    // The app runs in invariant globalization mode: its day and month names are English.
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public async Task SendAsync(Guid ownerId, IReadOnlyList<Guid> bookingIds, Guid? tripId, bool wholeTrip, CancellationToken cancellationToken)
    {
        var address = await accounts.EmailOfAsync(ownerId, cancellationToken);
        if (address is null)
        {
            return;
        }
        var ids = bookingIds.ToList();
        var bookings = (await confirmed.ConfirmedAsync(ownerId, ids, cancellationToken))
            .OrderBy(b => ids.IndexOf(b.Id)).ToList();
        if (bookings.Count == 0)
        {
            return;
        }
        var people = (await travelers.GetOwnedAsync(ownerId, [.. bookings.SelectMany(b => b.TravelerIds).Distinct()], "booking confirmation", cancellationToken))
            .ToDictionary(t => t.Id, t => $"{t.GivenNames} {t.Surname}");
        var tripTitle = wholeTrip && tripId is { } t
            ? await trips.TitleAsync(ownerId, t, cancellationToken)
            : null;

        var sections = new List<Section>();
        var calendar = trips.NewCalendar();
        foreach (var booking in bookings)
        {
            var names = booking.TravelerIds.Select(id => people.GetValueOrDefault(id)).OfType<string>().ToList();
            if (booking.Kind == BookingKind.Flight && Read<FlightOffer>(booking.OfferSnapshot) is { } flight)
            {
                sections.Add(Flight(booking, flight, names));
                calendar.Add(flight);
            }
            else if (booking.Kind == BookingKind.Hotel && Read<HotelOffer>(booking.OfferSnapshot) is { } hotel)
            {
                sections.Add(Hotel(booking, hotel, names));
                calendar.Add(hotel);
            }
        }
        if (sections.Count == 0)
        {
            return;
        }

        var references = string.Join(", ", bookings.Select(b => b.ProviderReference));
        var subject = tripTitle is not null ? $"Booked: {tripTitle} ({references})" : $"Booking confirmed: {sections[0].Heading} ({references})";
        var link = app.Value.Link(tripId is { } trip ? $"/trips/{trip}" : "/bookings");
        var totals = bookings.GroupBy(b => b.Price.Currency).Select(g => Money(g.Sum(b => b.Price.Amount), g.Key));
        var simulated = bookings.Any(b => b.Provider == Sources.Simulated);
        var ics = calendar.Build(tripTitle ?? sections[0].Heading, clock.GetUtcNow());

        var message = Compose(address, subject, tripTitle, sections, string.Join(" + ", totals), link, simulated) with
        {
            OwnerId = ownerId,
            Attachments = [new EmailAttachment(tripTitle is null ? "booking.ics" : TripCalendar.FileName(tripTitle), "text/calendar", Encoding.UTF8.GetBytes(ics))],
        };
        await email.SendAsync(message, cancellationToken);
    }

    /// <summary>One booking in the email: a heading and its lines, the same in text and HTML.</summary>
    internal sealed record Section(string Heading, string Reference, IReadOnlyList<(string Label, string Value)> Lines);

    private Section Flight(ConfirmedBooking booking, FlightOffer offer, List<string> passengers)
    {
        var lines = new List<(string, string)>();
        if (passengers.Count > 0)
        {
            lines.Add(("Passengers", string.Join(", ", passengers)));
        }
        for (var i = 0; i < offer.Itineraries.Count; i++)
        {
            var itinerary = offer.Itineraries[i];
            var label = offer.Itineraries.Count == 1 ? "Flight" : i == 0 ? "Outbound" : i == offer.Itineraries.Count - 1 && offer.Itineraries.Count == 2 ? "Return" : $"Flight {i + 1}";
            var first = itinerary.Segments[0];
            lines.Add(($"{label}, {first.Departure.ToString("ddd d MMM yyyy", En)}",
                $"{Describe(itinerary.Duration)}, {(itinerary.Stops == 0 ? "nonstop" : itinerary.Stops == 1 ? "1 stop" : $"{itinerary.Stops} stops")}"));
            foreach (var s in itinerary.Segments)
            {
                var plus = (s.Arrival.Date - s.Departure.Date).Days;
                lines.Add(($"  {s.CarrierCode} {s.FlightNumber}",
                    $"{Airline(s.CarrierCode)}: {s.Departure:HH:mm} {Airport(s.Origin)} → {s.Arrival:HH:mm}{(plus > 0 ? $" (+{plus} day{(plus > 1 ? "s" : "")})" : "")} {Airport(s.Destination)}"));
            }
        }
        lines.Add(("Cabin", offer.Cabin switch
        {
            Cabin.PremiumEconomy => "Premium economy",
            Cabin.Business => "Business",
            Cabin.First => "First",
            _ => "Economy",
        }));
        lines.Add(("Fare rules", "Changes and refunds follow the airline's rules for this fare; ask the airline quoting the booking reference."));
        lines.Add(("Price", $"{Money(booking.Price.Amount, booking.Price.Currency)} for {Passengers(offer)}"));
        var head = offer.Itineraries[0];
        var heading = $"Flight {CityOf(head.Segments[0].Origin)} → {CityOf(head.Segments[^1].Destination)}{(offer.Itineraries.Count == 2 ? " and back" : "")}";
        return new Section(heading, booking.ProviderReference ?? "", lines);
    }

    private static Section Hotel(ConfirmedBooking booking, HotelOffer offer, List<string> guests)
    {
        var nights = offer.Nights();
        var lines = new List<(string, string)>();
        if (guests.Count > 0)
        {
            lines.Add(("Guests", string.Join(", ", guests)));
        }
        if (offer.Hotel.Address is { } address)
        {
            lines.Add(("Address", address));
        }
        lines.Add(("Check-in", $"{offer.CheckIn.ToString("ddd d MMM yyyy", En)}, from 15:00 local time"));
        lines.Add(("Check-out", $"{offer.CheckOut.ToString("ddd d MMM yyyy", En)}, by 11:00 local time ({nights} night{(nights == 1 ? "" : "s")})"));
        lines.Add(("Room", string.Join(", ", new[] { offer.RoomType, BoardName(offer.Board) }.OfType<string>())
            + $" · {offer.Rooms} room{(offer.Rooms == 1 ? "" : "s")} for {offer.Adults} adult{(offer.Adults == 1 ? "" : "s")}"));
        lines.Add(("Cancellation", offer.Cancellation.Refundable && offer.Cancellation.FreeCancellationUntil is { } until
            ? $"Free cancellation until {until.ToString("ddd d MMM yyyy HH:mm", En)} (hotel's local time). {offer.Cancellation.Description}"
            : offer.Cancellation.Description));
        lines.Add(("Price", $"{Money(booking.Price.Amount, booking.Price.Currency)} in total ({Money(offer.Nightly.Amount, offer.Nightly.Currency)} a night)"));
        return new Section(offer.Hotel.Name, booking.ProviderReference ?? "", lines);
    }

    private static string Passengers(FlightOffer offer)
    {
        var parts = offer.PriceBreakdown.Where(p => p.Count > 0).Select(p => $"{p.Count} {(p.Category switch
        {
            PassengerCategory.Child => p.Count == 1 ? "child" : "children",
            PassengerCategory.Infant => p.Count == 1 ? "infant" : "infants",
            _ => p.Count == 1 ? "adult" : "adults",
        })}").ToList();
        return parts.Count == 0 ? "the travellers named" : string.Join(", ", parts);
    }

    /// <summary>A board code in words ("BREAKFAST" → "breakfast included").</summary>
    internal static string? BoardName(string? board) => board?.Trim().ToUpperInvariant().Replace(' ', '_') switch
    {
        null or "" => null,
        "ROOM_ONLY" or "RO" => "room only",
        "BREAKFAST" or "BB" or "BED_AND_BREAKFAST" => "breakfast included",
        "HALF_BOARD" or "HB" => "half board (breakfast and dinner)",
        "FULL_BOARD" or "FB" => "full board (all meals)",
        "ALL_INCLUSIVE" or "AI" => "all inclusive",
        _ => board!.Replace('_', ' ').ToLowerInvariant(),
    };

    private string Airline(string code) => inventory.Directory.AirlineName(code) ?? code;

    private string Airport(string code) => inventory.Directory.Find(code) is { } l ? $"{l.Name} ({code})" : code;

    private string CityOf(string code) => inventory.Directory.Find(code)?.City ?? code;

    private static string Describe(TimeSpan duration) =>
        duration.Minutes == 0 ? $"{(int)duration.TotalHours}h" : $"{(int)duration.TotalHours}h {duration.Minutes}m";

    private static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:#,0.00}");

    /// <summary>A booking's offer snapshot, written with the API's JSON options (ISO 8601 durations).</summary>
    private T? Read<T>(string snapshot) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(snapshot, json.Value.SerializerOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static EmailMessage Compose(string to, string subject, string? tripTitle, IReadOnlyList<Section> sections, string total, string link, bool simulated)
    {
        var opening = tripTitle is null ? "Your booking is confirmed." : $"Your trip \"{tripTitle}\" is booked: {sections.Count} booking{(sections.Count == 1 ? "" : "s")}, confirmed.";
        var note = simulated ? "This is a SIMULATED booking made on a Pathavana demo: no airline or hotel holds it and nothing was charged." : null;
        var text = new StringBuilder();
        text.Append(opening).Append("\n\n");
        if (note is not null)
        {
            text.Append(note).Append("\n\n");
        }
        foreach (var s in sections)
        {
            text.Append(s.Heading).Append(" — booking reference ").Append(s.Reference).Append('\n');
            foreach (var (label, value) in s.Lines)
            {
                text.Append("  ").Append(label).Append(": ").Append(value).Append('\n');
            }
            text.Append('\n');
        }
        text.Append("Total paid: ").Append(total).Append("\n\n");
        text.Append("See it, change it or cancel it: ").Append(link).Append('\n');
        text.Append("The calendar file attached adds every flight and stay to your calendar, in local times.\n\n");
        text.Append("Keep this email: you may need the booking reference at check-in.\n\n— Pathavana\n");

        static string E(string? v) => WebUtility.HtmlEncode(v ?? "");
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"font-family:system-ui,sans-serif;color:#1f2937;line-height:1.5\">")
            .Append("<p>").Append(E(opening)).Append("</p>");
        if (note is not null)
        {
            html.Append("<p style=\"background:#fdf1dc;padding:8px 12px;border-radius:6px\">").Append(E(note)).Append("</p>");
        }
        foreach (var s in sections)
        {
            html.Append("<h2 style=\"font-size:18px;margin:20px 0 4px\">").Append(E(s.Heading)).Append("</h2>")
                .Append("<p style=\"margin:0 0 8px\">Booking reference <strong style=\"font-size:18px;letter-spacing:1px\">").Append(E(s.Reference)).Append("</strong></p>")
                .Append("<table role=\"presentation\" style=\"border-collapse:collapse\">");
            foreach (var (label, value) in s.Lines)
            {
                html.Append("<tr><th scope=\"row\" style=\"text-align:left;vertical-align:top;padding:2px 12px 2px 0;font-weight:600;white-space:nowrap\">")
                    .Append(E(label.Trim())).Append("</th><td style=\"padding:2px 0\">").Append(E(value)).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("<p style=\"margin-top:20px\"><strong>Total paid: ").Append(E(total)).Append("</strong></p>")
            .Append("<p><a href=\"").Append(E(link)).Append("\" style=\"background:#0f766e;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none\">See your ")
            .Append(tripTitle is null ? "booking" : "trip").Append("</a></p>")
            .Append("<p style=\"font-size:12px\">").Append(E(link)).Append("</p>")
            .Append("<p>The calendar file attached adds every flight and stay to your calendar, in local times. Keep this email: you may need the booking reference at check-in.</p>")
            .Append("<p>— Pathavana</p></body></html>");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }
}
