using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Data;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Bookings;
using Pathavana.Tests.Infrastructure;
using Pathavana.Tests.Trips;

namespace Pathavana.Tests.Privacy;

/// <summary>What a traveller leaves behind in one full visit: chat before and after sign-up, a traveller, a trip, a booking.</summary>
internal sealed record PrivacyVisit(TestUser User, Guid AnonymousSession, Guid Session, Guid Traveler, Guid Trip, Guid Booking, string ProviderReference);

/// <summary>
/// A full flow with distinctive personal data, so tests can look for it where it must not be (a raw
/// dump, the SQLite file, a masked copy) and where it must be (an export).
/// </summary>
internal static class PrivacyFlow
{
    public const string GivenNames = "Zebulonia";
    public const string Surname = "Quxworthington";
    public const string Passport = "XQ9182736";
    public const string Phone = "+44 7700 900461";
    public const string BirthDate = "1971-03-17";
    public const string TripTitle = "Zebulonia and the Quxworthington reunion";
    public const string TripNote = "Ask the Quxworthington cousins about the boat on Sunday";

    /// <summary>Every value that must never be stored in clear.</summary>
    public static readonly string[] Distinctive = [GivenNames, Surname, Passport, "7700 900461", "7700900461", BirthDate, "Quxworthington reunion", "boat on Sunday"];

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<PrivacyVisit> RunAsync(PathavanaFactory app, string? email = null, string? clientIp = null)
    {
        var ct = TestContext.Current.CancellationToken;
        email ??= $"zq-{Guid.NewGuid():N}@example.com";
        // Anonymous first: the browser's own cookie, its own key.
        var browser = app.CreateClient();
        if (clientIp is not null)
        {
            browser.DefaultRequestHeaders.Add(PathavanaFactory.ClientAddressHeader, clientIp);
        }
        var anonymousSession = await browser.NewSessionAsync();
        await browser.SayAsync(anonymousSession, $"Hi, I'm {GivenNames} {Surname}, passport {Passport}, phone {Phone}. Boston to Lisbon next month for a week");

        var registered = await browser.PostAsJsonAsync("/api/v1/account/register", new { email, password = TestUsers.StrongPassword }, ct);
        // Sign-up answers 202 whether or not the address had an account (no enumeration).
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var login = await browser.PostAsJsonAsync("/api/v1/account/login", new { email, password = TestUsers.StrongPassword }, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var userId = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/me", ct)).GetProperty("id").GetGuid();
        var claimed = await browser.PostAsync("/api/v1/chat/sessions/claim", null, ct);
        Assert.Equal(1, (await claimed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("claimed").GetInt32());
        var user = new TestUser(userId, email, TestUsers.StrongPassword, browser);

        var session = await browser.NewSessionAsync();
        await browser.SayAsync(session, $"{GivenNames} {Surname} was born on {BirthDate}; call {Phone} if the flight changes");

        var traveler = await browser.PostAsJsonAsync("/api/v1/travelers", new
        {
            givenNames = GivenNames, surname = Surname, dateOfBirth = BirthDate, passportNumber = Passport, passportIssuingCountry = "GB",
            passportExpiry = "2034-01-01", phone = Phone, nationality = "GB",
        }, ct);
        Assert.True(traveler.StatusCode == HttpStatusCode.Created, await traveler.Content.ReadAsStringAsync(ct));
        var travelerId = (await traveler.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var depart = Today.AddDays(40);
        var back = depart.AddDays(6);
        var flight = await TripTests.CheapestFlightAsync(browser, "BOS", "LIS", depart, back, adults: 1);
        var created = await browser.PostAsJsonAsync("/api/v1/trips",
            new { title = TripTitle, startDate = depart, endDate = back, currency = "USD", travelerIds = new[] { travelerId } }, ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var tripId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var note = await browser.PostAsJsonAsync($"/api/v1/trips/{tripId}/items",
            new { kind = "note", day = depart.AddDays(2), title = $"Call {GivenNames}", notes = TripNote }, ct);
        Assert.True(note.StatusCode == HttpStatusCode.Created, await note.Content.ReadAsStringAsync(ct));
        var added = await browser.PostAsJsonAsync($"/api/v1/trips/{tripId}/items", new { kind = "flight", offerId = flight.GetProperty("id").GetString() }, ct);
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync(ct));

        var booked = await BookingTests.BookAsync(browser, new { kind = "flight", offerId = flight.GetProperty("id").GetString(), travelerIds = new[] { travelerId }, tripId });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync(ct));
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new PrivacyVisit(user, anonymousSession, session, travelerId, tripId, booking.GetProperty("id").GetGuid(),
            booking.GetProperty("providerReference").GetString()!);
    }

    /// <summary>The distinctive values found in <paramref name="text"/> (none is the goal).</summary>
    public static List<string> Found(string text) => [.. Distinctive.Where(d => text.Contains(d, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The raw bytes of the SQLite database and its WAL, as text (the values are ASCII).</summary>
    public static string SqliteFiles(PathavanaFactory app)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(app.DataDirectory, "pathavana.db*"))
        {
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                continue; // the shared-memory index (-shm) goes when the last connection closes: nothing left to read
            }
            using var _ = stream;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.Latin1.GetString(memory.ToArray()));
        }
        return text.ToString();
    }

    /// <summary>The raw files of the embedded outbox, as text.</summary>
    public static string OutboxFiles(PathavanaFactory app)
    {
        var folder = Path.Combine(app.DataDirectory, "outbox");
        return string.Concat(Directory.GetFiles(folder).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
    }

    public static string ConnectionString(PathavanaFactory app) =>
        app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!;
}
