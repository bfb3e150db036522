using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Accounts;
using Pathavana.Platform.Data;
using Pathavana.Tests.Infrastructure;
using Pathavana.Tests.Observability;

namespace Pathavana.Tests.Privacy;

/// <summary>
/// Analytics are anonymous: after a whole visit (anonymous chat, sign-up, chat, traveller, search,
/// trip, booking, share) the metrics an operator scrapes carry no user id, session id, email, client
/// address or any other record's id in any label — nor anything that looks like one.
/// </summary>
public sealed partial class AnonymousMetricsTests(TestServers servers)
{
    private const string ClientIp = "198.51.100.77";

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b", RegexOptions.IgnoreCase)]
    private static partial Regex IpAddress();

    [Fact]
    public async Task Metrics_after_a_full_visit_name_no_person_session_or_address_on_sqlite()
    {
        await using var app = PathavanaFactory.Embedded();
        await AssertAnonymousAsync(app);
    }

    [Fact]
    public async Task Metrics_after_a_full_visit_name_no_person_session_or_address_on_postgres()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        await AssertAnonymousAsync(app);
    }

    private static async Task AssertAnonymousAsync(PathavanaFactory app)
    {
        var ct = TestContext.Current.CancellationToken;
        var visit = await PrivacyFlow.RunAsync(app, clientIp: ClientIp);
        var client = visit.User.Client;
        // A shared trip link and a failed sign-in from the same address: more paths that carry ids and addresses.
        var shared = await client.PostAsync($"/api/v1/trips/{visit.Trip}/share", null, ct);
        Assert.True(shared.IsSuccessStatusCode, await shared.Content.ReadAsStringAsync(ct));
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/account/login", new { email = visit.User.Email, password = "not the password at all" }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        List<string> secrets;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
            var sessions = await db.Set<UserSession>().Where(s => s.UserId == visit.User.Id).Select(s => s.Id).ToListAsync(ct);
            Assert.NotEmpty(sessions);
            var ids = new[] { visit.User.Id, visit.Session, visit.AnonymousSession, visit.Trip, visit.Booking, visit.Traveler }.Concat(sessions);
            secrets = [.. ids.SelectMany(id => new[] { id.ToString("D"), id.ToString("N") }), visit.User.Email, ClientIp, visit.ProviderReference];
        }

        var scrape = await app.CreateClient().GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync(ct);
        var samples = PrometheusText.Parse(text);
        // Not vacuous: the visit is in the metrics (requests by route, the chat turns, the search, the booking).
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Has("http_route", "/api/v1/trips/{id:guid}/share"));
        Assert.Contains(samples, s => s.Name == "pathavana_chat_turns_total" && s.Value >= 2);
        Assert.Contains(samples, s => s.Name.StartsWith("pathavana_booking", StringComparison.Ordinal) && s.Value > 0);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres)
        {
            Assert.Contains(samples, s => s.Has("db_client_connection_pool_name", "pathavana"));
        }

        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
        // Allowed: OpenTelemetry's service_instance_id on target_info names the process (a replica), not a person;
        // server_address on database metrics is the address of our own database server, and on outgoing HTTP
        // metrics the server called. Npgsql's meter is
        // process-wide: connections the tests open themselves (this process runs other tests too) have pools
        // named by their connection strings; the app's own pool is 'pathavana', and no pool names its database.
        var database = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(PrivacyFlow.ConnectionString(app)).Database
            : null;
        var pools = samples.Select(s => s.Labels.GetValueOrDefault("db_client_connection_pool_name")).OfType<string>().Distinct().ToList();
        Assert.DoesNotContain(pools, p => database is not null && p.Contains($"Database={database};", StringComparison.Ordinal));
        var labels = samples.SelectMany(s => s.Labels.Select(l => (Sample: s.Name, l.Key, l.Value)))
            .Where(l => !(l.Sample == "target_info" && l.Key == "service_instance_id"))
            .Where(l => !(l.Sample.StartsWith("db_client_", StringComparison.Ordinal) && l.Key == "server_address"))
            // Outgoing calls (http_client_*) name the server called (a vendor, or a loopback fake here), never a visitor.
            .Where(l => !(l.Sample.StartsWith("http_client_", StringComparison.Ordinal) && l.Key is "server_address" or "network_peer_address"))
            .Where(l => !(l.Key == "db_client_connection_pool_name" && l.Value != "pathavana"))
            .ToList();
        var suspicious = labels.Where(l => Uuid().IsMatch(l.Value) || EmailAddress().IsMatch(l.Value) || IpAddress().IsMatch(l.Value)).Distinct().ToList();
        Assert.True(suspicious.Count == 0, "Labels that look like an id, an email or an address: " + string.Join("; ", suspicious));
    }
}
