using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>Sign up → search → pick a flight and a hotel → the trip; and nobody else can open it.</summary>
public sealed class TripFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Picking_a_flight_and_a_hotel_makes_a_trip_only_its_owner_can_open(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;
        await session.SignUpAsync();
        await page.GetByLabel("From").FillAsync("BOS");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("LIS");
        await page.GetByLabel("Depart").FillAsync(Screens.InDays(50));
        await page.GetByLabel("Return (optional)").FillAsync(Screens.InDays(55));
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await flights.First.GetByRole(AriaRole.Button, new() { Name = "Select" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();
        var hotels = page.GetByRole(AriaRole.List, new() { Name = "Hotels" }).GetByRole(AriaRole.Article);
        var hotelName = await hotels.First.GetAttributeAsync("aria-label");
        await hotels.First.GetByRole(AriaRole.Button, new() { Name = "Select" }).ClickAsync();
        await session.CheckAsync("plan-selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a trip with them" }).ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trips/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trip to LIS" })).ToBeVisibleAsync();
        await Expect(page.GetByText(hotelName!, new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Simulated — not bookable with a real provider").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar (.ics)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Map of the trip" })).ToBeVisibleAsync();
        await session.CheckAsync("trip");

        await page.GotoAsync("/trips");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Trip to LIS" })).ToBeVisibleAsync();
        await session.CheckAsync("trips-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Trip to LIS" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trips/[0-9a-f-]{36}$"));
        var tripUrl = new Uri(page.Url).AbsolutePath;

        await using var other = await browser.NewSessionAsync(App, width);
        await other.SignUpAsync();
        await other.Page.GotoAsync(tripUrl);
        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Trip not found" })).ToBeVisibleAsync();
        await Expect(other.Page.GetByText("Trip to LIS")).ToHaveCountAsync(0);
        await other.CheckAsync("trip-not-found");
        Assert.Empty(session.ForeignRequests);
    }
}
