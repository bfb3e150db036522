using System.Collections.Frozen;

namespace Pathavana.Assistant.Understanding;

/// <summary>
/// Ordinary words: a one-word place name or airline that is also one of these needs a cue
/// ("to Nice", "from Mobile", "on Delta") before it is read as a place, and is never the
/// target of a spelling correction.
/// </summary>
internal static class Vocabulary
{
    public static readonly FrozenSet<string> Words = FrozenSet.ToFrozenSet(
    """
    a about above across after afternoon afternoons again against ago ahead air aircraft airfare airfares airline airlines
    airplane airport airports all almost alone along already also am an and another any anything anywhere are area
    around arrange arrival arrivals arrive arrives arriving as ask at available away baby back bag bags be beach because
    been before begin being below best better between big bit board book booked booking both breakfast bring budget
    business but buy by call can car cars cheap cheaper cheapest check child children choose city class close coach come
    coming connect connecting connection cost costs could couple day days deal depart departing departs departure
    did dinner direct directly do does done down during each early earlier earliest east economy else end evening
    evenings ever every fare fares fast fastest few find first five flight flights fly flying for four free friday
    from front full get give go going good great group guest guests had half has have having he help her here high
    hotel hotels hour hours how i if in info information into is it its just kid kids know land landing last late
    later latest least leave leaves leaving less let like list little live local long look looking lot love low
    lowest lunch make many may me meal meals mean midnight mile miles mind more morning mornings most much must my
    near need new next nice night nights no non none noon nonstop north not now number of off on once one only open
    or other our out over own pair park party pass people per person place plan plane please plus point price
    prices pm quick rather reach red return returning right room rooms round run same saturday say see seat seats
    second see service set seven she short shortest should show side single six so some something soon south
    spend stay stop stops street such sunday sure take taking than thank thanks that the their them then there these
    they thing things think third this those three through thursday ticket tickets time times to today together
    tomorrow tonight too top tour tours town travel trip trips tuesday two under up us use very via visit want was
    way we wednesday week weekend weeks well were west what when where which while who why will wish with within
    without work would year yes yet you your price page hope mobile split male sale eagle marathon university
    victoria independence liberty union paradise aurora deer hot springs hot bath reading orange florence ontario
    hello hi hey thanks bye goodbye okay cheers landings landing takeoff takeoffs cities city code codes fare restriction
    van mary david george nelson stanley tyler pierre regina harrison jackson lincoln hamilton marshall thompson
    newman sheridan windsor warwick quincy natal nain sari saga ogle tame wick terrace mesa liberal eagle emerald
    horn gan hobbs midland coca cruz cody bam lar ilo iki hana goto mora torp savoy ube ufa uyo lae leh jos munda
    naga paro pasco waco batman brandon dauphin trinidad gillette salina spring summer autumn fall winter season
    nice vermilion mission concord columbia national general international regional municipal county field state
    states kingdom island islands bay lake mount port saint fort little rock falls valley grand junction
    """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>US states and countries: places the gazetteer does not resolve and spelling correction must leave alone.</summary>
    public static readonly FrozenSet<string> Regions = FrozenSet.ToFrozenSet(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
    indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
    nebraska nevada hampshire jersey mexico carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah
    vermont virginia washington wisconsin wyoming quebec canada france germany italy spain portugal japan china india
    england britain ireland scotland greece turkey egypt brazil argentina peru chile colombia australia zealand thailand
    vietnam indonesia korea europe asia africa america caribbean netherlands belgium switzerland austria sweden norway
    denmark finland iceland poland morocco
    """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public static bool IsOrdinary(string word) =>
        Words.Contains(word) || Lexicon.Months.ContainsKey(word) || Lexicon.Weekdays.ContainsKey(word) ||
        Lexicon.Cardinals.ContainsKey(word) || Lexicon.Ordinals.ContainsKey(word) || Lexicon.Currencies.ContainsKey(word);
}

/// <summary>
/// States, provinces and countries written after a city ("Seattle, WA", "Vancouver, BC", "Paris, France",
/// "Sydney, NSW"): they only say which city is meant, so they are never airlines, airports or places of their own.
/// </summary>
internal static class RegionQualifiers
{
    /// <summary>US states (and DC), Canadian provinces and territories, Australian states, and short country names.</summary>
    public static readonly FrozenSet<string> Codes = FrozenSet.ToFrozenSet(
    """
    al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc
    sd tn tx ut vt va wa wv wi wy dc ab bc mb nb nl ns nt nu on pe qc sk yt nsw vic qld tas act uk usa us uae
    """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Names of states, provinces and countries (folded, lower case), up to three words.</summary>
    public static readonly FrozenSet<string> Names = FrozenSet.ToFrozenSet(
    [
        .. Vocabulary.Regions,
        "new york", "new jersey", "new mexico", "new hampshire", "north carolina", "south carolina", "north dakota", "south dakota",
        "west virginia", "rhode island", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia", "new brunswick",
        "newfoundland", "ontario", "new south wales", "victoria", "queensland", "tasmania", "western australia", "south australia",
        "united kingdom", "united states", "united arab emirates", "south africa", "new zealand", "south korea", "czech republic",
        "czechia", "hungary", "romania", "bulgaria", "croatia", "serbia", "slovakia", "slovenia", "estonia", "latvia", "lithuania",
        "russia", "ukraine", "israel", "jordan", "lebanon", "qatar", "kenya", "tanzania", "nigeria", "ghana", "ethiopia", "malaysia",
        "singapore", "philippines", "cambodia", "laos", "myanmar", "nepal", "sri lanka", "pakistan", "bangladesh", "taiwan",
        "venezuela", "ecuador", "bolivia", "uruguay", "paraguay", "cuba", "jamaica", "costa rica", "panama", "guatemala", "honduras",
        "dominican republic", "puerto rico", "bahamas", "wales", "northern ireland", "bavaria", "catalonia", "tuscany", "sicily",
    ], StringComparer.Ordinal);
}
