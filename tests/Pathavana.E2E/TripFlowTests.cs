using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>Sign up → chat or search → pick a flight and a hotel → trip → book → confirmation shown and emailed; nobody else can open the trip.</summary>
public sealed class TripFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Pick_a_flight_and_a_hotel_into_a_trip_book_it_and_nobody_else_can_open_it(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;
        var email = await session.SignUpAsync();
        await page.GotoAsync("/travelers/new");
        await page.GetByLabel("Given names").FillAsync("Ana");
        await page.GetByLabel("Surname").FillAsync("Silva");
        await page.GetByLabel("Date of birth").FillAsync("1990-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ana Silva" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).ClickAsync();
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

        // Book the flight for Ana: the confirmation is shown, and emailed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Book flight" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ana Silva" }).CheckAsync();
        await session.CheckAsync("trip-booking");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();
        await Expect(page.GetByText("Booked — confirmation emailed")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await session.CheckAsync("trip-booked");
        Assert.Contains(App.OutboxEmails(), e => e.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Contains("Booking confirmed", StringComparison.Ordinal));

        await page.GotoAsync("/bookings");
        await Expect(page.GetByText("Confirmed", new() { Exact = true })).ToBeVisibleAsync();
        await session.CheckAsync("bookings-list");

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
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Chat_to_flight_and_hotel_results_pick_both_make_a_trip_and_book_it(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;
        var email = await session.SignUpAsync();
        foreach (var (given, born) in new[] { ("Rui", "1985-09-12"), ("Ines", "1987-02-03") })
        {
            await page.GotoAsync("/travelers/new");
            await page.GetByLabel("Given names").FillAsync(given);
            await page.GetByLabel("Surname").FillAsync("Costa");
            await page.GetByLabel("Date of birth").FillAsync(born);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"{given} Costa" })).ToBeVisibleAsync();
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).ClickAsync();

        // The assistant asks what is missing; ISO dates are understood whatever today is.
        var chat = page.GetByRole(AriaRole.Region, new() { Name = "Conversation with the assistant" });
        await SayAsync(page, $"Plan a trip for 2 adults from Boston to Lisbon on {Screens.InDays(42)} back {Screens.InDays(47)}");
        var flights = chat.Locator("article.chat-card--flight");
        var hotels = chat.Locator("article.chat-card--hotel");
        await Expect(flights.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        if (await hotels.CountAsync() == 0)
        {
            await SayAsync(page, "and a hotel in Lisbon");
            await Expect(hotels.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        await Expect(chat.GetByText("Simulated results", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(flights.First.GetByText("Simulated offer — not bookable with a real airline")).ToBeVisibleAsync();
        await session.CheckAsync("plan-chat-results");

        await flights.First.GetByRole(AriaRole.Button, new() { Name = "Pick this flight" }).ClickAsync();
        await Expect(flights.First.GetByRole(AriaRole.Button, new() { Name = "Picked flight" })).ToBeVisibleAsync();
        var hotelName = await hotels.First.Locator("h2").InnerTextAsync();
        await hotels.First.GetByRole(AriaRole.Button, new() { Name = "Pick this hotel" }).ClickAsync();
        var picks = page.GetByRole(AriaRole.Region, new() { Name = "Your picks" });
        await Expect(picks).ToContainTextAsync(hotelName);
        await session.CheckAsync("plan-chat-picked");
        await picks.GetByRole(AriaRole.Button, new() { Name = "Make a trip" }).ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trips/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trip to Lisbon" })).ToBeVisibleAsync();
        await Expect(page.GetByText(hotelName, new() { Exact = false }).First).ToBeVisibleAsync();
        await session.CheckAsync("trip-from-chat");

        await page.GetByRole(AriaRole.Button, new() { Name = "Book flight" }).First.ClickAsync();
        // Two adults were asked for: the offer is priced for both.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Rui Costa" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ines Costa" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();
        await Expect(page.GetByText("Booked — confirmation emailed")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Contains(App.OutboxEmails(), e => e.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Contains("Booking confirmed", StringComparison.Ordinal));
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var box = page.GetByLabel("Message", new() { Exact = true });
        await Expect(box).ToBeEditableAsync();
        await box.FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        // The reply has finished streaming when the composer is usable again.
        await Expect(page.GetByText(text, new() { Exact = true })).ToBeVisibleAsync();
    }
}
