using System.Text.Json;
using System.Text.Json.Serialization;
using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Assistant.Understanding;

// The frame the offline understanding produces for one utterance: the JSON shape of
// ../shared/nlu/README.md (camelCase, nulls left out). Every field is optional.

/// <summary>What the traveler wants done. Serialized camelCase (<c>searchFlights</c>…).</summary>
internal enum TripIntent
{
    SearchFlights,
    SearchHotels,
    SearchActivities,
    PlanTrip,
    Book,
    ShowTrip,
    Help,
    SmallTalk,
}

/// <summary>
/// How the utterance relates to what was said before. Not part of the JSON frame: the dialog
/// state uses it to merge the frame into the session ("actually make it Saturday",
/// "add my wife", "business instead").
/// </summary>
internal enum FrameAct
{
    /// <summary>A request or an answer to a question: its fields fill the empty slots.</summary>
    Request,

    /// <summary>A correction: its fields replace what the session holds ("change the trip" maps to <see cref="TripIntent.ShowTrip"/> or the search intent it names).</summary>
    Change,

    /// <summary>Adds to what the session holds ("add my wife": passengers are extra, not a new count).</summary>
    Add,
}

/// <summary>
/// An airport or metropolitan area: its IATA code and the name the traveler used. For a town with no
/// airport of its own ("Anaheim"), <see cref="Code"/> is the nearest airport and <see cref="NearestAirportKm"/>
/// its great-circle distance from the town.
/// </summary>
internal sealed record PlaceRef(string Code, string Name)
{
    public int? NearestAirportKm { get; init; }
}

/// <summary>A window of local time of day; <c>To</c> may be earlier than <c>From</c> for an overnight window.</summary>
internal sealed record TimeWindow(
    [property: JsonConverter(typeof(HourMinuteConverter))] TimeOnly From,
    [property: JsonConverter(typeof(HourMinuteConverter))] TimeOnly To);

/// <summary>What the traveler wants from a stay.</summary>
internal sealed record StayWishes
{
    public DateOnly? CheckIn { get; init; }
    public DateOnly? CheckOut { get; init; }
    public int? MinStars { get; init; }
    public string? Area { get; init; }
    public Money? MaxNightly { get; init; }

    /// <summary>Amenities the stay must have (<see cref="Inventory.HotelAmenities"/> names: breakfast, pool…), in the order said.</summary>
    public IReadOnlyList<string>? Amenities { get; init; }

    [JsonIgnore]
    public bool IsEmpty => CheckIn is null && CheckOut is null && MinStars is null && Area is null && MaxNightly is null && Amenities is null;
}

/// <summary>
/// The trip's slots that one utterance says (<see cref="TripFrame"/>) and the session holds
/// (<c>DialogState</c>) with the same meaning and the same JSON names; each adds its own. Every slot is
/// optional (null: not said, or not known yet).
/// </summary>
internal abstract record TripSlots
{
    /// <summary>What the traveller wants done.</summary>
    public TripIntent? Intent { get; init; }
    public PlaceRef? Origin { get; init; }
    public PlaceRef? Destination { get; init; }

    /// <summary>The departure (or check-in) day, local at the origin.</summary>
    public DateOnly? DepartDate { get; init; }

    /// <summary>The return (or check-out) day.</summary>
    public DateOnly? ReturnDate { get; init; }
    public TimeWindow? DepartTime { get; init; }

    /// <summary>The time of day the way back leaves ("back Wednesday evening"), local at the destination.</summary>
    public TimeWindow? ReturnTime { get; init; }
    public TripType? TripType { get; init; }
    public Cabin? Cabin { get; init; }

    /// <summary>Airlines to fly with, as IATA codes.</summary>
    public IReadOnlyList<string>? Airlines { get; init; }
    public bool? NonStop { get; init; }
    public SortOrder? Sort { get; init; }

    /// <summary>Who travels (or, for a hotel, the guests); the assistant never sets child ages.</summary>
    public PassengerMix? Passengers { get; init; }
    public Money? MaxPrice { get; init; }

    /// <summary>Whether <see cref="MaxPrice"/> is per traveller ("under $900 each") or for the whole party ("$2,000 in total"); null: as said, read as the whole party's.</summary>
    public BudgetBasis? MaxPriceBasis { get; init; }

    /// <summary>
    /// The budget (<see cref="MaxPrice"/> or the stay's nightly one) was said without a currency ("under 900"):
    /// US dollars until the trip's origin says the traveller's own (from Manchester: pounds).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool BudgetCurrencyAssumed { get; init; }

    /// <summary>The party was said by its size ("a family of five", "we are 6"): children named later are among them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool PartyIsSize { get; init; }

    /// <summary>Flexible dates: a month, a season or a holiday to find the cheapest departure in (no departure chosen yet).</summary>
    public DateWindow? Window { get; init; }

