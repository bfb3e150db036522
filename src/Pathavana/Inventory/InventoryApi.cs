using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Inventory;

// ---- requests: every field a string, so that a malformed value becomes a 400 naming that field ----

public sealed record LocationSearchRequest(string? Q, string? Limit);

public sealed record PlaceSearchRequest(string? Q, string? Lat, string? Lon);

/// <summary>
/// A one-way or round-trip search (<c>origin</c>, <c>destination</c>, <c>departureDate</c>, optional
/// <c>returnDate</c>), or a multi-city one in the compact <c>legs</c> form instead:
/// <c>ORIGIN-DESTINATION-YYYY-MM-DD</c> comma-separated in the order flown, 1–6 legs
/// (<c>LON-TYO-2027-03-01,TYO-BKK-2027-03-08,BKK-LON-2027-03-15</c>), each date local at its origin.
/// Problems name the field (<c>legs[2].date</c>). <c>childAges</c> (optional, comma-separated, one per
/// child, 2–11 on the day of the last flight: <c>5,8</c>) lets providers that price children by age
/// (Duffel) quote them exactly. The same search as a JSON body: <c>POST /api/v1/flights/search</c>.
/// </summary>
public sealed record FlightSearchRequest(
    string? Origin, string? Destination, string? DepartureDate, string? ReturnDate,
    string? Adults, string? Children, string? Infants, string? Cabin, string? NonStop, string? Currency, string? Sort,
    string? Legs = null, string? ChildAges = null);

/// <summary>One leg of a multi-city search: IATA airport or city codes and a local date (YYYY-MM-DD) at the origin.</summary>
public sealed record FlightLegRequest(string? Origin, string? Destination, string? Date);

/// <summary>
/// A search of one to six legs (one-way, round trip, open jaw or multi-city) with the travellers and
/// filters. <c>childAges</c> (optional, one per child, 2–11 on the day of the last flight) lets providers
/// that price children by age (Duffel) quote them exactly. <c>cabin</c>: economy, premium_economy,
/// business or first; <c>sort</c>: cheapest (default), fastest or best; <c>maxPrice</c> is per adult, in <c>currency</c>.
/// </summary>
public sealed record MultiCityFlightSearchRequest(
    IReadOnlyList<FlightLegRequest?>? Legs,
    int? Adults,
    int? Children,
    int? Infants,
    IReadOnlyList<int>? ChildAges,
    string? Cabin,
    bool? NonStop,
    string? Currency,
    string? Sort,
    IReadOnlyList<string?>? IncludedAirlines,
    IReadOnlyList<string?>? ExcludedAirlines,
    decimal? MaxPrice,
    int? MaxResults);

public sealed record FlightCalendarRequest(
    string? Origin, string? Destination, string? Month, string? Adults, string? Children, string? Infants, string? Cabin, string? Currency);

/// <summary>
/// A stay search in a city (<c>cityCode</c>) or around a point (<c>lat</c>/<c>lon</c>, or <c>near</c>: a named
/// place such as "Eiffel Tower", searched within <c>radiusKm</c>). Filters: <c>minStars</c>, <c>maxNightly</c>
/// (per room, in <c>currency</c>), <c>amenities</c> (comma-separated: pool, wifi, breakfast, parking, gym,
/// spa, pets), <c>freeCancellation</c>, <c>minRating</c> (guest rating out of 10); <c>sort</c>: price
/// (default), distance or rating. <c>rooms</c> defaults to one for every two <c>adults</c>
/// (<see cref="HotelSearch.RoomsFor"/>); at most four adults share a room.
/// </summary>
public sealed record HotelSearchRequest(
    string? CityCode, string? Lat, string? Lon, string? RadiusKm, string? CheckIn, string? CheckOut,
    string? Adults, string? Rooms, string? MinStars, string? Currency,
    string? Near, string? MaxNightly, string? Amenities, string? FreeCancellation, string? MinRating, string? Sort);

