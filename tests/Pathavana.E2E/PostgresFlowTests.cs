using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using Pathavana.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>The same app wired to PostgreSQL and Redis, as in production.</summary>
public sealed class PostgresFlowTests(BrowserFixture browser, TestServers servers)
{
    [Fact]
    public async Task On_postgres_sign_up_search_and_keep_a_traveler()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = await servers.Postgres.CreateMigratedDatabaseAsync(),
            ["Encryption__MasterKey"] = AppProcess.TestMasterKey,
            ["Redis__Configuration"] = servers.Redis.Configuration,
            ["Redis__InstanceName"] = $"e2e{Guid.NewGuid():N}:",
        });
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;

        await session.SignUpAsync();
        await session.SearchFlightsAsync("JFK", "LHR", Screens.InDays(60));
        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await Expect(flights.First).ToContainTextAsync("Simulated offer — not bookable with a real airline");

        await page.GotoAsync("/travelers/new");
        await page.GetByLabel("Given names").FillAsync("Mary");
        await page.GetByLabel("Surname").FillAsync("O'Neill");
        await page.GetByLabel("Date of birth").FillAsync("1979-11-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mary O'Neill" })).ToBeVisibleAsync();

        // The welcome email went to the outbox (no SMTP configured).
        Assert.Contains(app.OutboxEmails(), e => e.Contains("confirm-email", StringComparison.Ordinal));
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }
}
