using System.Text.Json;
using System.Text.Json.Serialization;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Assistant;

/// <summary>
/// What the session knows so far: the trip understood (the <see cref="TripSlots"/> any turn can add,
/// change, relax or remove, and the stay's wishes), the pending question and how often it was asked,
/// the destinations offered, and the picked offers. Stored as JSON in <c>sessions.state</c>, one flat
/// object (the shared slots beside the session's own), and served as a session's <c>state</c>.
/// </summary>
internal sealed record DialogState : TripSlots
{
    public int? MinStars { get; init; }
    public string? Area { get; init; }
    public Money? MaxNightly { get; init; }

    /// <summary>Amenities the stay must have (<see cref="HotelAmenities"/> names), in the order said.</summary>
    public IReadOnlyList<string>? Amenities { get; init; }
    public int? Nights { get; init; }

    /// <summary>
    /// The days of the week a departure chosen from a window or for an open destination may fall on
    /// ("a long weekend": Thursday or Friday); null: any day. Dropped when a departure date is said.
    /// </summary>
    public IReadOnlyList<DayOfWeek>? DepartOn { get; init; }

    /// <summary>The destinations the last reply offered (codes and names), so that "Lisbon" or "the second one" picks one.</summary>
    public IReadOnlyList<PlaceRef>? Offered { get; init; }

    /// <summary>The last flight, stay or whole-trip search (an edit made while looking at things to do applies to it).</summary>
    public Understanding.TripIntent? TripIntent { get; init; }

    /// <summary>
    /// The currency of the trip's origin country (ISO 4217; from Manchester: GBP) when searches can price in it;
    /// null: US dollars. Worked out from the origin on each turn, not stored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Currency { get; init; }

    /// <summary>This turn said a departure or check-in day (not stored: a stay then starts on the day said, not when a flight lands).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool DaySaid { get; init; }

    /// <summary>The slot the last reply asked for, if any.</summary>
    public string? Asking { get; init; }

    /// <summary>How many times in a row <see cref="Asking"/> has been asked.</summary>
    public int Asked { get; init; }

    /// <summary>Offers the user picked, in order.</summary>
    public IReadOnlyList<Selection> Selections { get; init; } = [];

    public static DialogState Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? new DialogState() : JsonSerializer.Deserialize<DialogState>(json, DialogJson.Options) ?? new DialogState();

    public string ToJson() => JsonSerializer.Serialize(this, DialogJson.Options);

    /// <summary>The number of travellers, seated or on a lap (1 when not known yet).</summary>
    [JsonIgnore]
    public int Travellers => Passengers is { } p ? Math.Max(1, p.Adults + p.Children + p.Infants) : 1;

