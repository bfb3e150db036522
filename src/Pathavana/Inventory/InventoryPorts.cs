namespace Pathavana.Inventory;

// The ports. Each has an offline adapter (the embedded default, results marked "simulated" or
// "gazetteer") and a real one chosen by configuration (Amadeus, Google Maps).

/// <summary>The bundled reference data: airports and metropolitan areas. Always local, always loaded.</summary>
public interface ILocationDirectory
{
    /// <summary>An airport or metro area by its IATA code (case-insensitive), or null.</summary>
    Location? Find(string code);

    /// <summary>Locations whose code, name or city match the text (prefix match, best first).</summary>
    IReadOnlyList<Location> Search(string text, int limit = 10);

    /// <summary>The airports a code stands for: a metro area's airports, or the airport itself.</summary>
    IReadOnlyList<Location> AirportsFor(string code);

    /// <summary>Airline name by IATA designator, or null.</summary>
    string? AirlineName(string code);

    /// <summary>
    /// Every airport and metro area, most important first (metro areas, then large airports, then the
    /// rest), for indexes built once at start such as the assistant's gazetteer.
    /// </summary>
    IReadOnlyCollection<Location> All { get; }

    /// <summary>Every airline: IATA designator to name.</summary>
    IReadOnlyDictionary<string, string> Airlines { get; }
}

/// <summary>Location search that may ask a provider (Amadeus Airport &amp; City Search).</summary>
public interface ILocationSearch
{
    Task<IReadOnlyList<Location>> SearchAsync(string text, int limit, CancellationToken cancellationToken);
}

public interface IGeocoder
{
    /// <summary>Places matching free text ("near the Eiffel Tower"), best first.</summary>
    Task<IReadOnlyList<Place>> GeocodeAsync(string text, GeoPoint? near, CancellationToken cancellationToken);
}

public interface IFlightProvider
{
    Task<IReadOnlyList<FlightOffer>> SearchAsync(FlightSearch search, CancellationToken cancellationToken);

    /// <summary>Confirms availability and the current price of an offer returned by <see cref="SearchAsync"/>.</summary>
    Task<PriceCheck<FlightOffer>> PriceAsync(FlightOffer offer, CancellationToken cancellationToken);
}

/// <summary>
/// A flight provider that can price a whole month at once (the simulator). Providers without one
/// (Duffel, Amadeus) get one cached search per day, a few at a time.
/// </summary>
public interface IFlightCalendarSource
{
    /// <summary>The cheapest one-way offer of each date, in the order given; days without a flight have no price.</summary>
    IReadOnlyList<CalendarDay> CheapestByDay(string origin, string destination, IReadOnlyList<DateOnly> dates,
        PassengerMix passengers, Cabin cabin, string currency);
}

public interface IHotelProvider
{
    Task<IReadOnlyList<HotelOffer>> SearchAsync(HotelSearch search, CancellationToken cancellationToken);

    Task<PriceCheck<HotelOffer>> RecheckAsync(HotelOffer offer, CancellationToken cancellationToken);
}

public interface IActivityProvider
{
    Task<IReadOnlyList<Activity>> SearchAsync(ActivitySearch search, CancellationToken cancellationToken);
}
