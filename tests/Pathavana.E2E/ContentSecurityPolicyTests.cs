using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

/// <summary>
/// The built web app under the real Content-Security-Policy (no inline script, no eval, nothing from
/// other origins), in Debian's Chromium: the main screens load and work with not one violation and
/// not one console error.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    /// <summary>
    /// The one console error a signed-out visitor's browser logs by design: "who am I?" answers 401.
    /// Chromium reports every 4xx response as a console error; nothing else is allowed.
    /// </summary>
    private static bool SignedOutProbe(string error) =>
        error.Contains("status of 401", StringComparison.Ordinal) && error.Contains("/api/v1/account/me", StringComparison.Ordinal);

    [Fact]
    public async Task The_main_screens_load_under_the_content_security_policy_with_no_violation_and_no_console_error()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;

        var first = await page.GotoAsync("/sign-in");
        var csp = await first!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        foreach (var (path, heading) in new[] { ("/sign-up", "Create your account"), ("/forgot-password", "Reset your password") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        }
        Assert.Empty(session.CspViolations);
        Assert.All(session.ConsoleErrors, e => Assert.True(SignedOutProbe(e), $"console error: {e}"));
        session.ConsoleErrors.Clear();

        // Signed in, not one console error is allowed.
        await session.SignUpAsync();
        // The sign-up page itself was loaded signed out.
        Assert.All(session.ConsoleErrors, e => Assert.True(SignedOutProbe(e), $"console error: {e}"));
        session.ConsoleErrors.Clear();
        await session.SearchFlightsAsync("BOS", "LIS", Screens.InDays(45));
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Flights" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Hotels" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Hotels" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Price calendar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Cheapest fares", Exact = false })).ToBeVisibleAsync();

        var screens = new (string Path, ILocator Ready)[]
        {
            ("/search", page.GetByRole(AriaRole.Heading, new() { Name = "Search flights, hotels and things to do" })),
            ("/travelers", page.GetByText("No travelers yet")),
            ("/travelers/new", page.GetByRole(AriaRole.Heading, new() { Name = "Add a traveler" })),
            ("/trips", page.GetByRole(AriaRole.Heading, new() { Name = "Start a trip" })),
            ("/bookings", page.GetByRole(AriaRole.Heading, new() { Name = "Bookings" })),
            ("/account", page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" })),
            ("/", page.GetByRole(AriaRole.Heading, new() { Name = "Plan a trip" })),
        };
        foreach (var (path, ready) in screens)
        {
            await page.GotoAsync(path);
            await Expect(ready).ToBeVisibleAsync();
            // The app's stylesheet applies (a refused one would leave the browser's 8px body margin).
            Assert.True(await page.EvaluateAsync<bool>("() => getComputedStyle(document.body).marginTop === '0px'"), $"{path} has no stylesheet applied");
        }
        Assert.True(session.CspViolations.IsEmpty, "CSP violations:\n" + string.Join('\n', session.CspViolations));
        Assert.True(session.ConsoleErrors.IsEmpty, "console errors:\n" + string.Join('\n', session.ConsoleErrors));

        // The watch works: an inline script slipped into the page is refused, and reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.append(s); }");
        await Expect(page.Locator("body")).ToBeVisibleAsync();
        await WaitForAsync(() => !session.CspViolations.IsEmpty);
        Assert.Contains(session.CspViolations, v => v.StartsWith("script-src", StringComparison.Ordinal) && v.Contains(" refused inline ", StringComparison.Ordinal));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
