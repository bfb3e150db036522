using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Privacy;

/// <summary>
/// The traveller's rights over HTTP, on SQLite and PostgreSQL: the export archive holds everything
/// (decrypted) and the trips as .ics, behind the password and for 7 days; erasure asks about open
/// bookings first, destroys the key (what was stored no longer decrypts), removes or anonymises
/// every row and every session, and leaves an audit record without personal data.
/// </summary>
public sealed class PrivacyRightsTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Export_on_sqlite() => ExportAsync(PathavanaFactory.Embedded(clock: new FakeTimeProvider(DateTimeOffset.UtcNow)));

    [Fact]
    public async Task Export_on_postgres() => await ExportAsync(await PathavanaFactory.ProductionAsync(servers));

    [Fact]
    public Task Erasure_on_sqlite() => EraseAsync(PathavanaFactory.Embedded(), "keep");

    [Fact]
    public async Task Erasure_on_postgres() => await EraseAsync(await PathavanaFactory.ProductionAsync(servers), "cancel");

    private static async Task ExportAsync(PathavanaFactory factory)
    {
        await using var app = factory;
        var visit = await PrivacyFlow.RunAsync(app);
        var client = visit.User.Client;

        // Re-authentication: no password, a wrong one → 400 naming the field; nothing prepared.
        var none = await client.PostAsJsonAsync("/api/v1/account/export", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("password", (await none.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var wrong = await client.PostAsJsonAsync("/api/v1/account/export", new { password = "not my password at all" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var prepared = await client.PostAsJsonAsync("/api/v1/account/export", new { password = visit.User.Password }, Ct);
        Assert.Equal(HttpStatusCode.Created, prepared.StatusCode);
        var export = await prepared.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var url = export.GetProperty("downloadUrl").GetString()!;
        var expires = export.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));

        var download = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync(Ct)));
        var json = Read(zip, "pathavana-export.json");
        var document = JsonDocument.Parse(json).RootElement;
        Assert.Equal(visit.User.Email, document.GetProperty("account").GetProperty("email").GetString());
        var traveler = Assert.Single(document.GetProperty("travelers").EnumerateArray());
        Assert.Equal(PrivacyFlow.Passport, traveler.GetProperty("passportNumber").GetString());
        var trip = Assert.Single(document.GetProperty("trips").EnumerateArray());
        Assert.Equal(PrivacyFlow.TripTitle, trip.GetProperty("title").GetString());
        var booking = Assert.Single(document.GetProperty("bookings").EnumerateArray());
        Assert.Equal(visit.ProviderReference, booking.GetProperty("booking").GetProperty("providerReference").GetString());
        Assert.Contains(PrivacyFlow.Surname, booking.GetProperty("passengers").GetRawText(), StringComparison.Ordinal);
        var sessions = document.GetProperty("chatSessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Contains(sessions.SelectMany(s => s.GetProperty("messages").EnumerateArray()),
            m => m.GetProperty("text").GetString()!.Contains(PrivacyFlow.BirthDate, StringComparison.Ordinal));
        Assert.Contains(document.GetProperty("auditRecords").EnumerateArray(), a => a.GetProperty("action").GetString() == AuditActions.DataExported);
        Assert.Contains(document.GetProperty("auditRecords").EnumerateArray(), a => a.GetProperty("action").GetString() == AuditActions.SignedUp);
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("trips/", StringComparison.Ordinal) && e.FullName.EndsWith(".ics", StringComparison.Ordinal));
        var ics = Read(zip, zip.Entries.Single(e => e.FullName.EndsWith(".ics", StringComparison.Ordinal)).FullName);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("Quxworthington", ics, StringComparison.Ordinal);

        // Audited: prepared and downloaded, with no personal data in the records.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            var audits = await db.AuditLogs.AsNoTracking().Where(a => a.Action == AuditActions.DataExported && a.ActorId == visit.User.Id).ToListAsync(Ct);
            Assert.Equal(2, audits.Count);
            Assert.All(audits, a => Assert.Empty(PrivacyFlow.Found(a.Details ?? "")));
        }

        // Someone else's session cannot use the link.
        var stranger = await app.SignUpAsync();
        Assert.Equal(HttpStatusCode.Gone, (await stranger.Client.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync("/api/v1/account/export?token=made-up", Ct)).StatusCode);

        if (app.Clock is { } clock)
        {
            // Seven days on, the link is dead; the password again gives a new one.
            clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
            var again = await app.SignInAsync(visit.User.Email, visit.User.Password);
            Assert.Equal(HttpStatusCode.Gone, (await again.GetAsync(url, Ct)).StatusCode);
            var renewed = await again.PostAsJsonAsync("/api/v1/account/export", new { password = visit.User.Password }, Ct);
            Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
            var fresh = (await renewed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("downloadUrl").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(fresh, Ct)).StatusCode);
        }
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static async Task EraseAsync(PathavanaFactory factory, string openBookings)
    {
        await using var app = factory;
        var visit = await PrivacyFlow.RunAsync(app);
        var client = visit.User.Client;
        // A second device, signed in with a bearer token of its own.
        var phone = await app.SignInAsync(visit.User.Email, visit.User.Password);

        // What the database held for them before, to try to open afterwards.
        string storedTitle;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            // A projection is not materialised as an entity, so it reads the column as stored.
            storedTitle = await db.Set<Pathavana.Trips.Trip>().Where(t => t.Id == visit.Trip).Select(t => t.Title).SingleAsync(Ct);
            Assert.StartsWith(RowEncryptionInterceptor.Prefix, storedTitle, StringComparison.Ordinal);
        }

        // Re-authentication first.
        var noPassword = await client.SendAsync(Delete(new { }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPassword.StatusCode);
        Assert.Contains("password", (await noPassword.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var badChoice = await client.SendAsync(Delete(new { password = visit.User.Password, openBookings = "whatever" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badChoice.StatusCode);
        Assert.Contains("openBookings", await badChoice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Nothing is cancelled silently: the open booking is listed, and nothing is deleted.
        var preview = await client.GetFromJsonAsync<JsonElement>("/api/v1/account/erasure", Ct);
        Assert.Equal(visit.ProviderReference, Assert.Single(preview.GetProperty("openBookings").EnumerateArray()).GetProperty("providerReference").GetString());
        var ask = await client.SendAsync(Delete(new { password = visit.User.Password }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, ask.StatusCode);
        var listed = (await ask.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("openBookings");
        Assert.Equal(visit.Booking, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/trips/{visit.Trip}", Ct)).StatusCode);

        var erased = await client.SendAsync(Delete(new { password = visit.User.Password, openBookings }), Ct);
        Assert.True(erased.StatusCode == HttpStatusCode.NoContent, await erased.Content.ReadAsStringAsync(Ct));

        // Every session and token stops working; signing in again fails.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/account/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/trips", Ct)).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/account/login", new { email = visit.User.Email, password = visit.User.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            // Crypto-shredding: the key is gone, and what was stored no longer decrypts.
            Assert.False(await db.Set<UserDataKey>().AnyAsync(k => k.UserId == visit.User.Id, Ct));
            Assert.False(await db.Set<AnonymousDataKey>().AnyAsync(k => k.AdoptedBy == visit.User.Id, Ct));
            var keys = scope.ServiceProvider.GetRequiredService<DataKeys>();
            var tripTitle = db.Model.FindEntityType(typeof(Pathavana.Trips.Trip))!;
            Assert.Throws<PiiUnavailableException>(() => RowDecryptionInterceptor.Open(keys, storedTitle, tripTitle, tripTitle.FindProperty("Title")!));

            // Rows gone…
            Assert.False(await db.Users.AnyAsync(u => u.Id == visit.User.Id, Ct));
            Assert.False(await db.Travelers.AnyAsync(t => t.Id == visit.Traveler, Ct));
            Assert.False(await db.Set<Pathavana.Trips.Trip>().AnyAsync(t => t.Id == visit.Trip, Ct));
            Assert.False(await db.ChatSessions.AnyAsync(s => s.Id == visit.Session || s.Id == visit.AnonymousSession, Ct));
            Assert.False(await db.Set<Pathavana.Privacy.ConsentRecord>().AnyAsync(c => c.UserId == visit.User.Id, Ct));
            // …or anonymised: the booking keeps amount, dates, provider and reference, and no person.
            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == visit.Booking, Ct);
            Assert.Null(booking.OwnerId);
            Assert.Empty(booking.TravelerIds);
            Assert.Null(booking.PassengerSnapshot);
            Assert.Null(booking.TripId);
            Assert.Equal(visit.ProviderReference, booking.ProviderReference);
            Assert.True(booking.Price.Amount > 0);
            Assert.Equal(openBookings == "cancel" ? BookingStatus.Cancelled : BookingStatus.Confirmed, booking.Status);

            // Audited without personal data; the chain still verifies.
            var record = await db.AuditLogs.AsNoTracking().SingleAsync(a => a.Action == AuditActions.AccountErased, Ct);
            Assert.Equal(visit.User.Id.ToString(), record.SubjectId);
            Assert.Empty(PrivacyFlow.Found(record.Details!));
            Assert.DoesNotContain(visit.User.Email, record.Details!, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"travelers\":1", record.Details!, StringComparison.Ordinal);
            Assert.Null((await AuditChain.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKeys>(), (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().ReadLatestAsync(Ct)).Latest, Ct)).FirstBroken);
        }

        // The same email can sign up afresh, and sees nothing of before.
        var again = await app.SignUpAsync(visit.User.Email);
        Assert.Empty((await again.Client.GetFromJsonAsync<JsonElement>("/api/v1/trips", Ct)).EnumerateArray());
        Assert.Empty((await again.Client.GetFromJsonAsync<JsonElement>("/api/v1/bookings", Ct)).EnumerateArray());
    }

    private static HttpRequestMessage Delete(object body) => new(HttpMethod.Delete, "/api/v1/account/me") { Content = JsonContent.Create(body) };

    [Fact]
    public async Task An_anonymous_browser_erases_its_chats_and_its_key()
    {
        await using var app = PathavanaFactory.Embedded();
        var browser = app.CreateClient();
        var session = await Pathavana.Tests.Assistant.ChatClient.NewSessionAsync(browser);
        await Pathavana.Tests.Assistant.ChatClient.SayAsync(browser, session, $"I'm {PrivacyFlow.GivenNames}, Boston to Lisbon next month");
        var other = app.CreateClient();
        var kept = await Pathavana.Tests.Assistant.ChatClient.NewSessionAsync(other);

        var erased = await browser.DeleteAsync("/api/v1/chat/browser-data", Ct);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        // The browser is forgotten (its cookie expired): it has no chats to show any more.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"/api/v1/chat/sessions/{session}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/chat/sessions/{kept}", Ct)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        Assert.False(await db.ChatSessions.AnyAsync(s => s.Id == session, Ct));
        Assert.False(await db.ChatMessages.AnyAsync(m => m.SessionId == session, Ct));
        Assert.Equal(1, await db.Set<AnonymousDataKey>().CountAsync(Ct));
    }
}
