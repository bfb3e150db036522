using System.Text;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// A hash that is the same on every machine and every run (FNV-1a, 64-bit), and a small seeded
/// generator (SplitMix64) — the simulator's only sources of "randomness".
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string text)
    {
        var hash = Offset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return Mix(hash);
    }

    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        var hash = Offset;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ (byte)c) * Prime;
                hash = (hash ^ (byte)(c >> 8)) * Prime;
            }
            hash = (hash ^ 0x1F) * Prime; // separator, so ("ab","c") differs from ("a","bc")
        }
        return Mix(hash);
    }

    /// <summary>A short base-36 check value for ids.</summary>
    public static string Check(string text)
    {
        var value = Of(text) % 46_656UL; // 36^3
        var builder = new StringBuilder(3);
        for (var i = 0; i < 3; i++)
        {
            builder.Insert(0, "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(value % 36)]);
            value /= 36;
        }
        return builder.ToString();
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A deterministic generator seeded from a stable hash.</summary>
    public struct Rng(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            state += 0x9E3779B97F4A7C15UL;
            return Mix(state);
        }

        /// <summary>0 ≤ value &lt; max.</summary>
        public int Next(int max) => (int)(Next() % (ulong)max);

        /// <summary>min ≤ value &lt; max.</summary>
        public int Next(int min, int max) => min + Next(max - min);

        /// <summary>0 ≤ value &lt; 1.</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public double Between(double min, double max) => min + (NextDouble() * (max - min));
    }
}
