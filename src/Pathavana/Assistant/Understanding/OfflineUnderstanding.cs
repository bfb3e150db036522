using Pathavana.Inventory;

namespace Pathavana.Assistant.Understanding;

/// <summary>
/// The embedded, deterministic language understanding: an utterance and today's date in, a
/// <see cref="TripFrame"/> out. No network, no model: grammars over words and gazetteers built
/// once from the reference data. Thread-safe; register as a singleton.
/// </summary>
internal sealed class OfflineUnderstanding
{
    private readonly PlaceGazetteer places;
    private readonly AirlineGazetteer airlines;

    public OfflineUnderstanding(ILocationDirectory directory)
    {
        places = new PlaceGazetteer(directory);
        airlines = new AirlineGazetteer(directory);
    }

    /// <summary>Understands one utterance; relative dates resolve against <paramref name="today"/>.</summary>
    public TripFrame Parse(string utterance, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(utterance))
        {
            return TripFrame.Empty;
        }
        var tokens = Utterance.Tokenize(utterance);
        if (tokens.Count == 0)
        {
            return TripFrame.Empty;
        }
        try
        {
            return new FrameParser(tokens, today, places, airlines).Run();
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only a "today" at the very end of the calendar (year 9999) can push a date out of range.
            return TripFrame.Empty;
        }
    }
}
