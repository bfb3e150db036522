using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Travelers;

public sealed class TravelerTests(TestServers servers)
{
    [Fact]
    public async Task Postgres_holds_only_ciphertext_while_the_owner_reads_plaintext()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;

        var created = await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(passport: "CB7654321"), ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, app.Logs.AllText());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var shown = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/travelers/{id}", ct);
        Assert.Equal("CB7654321", shown.GetProperty("passportNumber").GetString());
        Assert.Equal("Ana Maria", shown.GetProperty("givenNames").GetString());
        Assert.Equal("1988-04-09", shown.GetProperty("dateOfBirth").GetString());
        Assert.Equal("+351912345678", shown.GetProperty("phone").GetString());
        Assert.Equal("valid", shown.GetProperty("passportStatus").GetString());

        await using var connection = new NpgsqlConnection(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT passport_number, given_names, surname, date_of_birth, email, phone FROM travelers WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        var raw = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
        Assert.All(raw, value => Assert.StartsWith("pv1:", value, StringComparison.Ordinal));
        var all = string.Join(' ', raw);
        foreach (var secret in new[] { "CB7654321", "Ana", "Silva", "1988", "ana.silva", "912345678" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Another_user_gets_404_for_every_traveler_route_and_sees_an_empty_list()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ben = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        var id = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await ben.Client.GetAsync($"/api/v1/travelers/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Client.PutAsJsonAsync($"/api/v1/travelers/{id}", TestUsers.Traveler(given: "Mallory"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Client.DeleteAsync($"/api/v1/travelers/{id}", ct)).StatusCode);
        Assert.Empty(await ben.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/travelers", ct) ?? []);

        var stillAnas = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/travelers/{id}", ct);
        Assert.Equal("Ana Maria", stillAnas.GetProperty("givenNames").GetString());
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/travelers/{id}", ct)).StatusCode);
    }

    public static TheoryData<string, object> InvalidTravelers => new()
    {
        { "givenNames", new { givenNames = "", surname = "Silva", dateOfBirth = "1988-04-09" } },
        { "surname", new { givenNames = "Ana", surname = "Silva3", dateOfBirth = "1988-04-09" } },
        { "dateOfBirth", new { givenNames = "Ana", surname = "Silva" } },
        { "dateOfBirth", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "2199-01-01" } },
        { "dateOfBirth", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-02-30" } },
        { "nationality", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", nationality = "XX" } },
        { "passportExpiry", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", passportNumber = "P1234567", passportIssuingCountry = "PT" } },
        { "passportNumber", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", passportNumber = "P-1", passportIssuingCountry = "PT", passportExpiry = "2030-01-01" } },
        { "phone", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", phone = "912 345 678" } },
        { "email", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", email = "not-an-email" } },
        { "loyaltyNumbers[0].airline", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", loyaltyNumbers = new[] { new { airline = "TAP", number = "123456" } } } },
        { "seatPreference", new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", seatPreference = "wing" } },
    };

    [Theory]
    [MemberData(nameof(InvalidTravelers))]
    public async Task Invalid_travelers_get_400_naming_the_field_and_nothing_is_stored(string field, object body)
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;

        var response = await ana.Client.PostAsJsonAsync("/api/v1/travelers", body, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(await ana.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/travelers", ct) ?? []);
    }

    [Fact]
    public async Task A_passport_expiring_within_six_months_is_flagged()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2).ToString("O");
        var body = new { givenNames = "Ana", surname = "Silva", dateOfBirth = "1988-04-09", passportNumber = "P1234567", passportIssuingCountry = "PT", passportExpiry = soon };

        var created = await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", body, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal("expiresSoon", created.GetProperty("passportStatus").GetString());
    }

    [Fact]
    public async Task Rotating_the_master_key_keeps_data_readable_and_destroying_the_user_key_shreds_it()
    {
        await using var app = PathavanaFactory.Embedded();
        var ana = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;
        var id = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        string KeyIdOf()
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<PathavanaDbContext>().Set<UserDataKey>().Single(k => k.UserId == ana.Id).MasterKeyId;
        }
        Assert.Equal("k1", KeyIdOf());

        var (exit, output) = await ExternalProcess.TryRunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pathavana.dll"), "keys", "rotate"],
            environment: new Dictionary<string, string> { ["Storage__DataDirectory"] = app.DataDirectory, ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.True(exit == 0, output);
        Assert.Contains("1 user key(s) re-wrapped", output, StringComparison.Ordinal);
        Assert.Equal("k2", KeyIdOf());
        // A new app over the same data directory reads the rotated key ring.
        await using var restarted = PathavanaFactory.Embedded(dataDirectory: app.DataDirectory);
        using var again = await restarted.SignInAsync(ana.Email, ana.Password);
        Assert.Equal("Ana Maria", (await again.GetFromJsonAsync<JsonElement>($"/api/v1/travelers/{id}", ct)).GetProperty("givenNames").GetString());

        using (var scope = restarted.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PiiProtector>().DestroyKeyAsync(ana.Id, ct);
        }
        var shredded = await again.GetAsync($"/api/v1/travelers/{id}", ct);
        Assert.Equal(HttpStatusCode.Gone, shredded.StatusCode);
    }
}
