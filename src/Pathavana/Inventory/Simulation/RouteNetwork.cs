using System.Collections.Frozen;

namespace Pathavana.Inventory.Simulation;

/// <summary>An airline that operates a nonstop route, with the aircraft it flies there (IATA type code, or null).</summary>
internal sealed record RouteOperator(string Carrier, string? Aircraft);

/// <summary>
/// One nonstop route between two airports of the reference data: who operates it, who sells it as a
/// codeshare, and its great-circle length.
/// </summary>
internal sealed record Route(AirportInfo From, AirportInfo To, RouteOperator[] Operators, string[] Codeshares, double Km)
{
    public bool Domestic => From.Location.CountryCode == To.Location.CountryCode;
}

/// <summary>
/// The airline route network the simulator flies (Data/routes.tsv, derived from the OpenFlights
/// route database, ODbL — "OpenFlights.org"; see Data/SOURCES.md): nonstop routes by airport pair
/// in both directions, and each airline's hubs — the airports where it has the most routes
/// (at least eight and a fifth of its busiest airport's, at most eight a carrier; the one base of a
/// small airline).
/// </summary>
internal sealed class RouteNetwork
{
    private static readonly Lazy<RouteNetwork> SharedInstance = new(() => new RouteNetwork(LocationDirectory.Shared));

    // Plain dictionaries: built once at start, read-only after; frozen ones cost seconds to build here.
    private readonly Dictionary<string, Dictionary<string, Route>> outbound;
    private readonly Dictionary<string, Route[]> inbound;
    private readonly Dictionary<string, HashSet<string>> hubs;

    public static RouteNetwork Shared => SharedInstance.Value;

    public RouteNetwork(LocationDirectory directory)
    {
        var outMap = new Dictionary<string, Dictionary<string, Route>>(StringComparer.Ordinal);
        var inMap = new Dictionary<string, List<Route>>(StringComparer.Ordinal);
        var perCarrier = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var f in ReadLines())
        {
            var from = directory.Airport(f[0]) ?? throw new InvalidOperationException($"routes.tsv: {f[0]} is not in airports.tsv.");
            var routes = new Dictionary<string, Route>(f.Length - 1, StringComparer.Ordinal);
            for (var i = 1; i < f.Length; i++)
            {
                // DEST:OPERATORS[/CODESHARES], operators as carrier + aircraft ("AA777.BA744")
                var entry = f[i];
                var colon = entry.IndexOf(':', StringComparison.Ordinal);
                var to = directory.Airport(entry[..colon]) ?? throw new InvalidOperationException($"routes.tsv: {entry[..colon]} is not in airports.tsv.");
                var rest = entry[(colon + 1)..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var operators = (slash < 0 ? rest : rest[..slash]).Split('.')
                    .Select(o => new RouteOperator(o[..2], o[2..] == "---" ? null : o[2..])).ToArray();
                var codeshares = slash < 0 ? [] : rest[(slash + 1)..].Split('.');
                var route = new Route(from, to, operators, codeshares, Geo.DistanceKm(from.Location.Point, to.Location.Point));
                routes[to.Location.Code] = route;
                if (!inMap.TryGetValue(to.Location.Code, out var list))
                {
                    inMap[to.Location.Code] = list = [];
                }
                list.Add(route);
                foreach (var op in operators)
                {
                    if (!perCarrier.TryGetValue(op.Carrier, out var counts))
                    {
                        perCarrier[op.Carrier] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
                    }
                    counts[from.Location.Code] = counts.GetValueOrDefault(from.Location.Code) + 1;
                }
            }
            outMap[from.Location.Code] = routes;
        }
        outbound = outMap;
        inbound = inMap.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        hubs = perCarrier.ToDictionary(p => p.Key, p => FindHubs(p.Value), StringComparer.Ordinal);
        RouteCount = outMap.Sum(p => p.Value.Count);
    }

    /// <summary>How many directed airport pairs have a nonstop route.</summary>
    public int RouteCount { get; }

    /// <summary>The nonstop route between two airports, or null.</summary>
    public Route? Find(string from, string to) =>
        outbound.TryGetValue(from, out var routes) ? routes.GetValueOrDefault(to) : null;

    /// <summary>Every nonstop route out of an airport.</summary>
    public IEnumerable<Route> From(string airport) =>
        outbound.TryGetValue(airport, out var routes) ? routes.Values : [];

    /// <summary>Every nonstop route into an airport.</summary>
    public IReadOnlyList<Route> Into(string airport) => inbound.GetValueOrDefault(airport) ?? [];

    /// <summary>Whether an airport is one of the airline's hubs.</summary>
    public bool IsHub(string carrier, string airport) => hubs.TryGetValue(carrier, out var set) && set.Contains(airport);

    /// <summary>The airline's hubs, or none when it operates no route.</summary>
    public IReadOnlySet<string> HubsOf(string carrier) => hubs.GetValueOrDefault(carrier) ?? (IReadOnlySet<string>)FrozenSet<string>.Empty;

    /// <summary>Every directed route, for checks over the whole network.</summary>
    public IEnumerable<Route> All => outbound.Values.SelectMany(r => r.Values);

    private static HashSet<string> FindHubs(Dictionary<string, int> routesByAirport)
    {
        var busiest = routesByAirport.Values.Max();
        var threshold = Math.Max(8, busiest / 5.0);
        var chosen = routesByAirport.Where(p => p.Value >= threshold)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(8).Select(p => p.Key).ToList();
        if (chosen.Count == 0 && busiest >= 3)
        {
            chosen.Add(routesByAirport.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key);
        }
        return chosen.ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string[]> ReadLines()
    {
        using var stream = typeof(RouteNetwork).Assembly.GetManifestResourceStream("Pathavana.Inventory.Data.routes.tsv")
            ?? throw new InvalidOperationException("Embedded routes.tsv is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line.Split('\t');
            }
        }
    }
}
