using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Privacy;

/// <summary>
/// After a whole visit — chat before and after sign-up, a traveller, a trip with notes, a booking —
/// none of the distinctive personal data is in the database files in clear, yet the traveller reads
/// all of it back through the API.
/// </summary>
public sealed class PersonalDataAtRestTests(TestServers servers)
{
    [Fact]
    public async Task Sqlite_file_holds_no_personal_data_in_clear_after_a_full_visit()
    {
        await using var app = PathavanaFactory.Embedded();
        var visit = await PrivacyFlow.RunAsync(app);
        await AssertReadableAsync(visit);

        var raw = PrivacyFlow.SqliteFiles(app);
        Assert.Empty(PrivacyFlow.Found(raw));
        AssertOutboxSealed(app, visit);
        Assert.Contains("pv2:u", raw, StringComparison.Ordinal);
        Assert.Contains("pv2:a", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_dump_holds_no_personal_data_in_clear_after_a_full_visit()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var visit = await PrivacyFlow.RunAsync(app);
        await AssertReadableAsync(visit);

        var dump = await servers.Postgres.DumpAsync(PrivacyFlow.ConnectionString(app));
        Assert.Empty(PrivacyFlow.Found(dump));
        AssertOutboxSealed(app, visit);
        // Not vacuous: the rows are there, encrypted with the user's key and the browser's adopted key.
        Assert.Contains("pv2:u", dump, StringComparison.Ordinal);
        Assert.Contains("pv2:a", dump, StringComparison.Ordinal);
        Assert.Contains(visit.ProviderReference, dump, StringComparison.Ordinal);
    }

    /// <summary>
    /// The outbox's email copies (the booking confirmation names the passenger and the trip) are sealed
    /// with the account's data key: the files hold neither the values nor the address, yet open with the key.
    /// </summary>
    private static void AssertOutboxSealed(PathavanaFactory app, PrivacyVisit visit)
    {
        var files = PrivacyFlow.OutboxFiles(app);
        Assert.Contains("Pathavana-Sealed-Email: 1", files, StringComparison.Ordinal);
        Assert.Empty(PrivacyFlow.Found(files));
        Assert.DoesNotContain(visit.User.Email, files, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(visit.ProviderReference, files, StringComparison.Ordinal);
        var confirmation = Assert.Single(Outbox.Messages(app), m => (m.Subject ?? "").Contains(visit.ProviderReference, StringComparison.Ordinal));
        Assert.Contains($"{PrivacyFlow.GivenNames} {PrivacyFlow.Surname}", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Equal(visit.User.Email, confirmation.To.Mailboxes.Single().Address);
    }

    /// <summary>Encryption is invisible to the traveller: every value reads back as typed.</summary>
    private static async Task AssertReadableAsync(PrivacyVisit visit)
    {
        var client = visit.User.Client;
        var ct = TestContext.Current.CancellationToken;
        var trip = await client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{visit.Trip}", ct);
        Assert.Equal(PrivacyFlow.TripTitle, trip.GetProperty("title").GetString());
        Assert.Contains(trip.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()),
            i => i.GetProperty("notes").GetString() == PrivacyFlow.TripNote);

        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{visit.AnonymousSession}", ct);
        Assert.Contains(PrivacyFlow.Passport, before.GetProperty("messages")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Hi, I'm Zebulonia", before.GetProperty("title").GetString(), StringComparison.Ordinal);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{visit.Session}", ct);
        Assert.Contains(PrivacyFlow.BirthDate, after.GetProperty("messages")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(after.GetProperty("messages")[1].GetProperty("text").GetString()!);

        var sessions = await client.GetFromJsonAsync<JsonElement>("/api/v1/chat/sessions", ct);
        Assert.All(sessions.EnumerateArray(), s => Assert.DoesNotContain("pv2:", s.GetProperty("title").GetString(), StringComparison.Ordinal));
    }
}