/// <param name="Interest">Only things to do of one kind: food, culture, outdoors, day-trips or nightlife (<see cref="ActivityInterests"/>).</param>
public sealed record ActivitySearchRequest(string? CityCode, string? Lat, string? Lon, string? RadiusKm, string? Currency, string? Interest = null);

// ---- responses: Pathavana's model, with where it came from ----

public sealed record LocationsResponse(IReadOnlyList<Location> Locations, string Source);

public sealed record PlacesResponse(IReadOnlyList<Place> Places, string Source);

public sealed record FlightSearchResponse(IReadOnlyList<FlightOffer> Offers, int Count, string Source);

/// <summary>One offer per hotel; <c>near</c> is the named place the distances are measured from, when one was asked for.</summary>
public sealed record HotelSearchResponse(IReadOnlyList<HotelOffer> Offers, int Count, string Source, Place? Near = null);

public sealed record ActivitySearchResponse(IReadOnlyList<Activity> Activities, int Count, string Source);

/// <summary>Travel inventory over HTTP: locations, places, flights, a price calendar, hotels and activities.</summary>
internal static class InventoryApi
{
    public static void MapInventoryApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Inventory").AllowAnonymous();

        api.MapGet("/locations", SearchLocations).WithName("SearchLocations")
            .WithSummary("Airports and metropolitan areas by code, name or city (prefix search).");
        api.MapGet("/places", SearchPlaces).WithName("SearchPlaces")
            .WithSummary("Places for free text, such as a landmark or a neighbourhood.");
        api.MapGet("/flights/search", SearchFlights).WithName("SearchFlights")
            .WithSummary("Flight offers for a one-way or round trip, cheapest first (or fastest, or best).");
        api.MapPost("/flights/search", SearchFlightsMultiCity).WithName("SearchFlightsMultiCity")
            .WithSummary("Flight offers for one to six legs (multi-city, open jaw, round trip), with airline and price filters.");
        api.MapGet("/flights/offers/{id}", GetFlightOffer).WithName("GetFlightOffer")
            .WithSummary("A flight offer returned by an earlier search.");
        api.MapPost("/flights/offers/{id}/price", PriceFlightOffer).WithName("PriceFlightOffer")
            .WithSummary("Confirms a flight offer's availability and current price.")
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/flights/calendar", FlightCalendar).WithName("FlightPriceCalendar")
            .WithSummary("The cheapest one-way fare for each day of a month between two places.");
        api.MapGet("/hotels/search", SearchHotels).WithName("SearchHotels")
            .WithSummary("Hotel offers in a city or near a point, cheapest first.");
        api.MapGet("/hotels/offers/{id}", GetHotelOffer).WithName("GetHotelOffer")
            .WithSummary("A hotel offer returned by an earlier search.");
        api.MapGet("/activities/search", SearchActivities).WithName("SearchActivities")
            .WithSummary("Tours and activities near a point or in a city, nearest first; `interest` keeps one kind (food, culture, outdoors, day-trips, nightlife).");
    }

    public static async Task<Results<Ok<LocationsResponse>, ValidationProblem>> SearchLocations(
        [AsParameters] LocationSearchRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        var text = errors.Required("q", request.Q);
        var limit = errors.Int("limit", request.Limit, 10, 1, 50);
        if (errors.Any)
        {
            return errors.Problem();
        }
        var locations = await inventory.SearchLocationsAsync(text!, limit, cancellationToken);
        return TypedResults.Ok(new LocationsResponse(locations, inventory.LocationSource));
    }

    public static async Task<Results<Ok<PlacesResponse>, ValidationProblem>> SearchPlaces(
        [AsParameters] PlaceSearchRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        var text = errors.Required("q", request.Q);
        var near = errors.Point(request.Lat, request.Lon, required: false);
        if (errors.Any)
        {
            return errors.Problem();
        }
        var places = await inventory.GeocodeAsync(text!, near, cancellationToken);
        return TypedResults.Ok(new PlacesResponse(places, places.Count > 0 ? places[0].Source : inventory.GeocoderSource));
    }

    public static async Task<Results<Ok<FlightSearchResponse>, ValidationProblem>> SearchFlights(
        [AsParameters] FlightSearchRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        List<FlightLeg>? legs = null;
        if (!string.IsNullOrWhiteSpace(request.Legs))
        {
            // Multi-city in the query: the compact legs form instead of origin/destination/dates.
            foreach (var (name, value) in new[] { ("origin", request.Origin), ("destination", request.Destination), ("departureDate", request.DepartureDate), ("returnDate", request.ReturnDate) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(name, $"Give either legs (multi-city) or {name}, not both.");
                }
            }
            legs = ValidateLegs(errors, inventory, ParseLegs(errors, request.Legs, inventory.Today.AddDays(30)));
        }
        else
        {
            var (origin, destination) = errors.Route(inventory.Directory, request.Origin, request.Destination);
            // A departure date is checked against the date at the origin airport, a return date against the destination's.
            var departure = errors.Date("departureDate", request.DepartureDate, inventory.LocalToday(origin), required: true, origin is null ? null : inventory.Directory.Find(origin));
            var @return = errors.Date("returnDate", request.ReturnDate, inventory.LocalToday(destination), required: false, destination is null ? null : inventory.Directory.Find(destination));
            if (departure is { } d && @return is { } r)
            {
                errors.Add(SearchRules.InOrder(d, r));
            }
            if (origin is not null && destination is not null && departure is { } day)
            {
                legs = [new FlightLeg(origin, destination, day)];
                if (@return is { } back)
                {
                    legs.Add(new FlightLeg(destination, origin, back));
                }
            }
        }
        var passengers = errors.Passengers(request.Adults, request.Children, request.Infants, ParseAges(errors, request.ChildAges));
        var cabin = errors.Cabin(request.Cabin);
        var nonStop = errors.Bool("nonStop", request.NonStop);
        var currency = errors.Currency(request.Currency);
        var sort = errors.Sort(request.Sort);
        if (errors.Any)
        {
            return errors.Problem();
        }
        var search = new FlightSearch(legs!, passengers!, cabin, nonStop, currency);
        var offers = await inventory.SearchFlightsAsync(search, cancellationToken, sort);
        return TypedResults.Ok(new FlightSearchResponse(offers, offers.Count, offers.Count > 0 ? offers[0].Source : inventory.FlightSource));
    }

    public static async Task<Results<Ok<FlightSearchResponse>, ValidationProblem>> SearchFlightsMultiCity(
        MultiCityFlightSearchRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        var legs = ValidateLegs(errors, inventory, request.Legs);
        var passengers = errors.Passengers(Text(request.Adults), Text(request.Children), Text(request.Infants), request.ChildAges);
        var cabin = errors.Cabin(request.Cabin);
        var currency = errors.Currency(request.Currency);
        var sort = errors.Sort(request.Sort);
        var included = errors.Airlines(inventory.Directory, "includedAirlines", request.IncludedAirlines);
        var excluded = errors.Airlines(inventory.Directory, "excludedAirlines", request.ExcludedAirlines);
        if (included is { Count: > 0 } && excluded is { Count: > 0 } && included.Intersect(excluded).Any())
        {
            errors.Add("excludedAirlines", "An airline cannot be both included and excluded.");
        }
        if (request.MaxPrice is { } max && max <= 0)
        {
            errors.Add("maxPrice", "maxPrice must be more than zero (per adult, in the search currency).");
        }
        var maxResults = request.MaxResults ?? 50;
        if (maxResults is < 1 or > 250)
        {
            errors.Add("maxResults", "maxResults must be a whole number from 1 to 250.");
        }
        if (errors.Any)
        {
            return errors.Problem();
        }
        var search = new FlightSearch(legs, passengers!, cabin, request.NonStop ?? false, currency, included, excluded, request.MaxPrice, maxResults);
        var offers = await inventory.SearchFlightsAsync(search, cancellationToken, sort);
        return TypedResults.Ok(new FlightSearchResponse(offers, offers.Count, offers.Count > 0 ? offers[0].Source : inventory.FlightSource));

        static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks one to <see cref="InventoryLimits.MaxLegs"/> legs, naming each problem by its field
    /// (<c>legs[2].date</c>); dates are checked at each leg's origin and must not go backwards.
    /// </summary>
    private static List<FlightLeg> ValidateLegs(Errors errors, InventoryService inventory, IReadOnlyList<FlightLegRequest?>? requested)
    {
        var legs = new List<FlightLeg>();
        if (requested is not { Count: > 0 } given)
        {
            errors.Add("legs", $"legs is required: one to {InventoryLimits.MaxLegs} legs, each with origin, destination and date.");
        }
        else if (given.Count > InventoryLimits.MaxLegs)
        {
            errors.Add("legs", $"At most {InventoryLimits.MaxLegs} legs can be searched at once.");
        }
        else
        {
            DateOnly? previous = null;
            for (var i = 0; i < given.Count; i++)
            {
                var field = $"legs[{i}]";
                if (given[i] is not { } leg)
                {
                    if (!errors.Has(field))
                    {
                        errors.Add(field, $"{field} must have origin, destination and date.");
                    }
                    continue;
                }
                var (origin, destination) = errors.Route(inventory.Directory, leg.Origin, leg.Destination, field + ".");
                var date = errors.Date(field + ".date", leg.Date, inventory.LocalToday(origin), required: true, origin is null ? null : inventory.Directory.Find(origin));
                if (date is { } day && previous is { } before)
                {
                    errors.Add(SearchRules.InOrder(before, day, $"legs[{i - 1}].date", field + ".date"));
                }
                previous = date ?? previous;
                if (origin is not null && destination is not null && date is not null)
                {
                    legs.Add(new FlightLeg(origin, destination, date.Value));
                }
            }
        }
        return legs;
    }

    /// <summary>
    /// Reads the compact <c>legs</c> query form, <c>ORIGIN-DESTINATION-YYYY-MM-DD</c> comma-separated in
    /// the order flown (e.g. <c>LON-TYO-2027-03-01,TYO-BKK-2027-03-08</c>); a part that does not have that
    /// shape is refused as <c>legs[i]</c>, its message showing the shape with <paramref name="example"/> as the date.
    /// </summary>
    private static List<FlightLegRequest?> ParseLegs(Errors errors, string text, DateOnly example)
    {
        var legs = new List<FlightLegRequest?>();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var bits = parts[i].Split('-', 3, StringSplitOptions.TrimEntries);
            if (bits.Length != 3 || bits[0].Length == 0 || bits[1].Length == 0)
            {
                errors.Add($"legs[{i}]", string.Create(CultureInfo.InvariantCulture, $"legs[{i}] must be ORIGIN-DESTINATION-YYYY-MM-DD (IATA codes and the local date at the origin), e.g. LHR-JFK-{example:yyyy-MM-dd}; it was '{parts[i]}'."));
                legs.Add(null);
                continue;
            }
            legs.Add(new FlightLegRequest(bits[0], bits[1], bits[2]));
        }
        return legs;
    }

    /// <summary>Reads the <c>childAges</c> query form, whole years comma-separated (<c>5,8</c>); a part that is not a number is refused as <c>childAges[i]</c>.</summary>
    private static List<int>? ParseAges(Errors errors, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var ages = new List<int>();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ok = true;
        for (var i = 0; i < parts.Length; i++)
        {
            if (int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var age))
            {
                ages.Add(age);
            }
            else
            {
                ok = false;
                errors.Add($"childAges[{i}]", $"childAges[{i}] must be a child's age in whole years (2 to 11); it was '{parts[i]}'.");
            }
        }
        return ok ? ages : null;
    }

    public static async Task<Results<Ok<FlightOffer>, ProblemHttpResult>> GetFlightOffer(
        string id, InventoryService inventory, CancellationToken cancellationToken)
    {
        var offer = await inventory.GetFlightOfferAsync(id, cancellationToken);
        return offer is null ? NotFoundProblem("flight offer") : TypedResults.Ok(offer);
    }

    public static async Task<Results<Ok<PriceCheck<FlightOffer>>, ProblemHttpResult>> PriceFlightOffer(
        string id, InventoryService inventory, CancellationToken cancellationToken)
    {
        var check = await inventory.PriceFlightOfferAsync(id, cancellationToken);
        if (check is null)
        {
            return NotFoundProblem("flight offer");
        }
        if (!check.Available && inventory.HasDeparted(check.Offer))
        {
            return DepartedProblem(check.Offer);
        }
        return TypedResults.Ok(check);
    }

    /// <summary>410 for an offer whose first flight has left or leaves within the minimum lead time.</summary>
    internal static ProblemHttpResult DepartedProblem(FlightOffer offer)
    {
        var first = offer.Itineraries[0].Segments[0];
        return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This flight has departed.",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"{first.CarrierCode}{first.FlightNumber} from {first.Origin} leaves at {first.Departure:yyyy-MM-dd HH:mm} local time; flights can be bought until {InventoryLimits.MinimumLeadTime.TotalHours:0} hours before departure. Search again for later flights."),
            extensions: new Dictionary<string, object?> { ["code"] = "offerDeparted", ["departure"] = first.Departure });
    }

    public static async Task<Results<Ok<PriceCalendar>, ValidationProblem>> FlightCalendar(
        [AsParameters] FlightCalendarRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        var (origin, destination) = errors.Route(inventory.Directory, request.Origin, request.Destination);
        var today = inventory.LocalToday(origin);
        DateOnly? first = null;
        if (string.IsNullOrWhiteSpace(request.Month))
        {
            errors.Add("month", "month is required (YYYY-MM).");
        }
        else if (!DateOnly.TryParseExact(request.Month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add("month", "month must be a month as YYYY-MM.");
        }
        else if (parsed.AddMonths(1) <= today)
        {
            errors.Add("month", "month is in the past.");
        }
        else if (parsed > SearchRules.LastDay(today))
        {
            errors.Add("month", $"month must start within {InventoryLimits.BookingHorizonDays} days from today.");
        }
        else
        {
            first = parsed;
        }
        var passengers = errors.Passengers(request.Adults, request.Children, request.Infants);
        var cabin = errors.Cabin(request.Cabin);
        var currency = errors.Currency(request.Currency);
        if (errors.Any)
        {
            return errors.Problem();
        }
        var calendar = await inventory.FlightCalendarAsync(origin!, destination!, first!.Value.Year, first.Value.Month, passengers!, cabin, currency, cancellationToken);
        return TypedResults.Ok(calendar);
    }

    public static async Task<Results<Ok<HotelSearchResponse>, ValidationProblem>> SearchHotels(
        [AsParameters] HotelSearchRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        string? cityCode;
        GeoPoint? near;
        Place? place = null;
        if (!string.IsNullOrWhiteSpace(request.Near))
        {
            // A named place: the gazetteer (or Google) finds it, near the city when one is given.
            cityCode = string.IsNullOrWhiteSpace(request.CityCode) ? null : errors.Code(inventory.Directory, "cityCode", request.CityCode);
            var text = errors.Required("near", request.Near);
            near = null;
            if (text is not null && !errors.Has("cityCode"))
            {
                var around = cityCode is null ? (GeoPoint?)null : CityGuide.Shared.ForCode(cityCode)?.Centre;
                var places = await inventory.GeocodeAsync(text, around, cancellationToken);
                place = places.FirstOrDefault(p => around is not { } centre || Geo.DistanceKm(centre, p.Point) <= 60);
                if (place is null)
                {
                    errors.Add("near", $"near: no place called '{(text.Length > 40 ? text[..40] + "…" : text)}' was found{(cityCode is null ? "" : " in that city")}; try a landmark, a neighbourhood or an address.");
                }
                else
                {
                    near = place.Point;
                    cityCode = null;
                }
            }
        }
        else
        {
            (cityCode, near) = errors.Place(inventory.Directory, request.CityCode, request.Lat, request.Lon);
        }
        // Check-in is checked against the date where the hotel is.
        var today = cityCode is not null ? inventory.LocalToday(cityCode) : near is { } point ? inventory.LocalToday(point) : inventory.Today;
        var radius = errors.Double("radiusKm", request.RadiusKm, place is null ? 5 : 2, 0.1, 50);
        var checkIn = errors.Date("checkIn", request.CheckIn, today, required: true);
        var checkOut = errors.Date("checkOut", request.CheckOut, today, required: true);
        if (checkIn is { } i && checkOut is { } o)
        {
            errors.Add(SearchRules.Stay(i, o));
        }
        var adults = errors.Count("adults", request.Adults, 1);
        var rooms = errors.Count("rooms", request.Rooms, HotelSearch.RoomsFor(adults));
        if (!errors.Has("adults") && !errors.Has("rooms"))
        {
            errors.AddAll(SearchRules.Guests(adults, rooms));
        }
        int? minStars = string.IsNullOrWhiteSpace(request.MinStars) ? null : errors.Int("minStars", request.MinStars, 1, 1, 5);
        var currency = errors.Currency(request.Currency);
        double? maxNightly = string.IsNullOrWhiteSpace(request.MaxNightly) ? null : errors.Double("maxNightly", request.MaxNightly, 0, 1, 1_000_000);
        double? minRating = string.IsNullOrWhiteSpace(request.MinRating) ? null : errors.Double("minRating", request.MinRating, 0, 0, 10);
        var freeCancellation = errors.Bool("freeCancellation", request.FreeCancellation);
        var amenities = errors.Amenities(request.Amenities);
        var sort = HotelSort.Price;
        if (!string.IsNullOrWhiteSpace(request.Sort)
            && !(Enum.TryParse(request.Sort.Trim(), ignoreCase: true, out sort) && Enum.IsDefined(sort) && !int.TryParse(request.Sort, out _)))
        {
            errors.Add("sort", "sort must be price, distance or rating.");
        }
        if (errors.Any)
        {
            return errors.Problem();
        }
        var search = new HotelSearch(checkIn!.Value, checkOut!.Value, adults, rooms, cityCode, near, radius, minStars,
            maxNightly is { } max ? new Platform.Money((decimal)max, currency) : null, currency,
            Amenities: amenities, FreeCancellation: freeCancellation, MinGuestRating: minRating, Sort: sort);
        var offers = await inventory.SearchHotelsAsync(search, cancellationToken);
        return TypedResults.Ok(new HotelSearchResponse(offers, offers.Count, offers.Count > 0 ? offers[0].Source : inventory.HotelSource, place));
    }

    public static async Task<Results<Ok<HotelOffer>, ProblemHttpResult>> GetHotelOffer(
        string id, InventoryService inventory, CancellationToken cancellationToken)
    {
        var offer = await inventory.GetHotelOfferAsync(id, cancellationToken);
        return offer is null ? NotFoundProblem("hotel offer") : TypedResults.Ok(offer);
    }

    public static async Task<Results<Ok<ActivitySearchResponse>, ValidationProblem>> SearchActivities(
        [AsParameters] ActivitySearchRequest request, InventoryService inventory, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        var (cityCode, near) = errors.Place(inventory.Directory, request.CityCode, request.Lat, request.Lon);
        var radius = errors.Double("radiusKm", request.RadiusKm, near is null ? 15 : 5, 0.1, 50);
        var currency = errors.Currency(request.Currency);
        if (!ActivityInterests.TryRead(request.Interest, out var interest))
        {
            errors.Add("interest", ActivityInterests.Expected);
        }
        if (errors.Any)
        {
            return errors.Problem();
        }
        var point = near ?? CityGuide.Shared.ForCode(cityCode!)!.Centre;
        var activities = await inventory.SearchActivitiesAsync(new ActivitySearch(point, radius, currency, Interest: interest), cancellationToken);
        return TypedResults.Ok(new ActivitySearchResponse(activities, activities.Count, activities.Count > 0 ? activities[0].Source : inventory.ActivitySource));
    }

    private static ProblemHttpResult NotFoundProblem(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            detail: $"No {what} with this id; offers expire, search again.");

    /// <summary>Collects validation errors by field, for one <c>ValidationProblem</c>.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

        public bool Any => byField.Count > 0;

        public bool Has(string field) => byField.ContainsKey(field);

        public void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var list))
            {
                byField[field] = list = [];
            }
            list.Add(message);
        }

        public void Add(SearchIssue? issue)
        {
            if (issue is not null)
            {
                Add(issue.Field, issue.Message);
            }
        }

        public void AddAll(IEnumerable<SearchIssue> issues)
        {
            foreach (var issue in issues)
            {
                Add(issue);
            }
        }

        public ValidationProblem Problem() =>
            TypedResults.ValidationProblem(byField.ToDictionary(p => p.Key, p => p.Value.ToArray()),
                detail: "One or more query parameters are not valid: " + string.Join(", ", byField.Keys) + ".");

        public string? Required(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, $"{field} is required.");
                return null;
            }
            if (value.Length > 200)
            {
                Add(field, $"{field} is too long.");
                return null;
            }
            return value.Trim();
        }

        public int Int(string field, string? value, int fallback, int min, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                Add(field, $"{field} must be a whole number from {min} to {max}.");
                return fallback;
            }
            return number;
        }

        /// <summary>A count of people or rooms: a whole number, 0 or more (<see cref="SearchRules"/> checks the limits).</summary>
        public int Count(string field, string? value, int fallback)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 0)
            {
                Add(field, $"{field} must be a whole number, 0 or more.");
                return fallback;
            }
            return number;
        }

        public double Double(string field, string? value, double fallback, double min, double max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || number < min || number > max)
            {
                Add(field, string.Create(CultureInfo.InvariantCulture, $"{field} must be a number from {min} to {max}."));
                return fallback;
            }
            return number;
        }

        public bool Bool(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return false;
            }
            if (!bool.TryParse(value, out var result))
            {
                Add(field, $"{field} must be true or false.");
            }
            return result;
        }

        public DateOnly? Date(string field, string? value, DateOnly today, bool required, Location? where = null)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Add(field, $"{field} is required (YYYY-MM-DD).");
                }
                return null;
            }
            if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Add(field, $"{field} must be a date as YYYY-MM-DD.");
                return null;
            }
            if (SearchRules.TravelDate(field, date, today, where) is { } issue)
            {
                Add(issue);
                return null;
            }
            return date;
        }

        public (string? Origin, string? Destination) Route(ILocationDirectory directory, string? origin, string? destination, string prefix = "")
        {
            var from = Code(directory, prefix + "origin", origin);
            var to = Code(directory, prefix + "destination", destination);
            if (from is not null && to is not null && SameAirports(directory, from, to))
            {
                Add(prefix + "destination", $"{prefix}destination must differ from {prefix}origin.");
            }
            return (from, to);
        }

        public List<string>? Amenities(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            var result = new List<string>();
            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var amenity = part.ToLowerInvariant() switch
                {
                    "wi-fi" or "internet" => HotelAmenities.Wifi,
                    "pets" or "pet" or "pet-friendly" => HotelAmenities.Pets,
                    "fitness" => HotelAmenities.Gym,
                    var other => other,
                };
                if (!HotelAmenities.All.Contains(amenity))
                {
                    Add("amenities", $"amenities: '{Truncate(part)}' is not one of {string.Join(", ", HotelAmenities.All)}.");
                    continue;
                }
                result.Add(amenity);
            }
            return [.. result.Distinct()];
        }

        public FlightSort Sort(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return FlightSort.Cheapest;
            }
            if (Enum.TryParse<FlightSort>(value.Trim(), ignoreCase: true, out var sort) && Enum.IsDefined(sort) && !int.TryParse(value, out _))
            {
                return sort;
            }
            Add("sort", "sort must be cheapest, fastest or best.");
            return FlightSort.Cheapest;
        }

        public List<string>? Airlines(ILocationDirectory directory, string field, IReadOnlyList<string?>? codes)
        {
            if (codes is null || codes.Count == 0)
            {
                return null;
            }
            var result = new List<string>();
            for (var i = 0; i < codes.Count; i++)
            {
                var code = codes[i]?.Trim().ToUpperInvariant();
                if (code is not { Length: 2 } || directory.AirlineName(code) is null)
                {
                    Add($"{field}[{i}]", $"{field}[{i}] '{Truncate(codes[i] ?? "")}' is not a known two-character IATA airline code.");
                    continue;
                }
                result.Add(code);
            }
            return result.Distinct().ToList();
        }

        private static bool SameAirports(ILocationDirectory directory, string a, string b) =>
            directory.AirportsFor(a).Select(l => l.Code).Order(StringComparer.Ordinal)
                .SequenceEqual(directory.AirportsFor(b).Select(l => l.Code).Order(StringComparer.Ordinal));

        public string? Code(ILocationDirectory directory, string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, $"{field} is required (an IATA airport or city code).");
                return null;
            }
            var location = value.Trim().Length == 3 ? directory.Find(value) : null;
            if (location is null)
            {
                Add(field, $"{field} '{Truncate(value)}' is not a known IATA airport or city code.");
                return null;
            }
            return location.Code;
        }

        public (string? CityCode, GeoPoint? Near) Place(ILocationDirectory directory, string? cityCode, string? lat, string? lon)
        {
            if (!string.IsNullOrWhiteSpace(cityCode))
            {
                return (Code(directory, "cityCode", cityCode), null);
            }
            if (string.IsNullOrWhiteSpace(lat) && string.IsNullOrWhiteSpace(lon))
            {
                Add("cityCode", "Give cityCode, or lat and lon.");
                return (null, null);
            }
            return (null, Point(lat, lon, required: true));
        }

        public GeoPoint? Point(string? lat, string? lon, bool required)
        {
            if (!required && string.IsNullOrWhiteSpace(lat) && string.IsNullOrWhiteSpace(lon))
            {
                return null;
            }
            var latitude = Coordinate("lat", lat, 90);
            var longitude = Coordinate("lon", lon, 180);
            return latitude is { } la && longitude is { } lo ? new GeoPoint(la, lo) : null;
        }

        private double? Coordinate(string field, string? value, double limit)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, $"{field} is required with {(field == "lat" ? "lon" : "lat")}.");
                return null;
            }
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || Math.Abs(number) > limit)
            {
                Add(field, string.Create(CultureInfo.InvariantCulture, $"{field} must be a number from -{limit} to {limit}."));
                return null;
            }
            return number;
        }

        /// <summary>The travellers, counts read from the query and checked by <see cref="SearchRules.Passengers"/>; null when any is wrong.</summary>
        public PassengerMix? Passengers(string? adults, string? children, string? infants, IReadOnlyList<int>? childAges = null)
        {
            var mix = new PassengerMix(Count("adults", adults, 1), Count("children", children, 0), Count("infants", infants, 0),
                childAges is { Count: > 0 } ? childAges : null);
            if (Has("adults") || Has("children") || Has("infants"))
            {
                return null;
            }
            var issues = SearchRules.Passengers(mix);
            AddAll(issues);
            return issues.Count == 0 ? mix : null;
        }

        public Cabin Cabin(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Inventory.Cabin.Economy;
            }
            var normal = value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
            if (Enum.TryParse<Cabin>(normal, ignoreCase: true, out var cabin) && Enum.IsDefined(cabin) && !int.TryParse(normal, out _))
            {
                return cabin;
            }
            Add("cabin", "cabin must be economy, premium_economy, business or first.");
            return Inventory.Cabin.Economy;
        }

        public string Currency(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return "USD";
            }
            var code = value.Trim().ToUpperInvariant();
            if (!SearchCurrencies.IsSupported(code))
            {
                Add("currency", $"currency '{Truncate(value)}' is not supported; use an ISO 4217 code such as USD, EUR or GBP.");
                return "USD";
            }
            return code;
        }

        private static string Truncate(string value) => value.Length > 20 ? value[..20] + "…" : value;
    }
}
