using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pathavana.Inventory.GoogleMaps;

/// <summary>
/// Free text to places with Google: Places Text Search first (landmarks: "near the Eiffel Tower"),
/// then the Geocoding API (addresses). When Google fails — a status other than OK/ZERO_RESULTS,
/// an HTTP error, a time-out, malformed JSON — the bundled gazetteer answers instead.
/// </summary>
internal sealed partial class GoogleMapsGeocoder(
    IHttpClientFactory httpClients,
    IOptions<GoogleMapsOptions> options,
    [FromKeyedServices(Sources.Gazetteer)] IGeocoder gazetteer,
    ILogger<GoogleMapsGeocoder> logger) : IGeocoder
{
    public const string HttpClientName = "google-maps";
    private const int MaxPlaces = 10;

    public async Task<IReadOnlyList<Place>> GeocodeAsync(string text, GeoPoint? near, CancellationToken cancellationToken)
    {
        var query = (text ?? string.Empty).Trim();
        if (query.Length == 0)
        {
            return [];
        }
        try
        {
            var places = await CallAsync("textsearch", TextSearchPath(query, near), cancellationToken);
            if (places.Count == 0)
            {
                places = await CallAsync("geocode", GeocodePath(query, near), cancellationToken);
            }
            return places;
        }
        catch (GoogleMapsFailure failure)
        {
            LogFallback(logger, failure.Api, failure.Reason);
            return await gazetteer.GeocodeAsync(query, near, cancellationToken);
        }
    }

    private string TextSearchPath(string query, GeoPoint? near)
    {
        var settings = options.Value;
        var parameters = new Dictionary<string, string?> { ["query"] = query, ["key"] = settings.ApiKey };
        if (near is { } point)
        {
            parameters["location"] = LatLng(point);
            parameters["radius"] = settings.BiasRadiusMeters.ToString(CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString("maps/api/place/textsearch/json", parameters);
    }

    private string GeocodePath(string query, GeoPoint? near)
    {
        var parameters = new Dictionary<string, string?> { ["address"] = query, ["key"] = options.Value.ApiKey };
        if (near is { } point)
        {
            // Geocoding has no point bias, only a viewport one: about ±50 km around the point.
            var south = new GeoPoint(Math.Max(-90, point.Latitude - 0.45), point.Longitude - 0.45);
            var north = new GeoPoint(Math.Min(90, point.Latitude + 0.45), point.Longitude + 0.45);
            parameters["bounds"] = LatLng(south) + "|" + LatLng(north);
        }
        return QueryHelpers.AddQueryString("maps/api/geocode/json", parameters);
    }

    private async Task<IReadOnlyList<Place>> CallAsync(string api, string path, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        GoogleResponse? body;
        try
        {
            using var response = await client.GetAsync(path, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new GoogleMapsFailure(api, "http-" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
            body = await response.Content.ReadFromJsonAsync(GoogleMapsJsonContext.Default.GoogleResponse, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            throw new GoogleMapsFailure(api, "timeout");
        }
        catch (BrokenCircuitException)
        {
            throw new GoogleMapsFailure(api, "circuit-open");
        }
        catch (HttpRequestException)
        {
            throw new GoogleMapsFailure(api, "connection");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new GoogleMapsFailure(api, "malformed-json");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GoogleMapsFailure(api, "timeout");
        }

        switch (body?.Status)
        {
            case "OK":
                break;
            case "ZERO_RESULTS":
                return [];
            default:
                // OVER_QUERY_LIMIT, REQUEST_DENIED, INVALID_REQUEST, UNKNOWN_ERROR… (error_message is not logged).
                throw new GoogleMapsFailure(api, "status-" + (body?.Status ?? "missing"));
        }

        var places = new List<Place>();
        foreach (var result in body.Results ?? [])
        {
            if (result.Geometry?.Location is not { Lat: { } lat, Lng: { } lng })
            {
                continue;
            }
            var address = string.IsNullOrWhiteSpace(result.FormattedAddress) ? null : result.FormattedAddress.Trim();
            var name = !string.IsNullOrWhiteSpace(result.Name)
                ? result.Name.Trim()
                : address?.Split(',', 2)[0].Trim();
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }
            places.Add(new Place(name, address, new GeoPoint(lat, lng), null, Sources.Google));
            if (places.Count == MaxPlaces)
            {
                break;
            }
        }
        return places;
    }

    private static string LatLng(GeoPoint point) =>
        point.Latitude.ToString("0.######", CultureInfo.InvariantCulture) + "," + point.Longitude.ToString("0.######", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Google Maps {Api} failed ({Reason}); the gazetteer answers instead")]
    private static partial void LogFallback(ILogger logger, string api, string reason);

    /// <summary>Why Google could not answer; never carries the query or the key.</summary>
    private sealed class GoogleMapsFailure(string api, string reason) : Exception(reason)
    {
        public string Api { get; } = api;
        public string Reason { get; } = reason;
    }
}