    /// <summary>
    /// Merges one understood utterance: a request or a correction replaces what it names (the last
    /// word wins), "add my wife" adds people. Dates stay consistent: a new departure after the
    /// held return keeps the length of stay.
    /// </summary>
    public DialogState Merge(TripFrame frame, string utterance = "")
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(utterance);
        var intent = frame.Intent is Understanding.TripIntent.SearchFlights or Understanding.TripIntent.SearchHotels or Understanding.TripIntent.SearchActivities or Understanding.TripIntent.PlanTrip
            ? MergeIntent(Intent, frame, utterance) : Intent;
        // "the kids are 4 and 9" names the children of the party held.
        var (withChildren, sizeKept) = frame.Passengers is { } named && frame.ChildrenOnly && frame.Act != FrameAct.Add && Passengers is { } party
            ? WithChildren(party, named) : (null, false);
        var passengers = frame.Passengers is { } p
            ? frame.Act == FrameAct.Add && Passengers is { } held
                ? new PassengerMix(held.Adults + p.Adults, held.Children + p.Children, held.Infants + p.Infants)
                : frame.Act == FrameAct.Add ? new PassengerMix(1 + p.Adults, p.Children, p.Infants) : withChildren ?? p
            : Passengers;
        var depart = frame.DepartDate ?? frame.Stay?.CheckIn ?? DepartDate;
        var @return = frame.ReturnDate ?? frame.Stay?.CheckOut;
        var nights = frame.Nights ?? Nights;
        if (@return is { } said && frame.DepartDate is null && frame.Stay?.CheckIn is null && depart is { } heldDepart && said <= heldDepart)
        {
            // "come back on the 20th": the first 20th after the departure held.
            var later = said;
            for (var k = 0; k < 13 && later <= heldDepart; k++)
            {
                later = said.AddMonths(k + 1);
            }
            @return = later > heldDepart ? later : null;
        }
        if (@return is null)
        {
            @return = ReturnDate;
            if (frame.Nights is { } n && depart is { } d)
            {
                @return = d.AddDays(n);
            }
            else if (@return is { } r && depart is { } d2 && r <= d2)
            {
                // "actually make it Saturday" moved the departure past the return: keep the length.
                @return = DepartDate is { } oldDepart && ReturnDate is { } oldReturn && oldReturn > oldDepart
                    ? d2.AddDays(oldReturn.DayNumber - oldDepart.DayNumber) : null;
            }
        }
        var newPlace = frame.Destination is not null && frame.Destination.Code != Destination?.Code || frame.Origin is not null && frame.Origin.Code != Origin?.Code;
        var next = this with
        {
            Intent = intent,
            TripIntent = intent is Understanding.TripIntent.SearchFlights or Understanding.TripIntent.SearchHotels or Understanding.TripIntent.PlanTrip ? intent : TripIntent,
            Origin = frame.Origin ?? Origin,
            Destination = frame.Destination ?? (frame.Somewhere is not null ? null : Destination),
            DepartDate = frame.Window is not null && frame.DepartDate is null ? null : depart,
            ReturnDate = frame.Window is not null && frame.ReturnDate is null ? null : @return,
            DepartTime = frame.DepartTime ?? DepartTime,
            ReturnTime = frame.ReturnTime ?? ReturnTime,
            DaySaid = frame.DepartDate is not null || frame.Stay?.CheckIn is not null,
            // A return or a length said ("for a week", the chip after a one-way pick) makes the trip a round trip.
            // (A stay's length, "hotels there for 2 nights", leaves the flights as they were.)
            TripType = frame.TripType ?? (frame.ReturnDate is not null || frame.Nights is not null && intent is not (Understanding.TripIntent.SearchHotels or Understanding.TripIntent.SearchActivities)
                ? Understanding.TripType.RoundTrip : TripType),
            Cabin = frame.Cabin ?? Cabin,
            Airlines = frame.Airlines ?? Airlines,
            NonStop = frame.NonStop ?? NonStop,
            Sort = frame.Sort ?? Sort,
            Passengers = passengers,
            MaxPrice = frame.MaxPrice ?? MaxPrice,
            MaxPriceBasis = frame.MaxPrice is not null ? frame.MaxPriceBasis : MaxPriceBasis,
            PartyIsSize = frame.Passengers is null ? PartyIsSize : frame.ChildrenOnly ? sizeKept : frame.PartyIsSize,
            BudgetCurrencyAssumed = frame.MaxPrice is not null || frame.Stay?.MaxNightly is not null ? frame.BudgetCurrencyAssumed : BudgetCurrencyAssumed,
            MinStars = frame.Stay?.MinStars ?? MinStars,
            // A landmark or a neighbourhood belongs to its city: a new destination drops the one held.
            Area = frame.Stay?.Area ?? (frame.Destination is not null && frame.Destination.Code != Destination?.Code ? null : Area),
            Amenities = frame.Stay?.Amenities is { } wanted ? [.. (Amenities ?? []).Union(wanted, StringComparer.Ordinal)] : Amenities,
            MaxNightly = frame.Stay?.MaxNightly ?? MaxNightly,
            Nights = nights,
            DepartOn = frame.DepartOn ?? (frame.DepartDate is not null || frame.Nights is not null ? null : DepartOn),
            Window = frame.Window ?? (frame.DepartDate is not null ? null : Window),
            Legs = frame.Legs ?? (frame.Origin is not null || frame.Destination is not null ? null : Legs),
            Somewhere = frame.Somewhere ?? (frame.Destination is not null ? null : Somewhere),
            Offered = frame.Somewhere is not null || frame.Destination is not null ? null : Offered,
            Interest = frame.Intent == Understanding.TripIntent.SearchActivities ? frame.Interest : Interest,
        };
        if (frame.TripType == Understanding.TripType.OneWay && frame.ReturnDate is null)
        {
            next = next with { ReturnDate = null };
        }
        if (newPlace && frame.Legs is null)
        {
            next = next with { Legs = null };
        }
        return next;
    }

    // The understanding calls anything with trip details a flight search. Once the talk is about a
    // stay or a whole trip, a follow-up that names no flight ("nonstop only", "for 3 nights") keeps it.
    private static Understanding.TripIntent MergeIntent(Understanding.TripIntent? held, TripFrame frame, string utterance)
    {
        var said = frame.Intent!.Value;
        if (held is null or Understanding.TripIntent.SearchActivities || said != Understanding.TripIntent.SearchFlights)
        {
            return said;
        }
        var namesFlights = utterance.Contains("flight", StringComparison.OrdinalIgnoreCase) || utterance.Contains("fly", StringComparison.OrdinalIgnoreCase);
        if (held == Understanding.TripIntent.PlanTrip && !namesFlights)
        {
            return Understanding.TripIntent.PlanTrip;
        }
        // "first class please", "nonstop only", "with Delta" while looking at hotels: only flights have those.
        var flightOnly = frame.Cabin is not null || frame.NonStop is not null || frame.Airlines is not null || frame.DepartTime is not null || frame.ReturnTime is not null;
        return namesFlights || frame.Origin is not null || flightOnly && held == Understanding.TripIntent.SearchHotels ? said : held.Value;
    }

    /// <summary>
    /// The party held, with the children just named (<paramref name="said"/>: one adult, plus teens at the adult
    /// fare, and the children): a party given by its size ("a family of five") keeps its size, the named
    /// children among it (<c>SizeKept</c>); otherwise the children travel with the adults held.
    /// </summary>
    private (PassengerMix Mix, bool SizeKept) WithChildren(PassengerMix held, PassengerMix said)
    {
        var teens = Math.Max(0, said.Adults - 1);
        var young = said.Children + said.Infants;
        var size = held.Adults + held.Children + held.Infants;
        return PartyIsSize && size - young - teens >= 1
            ? (new PassengerMix(size - young, said.Children, said.Infants, said.ChildAges), true)
            : (new PassengerMix(held.Adults + teens, said.Children, said.Infants, said.ChildAges), false);
    }

    /// <summary>True when the frame carries anything a search uses.</summary>
    public static bool HasSlots(TripFrame f) =>
        f.Origin is not null || f.Destination is not null || f.DepartDate is not null || f.ReturnDate is not null
        || f.DepartTime is not null || f.ReturnTime is not null || f.TripType is not null || f.Cabin is not null || f.Airlines is not null
        || f.NonStop is not null || f.Sort is not null || f.Passengers is not null || f.MaxPrice is not null
        || f.Stay is { IsEmpty: false } || f.Nights is not null || f.Window is not null || f.Legs is not null
        || f.Somewhere is not null || f.Edits is { Count: > 0 };
}

