namespace Pathavana.Inventory.Simulation;

/// <summary>
/// Geocoding without a network: landmarks of the curated cities, then cities and airports from the
/// reference data. Results are marked <c>gazetteer</c>. The fallback behind the Google adapter.
/// </summary>
internal sealed class GazetteerGeocoder(CityGuide cities, LocationDirectory directory) : IGeocoder
{
    private static readonly string[] Fillers =
        ["near the ", "near ", "around the ", "around ", "close to the ", "close to ", "next to the ", "next to ",
         "by the ", "at the ", "in the ", "in ", "at ", "the "];

    public Task<IReadOnlyList<Place>> GeocodeAsync(string text, GeoPoint? near, CancellationToken cancellationToken) =>
        Task.FromResult(Geocode(text, near));

    public IReadOnlyList<Place> Geocode(string text, GeoPoint? near, int limit = 5)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        // "Eiffel Tower, Paris": the first part names the place, the rest may name its city.
        var parts = text.Split(',', 2);
        var query = StripFillers(ReferenceText.Fold(parts[0]));
        var cityHint = parts.Length > 1 ? ReferenceText.Fold(parts[1]) : "";
        if (query.Length == 0)
        {
            return [];
        }

        var scored = new List<(Place Place, int Score, double Km)>();
        foreach (var city in cities.Curated)
        {
            var inHintedCity = cityHint.Length > 0 && Matches(cityHint, city.Name, city.Aliases) > 0;
            foreach (var landmark in city.Landmarks)
            {
                var score = Matches(query, landmark.Name, landmark.Aliases);
                if (score > 0)
                {
                    var country = directory.CountryName(city.CountryCode);
                    scored.Add((new Place(landmark.Name, $"{city.Name}, {country ?? city.CountryCode}", landmark.Point, city.Code, Sources.Gazetteer),
                        (score * 10) + (inHintedCity ? 5 : 0) + 2, Distance(near, landmark.Point)));
                }
            }
            var cityScore = Matches(query, city.Name, city.Aliases);
            if (cityScore > 0)
            {
                scored.Add((CityPlace(city), (cityScore * 10) + 1, Distance(near, city.Centre)));
            }
        }
        foreach (var location in directory.Search(query, limit))
        {
            if (scored.Any(s => s.Place.CityCode == (location.MetroCode ?? location.Code)) || cities.ForCode(location.Code) is not { } city)
            {
                continue;
            }
            var place = location.Kind == LocationKind.Airport && !string.Equals(ReferenceText.Fold(location.City), query, StringComparison.Ordinal)
                ? new Place(location.Name, $"{location.City}, {directory.CountryName(location.CountryCode) ?? location.CountryCode}", location.Point, location.Code, Sources.Gazetteer)
                : CityPlace(city);
            if (scored.All(s => s.Place.Name != place.Name))
            {
                scored.Add((place, 5, Distance(near, place.Point)));
            }
        }

        return [.. scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Km)
            .ThenBy(s => s.Place.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(s => s.Place)];
    }

    private Place CityPlace(City city) =>
        new(city.Name, directory.CountryName(city.CountryCode) ?? city.CountryCode, city.Centre, city.Code, Sources.Gazetteer);

    private static double Distance(GeoPoint? near, GeoPoint point) => near is { } origin ? Geo.DistanceKm(origin, point) : 0;

    private static string StripFillers(string folded)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var filler in Fillers)
            {
                if (folded.StartsWith(filler, StringComparison.Ordinal) && folded.Length > filler.Length)
                {
                    folded = folded[filler.Length..];
                    changed = true;
                }
            }
        }
        return folded;
    }

    /// <summary>3 exact, 2 prefix, 1 whole words inside; 0 no match.</summary>
    private static int Matches(string query, string name, IReadOnlyList<string> aliases)
    {
        var best = Match(query, ReferenceText.Fold(name));
        foreach (var alias in aliases)
        {
            best = Math.Max(best, Match(query, ReferenceText.Fold(alias)));
        }
        return best;

        static int Match(string query, string candidate)
        {
            if (candidate == query)
            {
                return 3;
            }
            if (query.Length >= 3 && candidate.StartsWith(query, StringComparison.Ordinal))
            {
                return 2;
            }
            return query.Length >= 4 && (" " + candidate + " ").Contains(" " + query + " ", StringComparison.Ordinal) ? 1 : 0;
        }
    }
}
