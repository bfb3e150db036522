using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>
/// A traveller's privacy rights in Chromium: sign up, chat, plan, book; download their data (the
/// archive opens and holds the trip); agree to and withdraw the language-model consent; delete
/// the account, deciding about the open booking first; signing in again fails.
/// </summary>
public sealed partial class PrivacyFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [GeneratedRegex("/trips/[0-9a-f-]{36}/review$")]
    private static partial Regex ReviewUrl();

    [GeneratedRegex("^Book (it|all \\d+) for")]
    private static partial Regex BookButton();

    [Fact]
    public async Task Sign_up_chat_plan_book_export_withdraw_consent_delete_and_the_account_is_gone()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;
        var email = $"e2e-privacy-{Guid.NewGuid():N}@example.com";

        // Chat and plan, then sign up at Book and book.
        await page.GotoAsync("/");
        var chat = page.GetByRole(AriaRole.Region, new() { Name = "Conversation with the assistant" });
        await SayAsync(page, $"Boston to Lisbon on {Screens.InDays(50)} back {Screens.InDays(55)}, just me");
        await Expect(chat.Locator("article.chat-card--flight").First).ToBeVisibleAsync();
        await chat.GetByRole(AriaRole.Button, new() { Name = "See all flights" }).Last.ClickAsync();
        var flights = page.GetByRole(AriaRole.List, new() { Name = "Flights" }).GetByRole(AriaRole.Article);
        await flights.First.GetByRole(AriaRole.Button, new() { Name = "Select:" }).ClickAsync();
        var tray = page.GetByRole(AriaRole.Region, new() { Name = "Your trip so far" });
        await Expect(tray).ToContainTextAsync("Boston → Lisbon and back");
        await tray.GetByRole(AriaRole.Button, new() { Name = "Review and book" }).ClickAsync();
        await tray.GetByLabel("Email").FillAsync(email);
        await tray.GetByLabel("Password").FillAsync(Screens.Password);
        await tray.GetByRole(AriaRole.Button, new() { Name = "Create account and continue" }).ClickAsync();
        await page.WaitForURLAsync(ReviewUrl());
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a traveler" }).ClickAsync();
        await session.FillTravelerAsync("Zebulonia", "Quxworthington", "1971-03-17");
        await page.WaitForURLAsync(ReviewUrl());
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Zebulonia Quxworthington" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = BookButton() }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booked", Exact = true })).ToBeVisibleAsync();

        // Download your data: the password again, then a ZIP that opens and holds the trip.
        await page.GotoAsync("/account");
        var export = page.GetByRole(AriaRole.Region, new() { Name = "Download your data" });
        await export.GetByRole(AriaRole.Button, new() { Name = "Prepare my download" }).ClickAsync();
        await Expect(export.GetByLabel("Your password, to confirm it is you")).ToHaveAccessibleDescriptionAsync("Enter your password.");
        await export.GetByLabel("Your password, to confirm it is you").FillAsync(Screens.Password);
        await export.GetByRole(AriaRole.Button, new() { Name = "Prepare my download" }).ClickAsync();
        var link = export.GetByRole(AriaRole.Link, new() { Name = "Download your data (ZIP)" });
        await Expect(link).ToBeVisibleAsync();
        await session.CheckAsync("account-export-ready");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"pathavana-export-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(file);
        using (var zip = ZipFile.OpenRead(file))
        {
            using var reader = new StreamReader(zip.GetEntry("pathavana-export.json")!.Open());
            var json = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.Contains("Trip to Lisbon", json, StringComparison.Ordinal);
            Assert.Contains("Quxworthington", json, StringComparison.Ordinal);
            Assert.Contains(email, json, StringComparison.Ordinal);
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("trips/", StringComparison.Ordinal) && e.FullName.EndsWith(".ics", StringComparison.Ordinal));
        }
        File.Delete(file);

        // Consent to the language model: agree, then withdraw; the page says which and when.
        var consents = page.GetByRole(AriaRole.Region, new() { Name = "What you agreed to" });
        await consents.GetByRole(AriaRole.Button, new() { Name = "Agree to: Send my chat messages to the language model" }).ClickAsync();
        await Expect(consents.GetByRole(AriaRole.Button, new() { Name = "Withdraw: Send my chat messages to the language model" })).ToBeVisibleAsync();
        await Expect(consents).ToContainTextAsync("Agreed on");
        await consents.GetByRole(AriaRole.Button, new() { Name = "Withdraw: Send my chat messages to the language model" }).ClickAsync();
        await Expect(consents.GetByRole(AriaRole.Button, new() { Name = "Agree to: Send my chat messages to the language model" })).ToBeVisibleAsync();
        await Expect(consents).ToContainTextAsync("Withdrawn on");
        await session.CheckAsync("account-consents");

        // Delete the account: the open booking is listed and must be decided first.
        var delete = page.GetByRole(AriaRole.Region, new() { Name = "Delete your account" });
        await Expect(delete).ToContainTextAsync("still held with the provider");
        await delete.GetByLabel("Your password, to confirm it is you").FillAsync(Screens.Password);
        await delete.GetByRole(AriaRole.Checkbox, new() { Name = "I understand this cannot be undone." }).CheckAsync();
        await delete.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(delete.GetByText("Choose what happens to your bookings.")).ToBeVisibleAsync();
        await session.CheckAsync("account-delete");
        await delete.GetByRole(AriaRole.Radio, new() { Name = "Cancel it with the provider first" }).CheckAsync();
        await delete.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/privacy");
        await Expect(page.GetByText("Your account was deleted.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who else receives it (processors)" })).ToBeVisibleAsync();
        await session.CheckAsync("privacy-notice");

        // Signing in again fails.
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Screens.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("The email or the password is wrong.")).ToBeVisibleAsync();
        Assert.Empty(session.ForeignRequests);
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var box = page.GetByLabel("Message", new() { Exact = true });
        await Expect(box).ToBeEditableAsync();
        await box.FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.GetByText(text, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".bubble__cursor")).ToHaveCountAsync(0);
    }
}
