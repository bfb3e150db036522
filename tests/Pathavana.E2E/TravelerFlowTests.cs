using Microsoft.Playwright;
using Pathavana.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathavana.E2E;

public sealed class TravelerFlowTests(BrowserFixture browser, EmbeddedApp embedded)
{
    private AppProcess App => embedded.App;

    [Fact]
    public async Task A_traveler_with_errors_shows_them_beside_the_fields_then_saves_when_fixed()
    {
        await using var session = await browser.NewSessionAsync(App);
        var page = session.Page;
        await session.SignUpAsync();
        await page.GotoAsync("/travelers/new");

        // Caught in the browser: the surname is missing.
        await page.GetByLabel("Given names").FillAsync("Ana Maria");
        await page.GetByLabel("Date of birth").FillAsync("1990-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await Expect(page.GetByLabel("Surname")).ToHaveAccessibleDescriptionAsync("Required, exactly as on the passport.");

        // Caught by the server: XX is no country. Its problem details sit beside the field.
        await page.GetByLabel("Surname").FillAsync("Silva");
        await page.GetByLabel("Nationality").FillAsync("XX");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await Expect(page.GetByLabel("Nationality")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("ISO 3166 country code"));
        await session.CheckAsync("traveler-form-errors");

        await page.GetByLabel("Nationality").FillAsync("PT");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/travelers");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ana Maria Silva" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Another_user_opening_the_first_users_traveler_sees_not_found()
    {
        await using var owner = await browser.NewSessionAsync(App);
        await owner.SignUpAsync();
        await owner.Page.GotoAsync("/travelers/new");
        await owner.Page.GetByLabel("Given names").FillAsync("João");
        await owner.Page.GetByLabel("Surname").FillAsync("Costa");
        await owner.Page.GetByLabel("Date of birth").FillAsync("1985-07-19");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Save traveler" }).ClickAsync();
        await owner.Page.GetByRole(AriaRole.Link, new() { Name = "João Costa" }).ClickAsync();
        await owner.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/travelers/[0-9a-f-]{36}$"));
        var url = new Uri(owner.Page.Url).AbsolutePath;
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = "João Costa" })).ToBeVisibleAsync();

        await using var other = await browser.NewSessionAsync(App);
        await other.SignUpAsync();
        await other.Page.GotoAsync(url);

        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Traveler not found" })).ToBeVisibleAsync();
        await Expect(other.Page.GetByText("Costa")).ToHaveCountAsync(0);
    }
}
