using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Accounts;

public sealed class NoPiiInLogsTests
{
    [Fact]
    public async Task A_full_account_and_traveler_flow_logs_no_personal_data()
    {
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" });
        var email = $"logcheck-{Guid.NewGuid():N}@example.com";
        var ana = await app.SignUpAsync(email);
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = app.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/account/login", new { email, password = "a wrong password here" }, ct);
        await anonymous.PostAsJsonAsync("/api/v1/account/forgot-password", new { email }, ct);
        var created = await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(given: "Henrietta", surname: "Quixlewood", passport: "QW1357924"), ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = created.GetProperty("id").GetGuid();
        await ana.Client.GetAsync($"/api/v1/travelers/{id}", ct);
        await ana.Client.PutAsJsonAsync($"/api/v1/travelers/{id}", new { givenNames = "Henrietta", surname = "Quixlewood", dateOfBirth = "1960-13-01" }, ct);

        var logs = app.Logs.AllText();

        Assert.NotEmpty(app.Logs.Records);
        foreach (var pii in new[] { email, "Henrietta", "Quixlewood", "QW1357924", "1988-04-09", "912345678", "ana.silva@example.org", TestUsers.StrongPassword })
        {
            Assert.DoesNotContain(pii, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}
