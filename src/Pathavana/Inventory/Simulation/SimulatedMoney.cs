using System.Collections.Frozen;
using Pathavana.Platform;

namespace Pathavana.Inventory.Simulation;

/// <summary>The simulator prices in US dollars and converts at fixed, plausible rates.</summary>
internal static class SimulatedMoney
{
    private static readonly FrozenDictionary<string, decimal> PerUsd = new Dictionary<string, decimal>
    {
        ["USD"] = 1m, ["EUR"] = 0.92m, ["GBP"] = 0.79m, ["CAD"] = 1.37m, ["AUD"] = 1.52m, ["NZD"] = 1.65m,
        ["JPY"] = 151m, ["CHF"] = 0.88m, ["CNY"] = 7.2m, ["HKD"] = 7.8m, ["SGD"] = 1.34m, ["INR"] = 83m,
        ["BRL"] = 5.0m, ["MXN"] = 17m, ["SEK"] = 10.5m, ["NOK"] = 10.7m, ["DKK"] = 6.9m, ["PLN"] = 4.0m,
        ["CZK"] = 23m, ["HUF"] = 360m, ["ZAR"] = 18.5m, ["KRW"] = 1350m, ["AED"] = 3.67m, ["TRY"] = 32m,
        ["THB"] = 36m, ["ILS"] = 3.7m, ["ARS"] = 900m, ["CLP"] = 930m, ["COP"] = 3900m, ["MYR"] = 4.7m,
        ["IDR"] = 15_700m, ["PHP"] = 56m, ["SAR"] = 3.75m, ["QAR"] = 3.64m, ["EGP"] = 48m, ["MAD"] = 10m,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ZeroDecimals =
        new[] { "JPY", "KRW", "HUF", "CLP", "COP", "IDR" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The currencies the simulator (and the API) accept.</summary>
    public static IReadOnlyCollection<string> Currencies => PerUsd.Keys;

    public static bool IsSupported(string? currency) => currency is not null && PerUsd.ContainsKey(currency);

    /// <summary>Converts a US dollar amount and rounds it as the currency is written.</summary>
    public static Money FromUsd(decimal usd, string currency)
    {
        if (!PerUsd.TryGetValue(currency, out var rate))
        {
            throw new ArgumentException($"The simulator does not price in {currency}.", nameof(currency));
        }
        var amount = usd * rate;
        return new Money(Math.Round(amount, ZeroDecimals.Contains(currency) ? 0 : 2, MidpointRounding.AwayFromZero), currency);
    }
}