/// <summary>An offer the user picked on a session.</summary>
internal sealed record Selection(string OfferId, string Kind, ResultCard Card, DateTimeOffset At);

/// <summary>
/// One result card: the offer id to pick or book, and Pathavana's model of the offer. Exactly one
/// of <see cref="Flight"/>, <see cref="Hotel"/>, <see cref="Activity"/> is set, as <see cref="Kind"/> says.
/// </summary>
internal sealed record ResultCard(
    string Kind, string OfferId, FlightOffer? Flight = null, HotelOffer? Hotel = null, Activity? Activity = null,
    CardPrice? Price = null, DestinationInsight? Destination = null, ClimateInsight? Climate = null, PlaceInsight? Place = null)
{
    public const string FlightKind = "flight";
    public const string HotelKind = "hotel";
    public const string ActivityKind = "activity";

    /// <summary>Not an offer: typical weather of a place in a month, from the climate normals.</summary>
    public const string ClimateKind = "climate";

    /// <summary>Not an offer: a place's local time, time zone and currency.</summary>
    public const string PlaceKind = "place";
}

/// <summary>A place's facts: its local time now (with the UTC offset) and IANA time zone, its country and currency (ISO 4217).</summary>
internal sealed record PlaceInsight(string? Code, string Name, string Country, string? TimeZone, DateTimeOffset? LocalTime, string? Currency, string? CurrencyName);

/// <summary>
/// What an offer costs the party: the total, per traveller (flights: the adult fare; stays: per
/// night), how many travel, and against the budget said: the limit and how far over it the offer is.
/// </summary>
internal sealed record CardPrice(Money Total, Money PerPerson, int Travellers, Money? Nightly = null, int? Nights = null, Money? Budget = null, string? BudgetBasis = null, Money? OverBudget = null);

/// <summary>Why an open-destination card was offered: the month's climate normals and the flight's distance and time.</summary>
internal sealed record DestinationInsight(string Code, string City, string Country, int Month, double HighC, double LowC, int DryDays, int? SnowDays, int DistanceKm, double FlightHours);

/// <summary>Typical weather of a place in a month (°C, days, mm), from the climate normals (MIT, michaelx/climate).</summary>
internal sealed record ClimateInsight(string Code, string City, string Country, int Month, double HighC, double LowC, int DryDays, int? SnowDays, double RainfallMm);

/// <summary>
/// The search a reply ran, so that the web app can run it again in its results pane: <c>kind</c>
/// (flights, hotels, activities), <c>query</c> with the parameter names and value formats of
/// <c>GET /api/v1/{kind}/search</c>, and <c>total</c>, how many offers that search found before the chat picked its cards.
/// </summary>
internal sealed record SearchInfo(string Kind, IReadOnlyDictionary<string, string> Query, int Total);

internal static class DialogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
