using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using Pathavana.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>
/// "Continue with Google" in Chromium, against Google on loopback (its keys and its Identity
/// Services script): only where it is configured, under the real Content-Security-Policy.
/// </summary>
public sealed class GoogleSignInFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    [Fact]
    public async Task A_visitor_continues_with_Google_and_is_signed_in_and_without_configuration_there_is_no_such_button()
    {
        // The default app has no Google sign-in: the page offers none and loads nothing of Google's.
        await using (var plain = await browser.NewSessionAsync(embedded.App))
        {
            // Asked and answered (no Google) before the page is looked at.
            await plain.Page.RunAndWaitForResponseAsync(() => plain.Page.GotoAsync("/sign-in"), r => r.Url.EndsWith("/api/v1/account/sign-in-options", StringComparison.Ordinal));
            await Expect(plain.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await Expect(plain.Page.GetByText("Continue with Google")).ToHaveCountAsync(0);
            Assert.Empty(plain.ForeignRequests);
        }

        await using var google = new FakeOidcIssuer { Account = ("10987654321", $"g-{Guid.NewGuid():N}@example.com") };
        await google.StartAsync();
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Authentication__Google__ClientId"] = "pathavana-web.apps.example",
            ["Authentication__Google__Authority"] = google.Authority,
        });
        await using var session = await browser.NewSessionAsync(app, 375, google.Authority);
        var page = session.Page;

        await page.GotoAsync("/sign-in");
        var continueWithGoogle = page.GetByRole(AriaRole.Button, new() { Name = "Continue with Google" });
        await Expect(continueWithGoogle).ToBeVisibleAsync();
        await session.CheckAsync("sign-in-with-google");
        await continueWithGoogle.ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan a trip" })).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await Expect(page.GetByRole(AriaRole.Main).GetByText(google.Account.Email)).ToBeVisibleAsync();
        await Expect(page.GetByText("Email confirmed")).ToBeVisibleAsync();
        Assert.True(session.CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', session.CspViolations));
        Assert.Empty(session.ForeignRequests);
    }
}
