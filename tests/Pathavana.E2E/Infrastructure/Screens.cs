using System.Text.Json;
using Microsoft.Playwright;

namespace Pathavana.E2E.Infrastructure;

/// <summary>What every flow does with a screen: check it with axe-core and keep a screenshot.</summary>
internal static class Screens
{
    public const string Password = "correct horse battery staple 42";

    /// <summary>axe-core's script, which every browser session runs in each page (see <see cref="BrowserFixture.NewSessionAsync"/>).</summary>
    public static string AxeSource => Axe;

    private static readonly string Axe = File.Exists(Repository.AxeScript)
        ? File.ReadAllText(Repository.AxeScript)
        : throw new InvalidOperationException($"{Repository.AxeScript} is missing: run npm ci in web/.");

    /// <summary>Runs axe-core on the page as it is and fails on any violation, naming rule and elements.</summary>
    public static async Task AssertAccessibleAsync(this BrowserSession session, string screen)
    {
        var page = session.Page;
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"), "axe-core is not in the page");
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core found {found.Count} violation(s) on {screen} at {session.Width}px:\n" + string.Join('\n', found));
    }

    /// <summary>Saves artifacts/screenshots/{screen}-{width}.png (full page).</summary>
    public static async Task ScreenshotAsync(this BrowserSession session, string screen)
    {
        await session.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await session.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Repository.Screenshots, $"{screen}-{session.Width}.png"),
            FullPage = true,
        });
    }

    /// <summary>Nothing sticks out sideways: the page fits the window's width (375 px on a phone).</summary>
    public static async Task AssertFitsWidthAsync(this BrowserSession session, string screen)
    {
        var overflow = await session.Page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return '';
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.leaflet-container'))
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)}px)`)
                .join(', ');
            }
            """);
        Assert.True(overflow.Length == 0, $"{screen} is wider than {session.Width}px: {overflow}");
    }

    public static async Task CheckAsync(this BrowserSession session, string screen)
    {
        await session.AssertAccessibleAsync(screen);
        await session.AssertFitsWidthAsync(screen);
        await session.ScreenshotAsync(screen);
    }

    public static async Task<string> SignUpAsync(this BrowserSession session, string? email = null)
    {
        email ??= $"e2e-{Guid.NewGuid():N}@example.com";
        var page = session.Page;
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan a trip" })).ToBeVisibleAsync();
        return email;
    }

    /// <summary>Searches as a traveller types: places by name (or code), dates, the Search button.</summary>
    public static async Task SearchFlightsAsync(this BrowserSession session, string from, string to, string depart, string? back = null, int adults = 1)
    {
        var page = session.Page;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Search trips" });
        await form.GetByRole(AriaRole.Combobox, new() { Name = "From", Exact = true }).FillAsync(from);
        await form.GetByRole(AriaRole.Combobox, new() { Name = "To", Exact = true }).FillAsync(to);
        await form.GetByLabel("Depart").FillAsync(depart);
        await form.GetByLabel("Return (optional)").FillAsync(back ?? "");
        await form.GetByLabel("Adults").SelectOptionAsync(adults.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
    }

    /// <summary>Adds a traveler on the traveler form (already open), and waits until it is saved.</summary>
    public static async Task FillTravelerAsync(this BrowserSession session, string given, string surname, string born)
    {
        var page = session.Page;
        await page.GetByLabel("Given names").FillAsync(given);
        await page.GetByLabel("Surname").FillAsync(surname);
        await page.GetByLabel("Date of birth").FillAsync(born);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
    }

    public static string InDays(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
