using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>What a traveler does first: sign up, search, see honest results.</summary>
public sealed class PlannerFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [Fact]
    public async Task Sign_up_then_search_flights_shows_results_marked_simulated()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;

        await session.SignUpAsync();
        await session.SearchFlightsAsync("BOS", "LIS", Screens.InDays(45));

        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await Expect(flights.First).ToBeVisibleAsync();
        Assert.True(await flights.CountAsync() > 1);
        var first = flights.First;
        await Expect(first).ToContainTextAsync("BOS");
        await Expect(first).ToContainTextAsync("UTC");
        await Expect(first).ToContainTextAsync("Simulated offer — not bookable with a real airline");
        await Expect(first).ToContainTextAsync("$");

        // Non-stop only: every remaining card says so.
        await page.GetByLabel("Stops").SelectOptionAsync(new SelectOptionValue { Label = "Non-stop only" });
        var count = await flights.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await Expect(flights.Nth(i)).ToContainTextAsync("Non-stop");
        }
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    [Fact]
    public async Task Hotels_show_stars_and_nightly_prices_on_a_plain_map_without_leaving_the_origin()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;
        await session.SignUpAsync();
        await session.SearchFlightsAsync("BOS", "LIS", Screens.InDays(45));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();

        var hotels = page.GetByRole(AriaRole.List, new() { Name = "Hotels" }).GetByRole(AriaRole.Article);
        await Expect(hotels.First).ToBeVisibleAsync();
        await Expect(hotels.First).ToContainTextAsync("per night");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Map of the hotels" })).ToBeVisibleAsync();
        Assert.True(await page.Locator(".leaflet-interactive").CountAsync() > 0, "the hotels are drawn on the map");
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }
}