    /// <summary>A multi-city trip: the flights in order (2 to 6), each with its date when said.</summary>
    public IReadOnlyList<TripLeg>? Legs { get; init; }

    /// <summary>An open destination: what the place should be like ("somewhere warm and cheap").</summary>
    public DestinationWishes? Somewhere { get; init; }

    /// <summary>The kind of things to do asked for ("food tours": <c>food</c>; one of <see cref="Inventory.ActivityInterests.Names"/>).</summary>
    public string? Interest { get; init; }
}

/// <summary>One understood utterance: the <see cref="TripSlots"/> it says, and what only an utterance carries.</summary>
internal sealed record TripFrame : TripSlots
{
    public IReadOnlyList<PlaceRef>? Via { get; init; }
    public StayWishes? Stay { get; init; }

    /// <summary>Changes relative to what was said before: shifts, nights, removals.</summary>
    public IReadOnlyList<FrameEdit>? Edits { get; init; }

    /// <summary>A question the product can answer from what it knows (weather, local time, currency).</summary>
    public KnowledgeQuestion? Question { get; init; }

    /// <summary>A length of stay said without a date to count from ("for 5 nights"); not serialized.</summary>
    [JsonIgnore]
    public int? Nights { get; init; }

    /// <summary>The days of the week a departure found in a window may fall on ("a weekend": Friday); not serialized.</summary>
    [JsonIgnore]
    public IReadOnlyList<DayOfWeek>? DepartOn { get; init; }

    /// <summary>
    /// Only children were counted ("the kids are 4 and 9"): <see cref="TripSlots.Passengers"/> holds one adult
    /// (plus the teens, who pay the adult fare) for the adults not said; a party held already supplies them (not serialized).
    /// </summary>
    [JsonIgnore]
    public bool ChildrenOnly { get; init; }

    /// <summary>How this utterance relates to the conversation so far (not serialized).</summary>
    [JsonIgnore]
    public FrameAct Act { get; init; } = FrameAct.Request;

    /// <summary>The frame of an empty utterance: <c>{}</c>.</summary>
    public static TripFrame Empty { get; } = new();

    /// <summary>The frame as one line of JSON in the README's format.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TripFrameJson.Options);
}

internal enum BudgetBasis
{
    PerPerson,
    Total,
}

/// <summary>The earliest and latest departure of a flexible search, and what the traveller called it ("June", "Thanksgiving").</summary>
internal sealed record DateWindow(DateOnly From, DateOnly To, string Label)
{
    /// <summary>For a holiday, the usual day to come back (the Sunday after Thanksgiving…).</summary>
    public DateOnly? ReturnOn { get; init; }
}

/// <summary>One flight of a multi-city trip.</summary>
internal sealed record TripLeg(PlaceRef Origin, PlaceRef Destination, DateOnly? Date = null);

/// <summary>What an open destination should be like.</summary>
internal sealed record DestinationWishes
{
    public bool Warm { get; init; }
    public bool Sunny { get; init; }
    public bool Snow { get; init; }
    public bool Beach { get; init; }
    public bool CityBreak { get; init; }
    public bool Cheap { get; init; }

    /// <summary>A continent or region by name: Europe, Asia, North America, South America, Africa, Oceania, Caribbean.</summary>
    public string? Region { get; init; }

    /// <summary>"within a 3-hour flight": the longest flight time wanted, in hours.</summary>
    public double? MaxFlightHours { get; init; }
}

internal enum EditKind
{
    /// <summary>Move the departure by <see cref="FrameEdit.Days"/> (negative: earlier), keeping the return.</summary>
    ShiftDepart,

    /// <summary>Move the return only.</summary>
    ShiftReturn,

    /// <summary>Move the whole trip, keeping its length.</summary>
    ShiftTrip,

    /// <summary>Stay <see cref="FrameEdit.Days"/> nights longer (negative: shorter).</summary>
    Nights,

    /// <summary>Drop a constraint: <see cref="FrameEdit.Slot"/> is airlines, maxPrice, nonStop, departTime, cabin, minStars, area or returnDate.</summary>
    Remove,
}

/// <summary>A change relative to the conversation so far.</summary>
internal sealed record FrameEdit(EditKind Kind, int Days = 0, string? Slot = null);

internal enum QuestionKind
{
    Weather,
    LocalTime,
    Currency,
}

/// <summary>"What's the weather like in Lisbon in March?": the kind, the place and the month (1–12) when said.</summary>
internal sealed record KnowledgeQuestion(QuestionKind Kind, PlaceRef? Place, int? Month = null);

internal enum TripType
{
    OneWay,
    RoundTrip,
}

internal enum SortOrder
{
    Price,
    Duration,
}

/// <summary>The serializer settings of the frame format.</summary>
internal static class TripFrameJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>Writes a time of day as <c>HH:mm</c>.</summary>
internal sealed class HourMinuteConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeOnly.Parse(reader.GetString() ?? "00:00", System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
}
