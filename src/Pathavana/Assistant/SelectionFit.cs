using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

/// <summary>
/// Whether an offer shown by an earlier reply still fits what the conversation now holds: a flight
/// must carry the whole party (seated and lap) and leave, and for a round trip come back, on the
/// days held; a stay must be for the party's adults and lie within the trip's dates (a stay for part
/// of the trip fits). Unknown facts (no party or dates held yet, a multi-city trip) never refuse.
/// </summary>
internal static class SelectionFit
{
    /// <summary>Why the card no longer fits, in a sentence naming what changed; null when it fits.</summary>
    public static string? Why(DialogState state, ResultCard card)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        if (state.Legs is { Count: > 0 })
        {
            return null;
        }
        var reasons = new List<string>();
        if (card.Flight is { Itineraries.Count: > 0 } f)
        {
            var travellers = f.PriceBreakdown.Sum(p => p.Count);
            if (state.Passengers is not null && travellers > 0 && travellers != state.Travellers)
            {
                reasons.Add($"it is priced for {Plural(travellers, "traveller", "travellers")} and the trip is now for {state.Travellers}");
            }
            var leaves = DateOnly.FromDateTime(f.Itineraries[0].Segments[0].Departure.DateTime);
            if (state.DepartDate is { } depart && leaves != depart)
            {
                reasons.Add($"it leaves on {Day(leaves)} and the trip now leaves on {Day(depart)}");
            }
            else if (f.Itineraries.Count == 2 && state.ReturnDate is { } back
                && DateOnly.FromDateTime(f.Itineraries[1].Segments[0].Departure.DateTime) is var returns && returns != back)
            {
                reasons.Add($"it comes back on {Day(returns)} and the trip now comes back on {Day(back)}");
            }
        }
        else if (card.Hotel is { } h)
        {
            if (state.Passengers is { } p && h.Adults != p.Adults)
            {
                reasons.Add($"it is for {Plural(h.Adults, "adult", "adults")} and the trip is now for {p.Adults}");
            }
            if ((state.DepartDate is { } start && h.CheckIn < start) || (state.ReturnDate is { } end && h.CheckOut > end))
            {
                reasons.Add($"{Day(h.CheckIn)} to {Day(h.CheckOut)} is outside the trip's dates");
            }
        }
        return reasons.Count == 0 ? null : $"This {card.Kind} is from an earlier search: {string.Join("; ", reasons)}. Pick from the newest results.";
    }
}
