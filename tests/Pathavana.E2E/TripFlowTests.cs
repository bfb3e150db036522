using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>
/// The journeys of a traveller, in Chromium at desktop and phone width: from an anonymous chat to a
/// booked trip with its email; a share link opened by someone else; search → trip → edit → book.
/// </summary>
public sealed partial class TripFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [GeneratedRegex("/trips/[0-9a-f-]{36}/review$")]
    private static partial Regex ReviewUrl();

    [GeneratedRegex("/trips/[0-9a-f-]{36}$")]
    private static partial Regex TripUrl();

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task A_visitor_chats_sees_all_selects_a_flight_and_a_stay_signs_up_at_book_reviews_and_is_booked_with_the_email_in_the_outbox(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;
        var email = $"e2e-{Guid.NewGuid():N}@example.com";

        // No account: the planner opens, and the chat answers.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan a trip" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create account" })).ToBeVisibleAsync();
        await session.CheckAsync("landing");
        var chat = page.GetByRole(AriaRole.Region, new() { Name = "Conversation with the assistant" });
        await SayAsync(page, $"Two of us from Boston to Lisbon on {Screens.InDays(42)} back {Screens.InDays(47)}");
        await Expect(chat.Locator("article.chat-card--flight").First).ToBeVisibleAsync();

        // What was understood fills the search form; "see all" shows the full list beside the chat.
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Search trips" });
        await Expect(form.GetByRole(AriaRole.Combobox, new() { Name = "From", Exact = true })).ToHaveValueAsync(new Regex("Boston"));
        await Expect(form.GetByRole(AriaRole.Combobox, new() { Name = "To", Exact = true })).ToHaveValueAsync(new Regex("Lisbon"));
        await chat.GetByRole(AriaRole.Button, new() { Name = "See all flights" }).Last.ClickAsync();
        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await Expect(flights.First).ToBeVisibleAsync();
        await Expect(flights.First).ToContainTextAsync("Boston");
        await session.CheckAsync("plan-chat-see-all");

        await flights.First.GetByRole(AriaRole.Button, new() { Name = "Select:" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();
        var hotel = page.GetByRole(AriaRole.List, new() { Name = "Hotels" }).GetByRole(AriaRole.Article).First;
        var hotelName = await hotel.GetAttributeAsync("aria-label");
        await hotel.GetByRole(AriaRole.Button, new() { Name = "Select:" }).First.ClickAsync();
        var tray = page.GetByRole(AriaRole.Region, new() { Name = "Your trip so far" });
        await Expect(tray).ToContainTextAsync(hotelName!);
        await Expect(tray).ToContainTextAsync("Boston → Lisbon and back");
        await session.CheckAsync("plan-draft");

        // Booking asks for an account right there; the picks stay.
        await tray.GetByRole(AriaRole.Button, new() { Name = "Review and book" }).ClickAsync();
        await tray.GetByLabel("Email").FillAsync(email);
        await tray.GetByLabel("Password").FillAsync(Screens.Password);
        await session.CheckAsync("plan-sign-up-at-book");
        await tray.GetByRole(AriaRole.Button, new() { Name = "Create account and continue" }).ClickAsync();
        await page.WaitForURLAsync(ReviewUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review and book: Trip to Lisbon" })).ToBeVisibleAsync();
        await Expect(page.GetByText("This trip is for", new() { Exact = false })).ToContainTextAsync("2 travelers");

        foreach (var (given, born) in new[] { ("Rui", "1985-09-12"), ("Ines", "1987-02-03") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Add a traveler" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a traveler" })).ToBeVisibleAsync();
            await session.FillTravelerAsync(given, "Costa", born);
            await page.WaitForURLAsync(ReviewUrl());
        }
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Rui Costa" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ines Costa" }).CheckAsync();
        await session.CheckAsync("review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book all 2 for" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booked", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("booking reference", new() { Exact = false })).ToHaveCountAsync(2);
        await session.CheckAsync("booked");

        var mail = App.OutboxEmails().Single(e => e.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Contains("Subject: Booked:", StringComparison.Ordinal));
        Assert.Contains("Rui Costa", mail, StringComparison.Ordinal);
        Assert.Contains("(BOS)", mail, StringComparison.Ordinal);
        Assert.Contains("Check-in", mail, StringComparison.Ordinal);
        Assert.Contains(".ics", mail, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "See your bookings" }).ClickAsync();
        await Expect(page.GetByText("Confirmed", new() { Exact = true })).ToHaveCountAsync(2);
        await session.CheckAsync("bookings-list");
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Search_select_into_a_trip_edit_it_book_it_and_share_it_with_someone_without_an_account(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;
        await session.SignUpAsync();
        await page.GotoAsync("/travelers/new");
        await session.FillTravelerAsync("Ana", "Silva", "1990-04-01");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ana Silva" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await session.SearchFlightsAsync("Boston", "Lisbon", Screens.InDays(50), Screens.InDays(55));
        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await flights.First.GetByRole(AriaRole.Button, new() { Name = "Select:" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();
        var hotel = page.GetByRole(AriaRole.List, new() { Name = "Hotels" }).GetByRole(AriaRole.Article).First;
        await hotel.GetByRole(AriaRole.Button, new() { Name = "Select:" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Things to do" }).ClickAsync();
        var activity = page.GetByRole(AriaRole.List, new() { Name = "Activities" }).GetByRole(AriaRole.Article).First;
        var activityName = await activity.GetAttributeAsync("aria-label");
        await activity.GetByRole(AriaRole.Button, new() { Name = "Add to trip" }).ClickAsync();
        await session.CheckAsync("search-selected");
        await page.GetByRole(AriaRole.Region, new() { Name = "Your trip so far" }).GetByRole(AriaRole.Button, new() { Name = "Save as a trip" }).ClickAsync();

        await page.WaitForURLAsync(TripUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trip to Lisbon" })).ToBeVisibleAsync();
        await Expect(page.GetByText(activityName!, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Boston →", new() { Exact = false }).First).ToBeVisibleAsync();
        await session.CheckAsync("trip");

        // Edit: a name, notes, the party; the per-person total follows.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit trip" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit the trip" });
        await edit.GetByLabel("Trip name").FillAsync("Lisbon in spring");
        await edit.GetByLabel("Notes").FillAsync("Fado on the first night.");
        await session.CheckAsync("trip-edit");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lisbon in spring" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Fado on the first night.")).ToBeVisibleAsync();

        // Book: one traveler, one confirmation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Review and book" }).ClickAsync();
        await page.WaitForURLAsync(ReviewUrl());
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ana Silva" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book all 2 for" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booked", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "See the trip" }).ClickAsync();
        await Expect(page.GetByText("Booked", new() { Exact = true })).ToHaveCountAsync(3);
        await session.CheckAsync("trip-booked");

        // Share: the link opens in a fresh browser without an account, read-only and impersonal.
        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var link = await page.GetByRole(AriaRole.Link, new() { Name = "/shared/" }).GetAttributeAsync("href");
        await using var stranger = await browser.NewSessionAsync(App, width);
        await stranger.Page.GotoAsync(link!);
        await Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Lisbon in spring" })).ToBeVisibleAsync();
        await Expect(stranger.Page.GetByText(activityName!, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(stranger.Page.GetByText("Ana Silva")).ToHaveCountAsync(0);
        await Expect(stranger.Page.GetByText("Fado on the first night.")).ToHaveCountAsync(0);
        await Expect(stranger.Page.GetByRole(AriaRole.Button, new() { Name = "Edit trip" })).ToHaveCountAsync(0);
        await Expect(stranger.Page.GetByRole(AriaRole.Region, new() { Name = "Map of the shared trip" })).ToBeVisibleAsync();
        await stranger.CheckAsync("shared-trip");
        await stranger.Page.GetByRole(AriaRole.Link, new() { Name = "Plan your own" }).ClickAsync();
        await Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Plan a trip" })).ToBeVisibleAsync();

        // Someone else's trip by its address: not found.
        var tripUrl = new Uri(page.Url).AbsolutePath;
        await using var other = await browser.NewSessionAsync(App, width);
        await other.SignUpAsync();
        await other.Page.GotoAsync(tripUrl);
        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Trip not found" })).ToBeVisibleAsync();
        await other.CheckAsync("trip-not-found");
        Assert.Empty(session.ForeignRequests);
        Assert.Empty(stranger.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
        Assert.True(stranger.CspViolations.IsEmpty, "Content-Security-Policy violations (shared page):\n" + string.Join('\n', stranger.CspViolations));
    }

    [Fact]
    public async Task A_visitor_picks_a_flight_in_words_and_it_lands_in_the_trip_draft()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;
        await page.GotoAsync("/");
        var chat = page.GetByRole(AriaRole.Region, new() { Name = "Conversation with the assistant" });
        await SayAsync(page, $"Two of us from Boston to Lisbon on {Screens.InDays(42)} back {Screens.InDays(47)}");
        await Expect(chat.Locator("article.chat-card--flight").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your trip so far" })).ToHaveCountAsync(0);

        await SayAsync(page, "I'll take the first one");
        await Expect(chat.GetByText("Picked the flight", new() { Exact = false })).ToBeVisibleAsync();
        var tray = page.GetByRole(AriaRole.Region, new() { Name = "Your trip so far" });
        await Expect(tray).ToContainTextAsync("Boston → Lisbon and back");
        await Expect(tray.GetByRole(AriaRole.Button, new() { Name = "Review and book" })).ToBeVisibleAsync();
        await session.CheckAsync("plan-pick-in-words");
        Assert.Empty(session.ForeignRequests);
    }

    [Fact]
    public async Task A_visitor_whose_address_already_has_an_account_is_told_to_check_the_email_at_save_and_signs_in_there_keeping_the_picks()
    {
        // The address has an account already (made elsewhere, with its own password).
        var taken = $"taken-{Guid.NewGuid():N}@example.com";
        using (var api = new HttpClient { BaseAddress = App.BaseAddress })
        {
            var registered = await api.PostAsync("/api/v1/account/register",
                new StringContent($$"""{"email":"{{taken}}","password":"{{Screens.Password}}"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, registered.StatusCode);
        }

        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;
        await page.GotoAsync("/search");
        await session.SearchFlightsAsync("Boston", "Lisbon", Screens.InDays(60), Screens.InDays(64));
        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await flights.First.GetByRole(AriaRole.Button, new() { Name = "Select:" }).ClickAsync();
        var tray = page.GetByRole(AriaRole.Region, new() { Name = "Your trip so far" });
        await Expect(tray).ToContainTextAsync("Boston → Lisbon and back");

        // Signing up at "Save" with that address (and another password): the same answer as for a
        // new address, so the page cannot say "taken"; it says to check the email and offers sign-in.
        await tray.GetByRole(AriaRole.Button, new() { Name = "Save as a trip" }).ClickAsync();
        await tray.GetByLabel("Email").FillAsync(taken);
        await tray.GetByLabel("Password").FillAsync("another long passphrase 7");
        await tray.GetByRole(AriaRole.Button, new() { Name = "Create account and continue" }).ClickAsync();
        await Expect(tray.GetByText($"Check your email: we've sent a message to {taken}.")).ToBeVisibleAsync();
        await Expect(tray.GetByRole(AriaRole.Heading, new() { Name = "Sign in to continue" })).ToBeVisibleAsync();
        await Expect(tray.GetByText("wrong", new() { Exact = false })).ToHaveCountAsync(0);
        await Expect(tray).ToContainTextAsync("Boston → Lisbon and back");
        await session.CheckAsync("plan-sign-up-at-save-taken");

        // The owner's mailbox says so (sent after the answer: waited for as a condition).
        using (var waited = new CancellationTokenSource(TimeSpan.FromMilliseconds(BrowserFixture.SafetyNet)))
        {
            while (!App.OutboxEmails().Any(e => e.Contains(taken, StringComparison.OrdinalIgnoreCase) && e.Contains("You already have a Pathavana account", StringComparison.Ordinal)))
            {
                await Task.Delay(200, waited.Token);
            }
        }

        // Signing in right there with the account's password saves the picks into a trip.
        await tray.GetByLabel("Password").FillAsync(Screens.Password);
        await tray.GetByRole(AriaRole.Button, new() { Name = "Sign in and continue" }).ClickAsync();
        await page.WaitForURLAsync(TripUrl());
        await Expect(page.GetByText("Boston →", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var box = page.GetByLabel("Message", new() { Exact = true });
        await Expect(box).ToBeEditableAsync();
        await box.FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        // The reply has finished streaming when the composer can send again.
        await Expect(page.GetByText(text, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".bubble__cursor")).ToHaveCountAsync(0);
    }
}
