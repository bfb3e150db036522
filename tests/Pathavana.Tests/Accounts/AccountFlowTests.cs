using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Accounts;

public sealed partial class AccountFlowTests(TestServers servers)
{
    [GeneratedRegex(@"https://localhost/(?<path>confirm-email|reset-password)\?userId=(?<user>[0-9a-f-]+)&code=(?<code>[A-Za-z0-9_\-]+)")]
    private static partial Regex Link();

    private static (Guid User, string Code) LinkIn(MimeKit.MimeMessage message)
    {
        var match = Link().Match(message.TextBody ?? "");
        Assert.True(match.Success, message.TextBody);
        return (Guid.Parse(match.Groups["user"].Value), match.Groups["code"].Value);
    }

    [Fact]
    public async Task Sign_up_confirm_sign_in_and_reset_the_password_through_a_real_smtp_server()
    {
        await using var smtp = new SmtpSink();
        await using var app = await PathavanaFactory.ProductionAsync(servers, smtp.Settings());
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var email = $"ana-{Guid.NewGuid():N}@example.com";

        var created = await client.PostAsJsonAsync("/api/v1/account/register", new { email, password = TestUsers.StrongPassword }, ct);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var confirmation = await smtp.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.Ordinal) && (m.Subject ?? "").Contains("Confirm", StringComparison.Ordinal));
        var (userId, code) = LinkIn(confirmation);

        var confirmed = await client.PostAsJsonAsync("/api/v1/account/confirm-email", new { userId, code }, ct);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        using (var signedIn = await app.SignInAsync(email, TestUsers.StrongPassword))
        {
            var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/account/me", ct);
            Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
            Assert.Contains("user", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/account/forgot-password", new { email }, ct)).StatusCode);
        var reset = await smtp.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.Ordinal) && (m.Subject ?? "").Contains("Reset", StringComparison.Ordinal));
        var (resetUser, resetCode) = LinkIn(reset);
        const string newPassword = "a new and rather long passphrase";
        var done = await client.PostAsJsonAsync("/api/v1/account/reset-password", new { userId = resetUser, code = resetCode, newPassword }, ct);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);

        var old = await client.PostAsJsonAsync("/api/v1/account/login", new { email, password = TestUsers.StrongPassword }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var again = await app.SignInAsync(email, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/account/me", ct)).StatusCode);
        // The reset link works once.
        var reuse = await client.PostAsJsonAsync("/api/v1/account/reset-password", new { userId = resetUser, code = resetCode, newPassword = "yet another long passphrase" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_unknown_addresses_and_sends_nothing()
    {
        await using var smtp = new SmtpSink();
        await using var app = PathavanaFactory.Embedded(smtp.Settings());
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/account/forgot-password", new { email = "nobody@example.com" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Empty(smtp.Messages);
    }

    [Theory]
    [InlineData("short1", "password")]
    [InlineData("password1234", "password")]
    [InlineData("qwertyuiop123", "password")]
    [InlineData("iloveyouiloveyou", "password")]
    public async Task Weak_passwords_are_refused_naming_the_field(string password, string field)
    {
        await using var app = PathavanaFactory.Embedded();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/account/register", new { email = "weak@example.com", password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Five_wrong_passwords_make_that_address_wait_even_with_the_right_one_and_the_audit_log_says_so()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var user = await app.SignUpAsync();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = "not the password at all" }, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = user.Password }, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("lockedOut", problem.GetProperty("reason").GetString());
        var actions = await AuditActionsAsync(app, user.Id);
        Assert.Equal(4, actions.Count(a => a == "sign_in.failed"));
        Assert.Contains("account.locked_out", actions);
    }

    [Fact]
    public async Task Change_password_needs_the_current_one_and_then_only_the_new_one_works()
    {
        await using var app = PathavanaFactory.Embedded();
        var user = await app.SignUpAsync();
        var ct = TestContext.Current.CancellationToken;

        var wrong = await user.Client.PostAsJsonAsync("/api/v1/account/change-password", new { currentPassword = "not my password at all", newPassword = "another fine passphrase" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors").TryGetProperty("currentPassword", out _));

        var changed = await user.Client.PostAsJsonAsync("/api/v1/account/change-password", new { currentPassword = user.Password, newPassword = "another fine passphrase" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = user.Password }, ct)).StatusCode);
        using var again = await app.SignInAsync(user.Email, "another fine passphrase");
        // The embedded default writes the "password changed" notice to the outbox.
        Assert.Contains(Outbox.Texts(app), t => t.Contains("password was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_web_cookie_is_httponly_secure_samesite_and_state_changes_need_the_antiforgery_token()
    {
        await using var app = PathavanaFactory.Embedded();
        var user = await app.SignUpAsync();
        using var browser = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var login = await browser.PostAsJsonAsync("/api/v1/account/login?useCookies=true", new { email = user.Email, password = user.Password }, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pathavana.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/account/me", ct)).StatusCode);

        var withoutToken = await browser.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("antiforgery", await withoutToken.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);

        var token = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/antiforgery", ct)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/travelers") { Content = JsonContent.Create(TestUsers.Traveler()) };
        request.Headers.Add("X-XSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request, ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendWithTokenAsync(browser, HttpMethod.Post, "/api/v1/account/logout", token, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/account/me", ct)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_buys_a_new_access_token()
    {
        await using var app = PathavanaFactory.Embedded();
        var user = await app.SignUpAsync();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var login = await (await client.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = user.Password }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);

        var refreshed = await client.PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var garbage = await client.PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = "not-a-token" }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, HttpMethod method, string path, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-XSRF-TOKEN", token);
        return await client.SendAsync(request, ct);
    }

    internal static async Task<List<string>> AuditActionsAsync(PathavanaFactory app, Guid subject)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Pathavana.Platform.Data.PathavanaDbContext>();
        return [.. db.AuditLogs.Where(a => a.SubjectId == subject.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action)];
    }
}
