using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Security;

public sealed class EnumerationTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_up_answers_the_same_for_a_taken_address_and_the_owner_hears_of_it_by_email()
    {
        await using var smtp = new SmtpSink();
        await using var app = await PathavanaFactory.ProductionAsync(servers, smtp.Settings());
        var owner = await app.SignUpAsync();
        using var client = app.CreateClient();

        var taken = await client.PostAsJsonAsync("/api/v1/account/register", new { email = owner.Email.ToUpperInvariant(), password = "someone else's passphrase" }, Ct);
        var fresh = await client.PostAsJsonAsync("/api/v1/account/register", new { email = $"new-{Guid.NewGuid():N}@example.com", password = "someone else's passphrase" }, Ct);

        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(Ct), await taken.Content.ReadAsStringAsync(Ct));
        await smtp.WaitForAsync(m => m.To.ToString().Contains(owner.Email, StringComparison.OrdinalIgnoreCase)
                                     && (m.Subject ?? "").Contains("already have", StringComparison.Ordinal));
        // The owner's password still works; the newcomer's does not take over.
        await app.SignInAsync(owner.Email, owner.Password);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/v1/account/login", new { email = owner.Email, password = "someone else's passphrase" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Thirty_reset_requests_for_one_address_send_three_emails_and_always_answer_the_same()
    {
        await using var smtp = new SmtpSink();
        await using var app = PathavanaFactory.Embedded(new Dictionary<string, string?>(smtp.Settings())
        {
            ["RateLimiting:EmailPerAddress:PermitLimit"] = "3",
        });
        var user = await app.SignUpAsync();
        await smtp.WaitForAsync(m => (m.Subject ?? "").Contains("Confirm", StringComparison.Ordinal));
        using var client = app.CreateClient();

        for (var i = 0; i < 30; i++)
        {
            var answer = await client.PostAsJsonAsync("/api/v1/account/forgot-password", new { email = user.Email }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }
        // The confirmation took one of the address's three emails an hour; two reset links follow.
        await smtp.WaitForAsync(m => smtp.Messages.Count(x => (x.Subject ?? "").Contains("Reset", StringComparison.Ordinal)) == 2);
        var unknown = await client.PostAsJsonAsync("/api/v1/account/forgot-password", new { email = "nobody-at-all@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(3, smtp.Messages.Count);
    }

    [Fact]
    public async Task Signing_in_takes_as_long_for_an_unknown_address_as_for_a_known_one()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers, new Dictionary<string, string?>
        {
            ["SignInBackoff:FreeAttempts"] = "100000",
        });
        var user = await app.SignUpAsync();
        using var client = app.CreateClient();

        async Task<double> TimeAsync(string email)
        {
            var clock = Stopwatch.StartNew();
            var response = await client.PostAsJsonAsync("/api/v1/account/login", new { email, password = "not the password at all" }, Ct);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return elapsed;
        }

        // Warm up both paths, then interleave so a busy moment of the machine hits both alike.
        await TimeAsync(user.Email);
        await TimeAsync("warm-up@example.com");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            known.Add(await TimeAsync(user.Email));
            unknown.Add(await TimeAsync($"unknown-{i}@example.com"));
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var ratio = Median(unknown) / Median(known);
        TestContext.Current.SendDiagnosticMessage($"median known {Median(known):0.0} ms, unknown {Median(unknown):0.0} ms, ratio {ratio:0.00}");
        Assert.InRange(ratio, 0.8, 1.2);

        // And the answers are the same.
        var a = await client.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = "not the password at all" }, Ct);
        var b = await client.PostAsJsonAsync("/api/v1/account/login", new { email = "nobody@example.com", password = "not the password at all" }, Ct);
        static string Shape(JsonElement e) => e.GetProperty("title").GetString() + "|" + e.GetProperty("detail").GetString();
        Assert.Equal(Shape(await a.Content.ReadFromJsonAsync<JsonElement>(Ct)), Shape(await b.Content.ReadFromJsonAsync<JsonElement>(Ct)));
    }

    [Fact]
    public async Task Failed_guesses_slow_down_the_guessing_address_but_never_lock_the_owner_out()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var user = await app.SignUpAsync();
        using var client = app.CreateClient();

        async Task<HttpResponseMessage> LoginFromAsync(string ip, string email, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/login") { Content = JsonContent.Create(new { email, password }) };
            request.Headers.Add(PathavanaFactory.ClientAddressHeader, ip);
            return await client.SendAsync(request, Ct);
        }

        for (var i = 0; i < 6; i++)
        {
            await LoginFromAsync("203.0.113.66", user.Email, "guess number " + i);
        }
        var attacker = await LoginFromAsync("203.0.113.66", user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, attacker.StatusCode);
        Assert.Equal("lockedOut", (await attacker.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.True(attacker.Headers.RetryAfter?.Delta <= TimeSpan.FromMinutes(15), "the wait is bounded");

        var owner = await LoginFromAsync("192.0.2.10", user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);

        // An unknown address backs off the same way: the back-off tells nothing about who has an account.
        for (var i = 0; i < 6; i++)
        {
            await LoginFromAsync("203.0.113.66", "nobody-here@example.com", "guess number " + i);
        }
        var ghost = await LoginFromAsync("203.0.113.66", "nobody-here@example.com", "guess number 7");
        Assert.Equal("lockedOut", (await ghost.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }
}
