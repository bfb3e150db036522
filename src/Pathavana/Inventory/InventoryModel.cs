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
    public const string Duffel = "duffel";
}

public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The great-circle distance to <paramref name="other"/>, in kilometres.</summary>
    public double DistanceKm(GeoPoint other) => Simulation.Geo.DistanceKm(this, other);
}

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

/// <summary>
/// Who travels: adults (12+), children (2–11, seated) and infants (under 2, on a lap).
/// <paramref name="ChildAges"/>, when known, gives each child's age on the day of the last flight
/// (providers such as Duffel price children by age).
/// </summary>
public sealed record PassengerMix(int Adults, int Children = 0, int Infants = 0, IReadOnlyList<int>? ChildAges = null)
{
    /// <summary>Adults and children: the passengers who take a seat.</summary>
    [JsonIgnore]
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

/// <summary>Who a fare is for: adults (12+), children (2–11), infants (under 2, on a lap or in a seat).</summary>
public enum PassengerCategory
{
    Adult,
    Child,
    Infant,
}

/// <summary>What one passenger type pays per person.</summary>
/// <param name="Type">IATA/vendor passenger type: ADULT (also SENIOR, YOUNG, STUDENT), CHILD, HELD_INFANT or SEATED_INFANT.</param>
public sealed record PassengerPrice(string Type, int Count, Money PerPerson)
{
    /// <summary>The category of <see cref="Type"/>: the infant and child codes by their names (INFANT, INF, HELD_INFANT, SEATED_INFANT; CHILD, CHD, CNN), every other type an adult.</summary>
    public PassengerCategory Category => Type.ToUpperInvariant() switch
    {
        "HELD_INFANT" or "SEATED_INFANT" or "INFANT" or "INF" => PassengerCategory.Infant,
        "CHILD" or "CHD" or "CNN" => PassengerCategory.Child,
        _ => PassengerCategory.Adult,
    };
}

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

/// <summary>How hotel results are ordered: cheapest first (default), nearest the search point, or best rated.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HotelSort>))]
public enum HotelSort
{
    Price,
    Distance,
    Rating,
}

/// <summary>The amenities a stay search can filter on (lower case, as sent and returned).</summary>
public static class HotelAmenities
{
    public const string Pool = "pool";
    public const string Wifi = "wifi";
    public const string Breakfast = "breakfast";
    public const string Parking = "parking";
    public const string Gym = "gym";
    public const string Spa = "spa";
    public const string Pets = "pets";

    public static readonly IReadOnlyList<string> All = [Pool, Wifi, Breakfast, Parking, Gym, Spa, Pets];
}

/// <param name="Near">Search around this point (a named place's coordinates, or lat/lon) instead of the city centre.</param>
/// <param name="MaxNightly">Only rates up to this price a night (per room, in <see cref="Currency"/>).</param>
/// <param name="Amenities">Only hotels with all of these (<see cref="HotelAmenities"/>).</param>
/// <param name="FreeCancellation">Only rates that can be cancelled free of charge.</param>
/// <param name="MinGuestRating">Only hotels rated at least this by guests (0–10).</param>
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
    int MaxResults = 30,
    IReadOnlyList<string>? Amenities = null,
    bool FreeCancellation = false,
    double? MinGuestRating = null,
    HotelSort Sort = HotelSort.Price)
{
    public int Nights => CheckOut.DayNumber - CheckIn.DayNumber;

    /// <summary>
    /// The rooms a party takes when it does not say: one for every two adults (children share), as
    /// hotels and travellers count — four friends get two doubles, not one four-person suite.
    /// </summary>
    public static int RoomsFor(int adults) => Math.Max(1, (adults + 1) / 2);
}

/// <summary>How far a hotel is from a named landmark of its city, in kilometres (great circle).</summary>
public sealed record LandmarkDistance(string Name, double DistanceKm);

/// <summary>
/// A property. <see cref="DistanceKm"/> is from the search point (the city centre or the place asked
/// for); <see cref="GuestRating"/> is out of 10 from <see cref="ReviewCount"/> reviews;
/// <see cref="Landmarks"/> are the nearest named landmarks of the city.
/// </summary>
public sealed record Hotel(
    string HotelId,
    string Name,
    int? Stars,
    GeoPoint Point,
    string CityCode,
    string? Address = null,
    double? DistanceKm = null,
    string? Neighbourhood = null,
    IReadOnlyList<string>? Amenities = null,
    double? GuestRating = null,
    int? ReviewCount = null,
    double? CentreDistanceKm = null,
    IReadOnlyList<LandmarkDistance>? Landmarks = null);

/// <summary>
/// Whether a rate can be cancelled free of charge and until when: the deadline is the hotel's local
/// time with its UTC offset.
/// </summary>
public sealed record CancellationPolicy(bool Refundable, DateTimeOffset? FreeCancellationUntil, string Description);

/// <summary>
/// One way to book a room: its type, the meals included (in words: "Room only", "Breakfast included",
/// "Half board"…), the price a night (per room) and for the stay (all rooms), and the cancellation terms.
/// </summary>
public sealed record HotelRate(
    string Id,
    string RoomType,
    string? RoomDescription,
    string Board,
    Money Nightly,
    Money Total,
    CancellationPolicy Cancellation,
    int? RoomsLeft = null);

/// <summary>
/// A hotel for a stay, priced at one of its rates: in search results the cheapest rate that matches
/// the filters, when fetched by a rate id that rate. <see cref="Rates"/> lists every matching rate
/// of the hotel (each bookable by its id); <see cref="Id"/> is the selected rate's id.
/// </summary>
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
    string? Board = null,
    IReadOnlyList<HotelRate>? Rates = null)
{
    /// <summary>The same hotel and stay, priced at another of its rates.</summary>
    public HotelOffer WithRate(HotelRate rate) => this with
    {
        Id = rate.Id,
        RoomType = rate.RoomType,
        RoomDescription = rate.RoomDescription,
        Nightly = rate.Nightly,
        Total = rate.Total,
        Cancellation = rate.Cancellation,
        Board = rate.Board,
    };
}

/// <param name="Interest">Only one kind of thing to do (<see cref="ActivityInterests.Names"/>); null: all.</param>
public sealed record ActivitySearch(GeoPoint Near, double RadiusKm = 5, string Currency = "USD", int MaxResults = 30, string? Interest = null);

/// <param name="Place">Where it starts or happens (a landmark, a meeting point).</param>
/// <param name="OpenDays">The days it runs, in English ("Monday"…); null when unknown.</param>
/// <param name="Hours">Opening hours or start times in local time, as a traveller reads them.</param>
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
    string? BookingLink = null,
    string? Place = null,
    IReadOnlyList<string>? OpenDays = null,
    string? Hours = null);

/// <summary>The result of re-pricing or re-checking an offer just before booking.</summary>
public sealed record PriceCheck<TOffer>(TOffer Offer, bool Available, bool PriceChanged, Money? PreviousPrice);
