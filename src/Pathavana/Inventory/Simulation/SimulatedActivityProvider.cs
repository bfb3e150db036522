using System.Globalization;

namespace Pathavana.Inventory.Simulation;

/// <summary>
/// The offline activity catalogue: tours of each city's landmarks plus the classics every city has
/// (walking tour, food tour, cooking class, bike tour, day trip), priced by the city's cost level.
/// </summary>
internal sealed class SimulatedActivityProvider(CityGuide cities) : IActivityProvider
{
    private static readonly (string Name, string Category, double Hours, double Usd, string Description)[] Classics =
    [
        ("{0} old town walking tour", "Tour", 2.5, 25, "A small-group walk through the historic centre with a local guide."),
        ("{0} food tour", "Food & Drink", 3.5, 75, "Tastings at markets, bakeries and family-run places."),
        ("Cooking class in {0}", "Food & Drink", 3, 85, "Cook and eat three regional dishes with a chef."),
        ("{0} by bike", "Outdoor", 3, 45, "An easy guided ride past the sights, bike and helmet included."),
        ("Day trip from {0}", "Day trip", 9, 120, "A full day to the best-known sights outside the city, transport included."),
        ("{0} night tour", "Tour", 2, 35, "The city lit up after dark, with stories from a local guide."),
    ];

    public Task<IReadOnlyList<Activity>> SearchAsync(ActivitySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Task.FromResult(Search(search));
    }

    public IReadOnlyList<Activity> Search(ActivitySearch search)
    {
        if (!SimulatedMoney.IsSupported(search.Currency) || cities.Near(search.Near) is not { } city)
        {
            return [];
        }
        return [.. Catalogue(city, search.Currency)
            .Select(a => (Activity: a, Km: Geo.DistanceKm(search.Near, a.Point)))
            .Where(a => a.Km <= search.RadiusKm)
            .OrderBy(a => a.Km)
            .ThenBy(a => a.Activity.Id, StringComparer.Ordinal)
            .Take(Math.Max(1, search.MaxResults))
            .Select(a => a.Activity)];
    }

    /// <summary>The city's activities, the same every time.</summary>
    internal static List<Activity> Catalogue(City city, string currency)
    {
        var rng = new StableHash.Rng(StableHash.Of("activities", city.Code));
        var result = new List<Activity>();
        var index = 0;
        foreach (var landmark in city.Landmarks)
        {
            var (name, hours, usd, description) = landmark.Category switch
            {
                "Museum" => ($"Skip-the-line entry and guided visit: {landmark.Name}", 2.5, 55.0, $"Timed entry to {landmark.Name} with an expert guide."),
                "Park" or "Beach" or "Lake" => ($"{landmark.Name} guided walk", 2.0, 30.0, $"Explore {landmark.Name} with a local guide."),
                "Market" => ($"{landmark.Name} tasting tour", 2.5, 60.0, $"Taste your way through {landmark.Name}."),
                "Spa" => ($"{landmark.Name} entry ticket", 3.0, 40.0, $"Day entry to {landmark.Name}."),
                _ => ($"Guided tour of {landmark.Name}", 1.5, 40.0, $"The story of {landmark.Name} from a licensed guide."),
            };
            result.Add(Make(city, ++index, name, landmark.Category == "Museum" ? "Culture" : landmark.Category is "Park" or "Beach" or "Lake" ? "Outdoor" : "Tour",
                description, hours, usd, landmark.Point, ref rng, currency, landmark.Name, landmark.Category));
        }
        foreach (var classic in Classics)
        {
            var point = Geo.Offset(city.Centre, 0.1 + (rng.NextDouble() * 1.5), rng.NextDouble() * 360);
            var meeting = city.Landmarks.Where(l => l.Category is "Square" or "Neighbourhood" or "Landmark")
                .OrderBy(l => Geo.DistanceKm(l.Point, point)).FirstOrDefault();
            result.Add(Make(city, ++index, string.Format(CultureInfo.InvariantCulture, classic.Name, city.Name), classic.Category,
                classic.Description, classic.Hours, classic.Usd, meeting?.Point ?? point, ref rng, currency,
                meeting is null ? $"Meeting point in central {city.Name}" : $"Meeting point: {meeting.Name}", classic.Category));
        }
        return result;
    }

    private static readonly string[] Week = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static Activity Make(City city, int index, string name, string category, string description, double hours, double usd,
        GeoPoint point, ref StableHash.Rng rng, string currency, string place, string kind)
    {
        var price = SimulatedMoney.FromUsd((decimal)(usd * city.CostIndex * (0.85 + (rng.NextDouble() * 0.3))), currency);
        var rating = Math.Round(4.0 + (rng.NextDouble() * 0.9), 1);
        var id = $"A1_{city.Code}_{index.ToString("00", CultureInfo.InvariantCulture)}";
        // Museums close one weekday, cooking classes and day trips run on some days, walks and tours daily.
        var closed = kind switch
        {
            "Museum" => new[] { rng.Next(2) == 0 ? 1 : 2 },
            "Food & Drink" when name.StartsWith("Cooking", StringComparison.Ordinal) => [0, 1],
            "Day trip" => [0, 2, 4],
            "Market" => [0],
            _ => [],
        };
        var days = Enumerable.Range(0, 7).Select(d => (d + 1) % 7).Where(d => !closed.Contains(d)).Select(d => Week[d]).ToList();
        var hoursText = kind switch
        {
            "Museum" => "09:00–18:00, last entry 17:00",
            "Park" or "Beach" or "Lake" => "Starts 09:30 and 14:30",
            "Market" => "Starts 10:00",
            "Day trip" => "Pick-up 08:00",
            "Tour" when name.Contains("night", StringComparison.OrdinalIgnoreCase) => "Starts 20:30",
            _ => rng.Next(2) == 0 ? "Starts 10:00 and 15:00" : "Starts 11:00",
        };
        return new Activity(id, Sources.Simulated, name, category, description, TimeSpan.FromMinutes(Math.Round(hours * 60)), price, point, rating,
            Place: place, OpenDays: days, Hours: hoursText);
    }
}
