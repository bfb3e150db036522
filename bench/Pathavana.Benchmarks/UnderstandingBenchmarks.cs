using BenchmarkDotNet.Attributes;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;

namespace Pathavana.Benchmarks;

/// <summary>The offline understanding of one utterance (the "understand" part of an offline chat turn).</summary>
public class UnderstandingBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly OfflineUnderstanding understanding = new(LocationDirectory.Shared);

    [Benchmark]
    public object ShortAnswer() => understanding.Parse("next Friday, back Sunday", Today);

    [Benchmark]
    public object FullFlightRequest() =>
        understanding.Parse("two of us, Boston to Lisbon on the 12th of March for a week, nonstop, under $900 each", Today);

    [Benchmark]
    public object HotelRequest() =>
        understanding.Parse("a 4-star hotel in Shinjuku, Tokyo from March 3 to March 6 under 200 euros a night", Today);

    [Benchmark]
    public object Misspelt() => understanding.Parse("cheapest flights from pittsburg to san fransisco tomorrow morning", Today);

}
