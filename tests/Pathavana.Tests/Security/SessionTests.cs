using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

public sealed class SessionTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> LoginAsync(HttpClient client, string email, string password)
    {
        var login = await client.PostAsJsonAsync("/api/v1/account/login", new { email, password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return await login.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return (await client.SendAsync(request, Ct)).StatusCode;
    }

    [Fact]
    public async Task A_cookie_kept_after_sign_out_no_longer_signs_in_on_any_replica()
    {
        // Two app instances sharing PostgreSQL and Redis, as two replicas would.
        await using var one = await PathavanaFactory.ProductionAsync(servers);
        await using var two = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = one.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pathavana.Platform.Data.DatabaseOptions>>().Value.ConnectionString,
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Redis:Configuration"] = servers.Redis.Configuration,
            ["Redis:InstanceName"] = one.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pathavana.Platform.Caching.RedisOptions>>().Value.InstanceName,
        });
        using var other = two.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost/") });
        var user = await one.SignUpAsync();
        using var browser = one.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost/") });
        var login = await browser.PostAsJsonAsync("/api/v1/account/login?useCookies=true", new { email = user.Email, password = user.Password }, Ct);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pathavana.auth=", StringComparison.Ordinal)).Split(';')[0];

        async Task<HttpStatusCode> WithCookieAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account/me");
            request.Headers.Add("Cookie", cookie);
            return (await client.SendAsync(request, Ct)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(browser));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(other));

        // Sign out with the cookie (and its antiforgery token), keep a copy of the cookie.
        using var afRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account/antiforgery");
        afRequest.Headers.Add("Cookie", cookie);
        var af = await browser.SendAsync(afRequest, Ct);
        var afCookie = af.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pathavana.af=", StringComparison.Ordinal)).Split(';')[0];
        var token = (await af.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/logout");
        logout.Headers.Add("Cookie", $"{cookie}; {afCookie}");
        logout.Headers.Add("X-XSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(other));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(user.Client));
    }

    [Fact]
    public async Task A_password_change_or_reset_ends_every_token_at_once_and_sign_out_everywhere_ends_them_all()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var user = await app.SignUpAsync();
        using var anonymous = app.CreateClient();
        var phone = await LoginAsync(anonymous, user.Email, user.Password);
        var phoneToken = phone.GetProperty("accessToken").GetString();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(anonymous, phoneToken));
        Assert.True(phone.GetProperty("expiresIn").GetInt32() <= 15 * 60, "access tokens last minutes");

        var changed = await user.Client.PostAsJsonAsync("/api/v1/account/change-password",
            new { currentPassword = user.Password, newPassword = "a fresh and lengthy passphrase" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(anonymous, phoneToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/account/me", Ct)).StatusCode);
        var refresh = await anonymous.PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = phone.GetProperty("refreshToken").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);

        // Three sessions, then "sign out everywhere" from one of them.
        var a = await LoginAsync(anonymous, user.Email, "a fresh and lengthy passphrase");
        var b = await LoginAsync(anonymous, user.Email, "a fresh and lengthy passphrase");
        using var everywhere = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/logout-everywhere");
        everywhere.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.GetProperty("accessToken").GetString());
        var ended = await anonymous.SendAsync(everywhere, Ct);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(2, (await ended.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sessionsEnded").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(anonymous, a.GetProperty("accessToken").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(anonymous, b.GetProperty("accessToken").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/account/refresh",
            new { refreshToken = b.GetProperty("refreshToken").GetString() }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_retired_one_presented_again_ends_the_session()
    {
        await using var app = PathavanaFactory.Embedded();
        var user = await app.SignUpAsync();
        using var client = app.CreateClient();
        var first = await LoginAsync(client, user.Email, user.Password);

        var rotated = await client.PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = first.GetProperty("refreshToken").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client, second.GetProperty("accessToken").GetString()));

        // A thief replays the first refresh token: refused, and the whole session ends.
        var replay = await client.PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = first.GetProperty("refreshToken").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client, second.GetProperty("accessToken").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/account/refresh",
            new { refreshToken = second.GetProperty("refreshToken").GetString() }, Ct)).StatusCode);
    }

    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ended_sessions_are_deleted_a_week_after_they_end_and_live_ones_stay(string provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>();
        if (provider == "postgres")
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Pathavana"] = await servers.Postgres.CreateMigratedDatabaseAsync();
            settings["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey;
        }
        await using var app = PathavanaFactory.Embedded(settings, clock: clock);
        var user = await app.SignUpAsync();
        using var anonymous = app.CreateClient();
        var kept = await LoginAsync(anonymous, user.Email, user.Password);
        var signedOut = await LoginAsync(anonymous, user.Email, user.Password);
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/logout"))
        {
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", signedOut.GetProperty("accessToken").GetString());
            Assert.Equal(HttpStatusCode.NoContent, (await anonymous.SendAsync(logout, Ct)).StatusCode);
        }
        int Sessions()
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<Pathavana.Platform.Data.PathavanaDbContext>().Set<Pathavana.Accounts.UserSession>()
                .Count(s => s.UserId == user.Id);
        }
        Assert.Equal(3, Sessions());

        // Eight days on: the session signed out a week ago is gone; the two live ones are not.
        clock.Advance(TimeSpan.FromDays(8));
        await EventuallyAsync(() => Sessions() == 2, clock);
        Assert.Equal(2, Sessions());
        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = kept.GetProperty("refreshToken").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        // Past the 30-day limit plus a week, every session of the account has ended and gone; signing in starts afresh.
        clock.Advance(TimeSpan.FromDays(30));
        await EventuallyAsync(() => Sessions() == 0, clock);
        var again = await LoginAsync(anonymous, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(anonymous, again.GetProperty("accessToken").GetString()));
        Assert.Equal(1, Sessions());
    }

    /// <summary>
    /// Waits for the clean-up (a periodic timer on the app's clock) to bring about a state, moving the
    /// clock on by one clean-up interval now and then in case the timer was armed after the first move.
    /// </summary>
    private static async Task EventuallyAsync(Func<bool> condition, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        for (var i = 1; !condition(); i++)
        {
            Assert.True(DateTime.UtcNow < deadline, "the session clean-up did not run");
            await Task.Delay(100, Ct);
            if (i % 20 == 0)
            {
                clock.Advance(TimeSpan.FromMinutes(60));
            }
        }
    }
}
