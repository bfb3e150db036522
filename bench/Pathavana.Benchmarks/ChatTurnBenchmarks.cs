using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Assistant;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;

namespace Pathavana.Benchmarks;

/// <summary>
/// One offline chat turn as the API runs it: load the session from SQLite, understand the
/// utterance, merge the slots, search the simulator (through the inventory cache), store both
/// messages and the new state. The app is the real one (PathavanaApp) over a fresh SQLite file.
/// </summary>
[MemoryDiagnoser]
public class ChatTurnBenchmarks
{
    private WebApplication? app;
    private Guid session;
    private string utterance = "";
    private string dataDirectory = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    internal async Task SetupAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("pathavana-bench-").FullName;
        app = PathavanaApp.Create([$"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        await app.Services.MigrateSqliteAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var created = new ChatSession { Title = ChatTurns.DefaultTitle, AnonymousTokenHash = new string('a', 64) };
        db.Add(created);
        await db.SaveChangesAsync();
        session = created.Id;
        var depart = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(33);
        utterance = string.Create(CultureInfo.InvariantCulture, $"flights from Boston to Lisbon on {depart:yyyy-MM-dd}, back {depart.AddDays(7):yyyy-MM-dd}, 2 adults");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Benchmark]
    public int OfflineTurnBostonLisbonRoundTrip() => TurnAsync().GetAwaiter().GetResult();

    internal async Task<int> TurnAsync()
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var owner = new ChatOwner(null, new string('a', 64));
        var loaded = await owner.Scope(db.ChatSessions).SingleAsync(s => s.Id == session);
        var outcome = await scope.ServiceProvider.GetRequiredService<ChatTurns>().RunAsync(loaded, owner, utterance, CancellationToken.None);
        return outcome.Payload.Cards.Count;
    }

    /// <summary>Single turns timed one by one: p50, p99 and max.</summary>
    internal static async Task PercentilesAsync(int turns)
    {
        var bench = new ChatTurnBenchmarks();
        await bench.SetupAsync();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                await bench.TurnAsync();
            }
            var samples = new double[turns];
            for (var i = 0; i < turns; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var cards = await bench.TurnAsync();
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (cards == 0)
                {
                    throw new InvalidOperationException("A turn found no flights: the benchmark would measure the wrong path.");
                }
            }
            Array.Sort(samples);
            Console.WriteLine("| Case | Turns | p50 | p99 | Max |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| offline chat turn BOS-LIS round trip (understand + search + persist, SQLite) | {turns} | {samples[turns / 2]:0.00} ms | {samples[(int)(turns * 0.99)]:0.00} ms | {samples[^1]:0.00} ms |"));
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
