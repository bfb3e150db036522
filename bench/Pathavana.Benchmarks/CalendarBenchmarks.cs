using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;

namespace Pathavana.Benchmarks;

/// <summary>
/// The price calendar against a single search and a bare endpoint, over HTTP on loopback, in one run
/// of the real app (embedded default: simulator, in-process cache). Every search and calendar call
/// asks for a combination not asked before (a different passenger mix and currency), so none is
/// answered by the inventory cache; "cold" also forgets the simulator's remembered routings and
/// timetables first.
/// </summary>
internal static class CalendarBenchmarks
{
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK"];

    public static async Task RunAsync(int calls)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pathavana-bench-").FullName;
        var app = PathavanaApp.Create([
            "--urls=http://127.0.0.1:0", $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning",
            "--RateLimiting:PermitLimit=1000000",
        ]);
        await app.Services.MigrateSqliteAsync(CancellationToken.None);
        await app.StartAsync();
        try
        {
            var address = app.Urls.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var simulator = (SimulatedFlightProvider)app.Services.GetRequiredService<IFlightProvider>();
            var month = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2);
            var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var day = new DateOnly(month.Year, month.Month, 15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var unique = 0;
            string Mix()
            {
                // 9 adult counts × 12 currencies × children 0–8: thousands of distinct cache keys.
                var n = unique++;
                return string.Create(CultureInfo.InvariantCulture,
                    $"adults={1 + (n % 9)}&currency={Currencies[n / 9 % Currencies.Length]}&children={n / 108 % (9 - (1 + (n % 9)) + 1)}");
            }

            var cases = new (string Name, Func<string> Url, bool Cold)[]
            {
                ("bare endpoint GET /health/live", () => "/health/live", false),
                ("single search BOS→LIS, uncached", () => $"/api/v1/flights/search?origin=BOS&destination=LIS&departureDate={day}&{Mix()}", false),
                ("month calendar BOS→LIS, uncached", () => $"/api/v1/flights/calendar?origin=BOS&destination=LIS&month={monthText}&{Mix()}", false),
                ("single search NYC→LON, uncached", () => $"/api/v1/flights/search?origin=NYC&destination=LON&departureDate={day}&{Mix()}", false),
                ("month calendar NYC→LON, uncached", () => $"/api/v1/flights/calendar?origin=NYC&destination=LON&month={monthText}&{Mix()}", false),
                ("single search NYC→LON, uncached and cold", () => $"/api/v1/flights/search?origin=NYC&destination=LON&departureDate={day}&{Mix()}", true),
                ("month calendar NYC→LON, uncached and cold", () => $"/api/v1/flights/calendar?origin=NYC&destination=LON&month={monthText}&{Mix()}", true),
            };
            var medians = new Dictionary<string, double>();
            Console.WriteLine("| Case | Calls | p50 | p99 | × bare (p50) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (name, url, cold) in cases)
            {
                for (var i = 0; i < 30; i++)
                {
                    await GetAsync(http, url());
                }
                var samples = new double[calls];
                for (var i = 0; i < calls; i++)
                {
                    var path = url();
                    if (cold)
                    {
                        simulator.ForgetRoutes();
                    }
                    var started = Stopwatch.GetTimestamp();
                    await GetAsync(http, path);
                    samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                }
                Array.Sort(samples);
                medians[name] = samples[calls / 2];
                var bare = medians.First().Value;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {calls} | {samples[calls / 2] / 1000:0.00} ms | {samples[(int)(calls * 0.99)] / 1000:0.00} ms | {samples[calls / 2] / bare:0.0}× |"));
            }
            Console.WriteLine();
            foreach (var (search, calendar) in new[]
            {
                ("single search BOS→LIS, uncached", "month calendar BOS→LIS, uncached"),
                ("single search NYC→LON, uncached", "month calendar NYC→LON, uncached"),
                ("single search NYC→LON, uncached and cold", "month calendar NYC→LON, uncached and cold"),
            })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{calendar} / {search} (p50): {medians[calendar] / medians[search]:0.00}× (target ≤ 3×)"));
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await response.Content.ReadAsByteArrayAsync();
    }
}
