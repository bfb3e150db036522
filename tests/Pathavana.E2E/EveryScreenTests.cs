using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>Every screen, at desktop and phone width: zero axe-core violations, and a screenshot.</summary>
public sealed class EveryScreenTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Signed_out_screens(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan a trip" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.CheckAsync("plan-anonymous");

        await page.GotoAsync("/shared/abcdefghijklmnopqrstuvwxyz012345");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link no longer works" })).ToBeVisibleAsync();
        await session.CheckAsync("shared-trip-gone");

        await page.GotoAsync("/trips");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GotoAsync("/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.CheckAsync("sign-in");

        await page.GetByLabel("Email").FillAsync("nobody@example.com");
        await page.GetByLabel("Password").FillAsync("not the password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or the password is wrong.");
        await session.CheckAsync("sign-in-failed");

        await page.GotoAsync("/sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByText("Enter your email address.")).ToBeVisibleAsync();
        await session.CheckAsync("sign-up");

        // Someone signs up with an address that already has an account (and another password):
        // the page says to check the email, never that the password is wrong.
        var taken = $"taken-{Guid.NewGuid():N}@example.com";
        using (var api = new HttpClient { BaseAddress = App.BaseAddress })
        {
            var registered = await api.PostAsync("/api/v1/account/register",
                new StringContent($$"""{"email":"{{taken}}","password":"{{Screens.Password}}"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, registered.StatusCode);
        }
        await page.GetByLabel("Email").FillAsync(taken);
        await page.GetByLabel("Password").FillAsync("another long passphrase 7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"We've sent an email to {taken}.");
        await Expect(page.GetByText("wrong", new() { Exact = false })).ToHaveCountAsync(0);
        await session.CheckAsync("sign-up-check-email");

        await page.GotoAsync("/forgot-password");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reset your password" })).ToBeVisibleAsync();
        await session.CheckAsync("forgot-password");

        await page.GotoAsync("/reset-password?userId=0196a3b4-0000-7000-8000-000000000000&code=bm90LWEtY29kZQ");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a brand new passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Expect(page.GetByText("This reset link is not valid", new() { Exact = false })).ToBeVisibleAsync();
        await session.CheckAsync("reset-password");

        await page.GotoAsync("/confirm-email?userId=0196a3b4-0000-7000-8000-000000000000&code=bm90LWEtY29kZQ");
        await Expect(page.GetByText("This confirmation link is not valid", new() { Exact = false })).ToBeVisibleAsync();
        await session.CheckAsync("confirm-email");
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Signed_in_screens(int width)
    {
        await using var session = await browser.NewSessionAsync(App, width);
        var page = session.Page;
        await session.SignUpAsync();
        await session.CheckAsync("plan");

        await session.SearchFlightsAsync("BOS", "LIS", Screens.InDays(45));
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Flights" })).ToBeVisibleAsync();
        await session.CheckAsync("plan-flights");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Hotels" })).ToBeVisibleAsync();
        await session.CheckAsync("plan-hotels");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Things to do" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Activities" }).Or(page.GetByText("No activities found nearby"))).ToBeVisibleAsync();
        await session.CheckAsync("plan-activities");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Price calendar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Cheapest fares", Exact = false })).ToBeVisibleAsync();
        await session.CheckAsync("plan-calendar");

        await page.GotoAsync("/search");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search flights, hotels and things to do" })).ToBeVisibleAsync();
        await session.CheckAsync("search");

        await page.GotoAsync("/travelers");
        await Expect(page.GetByText("No travelers yet")).ToBeVisibleAsync();
        await session.CheckAsync("travelers-empty");

        await page.GotoAsync("/travelers/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a traveler" })).ToBeVisibleAsync();
        await session.CheckAsync("traveler-new");
        await page.GetByLabel("Given names").FillAsync("Ana");
        await page.GetByLabel("Surname").FillAsync("Silva");
        await page.GetByLabel("Date of birth").FillAsync("1990-04-01");
        await page.GetByLabel("Passport number").FillAsync("P1234567");
        await page.GetByLabel("Issuing country").FillAsync("PT");
        await page.GetByLabel("Passport expiry").FillAsync(Screens.InDays(90));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ana Silva" })).ToBeVisibleAsync();
        await session.CheckAsync("travelers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ana Silva" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ana Silva" })).ToBeVisibleAsync();
        await session.CheckAsync("traveler-edit");

        await page.GotoAsync("/trips");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start a trip" })).ToBeVisibleAsync();
        await session.CheckAsync("trips");
        await page.GotoAsync("/bookings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bookings" })).ToBeVisibleAsync();
        await session.CheckAsync("bookings");
        await page.GotoAsync("/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Privacy", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Coming soon")).ToHaveCountAsync(0);
        await session.CheckAsync("account");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You're signed out everywhere");
        await session.CheckAsync("signed-out-everywhere");
        await page.GotoAsync("/travelers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(session.ForeignRequests);
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
    }
}
