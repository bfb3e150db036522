using System.Text.Json;
using System.Text.Json.Serialization;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;
using Pathavana.Platform;

namespace Pathavana.Assistant;

/// <summary>What the session knows so far: the slots, the pending question and the picked offers. Stored as JSON in <c>sessions.state</c>.</summary>
internal sealed record DialogState
{
    public TripIntent? Intent { get; init; }
    public PlaceRef? Origin { get; init; }
    public PlaceRef? Destination { get; init; }
    public DateOnly? DepartDate { get; init; }
    public DateOnly? ReturnDate { get; init; }
    public TimeWindow? DepartTime { get; init; }
    public TripType? TripType { get; init; }
    public Cabin? Cabin { get; init; }
    public IReadOnlyList<string>? Airlines { get; init; }
    public bool? NonStop { get; init; }
    public SortOrder? Sort { get; init; }
    public PassengerCount? Passengers { get; init; }
    public Money? MaxPrice { get; init; }
    public int? MinStars { get; init; }
    public string? Area { get; init; }
    public Money? MaxNightly { get; init; }
    public int? Nights { get; init; }

    /// <summary>The slot the last reply asked for, if any.</summary>
    public string? Asking { get; init; }

    /// <summary>Offers the user picked, in order.</summary>
    public IReadOnlyList<Selection> Selections { get; init; } = [];

    public static DialogState Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? new DialogState() : JsonSerializer.Deserialize<DialogState>(json, DialogJson.Options) ?? new DialogState();

    public string ToJson() => JsonSerializer.Serialize(this, DialogJson.Options);

    /// <summary>
    /// Merges one understood utterance: a request or a correction replaces what it names (the last
    /// word wins), "add my wife" adds people. Dates stay consistent: a new departure after the
    /// held return drops the return.
    /// </summary>
    public DialogState Merge(TripFrame frame, string utterance = "")
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(utterance);
        var intent = frame.Intent is TripIntent.SearchFlights or TripIntent.SearchHotels or TripIntent.SearchActivities or TripIntent.PlanTrip
            ? MergeIntent(Intent, frame, utterance) : Intent;
        var passengers = frame.Passengers is { } p
            ? frame.Act == FrameAct.Add && Passengers is { } held
                ? new PassengerCount(held.Adults + p.Adults, held.Children + p.Children, held.Infants + p.Infants)
                : frame.Act == FrameAct.Add ? new PassengerCount(1 + p.Adults, p.Children, p.Infants) : p
            : Passengers;
        var depart = frame.DepartDate ?? frame.Stay?.CheckIn ?? DepartDate;
        var @return = frame.ReturnDate ?? frame.Stay?.CheckOut;
        var nights = frame.Nights ?? Nights;
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
        return this with
        {
            Intent = intent,
            Origin = frame.Origin ?? Origin,
            Destination = frame.Destination ?? Destination,
            DepartDate = depart,
            ReturnDate = @return,
            DepartTime = frame.DepartTime ?? DepartTime,
            TripType = frame.TripType ?? (frame.ReturnDate is not null ? Understanding.TripType.RoundTrip : TripType),
            Cabin = frame.Cabin ?? Cabin,
            Airlines = frame.Airlines ?? Airlines,
            NonStop = frame.NonStop ?? NonStop,
            Sort = frame.Sort ?? Sort,
            Passengers = passengers,
            MaxPrice = frame.MaxPrice ?? MaxPrice,
            MinStars = frame.Stay?.MinStars ?? MinStars,
            Area = frame.Stay?.Area ?? Area,
            MaxNightly = frame.Stay?.MaxNightly ?? MaxNightly,
            Nights = nights,
        };
    }

    // The understanding calls anything with trip details a flight search. Once the talk is about a
    // stay or a whole trip, a follow-up that names no flight ("nonstop only", "for 3 nights") keeps it.
    private static TripIntent MergeIntent(TripIntent? held, TripFrame frame, string utterance)
    {
        var said = frame.Intent!.Value;
        if (held is null || said != TripIntent.SearchFlights)
        {
            return said;
        }
        var namesFlights = utterance.Contains("flight", StringComparison.OrdinalIgnoreCase) || utterance.Contains("fly", StringComparison.OrdinalIgnoreCase);
        if (held == TripIntent.PlanTrip && !namesFlights)
        {
            return TripIntent.PlanTrip;
        }
        return namesFlights || frame.Origin is not null ? said : held.Value;
    }

    /// <summary>True when the frame carries anything a search uses.</summary>
    public static bool HasSlots(TripFrame f) =>
        f.Origin is not null || f.Destination is not null || f.DepartDate is not null || f.ReturnDate is not null
        || f.DepartTime is not null || f.TripType is not null || f.Cabin is not null || f.Airlines is not null
        || f.NonStop is not null || f.Sort is not null || f.Passengers is not null || f.MaxPrice is not null
        || f.Stay is { IsEmpty: false } || f.Nights is not null;
}

/// <summary>An offer the user picked on a session.</summary>
internal sealed record Selection(string OfferId, string Kind, ResultCard Card, DateTimeOffset At);

/// <summary>
/// One result card: the offer id to pick or book, and Pathavana's model of the offer. Exactly one
/// of <see cref="Flight"/>, <see cref="Hotel"/>, <see cref="Activity"/> is set, as <see cref="Kind"/> says.
/// </summary>
internal sealed record ResultCard(string Kind, string OfferId, FlightOffer? Flight = null, HotelOffer? Hotel = null, Activity? Activity = null)
{
    public const string FlightKind = "flight";
    public const string HotelKind = "hotel";
    public const string ActivityKind = "activity";
}

internal static class DialogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
