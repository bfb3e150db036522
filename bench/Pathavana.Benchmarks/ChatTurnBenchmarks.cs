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

    /// <summary>A new anonymous session, with <paramref name="messages"/> earlier messages already stored (user and assistant in turn).</summary>
    private async Task<Guid> NewSessionAsync(int messages)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var created = new ChatSession { Title = "bench", AnonymousTokenHash = new string('a', 64) };
        db.Add(created);
        for (var i = 1; i <= messages; i++)
        {
            db.Add(new ChatMessage { SessionId = created.Id, Role = i % 2 == 1 ? ChatRole.User : ChatRole.Assistant, Text = i % 2 == 1 ? "nonstop only" : "Here are the 3 best flights.", Seq = i });
        }
        await db.SaveChangesAsync();
        return created.Id;
    }

    private async Task<int> TurnAsync(Guid id, string text)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var owner = new ChatOwner(null, new string('a', 64));
        var loaded = await owner.Scope(db.ChatSessions).SingleAsync(s => s.Id == id);
        var outcome = await scope.ServiceProvider.GetRequiredService<ChatTurns>().RunAsync(loaded, owner, text, CancellationToken.None);
        return outcome.Payload.Cards.Count;
    }

    /// <summary>The bare turn: load the session and store two messages and its state, with no understanding and no search.</summary>
    private async Task<int> BareTurnAsync(Guid id)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var owner = new ChatOwner(null, new string('a', 64));
        var loaded = await owner.Scope(db.ChatSessions).SingleAsync(s => s.Id == id);
        var seq = await db.ChatMessages.Where(m => m.SessionId == id).MaxAsync(m => (int?)m.Seq) ?? 0;
        db.AddRange(new ChatMessage { SessionId = id, Role = ChatRole.User, Text = "hello", Seq = seq + 1 },
            new ChatMessage { SessionId = id, Role = ChatRole.Assistant, Text = "hello", Seq = seq + 2 });
        loaded.State = "{}";
        loaded.UpdatedAt = DateTimeOffset.UtcNow;
        return await db.SaveChangesAsync();
    }

    /// <summary>
    /// The conversation cases of issue 12, each turn timed alone on its own session: a turn at message
    /// 1, a turn at message 200 of one session (198 messages stored before it), a flexible-date turn and
    /// an open-destination turn, beside the bare turn (load and store only) for the ratio.
    /// </summary>
    internal static async Task ConversationPercentilesAsync(int samples)
    {
        var bench = new ChatTurnBenchmarks();
        await bench.SetupAsync();
        try
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var depart = today.AddDays(33);
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(3).ToString("MMMM", CultureInfo.InvariantCulture);
            var cases = new (string Name, int Prefill, Func<Guid, Task<int>> Run)[]
            {
                ("bare turn: load the session, store two messages (no understanding, no search)", 0, bench.BareTurnAsync),
                ("offline turn at message 1: BOS-LIS round trip, 2 adults", 0, id => bench.TurnAsync(id, string.Create(CultureInfo.InvariantCulture, $"flights from Boston to Lisbon on {depart:yyyy-MM-dd}, back {depart.AddDays(7):yyyy-MM-dd}, 2 adults"))),
                ("offline turn at message 200 of one session: same request", 198, id => bench.TurnAsync(id, string.Create(CultureInfo.InvariantCulture, $"flights from Boston to Lisbon on {depart:yyyy-MM-dd}, back {depart.AddDays(7):yyyy-MM-dd}, 2 adults"))),
                ($"flexible dates: the cheapest 5 days in {month}, NYC-PAR, 2 adults", 0, id => bench.TurnAsync(id, $"flights from New York to Paris, the least expensive 5 days in {month}, 2 adults")),
                ($"open destination: somewhere warm and cheap in {month} from Boston", 0, id => bench.TurnAsync(id, $"somewhere warm and cheap in {month} from Boston")),
            };
            Console.WriteLine("| Case | Turns | p50 | p99 | Max | p50 ÷ bare p50 |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            double? bare = null;
            foreach (var (name, prefill, run) in cases)
            {
                var sessions = new Guid[samples + 10];
                for (var i = 0; i < sessions.Length; i++)
                {
                    sessions[i] = await bench.NewSessionAsync(prefill);
                }
                var cold = Stopwatch.GetTimestamp();
                await run(sessions[0]);
                var first = Stopwatch.GetElapsedTime(cold).TotalMilliseconds;
                for (var i = 1; i < 10; i++)
                {
                    await run(sessions[i]);
                }
                var times = new double[samples];
                for (var i = 0; i < samples; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var cards = await run(sessions[10 + i]);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (cards == 0 && bare is not null)
                    {
                        throw new InvalidOperationException($"{name}: a turn showed no cards; the benchmark would measure the wrong path.");
                    }
                }
                Array.Sort(times);
                var p50 = times[samples / 2];
                bare ??= p50;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} (first, cold cache: {first:0.0} ms) | {samples} | {p50:0.00} ms | {times[(int)(samples * 0.99)]:0.00} ms | {times[^1]:0.00} ms | {p50 / bare.Value:0.0} |"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
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
