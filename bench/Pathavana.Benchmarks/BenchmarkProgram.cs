using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Pathavana.Benchmarks;

public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        // Max is reported because it bounds the p99 the targets speak of.
        var config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.P95, StatisticColumn.Max)
            .AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}
