using Pathavana.Inventory.Simulation;

namespace Pathavana.Inventory;

/// <summary>
/// The currencies a search may price in (ISO 4217 codes: USD, EUR, GBP, JPY…), the same for every
/// provider: the simulator converts at fixed rates, Duffel and Amadeus are asked for them.
/// </summary>
internal static class SearchCurrencies
{
    /// <summary>Whether <paramref name="code"/> (upper case) is one of them.</summary>
    public static bool IsSupported(string? code) => SimulatedMoney.IsSupported(code);
}
