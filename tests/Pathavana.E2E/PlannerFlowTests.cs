using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>What a traveler does first: sign up, search, see honest results.</summary>
public sealed class PlannerFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [Fact]
    public async Task A_visitor_searches_by_place_names_and_reads_local_times_by_city_marked_simulated()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;

        await page.GotoAsync("/");
        var from = page.GetByRole(AriaRole.Combobox, new() { Name = "From", Exact = true });
        await from.FillAsync("Bost");
        await page.GetByRole(AriaRole.Option, new() { Name = "(BOS)" }).ClickAsync();
        await Expect(from).ToHaveValueAsync("Boston (BOS)");
        await session.SearchFlightsAsync("Boston (BOS)", "Lisbn", Screens.InDays(45));
        // A typo gets a "did you mean", not an error code.
        await page.GetByRole(AriaRole.Button, new() { Name = "(LIS)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await Expect(flights.First).ToBeVisibleAsync();
        Assert.True(await flights.CountAsync() > 1);
        var first = flights.First;
        await Expect(first).ToContainTextAsync("Boston (BOS)");
        await Expect(first).ToContainTextAsync("Lisbon (LIS)");
        await Expect(first).Not.ToContainTextAsync("UTC");
        await Expect(first).ToContainTextAsync("Simulated offer — not bookable with a real airline");
        await Expect(first).ToContainTextAsync("$");

        // Nonstop only: every remaining card says so.
        await page.GetByLabel("Stops").SelectOptionAsync(new SelectOptionValue { Label = "Nonstop only" });
        var count = await flights.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await Expect(flights.Nth(i)).ToContainTextAsync("Nonstop");
        }
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    [Fact]
    public async Task Hotels_show_one_card_each_with_their_rates_on_a_world_map_drawn_without_leaving_the_origin()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;
        await page.GotoAsync("/");
        await session.SearchFlightsAsync("BOS", "LIS", Screens.InDays(45));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();

        var hotels = page.GetByRole(AriaRole.List, new() { Name = "Hotels" }).GetByRole(AriaRole.Article);
        await Expect(hotels.First).ToBeVisibleAsync();
        await Expect(hotels.First).ToContainTextAsync("a night");
        var names = await hotels.EvaluateAllAsync<string[]>("cards => cards.map(c => c.getAttribute('aria-label'))");
        Assert.Equal(names.Length, names.Distinct().Count());
        var map = page.GetByRole(AriaRole.Region, new() { Name = "Map of the hotels" });
        await Expect(map).ToBeVisibleAsync();
        Assert.True(await map.Locator(".leaflet-interactive").CountAsync() > 0, "the hotels are drawn on the map");
        // The world is drawn from bundled data: land and borders, and the city's name.
        await Expect(map.Locator(".leaflet-land-pane path").First).ToBeAttachedAsync();
        // Every hotel shows above the land: what is on top at each marker's centre is a marker (the opaque
        // land, drawn once its outlines had loaded, once hid them all).
        await map.ScrollIntoViewIfNeededAsync();
        var hidden = await map.EvaluateAsync<int>(@"m => [...m.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive')].filter(p => {
            const r = p.getBoundingClientRect();
            if (r.width === 0 || r.bottom < 0 || r.top > innerHeight) return false;
            const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return !(top && top.closest('.leaflet-overlay-pane') && top.classList.contains('leaflet-interactive'));
        }).length");
        Assert.Equal(0, hidden);
        await Expect(map.Locator(".map__city span", new() { HasText = "Lisbon" })).ToBeVisibleAsync();
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }
}
