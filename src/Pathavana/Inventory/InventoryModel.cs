using System.Text.Json.Serialization;
using Pathavana.Platform;

namespace Pathavana.Inventory;

// Pathavana's own travel model. Vendor JSON never leaves an adapter; the API, the assistant,
// trips and bookings all speak these types. Times are local times with their UTC offset
// (DateTimeOffset), durations are TimeSpans (ISO 8601 on the wire), money is amount + currency.

/// <summary>Where a result came from: <c>simulated</c>, <c>amadeus</c>, <c>google</c>, <c>gazetteer</c>.</summary>
public static class Sources
{
    public const string Simulated = "simulated";
    public const string Amadeus = "amadeus";
    public const string Google = "google";
    public const string Gazetteer = "gazetteer";
}

public readonly record struct GeoPoint(double Latitude, double Longitude);

[JsonConverter(typeof(JsonStringEnumConverter<LocationKind>))]
public enum LocationKind
{
    Airport,
    /// <summary>A metropolitan area or city with its own IATA code (NYC, LON, TYO…).</summary>
    Metro,
}

/// <summary>An airport or metropolitan area from the bundled reference data.</summary>
public sealed record Location(
    string Code,
    LocationKind Kind,
    string Name,
    string City,
    string CountryCode,
    GeoPoint Point,
    string TimeZone,
    string? MetroCode = null);

/// <summary>A place found from free text (a landmark, an address, a neighbourhood).</summary>
public sealed record Place(string Name, string? Address, GeoPoint Point, string? CityCode, string Source);

[JsonConverter(typeof(JsonStringEnumConverter<Cabin>))]
public enum Cabin
{
    Economy,
    PremiumEconomy,
    Business,
    First,
}

/// <summary>Who travels: adults (12+), children (2–11, seated) and infants (under 2, on a lap).</summary>
public sealed record PassengerMix(int Adults, int Children = 0, int Infants = 0)
{
    public int Seated => Adults + Children;
}

/// <summary>One leg asked for: one-way has one, a round trip two, multi-city several.</summary>
public sealed record FlightLeg(string Origin, string Destination, DateOnly Date);

public sealed record FlightSearch(
    IReadOnlyList<FlightLeg> Legs,
    PassengerMix Passengers,
    Cabin Cabin = Cabin.Economy,
    bool NonStop = false,
    string Currency = "USD",
    IReadOnlyList<string>? IncludedAirlines = null,
    IReadOnlyList<string>? ExcludedAirlines = null,
    decimal? MaxPrice = null,
    int MaxResults = 50)
{
    public static FlightSearch OneWay(string origin, string destination, DateOnly date, PassengerMix passengers) =>
        new([new FlightLeg(origin, destination, date)], passengers);

    public static FlightSearch RoundTrip(string origin, string destination, DateOnly departure, DateOnly @return, PassengerMix passengers) =>
        new([new FlightLeg(origin, destination, departure), new FlightLeg(destination, origin, @return)], passengers);
}

/// <summary>One flight: times are local at each airport, with their offsets.</summary>
public sealed record FlightSegment(
    string CarrierCode,
    string FlightNumber,
    string Origin,
    string Destination,
    DateTimeOffset Departure,
    DateTimeOffset Arrival,
    TimeSpan Duration,
    string? Aircraft = null,
    string? OperatingCarrier = null);

/// <summary>One direction of an offer: its segments and total time including connections.</summary>
public sealed record Itinerary(TimeSpan Duration, IReadOnlyList<FlightSegment> Segments)
{
    public int Stops => Segments.Count - 1;
}

/// <summary>What one passenger type pays per person.</summary>
public sealed record PassengerPrice(string Type, int Count, Money PerPerson);

public sealed record FlightOffer(
    string Id,
    string Source,
    IReadOnlyList<Itinerary> Itineraries,
    Money TotalPrice,
    IReadOnlyList<PassengerPrice> PriceBreakdown,
    Cabin Cabin,
    string ValidatingAirline,
    int? SeatsLeft = null,
    DateOnly? LastTicketingDate = null);

public sealed record HotelSearch(
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Adults,
    int Rooms = 1,
    string? CityCode = null,
    GeoPoint? Near = null,
    double RadiusKm = 5,
    int? MinStars = null,
    Money? MaxNightly = null,
    string Currency = "USD",
    int MaxResults = 30)
{
    public int Nights => CheckOut.DayNumber - CheckIn.DayNumber;
}

public sealed record Hotel(
    string HotelId,
    string Name,
    int? Stars,
    GeoPoint Point,
    string CityCode,
    string? Address = null,
    double? DistanceKm = null);

public sealed record CancellationPolicy(bool Refundable, DateTimeOffset? FreeCancellationUntil, string Description);

public sealed record HotelOffer(
    string Id,
    string Source,
    Hotel Hotel,
    string RoomType,
    string? RoomDescription,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Adults,
    int Rooms,
    Money Nightly,
    Money Total,
    CancellationPolicy Cancellation,
    string? Board = null);

public sealed record ActivitySearch(GeoPoint Near, double RadiusKm = 5, string Currency = "USD", int MaxResults = 30);

public sealed record Activity(
    string Id,
    string Source,
    string Name,
    string Category,
    string? Description,
    TimeSpan? Duration,
    Money? Price,
    GeoPoint Point,
    double? Rating = null,
    string? BookingLink = null);

/// <summary>The result of re-pricing or re-checking an offer just before booking.</summary>
public sealed record PriceCheck<TOffer>(TOffer Offer, bool Available, bool PriceChanged, Money? PreviousPrice);
