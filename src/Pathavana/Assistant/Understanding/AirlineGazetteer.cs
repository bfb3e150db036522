using System.Collections.Frozen;
using Pathavana.Inventory;

namespace Pathavana.Assistant.Understanding;

/// <summary>An airline a name stands for; <c>NeedsCue</c>: only after "on", "with", "fly"… or before "airlines".</summary>
internal sealed record AirlineName(string Code, bool NeedsCue);

/// <summary>Airline names (from the reference data, plus common short and former names) to IATA designators.</summary>
internal sealed class AirlineGazetteer
{
    public const int MaxWords = 5;

    private static readonly string[] Suffixes = ["airlines", "airline", "air lines", "airways", "aviation", "international", "company", "inc"];

    /// <summary>Short and former names people use: "american", "us air", "twa", "jetblue"…</summary>
    private static readonly (string Name, string Code)[] Aliases =
    [
        ("american", "AA"), ("united", "UA"), ("delta", "DL"), ("us air", "US"), ("usair", "US"), ("usa air", "US"),
        ("us airways", "US"), ("continental", "CO"), ("northwest", "NW"), ("midwest", "YX"), ("midwest express", "YX"),
        ("eastern", "EA"), ("canadian", "CP"), ("canadian international", "CP"), ("canadian airlines", "CP"),
        ("tower air", "FF"), ("alaska", "AS"), ("america west", "HP"), ("nationair", "NX"), ("lufthansa", "LH"),
        ("southwest", "WN"), ("air canada", "AC"), ("midway airlines", "ML"), ("trans world", "TW"),
        ("trans world airlines", "TW"), ("twa", "TW"), ("jetblue", "B6"), ("jet blue", "B6"), ("spirit", "NK"),
        ("frontier", "F9"), ("allegiant", "G4"), ("hawaiian", "HA"), ("sun country", "SY"), ("westjet", "WS"),
        ("british airways", "BA"), ("british", "BA"), ("air france", "AF"), ("klm", "KL"), ("iberia", "IB"),
        ("tap", "TP"), ("tap portugal", "TP"), ("tap air portugal", "TP"), ("aer lingus", "EI"), ("ryanair", "FR"),
        ("easyjet", "U2"), ("easy jet", "U2"), ("wizz", "W6"), ("wizz air", "W6"), ("vueling", "VY"),
        ("norwegian", "DY"), ("swiss", "LX"), ("austrian", "OS"), ("sas", "SK"), ("scandinavian", "SK"),
        ("finnair", "AY"), ("icelandair", "FI"), ("turkish", "TK"), ("turkish airlines", "TK"), ("emirates", "EK"),
        ("qatar", "QR"), ("qatar airways", "QR"), ("etihad", "EY"), ("singapore airlines", "SQ"), ("cathay", "CX"),
        ("cathay pacific", "CX"), ("ana", "NH"), ("all nippon", "NH"), ("jal", "JL"), ("japan airlines", "JL"),
        ("korean air", "KE"), ("air india", "AI"), ("qantas", "QF"), ("virgin atlantic", "VS"), ("virgin australia", "VA"),
        ("aeromexico", "AM"), ("latam", "LA"), ("avianca", "AV"), ("copa", "CM"), ("ita", "AZ"), ("alitalia", "AZ"),
        ("air china", "CA"), ("china eastern", "MU"), ("china southern", "CZ"), ("air new zealand", "NZ"),
        ("el al", "LY"), ("aeroflot", "SU"), ("lot", "LO"), ("brussels airlines", "SN"), ("condor", "DE"),
    ];

    private readonly FrozenDictionary<string, AirlineName> names;
    private readonly FrozenSet<string> codes;

    public AirlineGazetteer(ILocationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var map = new Dictionary<string, AirlineName>(StringComparer.Ordinal);
        foreach (var (name, code) in Aliases)
        {
            map.TryAdd(name, new AirlineName(code, NeedsCue: false));
        }
        foreach (var (code, name) in directory.Airlines)
        {
            var key = PlaceGazetteer.Key(name);
            if (key.Length < 3)
            {
                continue;
            }
            var ordinaryWords = key.Split(' ').All(Vocabulary.IsOrdinary);
            if (key.Contains(' ', StringComparison.Ordinal) || !ordinaryWords)
            {
                // "I-Fly", "Sky Express": names made of ordinary words need "on"/"with"/"fly" before them.
                map.TryAdd(key, new AirlineName(code.ToUpperInvariant(), NeedsCue: ordinaryWords));
            }
            foreach (var suffix in Suffixes)
            {
                if (key.EndsWith(" " + suffix, StringComparison.Ordinal))
                {
                    var stem = key[..^(suffix.Length + 1)];
                    // A stem that is an ordinary word ("sky", "blue") names no airline by itself.
                    if (stem.Length >= 3 && (stem.Contains(' ', StringComparison.Ordinal) || !Vocabulary.IsOrdinary(stem)) && !Vocabulary.Regions.Contains(stem))
                    {
                        // "Spring" of "Spring Airlines": a shortened name needs a cue or the suffix.
                        map.TryAdd(stem, new AirlineName(code.ToUpperInvariant(), NeedsCue: !stem.Contains(' ', StringComparison.Ordinal)));
                    }
                }
            }
        }
        names = map.ToFrozenDictionary(StringComparer.Ordinal);
        codes = directory.Airlines.Keys.Concat(Aliases.Select(a => a.Code))
            .Select(c => c.ToLowerInvariant()).Where(c => c.Length == 2).ToFrozenSet(StringComparer.Ordinal);
    }

    public AirlineName? Lookup(string key) => names.GetValueOrDefault(key);

    public bool IsCode(string lower) => codes.Contains(lower);
}
