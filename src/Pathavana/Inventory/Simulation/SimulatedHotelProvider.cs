using System.Globalization;
using Pathavana.Platform;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// The offline hotel inventory: a stable set of hotels per city (names, stars, coordinates near the
/// centre, room types) priced by the city's cost level, the season and the weekend. Deterministic.
/// </summary>
internal sealed class SimulatedHotelProvider(CityGuide cities, TimeProvider time) : IHotelProvider
{
    private const string OfferPrefix = "H1";

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
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var changed = current.Total != offer.Total;
        return Task.FromResult(new PriceCheck<HotelOffer>(current, current.CheckIn >= today, changed, changed ? offer.Total : null));
    }

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
            if (distance > radius || (search.MinStars is { } min && hotel.Hotel.Stars < min))
            {
                continue;
            }
            var located = hotel.Hotel with { DistanceKm = distance };
            for (var variant = 0; variant < 2; variant++)
            {
                var offer = MakeOffer(city, hotel with { Hotel = located }, variant, search.CheckIn, search.CheckOut, search.Adults, search.Rooms, search.Currency);
                if (offer is null
                    || (search.MaxNightly is { } max && max.Currency == offer.Nightly.Currency && offer.Nightly.Amount > max.Amount))
                {
                    continue;
                }
                offers.Add(offer);
            }
        }
        return [.. offers
            .OrderBy(o => o.Total.Amount)
            .ThenBy(o => o.Hotel.DistanceKm)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(Math.Max(1, search.MaxResults))];
    }

    /// <summary>Re-derives an offer from its id, or null when the id is not a valid simulator id.</summary>
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
        // H1_{hotel id}_{variant}_{check-in}_{check-out}_{adults}_{rooms}_{currency}_{check}
        var f = id[..cut].Split('_');
        if (f.Length != 8 || f[1].Length != 8
            || !int.TryParse(f[2], CultureInfo.InvariantCulture, out var variant)
            || !DateOnly.TryParseExact(f[3], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkIn)
            || !DateOnly.TryParseExact(f[4], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkOut)
            || !int.TryParse(f[5], CultureInfo.InvariantCulture, out var adults)
            || !int.TryParse(f[6], CultureInfo.InvariantCulture, out var rooms)
            || !SimulatedMoney.IsSupported(f[7])
            || cities.ForCode(f[1][3..6]) is not { } city)
        {
            return null;
        }
        var hotel = Hotels(city).FirstOrDefault(h => h.Hotel.HotelId == f[1]);
        return hotel is null ? null : MakeOffer(city, hotel, variant, checkIn, checkOut, adults, rooms, f[7]);
    }

    /// <summary>The city's hotels: the same list every time for the same city.</summary>
    internal static List<SimulatedHotel> Hotels(City city)
    {
        var rng = new StableHash.Rng(StableHash.Of("hotels", city.Code));
        var count = city.Landmarks.Count > 0 ? 24 : 12;
        var hotels = new List<SimulatedHotel>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var roll = rng.NextDouble();
            var stars = roll < 0.1 ? 2 : roll < 0.45 ? 3 : roll < 0.85 ? 4 : 5;
            var distance = 0.2 + (Math.Pow(rng.NextDouble(), 1.5) * 5.5);
            var point = Geo.Offset(city.Centre, distance, rng.NextDouble() * 360);
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
            var rooms = stars switch { 2 => new[] { 0 }, 3 => [0, 1], 4 => [1, 2], _ => [2, 3, 4] };
            hotels.Add(new SimulatedHotel(new Hotel(id, name, stars, point, city.Code, address), rooms, 0.85 + (rng.NextDouble() * 0.35), rng.Next(4) == 0));
        }
        return hotels;
    }

    private static HotelOffer? MakeOffer(City city, SimulatedHotel hotel, int variant, DateOnly checkIn, DateOnly checkOut, int adults, int rooms, string currency)
    {
        var nights = checkOut.DayNumber - checkIn.DayNumber;
        if (nights <= 0 || rooms <= 0 || adults <= 0 || variant is < 0 or > 1)
        {
            return null;
        }
        // Variant 0: the hotel's first room type that fits, room only, free cancellation.
        // Variant 1: the next room type up with breakfast (or, with one type, a cheaper non-refundable rate).
        var fitting = hotel.RoomTypes.Where(r => RoomTypes[r].Capacity * rooms >= adults).ToList();
        if (fitting.Count == 0)
        {
            return null;
        }
        var nonRefundableRate = variant == 1 && fitting.Count == 1;
        if (variant == 1 && fitting.Count == 1 && hotel.NoNonRefundable)
        {
            return null;
        }
        var room = RoomTypes[fitting[Math.Min(variant, fitting.Count - 1)]];
        var breakfast = variant == 1 && !nonRefundableRate;

        var baseUsd = hotel.Hotel.Stars switch { 2 => 70.0, 3 => 110.0, 4 => 170.0, _ => 320.0 } * city.CostIndex * hotel.PriceFactor * room.Factor;
        var extraAdults = Math.Max(0, adults - (2 * rooms));
        var perNight = 0.0;
        for (var night = checkIn; night < checkOut; night = night.AddDays(1))
        {
            perNight += baseUsd * Season(night, city.Centre.Latitude) * (night.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 1.1 : 1.0);
        }
        var nightlyUsd = perNight / nights * (1 + (0.2 * extraAdults / rooms));
        if (breakfast)
        {
            nightlyUsd += 18 * city.CostIndex * Math.Min(adults, 2 * rooms) / rooms;
        }
        if (nonRefundableRate)
        {
            nightlyUsd *= 0.88;
        }
        var nightly = SimulatedMoney.FromUsd((decimal)nightlyUsd, currency);
        var total = new Money(nightly.Amount * nights * rooms, currency);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(city.TimeZone);
        var cancellation = nonRefundableRate
            ? new CancellationPolicy(false, null, "Non-refundable: the full stay is charged at booking.")
            : FreeCancellation(checkIn, hotel.Hotel.Stars >= 4 ? 2 : 1, zone);

        var body = string.Join('_', OfferPrefix, hotel.Hotel.HotelId, variant.ToString(CultureInfo.InvariantCulture),
            checkIn.ToString("yyyyMMdd", CultureInfo.InvariantCulture), checkOut.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            adults.ToString(CultureInfo.InvariantCulture), rooms.ToString(CultureInfo.InvariantCulture), currency);
        return new HotelOffer(body + "_" + StableHash.Check(body), Sources.Simulated, hotel.Hotel, room.Name, room.Description,
            checkIn, checkOut, adults, rooms, nightly, total, cancellation, breakfast ? "BREAKFAST" : "ROOM_ONLY");
    }

    private static CancellationPolicy FreeCancellation(DateOnly checkIn, int daysBefore, TimeZoneInfo zone)
    {
        var deadline = SimulatedFlightProvider.LocalTime(checkIn.AddDays(-daysBefore), 18 * 60, zone);
        return new CancellationPolicy(true, deadline,
            $"Free cancellation until {deadline:yyyy-MM-dd HH:mm} local time ({daysBefore} day{(daysBefore == 1 ? "" : "s")} before check-in); after that the first night is charged.");
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

    internal sealed record SimulatedHotel(Hotel Hotel, int[] RoomTypes, double PriceFactor, bool NoNonRefundable);
}
