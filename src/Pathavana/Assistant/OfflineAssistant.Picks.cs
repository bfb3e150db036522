using System.Text.RegularExpressions;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

internal sealed partial class OfflineAssistant
{
    /// <summary>
    /// Whether the utterance may pick one of the results shown ("I'll take the first one", "book the
    /// cheapest", "option 2", "the last hotel"): a cheap check before the last reply's cards are loaded.
    /// </summary>
    public static bool MayPick(string utterance) => PickPhrase().IsMatch(utterance);

    /// <summary>
    /// Picks a card of the last reply by its place or price ("the second one", "the cheapest hotel") and
    /// keeps it on the session, as the card's pick button does; "book …" also says how booking goes on.
    /// Null when the utterance is no pick (it says a place, a date or anything else a search uses).
    /// </summary>
    public TurnReply? Pick(DialogState state, string utterance, IReadOnlyList<ResultCard> shown, DateOnly today, DateTimeOffset now)
    {
        var match = PickPhrase().Match(utterance);
        if (!match.Success || state.Offered is { Count: > 0 } || shown.Count == 0)
        {
            return null;
        }
        var frame = understanding.Parse(utterance, today);
        // "the cheapest hotel" says a sort order and a kind, nothing a search would change.
        if (DialogState.HasSlots(frame with { Sort = null }) || frame.Question is not null)
        {
            return null;
        }
        var noun = match.Groups["kind"].Value.ToLowerInvariant();
        var kind = noun.StartsWith("flight", StringComparison.Ordinal) ? ResultCard.FlightKind
            : noun is "hotel" or "hotels" or "room" or "stay" or "place" ? ResultCard.HotelKind
            : noun is "tour" or "activity" ? ResultCard.ActivityKind : null;
        var cards = shown.Where(c => c.Kind is ResultCard.FlightKind or ResultCard.HotelKind or ResultCard.ActivityKind && (kind is null || c.Kind == kind)).ToList();
        if (cards.Count == 0)
        {
            return null;
        }
        var which = match.Groups["which"].Value.ToLowerInvariant();
        var number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var index = which switch
        {
            "first" or "1st" or "top" => 0,
            "second" or "2nd" => 1,
            "third" or "3rd" => 2,
            "last" or "bottom" => cards.Count - 1,
            "cheapest" => cards.IndexOf(cards.OrderBy(c => PriceOf(c) ?? decimal.MaxValue).First()),
            _ => number - 1,
        };
        if (index < 0 || index >= cards.Count)
        {
            return new TurnReply($"I showed {cards.Count} {(cards.Count == 1 ? "option" : "options")}: say \"the first one\"{(cards.Count > 1 ? $" to \"the {(cards.Count == 2 ? "second" : "third")} one\"" : "")}, or pick one with its button.",
                cards, [], state);
        }
        var card = cards[index];
        if (SelectionFit.Why(state, card) is { } stale)
        {
            return new TurnReply(stale + " Search again and pick from the new results.", [], [], state);
        }
        var picked = state with { Selections = [.. state.Selections.Where(s => s.OfferId != card.OfferId), new Selection(card.OfferId, card.Kind, card, now)] };
        var book = Regex.IsMatch(utterance, @"\bbook\b|\breserve\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var text = $"Picked the {PickName(card)}. It is in your trip so far; " + (book
            ? "to book it, press \"Review and book\" there: the booking step asks for the travellers and confirms the price before it charges anything."
            : "press \"Review and book\" there when you are ready, or keep looking.");
        IReadOnlyList<string> chips = card.Kind == ResultCard.FlightKind && state.Destination is not null ? ["hotels there", "show my picks"] : ["show my picks"];
        return new TurnReply(text, [card], chips, picked, Picked: card.OfferId);
    }

    /// <summary>A picked card in words: "flight DL 1640 at $288.46", "Lighthouse Guesthouse at €163.86".</summary>
    internal static string PickName(ResultCard card) => card switch
    {
        { Flight: { } f } => $"flight {Flights(f.Itineraries[0])} at {Money(f.TotalPrice)}",
        { Hotel: { } h } => $"{h.Hotel.Name} at {Money(h.Total)}",
        { Activity: { } a } => a.Name,
        _ => card.OfferId,
    };

    private static decimal? PriceOf(ResultCard card) => card.Flight?.TotalPrice.Amount ?? card.Hotel?.Total.Amount ?? card.Activity?.Price?.Amount;

    // "I'll take the first one", "book the cheapest hotel", "the 2nd flight please", "option 3", "number 2", "#2";
    // not "first class", "the first week of March", "the last day".
    [GeneratedRegex(@"^(?:(?:ok(?:ay)?|yes|great|perfect|cool|nice)[,!.]?\s+)?(?:(?:i'?ll|i\s+will|we'?ll|let'?s|i'?d\s+like\s+to|i\s+want\s+to|can\s+(?:i|we|you)|please)\s+)?(?:(?:take|book|pick|choose|select|go\s+(?:with|for)|grab|reserve|have|want|get|do)\s+)?(?:the\s+)?(?:(?<which>first|1st|second|2nd|third|3rd|last|top|bottom|cheapest)\s+(?:one|option|(?<kind>flights?|hotels?|room|stay|place|tour|activity))|(?:option|number|no\.?|#)\s*(?<n>[1-9]))(?:\s+(?:please|thanks|thank\s+you))?[\s.!]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PickPhrase();
}
