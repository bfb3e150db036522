using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Tests.Infrastructure;
using Pathavana.Tests.Security;

namespace Pathavana.Tests.Inventory;

/// <summary>
/// The in-process cache holds at most <c>Caching:LocalMaxBytes</c> of results however many distinct
/// searches arrive, and the app keeps answering: within a small configured limit in process, and as
/// a real process under a pod-like heap hard limit.
/// </summary>
public sealed class BoundedCacheTests
{
    private static string RoundTrip(DateOnly today, int i) =>
        string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/flights/search?origin=NYC&destination=LON&departureDate={today.AddDays(7 + (i % 300)):yyyy-MM-dd}&returnDate={today.AddDays(14 + (i % 300)):yyyy-MM-dd}&adults={1 + (i / 300 % 4)}");

    [Fact]
    public async Task Many_distinct_searches_stay_within_the_configured_bytes_and_the_app_still_answers()
    {
        const long limit = 1024 * 1024;
        await using var embedded = PathavanaFactory.Embedded(new Dictionary<string, string?> { ["Caching:LocalMaxBytes"] = limit.ToString(CultureInfo.InvariantCulture) });
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var cache = (MemoryCache)app.Services.GetRequiredService<IMemoryCache>();
        var today = DateOnly.FromDateTime(InventoryApiTests.Now.UtcDateTime);

        long largest = 0;
        for (var i = 0; i < 150; i++)
        {
            var response = await client.GetAsync(RoundTrip(today, i), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            largest = Math.Max(largest, cache.GetCurrentStatistics()!.CurrentEstimatedSize ?? 0);
        }

        // 150 round trips across two metro areas are several megabytes of results; the cache kept
        // no more than its megabyte, and something (it is a cache, not a no-op).
        Assert.InRange(largest, 1, limit);
        Assert.True(cache.Count < 150, $"{cache.Count} entries for 150 searches: nothing was evicted");
        var again = await client.GetAsync(RoundTrip(today, 149), ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Under_a_pod_heap_limit_a_stream_of_distinct_searches_leaves_the_process_alive_and_answering()
    {
        // 96 MiB of heap (a pod's limit scaled down so the test stays short) and the cache in the defaults' ratio (32 MiB to
        // the 384 MiB heap of a 512 Mi pod): 8 MiB of results, whose objects take two to three times that.
        // With the cache unbounded (Caching__LocalMaxBytes=2 GiB) this process dies of OutOfMemoryException.
        await using var replica = await Replica.StartAsync(new Dictionary<string, string>
        {
            ["DOTNET_GCHeapHardLimit"] = "0x6000000",
            ["RateLimiting__PermitLimit"] = "100000",
            ["Caching__LocalMaxBytes"] = (8 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        });
        var ct = TestContext.Current.CancellationToken;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var next = -1;
        var failures = new List<string>();
        string? lastOfferId = null;
        async Task Client()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < 1200 && !replica.HasExited;)
            {
                using var response = await replica.Client.GetAsync(RoundTrip(today, i), ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    lock (failures)
                    {
                        failures.Add($"{i}: {(int)response.StatusCode}");
                    }
                    continue;
                }
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                Volatile.Write(ref lastOfferId, body.RootElement.GetProperty("offers")[0].GetProperty("id").GetString());
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Client, ct)));

        Assert.False(replica.HasExited, "the process died:\n" + string.Join('\n', replica.Output.TakeLast(40)));
        Assert.True(failures.Count == 0, $"failed: {string.Join(", ", failures)}\n" + string.Join('\n', replica.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).TakeLast(40)));
        Assert.Equal(HttpStatusCode.OK, (await replica.Client.GetAsync("/health/live", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replica.Client.GetAsync($"/api/v1/flights/offers/{lastOfferId}", ct)).StatusCode);
        TestContext.Current.TestOutputHelper?.WriteLine($"RSS after 1,200 distinct round-trip searches: {replica.ResidentBytes / (1024 * 1024)} MiB");
    }
}
