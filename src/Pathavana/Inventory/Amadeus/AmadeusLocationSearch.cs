using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Airport &amp; City Search. A code the bundled reference data knows is answered with that entry
/// (its names and IANA zone are better); others are mapped from Amadeus.
/// </summary>
internal sealed partial class AmadeusLocationSearch(
    AmadeusClient client,
    ILocationDirectory directory,
    ILogger<AmadeusLocationSearch> logger) : ILocationSearch
{
    public async Task<IReadOnlyList<Location>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var keyword = (text ?? string.Empty).Trim();
        if (keyword.Length == 0)
        {
            return [];
        }
        limit = Math.Clamp(limit, 1, 50);
        var path = QueryHelpers.AddQueryString("v1/reference-data/locations", new Dictionary<string, string?>
        {
            ["subType"] = "AIRPORT,CITY",
            ["keyword"] = keyword.Length > 64 ? keyword[..64] : keyword,
            ["page[limit]"] = limit.ToString(CultureInfo.InvariantCulture),
            ["view"] = "FULL",
        });
        var response = await client.GetAsync("locations-search", path, AmadeusJsonContext.Default.AmLocationsResponse, cancellationToken);

        var results = new List<Location>();
        foreach (var vendor in response.Data ?? [])
        {
            if (Map(vendor) is { } location && !results.Exists(r => r.Code == location.Code && r.Kind == location.Kind))
            {
                results.Add(location);
            }
        }
        LogSearched(logger, results.Count);
        return results.Take(limit).ToList();
    }

    private Location? Map(AmLocation vendor)
    {
        var kind = vendor.SubType switch
        {
            "AIRPORT" => LocationKind.Airport,
            "CITY" => LocationKind.Metro,
            _ => (LocationKind?)null,
        };
        if (kind is null || string.IsNullOrEmpty(vendor.IataCode))
        {
            return null;
        }
        var code = vendor.IataCode.ToUpperInvariant();
        if (directory.Find(code) is { } known && known.Kind == kind)
        {
            return known;
        }
        if (vendor.GeoCode?.Latitude is not { } latitude || vendor.GeoCode.Longitude is not { } longitude)
        {
            return null;
        }
        var cityCode = vendor.Address?.CityCode?.ToUpperInvariant();
        return new Location(
            code,
            kind.Value,
            AmadeusMapping.Title(vendor.Name ?? code),
            AmadeusMapping.Title(vendor.Address?.CityName ?? vendor.Name ?? code),
            (vendor.Address?.CountryCode ?? string.Empty).ToUpperInvariant(),
            new GeoPoint(latitude, longitude),
            AmadeusMapping.ZoneForOffset(vendor.TimeZoneOffset),
            kind == LocationKind.Airport && cityCode is not null && cityCode != code ? cityCode : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus location search gave {Count} locations")]
    private static partial void LogSearched(ILogger logger, int count);
}
