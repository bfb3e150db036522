using System.Globalization;
using Pathavana.Platform;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// The offline hotel inventory: a stable set of hotels per city (names, stars, coordinates, the
/// neighbourhood, amenities, guest rating, distances to the centre and to the city's landmarks), each
/// with several rates — room types, meals (said in words), flexible or non-refundable — priced by the
/// city's cost level, the season and the weekend. Deterministic: a rate's id encodes it.
/// </summary>
internal sealed class SimulatedHotelProvider(CityGuide cities, TimeProvider time) : IHotelProvider
{
    private const string OfferPrefix = "H2";

    private static readonly string[] Words =
        ["Grand", "Royal", "Park", "Central", "Harbour", "Garden", "Plaza", "Riverside", "Old Town", "Station",
         "Palace", "Urban", "Gallery", "Heritage", "Skyline", "Cathedral", "Market", "Museum", "Avenue", "Lighthouse",
         "Orchard", "Bridge", "Square", "Terrace", "Boulevard", "Courtyard", "Meridian", "Compass", "Atlas", "Horizon"];

    private static readonly string[] Streets =
        ["Market", "Church", "River", "Station", "Park", "King", "Queen", "Mill", "Harbour", "Garden", "Castle", "Bridge"];

    private static readonly (string Name, string Description, double Factor, int Capacity)[] RoomTypes =
    [
        ("Standard Double", "Double bed, city view not guaranteed", 1.0, 2),
        ("Superior Double", "Double or twin beds, larger room", 1.2, 2),
        ("Deluxe King", "King bed, upper floor", 1.45, 2),
        ("Junior Suite", "King bed and sitting area, sofa bed", 1.9, 3),
        ("Executive Suite", "Separate living room, lounge access", 2.6, 4),
    ];

    /// <summary>Meals a rate includes: code in the id, words for travellers, US dollars per guest a night.</summary>
    private static readonly (char Code, string Words, double UsdPerGuest)[] Boards =
    [
        ('R', "Room only", 0),
        ('B', "Breakfast included", 16),
        ('H', "Half board (breakfast and dinner)", 45),
    ];

    public Task<IReadOnlyList<HotelOffer>> SearchAsync(HotelSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Task.FromResult(Search(search));
    }

    public Task<PriceCheck<HotelOffer>> RecheckAsync(HotelOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var current = Rebuild(offer.Id) ?? throw new ArgumentException("The offer was not made by the simulator.", nameof(offer));
        current = current with { Hotel = current.Hotel with { DistanceKm = offer.Hotel.DistanceKm } };
        // A stay can be booked until check-in day ends where the hotel is.
        var city = cities.ForCode(current.Hotel.CityCode);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(city!.TimeZone);
        var hotelToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var changed = current.Total != offer.Total;
        return Task.FromResult(new PriceCheck<HotelOffer>(current, current.CheckIn >= hotelToday, changed, changed ? offer.Total : null));
    }

    /// <summary>One offer per hotel (its cheapest matching rate, with every matching rate listed), ordered as asked.</summary>
    public IReadOnlyList<HotelOffer> Search(HotelSearch search)
    {
        if (search.Nights <= 0 || search.Rooms <= 0 || search.Adults <= 0 || !SimulatedMoney.IsSupported(search.Currency))
        {
            return [];
        }
        var city = search.CityCode is { } code ? cities.ForCode(code) : search.Near is { } point ? cities.Near(point) : null;
        if (city is null)
        {
            return [];
        }
        var centre = search.Near ?? city.Centre;
        var radius = search.Near is null ? Math.Max(search.RadiusKm, 10) : search.RadiusKm;

        var offers = new List<HotelOffer>();
        foreach (var hotel in Hotels(city))
        {
            var distance = Math.Round(Geo.DistanceKm(centre, hotel.Hotel.Point), 2);
            if (distance > radius
                || (search.MinStars is { } min && hotel.Hotel.Stars < min)
                || (search.MinGuestRating is { } rating && hotel.Hotel.GuestRating < rating)
                || (search.Amenities is { Count: > 0 } wanted && !wanted.All(a => hotel.Hotel.Amenities!.Contains(a, StringComparer.OrdinalIgnoreCase))))
            {
                continue;
            }
            var rates = Rates(city, hotel, search.CheckIn, search.CheckOut, search.Adults, search.Rooms, search.Currency)
                .Where(r => (!search.FreeCancellation || r.Cancellation.Refundable)
                    && (search.MaxNightly is not { } max || max.Currency != r.Nightly.Currency || r.Nightly.Amount <= max.Amount))
                .ToList();
            if (rates.Count == 0)
            {
                continue;
            }
            offers.Add(MakeOffer(hotel.Hotel with { DistanceKm = distance }, rates[0], rates, search.CheckIn, search.CheckOut, search.Adults, search.Rooms));
        }
        IOrderedEnumerable<HotelOffer> ordered = search.Sort switch
        {
            HotelSort.Distance => offers.OrderBy(o => o.Hotel.DistanceKm).ThenBy(o => o.Total.Amount),
            HotelSort.Rating => offers.OrderByDescending(o => o.Hotel.GuestRating).ThenBy(o => o.Total.Amount),
            _ => offers.OrderBy(o => o.Total.Amount).ThenBy(o => o.Hotel.DistanceKm),
        };
        return [.. ordered.ThenBy(o => o.Id, StringComparer.Ordinal).Take(Math.Max(1, search.MaxResults))];
    }

