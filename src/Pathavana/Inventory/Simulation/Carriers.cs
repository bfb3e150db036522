using System.Collections.Frozen;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// What the simulator knows about airlines beyond the route network: who partners with whom
/// (the three alliances and a few airline groups, as of 2026) and which airlines sell only point to
/// point at low fares. Facts, curated here; hubs are not listed — <see cref="RouteNetwork"/> finds
/// them in the route data.
/// </summary>
internal static class Carriers
{
    private static readonly string[] StarAlliance =
        ["A3", "AC", "AI", "AV", "AZ", "BR", "CA", "CM", "ET", "LH", "LO", "LX", "MS", "NH", "NZ", "OS", "OU", "OZ", "SA", "SN", "SQ", "TG", "TK", "TP", "UA", "ZH", "EN", "4Y"];

    private static readonly string[] Oneworld =
        ["AA", "AS", "AY", "BA", "CX", "FJ", "IB", "JL", "MH", "QF", "QR", "RJ", "UL", "AT", "WY", "I2", "NU", "JC"];

    private static readonly string[] SkyTeam =
        ["AF", "KL", "DL", "AM", "AR", "KE", "KQ", "ME", "MU", "CI", "GA", "SV", "RO", "UX", "VN", "VS", "MF", "SK", "HO"];

    // Airline groups and joint ventures outside (or across) the alliances.
    private static readonly string[][] Groups =
    [
        ["BA", "IB", "EI", "VY", "I2"],      // IAG
        ["EK", "QF"],                        // Emirates–Qantas
        ["EY", "AF", "KL"],
        ["VA", "NZ", "UA"],
        ["B6", "AA"],
        ["HA", "AS"],                        // Alaska Air Group
        ["LA", "DL"],                        // LATAM–Delta joint venture
        ["JQ", "QF"],
        ["WS", "DL"],
    ];

    /// <summary>Low-cost airlines: economy only, point to point (no connections sold, except <see cref="LowCostConnecting"/>).</summary>
    private static readonly FrozenSet<string> LowCostSet = new[]
    {
        "FR", "U2", "W6", "VY", "WN", "NK", "F9", "G4", "SY", "6E", "SG", "AK", "D7", "FD", "JQ", "TR", "3K", "VJ", "5J",
        "FZ", "G9", "J9", "XY", "PC", "HV", "TO", "LS", "DY", "D8", "EW", "G3", "Y4", "VB", "DJ", "MM",
        "BC", "GK", "ZG", "LJ", "7C", "TW", "BX", "IX", "OD", "QZ", "JT", "IW", "ID", "HC", "FA", "WS", "WG", "W9", "V7",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Low-cost airlines that do sell connections on their own flights.</summary>
    private static readonly FrozenSet<string> LowCostConnecting = new[] { "WN", "6E", "AK", "G3", "VJ", "JT", "DY" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> AllianceOf = StarAlliance.Select(c => (c, "Star Alliance"))
        .Concat(Oneworld.Select(c => (c, "oneworld")))
        .Concat(SkyTeam.Select(c => (c, "SkyTeam")))
        .ToFrozenDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);

    private static readonly FrozenSet<(string, string)> GroupPairs = Groups
        .SelectMany(g => g.SelectMany(a => g.Where(b => b != a).Select(b => (a, b))))
        .ToFrozenSet();

    /// <summary>The alliance of an airline (<c>Star Alliance</c>, <c>oneworld</c>, <c>SkyTeam</c>), or null.</summary>
    public static string? Alliance(string carrier) => AllianceOf.GetValueOrDefault(carrier);

    /// <summary>Whether two airlines sell each other's flights on one ticket (same airline, alliance or group).</summary>
    public static bool Partners(string a, string b) =>
        a == b
        || (AllianceOf.TryGetValue(a, out var x) && AllianceOf.TryGetValue(b, out var y) && x == y)
        || GroupPairs.Contains((a, b));

    public static bool IsLowCost(string carrier) => LowCostSet.Contains(carrier);

    /// <summary>Whether the airline sells a connection through one of its hubs (full-service airlines, a few low-cost ones).</summary>
    public static bool SellsConnections(string carrier) => !LowCostSet.Contains(carrier) || LowCostConnecting.Contains(carrier);
}
