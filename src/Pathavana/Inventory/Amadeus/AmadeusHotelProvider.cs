using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Pathavana.Platform;

namespace Pathavana.Inventory.Amadeus;

/// <summary>
/// Hotel List (by city or by geocode) to find properties, then Hotel Search v3 for their offers;
/// <c>/v3/shopping/hotel-offers/{offerId}</c> re-checks one before booking.
/// </summary>
internal sealed partial class AmadeusHotelProvider(
    AmadeusClient client,
    AmadeusOfferStore store,
    ILogger<AmadeusHotelProvider> logger) : IHotelProvider
{
    private const int HotelsPerOfferCall = 20;
    private const int MaxHotels = 60;

    // Amadeus answers "nothing there" with a 400 carrying one of these codes; to a user it is an empty list.
    private static readonly HashSet<string> NothingFound = ["895", "424", "3664", "790", "11126"];

    public async Task<IReadOnlyList<HotelOffer>> SearchAsync(HotelSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var hotels = await ListHotelsAsync(search, cancellationToken);
        if (hotels.Count == 0)
        {
            return [];
        }

        var byId = hotels.ToDictionary(h => h.HotelId!, StringComparer.Ordinal);
        var batches = hotels.Take(Math.Clamp(search.MaxResults, 1, MaxHotels)).Chunk(HotelsPerOfferCall);
        var responses = await Task.WhenAll(batches.Select(batch => OffersAsync(batch, search, cancellationToken)));

        var offers = new List<HotelOffer>();
        var saves = new List<Task>();
        foreach (var hotelOffers in responses.SelectMany(r => r))
        {
            if (hotelOffers.Available == false || hotelOffers.Hotel?.HotelId is not { } hotelId)
            {
                continue;
            }
            var hotel = MapHotel(hotelOffers.Hotel, byId.GetValueOrDefault(hotelId), search.CityCode);
            if (hotel is null)
            {
                continue;
            }
            foreach (var element in hotelOffers.Offers ?? [])
            {
                var id = AmadeusOfferStore.NewId("h");
                if (Deserialize(element) is { } vendor && MapOffer(id, vendor, hotel, search.Adults, search.Rooms) is { } offer)
                {
                    offers.Add(offer);
                    saves.Add(store.SaveAsync(id, element.GetRawText(), cancellationToken).AsTask());
                }
            }
        }
        await Task.WhenAll(saves);
        LogSearched(logger, hotels.Count, offers.Count);
        return offers.OrderBy(o => o.Total.Amount).Take(Math.Max(1, search.MaxResults)).ToList();
    }

    public async Task<PriceCheck<HotelOffer>> RecheckAsync(HotelOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var stored = await store.FindAsync(offer.Id, cancellationToken);
        var vendorOfferId = stored is null ? null : Deserialize(stored)?.Id;
        if (vendorOfferId is null || !vendorOfferId.All(char.IsAsciiLetterOrDigit))
        {
            LogOfferGone(logger, offer.Id, "expired");
            return new PriceCheck<HotelOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }

        AmHotelOfferResponse response;
        try
        {
            response = await client.GetAsync("hotel-offer-recheck", "v3/shopping/hotel-offers/" + vendorOfferId,
                AmadeusJsonContext.Default.AmHotelOfferResponse, cancellationToken);
        }
        catch (ProviderRequestException ex)
        {
            LogOfferGone(logger, offer.Id, ex.Code ?? ex.Status.ToString(CultureInfo.InvariantCulture));
            return new PriceCheck<HotelOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }

        var element = response.Data?.Offers is { Count: > 0 } list ? list[0] : (JsonElement?)null;
        var vendor = element is { } e ? Deserialize(e) : null;
        var current = vendor is null ? null : MapOffer(offer.Id, vendor, offer.Hotel, offer.Adults, offer.Rooms);
        if (response.Data?.Available == false || element is null || current is null)
        {
            LogOfferGone(logger, offer.Id, "not-available");
            return new PriceCheck<HotelOffer>(offer, Available: false, PriceChanged: false, PreviousPrice: null);
        }

        await store.SaveAsync(offer.Id, element.Value.GetRawText(), cancellationToken);
        var changed = current.Total != offer.Total;
        return new PriceCheck<HotelOffer>(current, Available: true, changed, changed ? offer.Total : null);
    }

    private async Task<IReadOnlyList<AmHotelListItem>> ListHotelsAsync(HotelSearch search, CancellationToken cancellationToken)
    {
        var radius = Math.Clamp((int)Math.Ceiling(search.RadiusKm), 1, 300).ToString(CultureInfo.InvariantCulture);
        var ratings = search.MinStars is >= 2 and <= 5
            ? string.Join(',', Enumerable.Range(search.MinStars.Value, 6 - search.MinStars.Value))
            : null;
        string path;
        if (!string.IsNullOrWhiteSpace(search.CityCode))
        {
            path = QueryHelpers.AddQueryString("v1/reference-data/locations/hotels/by-city", new Dictionary<string, string?>
            {
                ["cityCode"] = search.CityCode.ToUpperInvariant(),
                ["radius"] = radius,
                ["radiusUnit"] = "KM",
                ["ratings"] = ratings,
            });
        }
        else if (search.Near is { } near)
        {
            path = QueryHelpers.AddQueryString("v1/reference-data/locations/hotels/by-geocode", new Dictionary<string, string?>
            {
                ["latitude"] = AmadeusMapping.Number(near.Latitude),
                ["longitude"] = AmadeusMapping.Number(near.Longitude),
                ["radius"] = radius,
                ["radiusUnit"] = "KM",
                ["ratings"] = ratings,
            });
        }
        else
        {
            throw new ProviderRequestException(AmadeusClient.Dependency, 400, "Give a city code or coordinates to search hotels.", "cityCode");
        }

        try
        {
            var list = await client.GetAsync("hotel-list", path, AmadeusJsonContext.Default.AmHotelListResponse, cancellationToken);
            return (list.Data ?? [])
                .Where(h => !string.IsNullOrEmpty(h.HotelId))
                .DistinctBy(h => h.HotelId)
                .ToList();
        }
        catch (ProviderRequestException ex) when (ex.Code is { } code && NothingFound.Contains(code))
        {
            return [];
        }
    }

    private async Task<IReadOnlyList<AmHotelOffers>> OffersAsync(AmHotelListItem[] batch, HotelSearch search, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?>
        {
            ["hotelIds"] = string.Join(',', batch.Select(h => h.HotelId)),
            ["adults"] = Math.Max(1, (int)Math.Ceiling(search.Adults / (double)Math.Max(1, search.Rooms))).ToString(CultureInfo.InvariantCulture),
            ["checkInDate"] = AmadeusMapping.Date(search.CheckIn),
            ["checkOutDate"] = AmadeusMapping.Date(search.CheckOut),
            ["roomQuantity"] = Math.Max(1, search.Rooms).ToString(CultureInfo.InvariantCulture),
            ["currency"] = search.Currency.ToUpperInvariant(),
            ["bestRateOnly"] = "true",
        };
        if (search.MaxNightly is { } max)
        {
            query["priceRange"] = "-" + Math.Floor(max.Amount).ToString(CultureInfo.InvariantCulture);
            query["currency"] = max.Currency.ToUpperInvariant();
        }
        try
        {
            var response = await client.GetAsync("hotel-offers-search",
                QueryHelpers.AddQueryString("v3/shopping/hotel-offers", query),
                AmadeusJsonContext.Default.AmHotelOffersResponse, cancellationToken);
            return response.Data ?? [];
        }
        catch (ProviderRequestException ex) when (ex.Code is { } code && NothingFound.Contains(code))
        {
            return [];
        }
    }

    private static Hotel? MapHotel(AmHotel offered, AmHotelListItem? listed, string? cityCode)
    {
        double? latitude = listed?.GeoCode?.Latitude ?? offered.Latitude;
        double? longitude = listed?.GeoCode?.Longitude ?? offered.Longitude;
        if (latitude is null || longitude is null)
        {
            return null;
        }
        var distance = listed?.Distance?.Value is { } value
            ? string.Equals(listed.Distance.Unit, "MILE", StringComparison.OrdinalIgnoreCase) ? value * 1.609344 : value
            : (double?)null;
        var lines = listed?.Address?.Lines is { Count: > 0 } l ? string.Join(", ", l) : null;
        var address = string.Join(", ", new[] { lines, listed?.Address?.CityName }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new Hotel(
            offered.HotelId!,
            AmadeusMapping.Title(offered.Name ?? listed?.Name),
            listed?.Rating is >= 1 and <= 5 ? listed.Rating : null,
            new GeoPoint(latitude.Value, longitude.Value),
            (listed?.IataCode ?? offered.CityCode ?? cityCode ?? string.Empty).ToUpperInvariant(),
            address.Length > 0 ? AmadeusMapping.Title(address) : null,
            distance is null ? null : Math.Round(distance.Value, 2));
    }

    internal static HotelOffer? MapOffer(string id, AmHotelOffer offer, Hotel hotel, int adults, int rooms)
    {
        var checkIn = AmadeusMapping.Date(offer.CheckInDate);
        var checkOut = AmadeusMapping.Date(offer.CheckOutDate);
        var currency = offer.Price?.Currency;
        var total = offer.Price?.Total ?? offer.Price?.Base;
        if (checkIn is null || checkOut is null || checkOut <= checkIn || string.IsNullOrEmpty(currency) || total is null)
        {
            return null;
        }
        var nights = checkOut.Value.DayNumber - checkIn.Value.DayNumber;
        var nightly = Math.Round(total.Value / nights, 2, MidpointRounding.AwayFromZero);

        var category = offer.Room?.TypeEstimated?.Category;
        var roomType = !string.IsNullOrEmpty(category)
            ? AmadeusMapping.Title(category.Replace('_', ' '))
            : offer.Room?.Type ?? "Room";
        return new HotelOffer(
            id,
            Sources.Amadeus,
            hotel,
            roomType,
            Describe(offer.Room?.Description?.Text),
            checkIn.Value,
            checkOut.Value,
            adults,
            offer.RoomQuantity ?? rooms,
            new Money(nightly, currency),
            new Money(total.Value, currency),
            Cancellation(offer.Policies),
            string.IsNullOrEmpty(offer.BoardType) ? null : AmadeusMapping.Title(offer.BoardType.Replace('_', ' ')));
    }

    private static CancellationPolicy Cancellation(AmPolicies? policies)
    {
        var rule = policies?.Cancellations is { Count: > 0 } all ? all[0] : policies?.Cancellation;
        var text = Describe(rule?.Description?.Text);
        var nonRefundable = string.Equals(policies?.Refundable?.CancellationRefund, "NON_REFUNDABLE", StringComparison.OrdinalIgnoreCase)
            || string.Equals(rule?.Type, "FULL_STAY", StringComparison.OrdinalIgnoreCase);
        if (nonRefundable)
        {
            return new CancellationPolicy(false, null, text ?? "Non-refundable.");
        }
        if (AmadeusMapping.Instant(rule?.Deadline) is { } deadline)
        {
            return new CancellationPolicy(true, deadline,
                text ?? $"Free cancellation until {deadline.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} (hotel time).");
        }
        return new CancellationPolicy(false, null, text ?? "Cancellation terms were not given; check with the hotel before booking.");
    }

    private static string? Describe(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(AmadeusMapping.Title);
        return string.Join(". ", lines);
    }

    private AmHotelOffer? Deserialize(JsonElement element)
    {
        try
        {
            return element.Deserialize(AmadeusJsonContext.Default.AmHotelOffer);
        }
        catch (JsonException)
        {
            LogMalformedOffer(logger);
            return null;
        }
    }

    private AmHotelOffer? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, AmadeusJsonContext.Default.AmHotelOffer);
        }
        catch (JsonException)
        {
            LogMalformedOffer(logger);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Amadeus hotel search over {Hotels} hotels gave {Count} offers")]
    private static partial void LogSearched(ILogger logger, int hotels, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hotel offer {OfferId} is no longer available ({Reason})")]
    private static partial void LogOfferGone(ILogger logger, string offerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amadeus returned a hotel offer that could not be read; skipped")]
    private static partial void LogMalformedOffer(ILogger logger);
}
