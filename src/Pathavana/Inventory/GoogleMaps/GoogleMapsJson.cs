using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pathavana.Inventory.GoogleMaps;

// The slice of the Geocoding and Places Text Search JSON the adapter reads. Never leaves it.

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GoogleResponse))]
internal sealed partial class GoogleMapsJsonContext : JsonSerializerContext;

/// <summary>Both APIs answer {"status": "OK" | "ZERO_RESULTS" | "OVER_QUERY_LIMIT" | "REQUEST_DENIED" | …, "results": […]}.</summary>
internal sealed record GoogleResponse(string? Status, IReadOnlyList<GoogleResult>? Results);

internal sealed record GoogleResult(
    string? Name,
    [property: JsonPropertyName("formatted_address")] string? FormattedAddress,
    GoogleGeometry? Geometry,
    [property: JsonPropertyName("place_id")] string? PlaceId);

internal sealed record GoogleGeometry(GoogleLatLng? Location);

internal sealed record GoogleLatLng(double? Lat, double? Lng);