    /// <summary>
    /// Re-derives the offer of a rate id: the hotel priced at that rate, with all its rates. Null when the
    /// id is not a valid simulator id.
    /// </summary>
    public HotelOffer? Rebuild(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 120 || !id.StartsWith(OfferPrefix + "_", StringComparison.Ordinal))
        {
            return null;
        }
        var cut = id.LastIndexOf('_');
        if (!string.Equals(StableHash.Check(id[..cut]), id[(cut + 1)..], StringComparison.Ordinal))
        {
            return null;
        }
        // H2_{hotel id}_{rate code}_{check-in}_{check-out}_{adults}_{rooms}_{currency}_{check}
        var f = id[..cut].Split('_');
        if (f.Length != 8 || f[1].Length != 8
            || !DateOnly.TryParseExact(f[3], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkIn)
            || !DateOnly.TryParseExact(f[4], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkOut)
            || !int.TryParse(f[5], CultureInfo.InvariantCulture, out var adults)
            || !int.TryParse(f[6], CultureInfo.InvariantCulture, out var rooms)
            || adults is < 1 or > 9 || rooms is < 1 or > 9 || checkOut <= checkIn || checkOut.DayNumber - checkIn.DayNumber > 31
            || !SimulatedMoney.IsSupported(f[7])
            || cities.ForCode(f[1][3..6]) is not { } city)
        {
            return null;
        }
        var hotel = Hotels(city).FirstOrDefault(h => h.Hotel.HotelId == f[1]);
        if (hotel is null)
        {
            return null;
        }
        var rates = Rates(city, hotel, checkIn, checkOut, adults, rooms, f[7]);
        var rate = rates.FirstOrDefault(r => r.Id == id);
        return rate is null ? null : MakeOffer(hotel.Hotel with { DistanceKm = hotel.Hotel.CentreDistanceKm }, rate, rates, checkIn, checkOut, adults, rooms);
    }

    private static HotelOffer MakeOffer(Hotel hotel, HotelRate selected, IReadOnlyList<HotelRate> rates, DateOnly checkIn, DateOnly checkOut, int adults, int rooms) =>
        new(selected.Id, Sources.Simulated, hotel, selected.RoomType, selected.RoomDescription, checkIn, checkOut, adults, rooms,
            selected.Nightly, selected.Total, selected.Cancellation, selected.Board, rates);

    /// <summary>The city's hotels: the same list every time for the same city.</summary>
    internal static List<SimulatedHotel> Hotels(City city)
    {
        var rng = new StableHash.Rng(StableHash.Of("hotels", city.Code));
        var count = city.Landmarks.Count > 0 ? 36 : 12;
        var hotels = new List<SimulatedHotel>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var neighbourhoods = city.Landmarks.Where(l => l.Category == "Neighbourhood").ToList();
        var sights = city.Landmarks.Where(l => l.Category != "Neighbourhood").ToList();
        for (var i = 0; i < count; i++)
        {
            var roll = rng.NextDouble();
            var stars = roll < 0.1 ? 2 : roll < 0.45 ? 3 : roll < 0.85 ? 4 : 5;
            // Half the hotels cluster in a named neighbourhood or near a sight, the rest spread from the centre outwards.
            GeoPoint point;
            if (city.Landmarks.Count > 0 && rng.Next(2) == 0)
            {
                var area = city.Landmarks[rng.Next(city.Landmarks.Count)];
                point = Geo.Offset(area.Point, 0.15 + (rng.NextDouble() * 0.7), rng.NextDouble() * 360);
            }
            else
            {
                point = Geo.Offset(city.Centre, 0.2 + (Math.Pow(rng.NextDouble(), 1.5) * 5.5), rng.NextDouble() * 360);
            }
            string name;
            do
            {
                var word = Words[rng.Next(Words.Length)];
                name = (stars, rng.Next(4)) switch
                {
                    (5, 0) => $"The {word} {city.Name}",
                    (5, _) => $"{word} Palace {city.Name}",
                    (4, 0) => $"{city.Name} {word} Hotel",
                    (4, _) => $"Hotel {word} {city.Name}",
                    (3, 0) => $"{word} Suites {city.Name}",
                    (3, _) => $"Hotel {word}",
                    (_, 0) => $"{word} Inn",
                    _ => $"{word} Guesthouse",
                };
            }
            while (!names.Add(name));
            var id = "SIM" + city.Code.ToUpperInvariant() + (i + 1).ToString("00", CultureInfo.InvariantCulture);
            var address = $"{rng.Next(1, 240)} {Streets[rng.Next(Streets.Length)]} Street, {city.Name}";
            var centreKm = Math.Round(Geo.DistanceKm(point, city.Centre), 2);
            var rooms = stars switch { 2 => new[] { 0 }, 3 => [0, 1], 4 => [1, 2, 3], _ => [2, 3, 4] };
            var amenities = Amenities(stars, centreKm, ref rng);
            // Guests rate by class, with each hotel's own character: 6.4–9.6 out of 10.
            var rating = Math.Round(Math.Clamp(5.9 + (stars * 0.65) + ((rng.NextDouble() - 0.5) * 1.6), 6.4, 9.6), 1);
            var reviews = 40 + (int)(Math.Pow(rng.NextDouble(), 2) * 4000) + (stars * 150);
            var landmarks = sights
                .Select(l => new LandmarkDistance(l.Name, Math.Round(Geo.DistanceKm(point, l.Point), 1)))
                .OrderBy(l => l.DistanceKm).ThenBy(l => l.Name, StringComparer.Ordinal).Take(3).ToList();
            var neighbourhood = Neighbourhood(point, city, neighbourhoods, centreKm);
            hotels.Add(new SimulatedHotel(
                new Hotel(id, name, stars, point, city.Code, address, centreKm, neighbourhood, amenities, rating, reviews, centreKm, landmarks),
                rooms, 0.85 + (rng.NextDouble() * 0.35), rng.Next(4) == 0 && stars >= 3, stars >= 4 && rng.Next(3) == 0));
        }
        return hotels;
    }

    /// <summary>Wifi nearly everywhere; breakfast, gym, spa, pool and parking rising with the class; pets at some.</summary>
    private static List<string> Amenities(int stars, double centreKm, ref StableHash.Rng rng)
    {
        var list = new List<string>();
        if (rng.NextDouble() < 0.97)
        {
            list.Add(HotelAmenities.Wifi);
        }
        if (rng.NextDouble() < 0.35 + (stars * 0.12))
        {
            list.Add(HotelAmenities.Breakfast);
        }
        if (rng.NextDouble() < (centreKm > 2 ? 0.7 : 0.25) + (stars * 0.04))
        {
            list.Add(HotelAmenities.Parking);
        }
        if (rng.NextDouble() < (stars - 2) * 0.3)
        {
            list.Add(HotelAmenities.Gym);
        }
        if (rng.NextDouble() < (stars - 3) * 0.35)
        {
            list.Add(HotelAmenities.Spa);
        }
        if (rng.NextDouble() < (stars - 2) * 0.18)
        {
            list.Add(HotelAmenities.Pool);
        }
        if (rng.NextDouble() < 0.3)
        {
            list.Add(HotelAmenities.Pets);
        }
        return list;
    }

    /// <summary>The nearest curated neighbourhood within 1.5 km; else the centre, or the side of town.</summary>
    private static string Neighbourhood(GeoPoint point, City city, List<Landmark> neighbourhoods, double centreKm)
    {
        var nearest = neighbourhoods.Select(n => (n.Name, Km: Geo.DistanceKm(point, n.Point))).OrderBy(n => n.Km).FirstOrDefault();
        if (nearest.Name is not null && nearest.Km <= 1.5)
        {
            return nearest.Name;
        }
        if (centreKm <= 1.2)
        {
            return $"{city.Name} city centre";
        }
        var north = point.Latitude - city.Centre.Latitude;
        var east = (point.Longitude - city.Centre.Longitude) * Math.Cos(city.Centre.Latitude * Math.PI / 180);
        var side = Math.Abs(north) > Math.Abs(east) ? (north > 0 ? "North" : "South") : (east > 0 ? "East" : "West");
        return $"{side} {city.Name}";
    }

    /// <summary>
    /// The hotel's rates for a stay, cheapest first: each fitting room type room only and flexible, the
    /// same non-refundable for about 12 % less (most hotels), with breakfast from three stars, and half
    /// board at some resorts.
    /// </summary>
    private static List<HotelRate> Rates(City city, SimulatedHotel hotel, DateOnly checkIn, DateOnly checkOut, int adults, int rooms, string currency)
    {
        var nights = checkOut.DayNumber - checkIn.DayNumber;
        var rates = new List<HotelRate>();
        if (nights <= 0 || rooms <= 0 || adults <= 0)
        {
            return rates;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(city.TimeZone);
        var fitting = hotel.RoomTypes.Where(r => RoomTypes[r].Capacity * rooms >= adults).Take(2).ToList();
        var guestsPerRoom = (double)adults / rooms;
        foreach (var roomIndex in fitting)
        {
            var room = RoomTypes[roomIndex];
            var baseUsd = hotel.Hotel.Stars switch { 2 => 70.0, 3 => 110.0, 4 => 170.0, _ => 320.0 } * city.CostIndex * hotel.PriceFactor * room.Factor;
            var perNight = 0.0;
            for (var night = checkIn; night < checkOut; night = night.AddDays(1))
            {
                perNight += baseUsd * Season(night, city.Centre.Latitude) * (night.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 1.1 : 1.0);
            }
            var roomUsd = perNight / nights * (1 + (0.2 * Math.Max(0, guestsPerRoom - 2)));
            foreach (var board in Boards)
            {
                if ((board.Code == 'B' && hotel.Hotel.Stars < 3) || (board.Code == 'H' && !hotel.HalfBoard))
                {
                    continue;
                }
                var nightlyUsd = roomUsd + (board.UsdPerGuest * city.CostIndex * guestsPerRoom);
                foreach (var refundable in new[] { true, false })
                {
                    if (!refundable && (hotel.NoNonRefundable || board.Code == 'H'))
                    {
                        continue;
                    }
                    var usd = refundable ? nightlyUsd : nightlyUsd * 0.88;
                    var nightly = SimulatedMoney.FromUsd((decimal)usd, currency);
                    var total = new Money(nightly.Amount * nights * rooms, currency);
                    var cancellation = refundable
                        ? FreeCancellation(checkIn, hotel.Hotel.Stars >= 4 ? 2 : 1, zone)
                        : new CancellationPolicy(false, null, "Non-refundable: the full stay is charged at booking and nothing is refunded if you cancel.");
                    var code = string.Create(CultureInfo.InvariantCulture, $"{roomIndex}{board.Code}{(refundable ? 'F' : 'N')}");
                    var body = string.Join('_', OfferPrefix, hotel.Hotel.HotelId, code,
                        checkIn.ToString("yyyyMMdd", CultureInfo.InvariantCulture), checkOut.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                        adults.ToString(CultureInfo.InvariantCulture), rooms.ToString(CultureInfo.InvariantCulture), currency);
                    var left = 1 + (int)(StableHash.Of("rooms-left", body) % 6);
                    rates.Add(new HotelRate(body + "_" + StableHash.Check(body), room.Name, room.Description, board.Words, nightly, total, cancellation, left));
                }
            }
        }
        rates.Sort(static (a, b) => a.Total.Amount != b.Total.Amount ? a.Total.Amount.CompareTo(b.Total.Amount) : string.CompareOrdinal(a.Id, b.Id));
        return rates;
    }

    private static CancellationPolicy FreeCancellation(DateOnly checkIn, int daysBefore, TimeZoneInfo zone)
    {
        var deadline = SimulatedFlightProvider.LocalTime(checkIn.AddDays(-daysBefore), 18 * 60, zone);
        return new CancellationPolicy(true, deadline, string.Create(CultureInfo.InvariantCulture,
            $"Free cancellation until {deadline:ddd d MMM yyyy, HH:mm} hotel time ({daysBefore} day{(daysBefore == 1 ? "" : "s")} before check-in); after that the first night is charged."));
    }

    /// <summary>High season in summer and over Christmas, low in winter; hemispheres swapped.</summary>
    private static double Season(DateOnly night, double latitude)
    {
        var month = latitude >= 0 ? night.Month : ((night.Month + 5) % 12) + 1;
        if (night.Month == 12 && night.Day >= 20)
        {
            return 1.3;
        }
        return month switch
        {
            6 or 7 or 8 => 1.25,
            1 or 2 => 0.85,
            4 or 5 or 9 or 10 => 1.05,
            _ => 1.0,
        };
    }

    internal sealed record SimulatedHotel(Hotel Hotel, int[] RoomTypes, double PriceFactor, bool NoNonRefundable, bool HalfBoard);
}
