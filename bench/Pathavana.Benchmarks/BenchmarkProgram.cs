using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Benchmarks;

public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["--chat-percentiles", ..])
        {
            ChatTurnBenchmarks.PercentilesAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000).GetAwaiter().GetResult();
            return;
        }
        if (args is ["--calendar", ..])
        {
            CalendarBenchmarks.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200).GetAwaiter().GetResult();
            return;
        }
        if (args is ["--conversation-percentiles", ..])
        {
            ChatTurnBenchmarks.ConversationPercentilesAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300).GetAwaiter().GetResult();
            return;
        }
        if (args is ["--percentiles", ..])
        {
            Percentiles(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
            return;
        }
        // Max is reported because it bounds the p95 of iteration means; per-call p99 comes from --percentiles.
        var config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.P95, StatisticColumn.Max)
            .AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }

    /// <summary>Times single calls (not iteration means) and prints p50, p99 and max for each.</summary>
    private static void Percentiles(int calls)
    {
        var provider = new SimulatedFlightProvider(LocationDirectory.Shared, TimeProvider.System);
        var departure = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(33);
        var cases = new (string Name, Func<object> Run)[]
        {
            ("location Find(LIS)", () => LocationDirectory.Shared.Find("LIS")!),
            ("location Search(san)", () => LocationDirectory.Shared.Search("san")),
            ("flights BOS-LIS one-way (warm)", () => provider.Search(FlightSearch.OneWay("BOS", "LIS", departure, new PassengerMix(2)))),
            ("flights NYC-LON round trip, all airports (warm)", () => provider.Search(FlightSearch.RoundTrip("NYC", "LON", departure, departure.AddDays(7), new PassengerMix(2, 1, 1)))),
            ("flights BOS-LIS one-way (cold)", () => { provider.ForgetRoutes(); return provider.Search(FlightSearch.OneWay("BOS", "LIS", departure, new PassengerMix(2))); }),
            ("flights NYC-LON round trip, all airports (cold)", () => { provider.ForgetRoutes(); return provider.Search(FlightSearch.RoundTrip("NYC", "LON", departure, departure.AddDays(7), new PassengerMix(2, 1, 1))); }),
        };
        Console.WriteLine($"| Case | Calls | p50 | p99 | Max |");
        Console.WriteLine($"| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, run) in cases)
        {
            for (var i = 0; i < 200; i++)
            {
                run();
            }
            var samples = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                run();
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
            Array.Sort(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {calls} | {samples[calls / 2]:0.0} µs | {samples[(int)(calls * 0.99)]:0.0} µs | {samples[^1]:0.0} µs |"));
        }
    }
}
