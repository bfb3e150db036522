namespace Pathavana.Inventory;

/// <summary>
/// The kinds of things to do a traveller asks for ("food tours", "museums", "hiking"), each a name
/// the API's <c>interest</c> parameter takes and the words that say it. An activity matches an
/// interest when its category or its name or description holds one of the interest's words, so the
/// same rule fits the simulator's catalogue and a live provider's free text.
/// </summary>
public static class ActivityInterests
{
    public const string Food = "food";
    public const string Culture = "culture";
    public const string Outdoors = "outdoors";
    public const string DayTrips = "day-trips";
    public const string Nightlife = "nightlife";

    private static readonly (string Name, string Label, string[] Words)[] All =
    [
        (Food, "food and drink", ["food", "foodie", "culinary", "cooking", "tasting", "tastings", "wine", "market", "markets", "restaurant", "restaurants", "eat", "eating", "street food", "drink"]),
        (Culture, "museums and culture", ["museum", "museums", "gallery", "galleries", "art", "history", "historic", "culture", "cultural", "monument", "monuments", "cathedral", "palace"]),
        (Outdoors, "the outdoors", ["outdoor", "outdoors", "hike", "hiking", "bike", "biking", "cycling", "park", "parks", "beach", "beaches", "nature", "lake", "garden", "gardens", "kayak", "kayaking", "snorkeling", "diving"]),
        (DayTrips, "day trips", ["day trip", "day trips", "excursion", "excursions"]),
        (Nightlife, "nightlife", ["nightlife", "night tour", "bars", "pubs", "clubs", "after dark"]),
    ];

    /// <summary>The interest names the API takes, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(a => a.Name)];

    /// <summary>
    /// Reads an interest as a client sends it: null or blank is none (true, <paramref name="interest"/> null);
    /// a known name in any case is that name (true); anything else is false, to be answered with <see cref="Expected"/>.
    /// </summary>
    public static bool TryRead(string? said, out string? interest)
    {
        interest = said?.Trim().ToLowerInvariant() is { Length: > 0 } name ? name : null;
        return interest is null || Names.Contains(interest);
    }

    /// <summary>What an unknown interest is told: "interest must be one of: food, culture, …".</summary>
    public static string Expected => $"interest must be one of: {string.Join(", ", Names)}.";

    /// <summary>The interest a word or two-word phrase says ("foodie" → food, "day trip" → day-trips), or null.</summary>
    public static string? Of(string phrase) =>
        All.FirstOrDefault(a => a.Words.Contains(phrase.Trim().ToLowerInvariant(), StringComparer.Ordinal)).Name;

    /// <summary>What a reply calls an interest ("food and drink").</summary>
    public static string Label(string interest) => All.FirstOrDefault(a => a.Name == interest).Label ?? interest;

    /// <summary>Whether an activity is of the interest: a word of it in the category, name or description (whole words).</summary>
    public static bool Matches(Activity activity, string interest)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var words = All.FirstOrDefault(a => a.Name == interest).Words ?? [];
        var text = $" {Normalise(activity.Category)} {Normalise(activity.Name)} {Normalise(activity.Description)} ";
        return words.Any(w => text.Contains($" {w} ", StringComparison.Ordinal));
    }

    private static string Normalise(string? s) =>
        new((s ?? "").ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());
}
