using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>
/// Outcomes the API answers on purpose (409 for two turns on one chat at once, 404, validation)
/// are not errors: nothing is logged at ERROR or above for them.
/// </summary>
public sealed class ExpectedOutcomeLogTests(TestServers servers)
{
    [Fact]
    public async Task A_409_for_two_turns_at_once_a_404_and_a_400_log_no_error()
    {
        await using var app = await PathavanaFactory.ProductionAsync(servers);
        var ct = TestContext.Current.CancellationToken;
        var ana = await app.SignUpAsync();
        var bea = await app.SignUpAsync();

        // Two turns on one session at once until the database refuses one (a unique sequence number):
        // waited for as a condition, bounded only by the number of tries.
        var conflicts = 0;
        for (var attempt = 0; attempt < 40 && conflicts == 0; attempt++)
        {
            var session = await ana.Client.NewSessionAsync();
            var turns = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                ana.Client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text = $"Boston to Lisbon, {i + 2} of us" }, ct)));
            Assert.All(turns, t => Assert.True(t.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)t.StatusCode}"));
            conflicts += turns.Count(t => t.StatusCode == HttpStatusCode.Conflict);
        }
        Assert.True(conflicts > 0, "no two turns ever met; the 409 path was not exercised");

        var theirs = await ana.Client.NewSessionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await bea.Client.GetAsync($"/api/v1/chat/sessions/{theirs}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.Client.GetAsync($"/api/v1/chat/sessions/{Guid.NewGuid()}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.Client.GetAsync("/api/v1/flights/offers/never-returned", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.Client.GetAsync("/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=yesterday", ct)).StatusCode);

        var errors = app.Logs.Records.Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Category}: {r.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}
