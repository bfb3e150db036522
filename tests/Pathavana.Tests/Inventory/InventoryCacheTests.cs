using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;
using Pathavana.Tests.Infrastructure;
using StackExchange.Redis;

namespace Pathavana.Tests.Inventory;

public sealed class InventoryCacheTests(TestServers servers)
{
    private const string Search = "/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-28&adults=2";

    // The same query spelled differently: lower case, other order, defaults written out.
    private const string SameSearch = "/api/v1/flights/search?adults=2&destination=lis&departureDate=2026-12-28&origin=bos&cabin=ECONOMY&currency=usd&children=0&nonStop=false";

    private const string OtherSearch = "/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=2026-12-29&adults=2";

    /// <summary>The simulator, counting how often the service really asks it.</summary>
    private sealed class CountingFlights(SimulatedFlightProvider inner) : IFlightProvider
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public Task<IReadOnlyList<FlightOffer>> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return inner.SearchAsync(search, cancellationToken);
        }

        public Task<PriceCheck<FlightOffer>> PriceAsync(FlightOffer offer, CancellationToken cancellationToken) => inner.PriceAsync(offer, cancellationToken);
    }

    private static CountingFlights NewCounter() =>
        new(new SimulatedFlightProvider(LocationDirectory.Shared, new FakeTimeProvider(InventoryApiTests.Now)));

    [Fact]
    public async Task In_process_equivalent_queries_hit_the_cache_and_a_different_one_misses()
    {
        var counter = NewCounter();
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded, s => s.AddSingleton<IFlightProvider>(counter));
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var first = await client.GetStringAsync(Search, ct);
        var second = await client.GetStringAsync(SameSearch, ct);
        Assert.Equal(1, counter.Calls);
        Assert.Equal(first, second);

        await client.GetStringAsync(OtherSearch, ct);
        Assert.Equal(2, counter.Calls);
    }

    [Fact]
    public async Task Redis_shares_results_between_instances_and_holds_no_traveller_data()
    {
        var instance = $"t{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["Redis:InstanceName"] = instance };
        var ct = TestContext.Current.CancellationToken;

        var firstCounter = NewCounter();
        await using var firstFactory = await PathavanaFactory.ProductionAsync(servers, settings);
        await using var first = InventoryApiTests.WithClock(firstFactory, s => s.AddSingleton<IFlightProvider>(firstCounter));
        using var firstClient = first.CreateClient();
        var fromProvider = await firstClient.GetStringAsync(Search, ct);
        Assert.Equal(1, firstCounter.Calls);

        // A second instance (another pod) with an empty in-process cache answers from Redis.
        var secondCounter = NewCounter();
        await using var secondFactory = await PathavanaFactory.ProductionAsync(servers, settings);
        await using var second = InventoryApiTests.WithClock(secondFactory, s => s.AddSingleton<IFlightProvider>(secondCounter));
        using var secondClient = second.CreateClient();
        var fromRedis = await secondClient.GetStringAsync(SameSearch, ct);
        Assert.Equal(0, secondCounter.Calls);
        Assert.Equal(fromProvider, fromRedis);

        // An offer found by the first instance can be fetched by id from the second.
        var id = System.Text.Json.JsonDocument.Parse(fromProvider).RootElement.GetProperty("offers")[2].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync($"/api/v1/flights/offers/{id}", ct)).StatusCode);

        await secondClient.GetStringAsync(OtherSearch, ct);
        Assert.Equal(1, secondCounter.Calls);

        // What Redis holds: inventory keys made of codes, dates and counts only.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.Redis.Configuration);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: instance + "*").Select(k => k.ToString()).ToList();
        Assert.Contains(keys, k => k.Contains("inventory:v2:flights:", StringComparison.Ordinal) && k.Contains(":BOS-LIS@20261228,:2-0-0:Economy:", StringComparison.Ordinal));
        Assert.All(keys, k => Assert.Matches(@"^[A-Za-z0-9:_\-@,.~+]*$", k));
    }

    private static async Task<Dictionary<string, long>> CommandCountsAsync(IServer server)
    {
        var counts = new Dictionary<string, long>();
        foreach (var group in await server.InfoAsync("commandstats"))
        {
            foreach (var (name, value) in group)
            {
                // cmdstat_get: calls=3,usec=…
                var calls = value.Split(',')[0].Split('=')[1];
                counts[name["cmdstat_".Length..]] = long.Parse(calls, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return counts;
    }

    [Fact]
    public async Task An_uncached_search_costs_a_few_Redis_commands_and_its_offers_are_found_by_id_on_another_instance()
    {
        // A Redis of its own, so that only this app's commands are counted.
        await using var redisServer = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redisServer.Configuration, ["Redis:InstanceName"] = "p:" };
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.Configuration + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints()[0]);

        // The wrapper is not the simulator: its offers cannot be rebuilt from their ids, only found in the cache.
        var firstCounter = NewCounter();
        await using var firstFactory = await PathavanaFactory.ProductionAsync(servers, settings);
        await using var first = InventoryApiTests.WithClock(firstFactory, s => s.AddSingleton<IFlightProvider>(firstCounter));
        using var firstClient = first.CreateClient();
        await firstClient.GetStringAsync("/health/live", ct);

        const string roundTrip = "/api/v1/flights/search?origin=NYC&destination=LON&departureDate=2026-12-28&returnDate=2027-01-04&adults=2";
        await server.ExecuteAsync("CONFIG", "RESETSTAT");
        var body = await firstClient.GetStringAsync(roundTrip, ct);
        Assert.Equal(1, firstCounter.Calls);
        var offers = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("offers");
        Assert.True(offers.GetArrayLength() > 20, "a round trip between two metro areas finds many offers");

        // The search's cache traffic: GET (miss), SETEX of the one entry, HMSET + EXPIRE of the offer index (4);
        // not one write per offer. HybridCache may write the shared tier after the answer is sent, so wait for
        // the entry's write to arrive before counting (a loaded machine can be slower than the response).
        string[] entryWrites = ["set", "setex", "psetex"];
        var counts = await Eventually.UntilAsync(_ => CommandCountsAsync(server),
            c => entryWrites.Sum(w => c.GetValueOrDefault(w)) >= 1, cancellationToken: ct);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}")));
        var cacheCommands = new[] { "get", "set", "setex", "psetex", "hset", "hmset", "expire", "pexpire", "hget", "hgetall" }.Sum(c => counts.GetValueOrDefault(c));
        Assert.InRange(cacheCommands, 4, 6);

        // Another instance (another pod, empty in-process cache) finds any of those offers by id.
        var secondCounter = NewCounter();
        await using var secondFactory = await PathavanaFactory.ProductionAsync(servers, settings);
        await using var second = InventoryApiTests.WithClock(secondFactory, s => s.AddSingleton<IFlightProvider>(secondCounter));
        using var secondClient = second.CreateClient();
        var last = offers[offers.GetArrayLength() - 1];
        var id = last.GetProperty("id").GetString();
        var found = await secondClient.GetAsync($"/api/v1/flights/offers/{id}", ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var offer = System.Text.Json.JsonDocument.Parse(await found.Content.ReadAsStringAsync(ct)).RootElement;
        var foundOffer = offer.TryGetProperty("offer", out var wrapped) ? wrapped : offer;
        Assert.Equal(id, foundOffer.GetProperty("id").GetString());
        Assert.Equal(last.GetProperty("totalPrice").GetProperty("amount").GetDecimal(), foundOffer.GetProperty("totalPrice").GetProperty("amount").GetDecimal());
        Assert.Equal(0, secondCounter.Calls);
        Assert.Equal(HttpStatusCode.NotFound, (await secondClient.GetAsync("/api/v1/flights/offers/not-an-offer-we-returned", ct)).StatusCode);
    }
}
