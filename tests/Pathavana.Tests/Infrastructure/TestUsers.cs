using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pathavana.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password, HttpClient Client);

internal static class TestUsers
{
    public const string StrongPassword = "correct horse battery staple 42";

    /// <summary>Signs up a new account and returns a client that carries its bearer token.</summary>
    public static async Task<TestUser> SignUpAsync(this PathavanaFactory app, string? email = null)
    {
        email ??= $"traveler-{Guid.NewGuid():N}@example.com";
        using var anonymous = app.CreateClient();
        var created = await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password = StrongPassword });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var client = await app.SignInAsync(email, StrongPassword);
        var id = (await client.GetFromJsonAsync<JsonElement>("/api/v1/account/me")).GetProperty("id").GetGuid();
        return new TestUser(id, email, StrongPassword, client);
    }

    public static async Task<HttpClient> SignInAsync(this PathavanaFactory app, string email, string password)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/account/login", new { email, password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static object Traveler(string given = "Ana Maria", string surname = "Silva", string passport = "P1234567", string dateOfBirth = "1988-04-09") => new
    {
        givenNames = given,
        surname,
        dateOfBirth,
        gender = "female",
        nationality = "PT",
        passportNumber = passport,
        passportIssuingCountry = "PT",
        passportExpiry = "2031-06-30",
        email = "ana.silva@example.org",
        phone = "+351 912 345 678",
        loyaltyNumbers = new[] { new { airline = "TP", number = "123456789" } },
        seatPreference = "aisle",
        mealPreference = "vegetarian",
    };
}
