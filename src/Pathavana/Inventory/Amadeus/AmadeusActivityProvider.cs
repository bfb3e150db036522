using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Pathavana.Platform;

namespace Pathavana.Inventory.Amadeus;

/// <summary>Tours and Activities around a point (Amadeus allows a radius of up to 20 km).</summary>
internal sealed partial class AmadeusActivityProvider(AmadeusClient client, ILogger<AmadeusActivityProvider> logger) : IActivityProvider
{
    private const string Category = "tour";

    public async Task<IReadOnlyList<Activity>> SearchAsync(ActivitySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var path = QueryHelpers.AddQueryString("v1/shopping/activities", new Dictionary<string, string?>
        {
            ["latitude"] = AmadeusMapping.Number(search.Near.Latitude),
            ["longitude"] = AmadeusMapping.Number(search.Near.Longitude),
            ["radius"] = Math.Clamp((int)Math.Ceiling(search.RadiusKm), 0, 20).ToString(CultureInfo.InvariantCulture),
        });
        var response = await client.GetAsync("activities-search", path, AmadeusJsonContext.Default.AmActivitiesResponse, cancellationToken);

        var activities = new List<Activity>();
        foreach (var vendor in response.Data ?? [])
        {
            if (Map(vendor) is { } activity)
            {
                activities.Add(activity);
            }
        }
        LogSearched(logger, activities.Count);
        return activities
            .OrderByDescending(a => a.Rating ?? 0)
            .Take(Math.Max(1, search.MaxResults))
            .ToList();
    }

    internal static Activity? Map(AmActivity vendor)
    {
        if (string.IsNullOrEmpty(vendor.Id) || string.IsNullOrWhiteSpace(vendor.Name)
            || vendor.GeoCode?.Latitude is not { } latitude || vendor.GeoCode.Longitude is not { } longitude)
        {
            return null;
        }
        Money? price = AmadeusMapping.Amount(vendor.Price?.Amount) is { } amount && !string.IsNullOrEmpty(vendor.Price?.CurrencyCode)
            ? new Money(amount, vendor.Price.CurrencyCode)
            : null;
        return new Activity(
            "amadeus-a-" + vendor.Id,
            Sources.Amadeus,
            vendor.Name.Trim(),
            Category,
            string.IsNullOrWhiteSpace(vendor.ShortDescription) ? null : vendor.ShortDescription.Trim(),
            AmadeusMapping.LooseDuration(vendor.MinimumDuration),
            price,
            new GeoPoint(latitude, longitude),
            vendor.Rating is { } rating ? Math.Round(rating, 1) : null,
            Uri.TryCreate(vendor.BookingLink, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? vendor.BookingLink : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus activity search gave {Count} activities")]
    private static partial void LogSearched(ILogger logger, int count);
}
