using System.Globalization;

namespace Pathavana.Tests.Assistant.Conversations;

/// <summary>
/// The grounding property (issue 12, item 10) over many generated conversations: openings and
/// follow-ups drawn at random (a fixed seed per case, so a failure replays) from everyday phrasings
/// of routes, dates, parties, budgets, cabins, edits and questions. In every reply, every amount is an
/// amount of its cards, every clock time a local time of its cards, every day-and-month a date of its
/// cards, and every other number appears in its cards (<see cref="Turn.AssertGrounded"/>).
/// </summary>
public sealed class GroundedReplyPropertyTests(ConversationApps apps) : IClassFixture<ConversationApps>
{
    private static readonly string[] Cities = ["Boston", "Lisbon", "Chicago", "Denver", "Paris", "Rome", "London", "New York", "Tokyo", "Miami", "Seattle", "Madrid", "LA", "Philly", "Vegas", "Toronto", "Sydney, NSW", "Atlanta, GA"];
    private static readonly string[] Parties = ["just me", "2 adults", "two of us", "me and my wife", "2 adults and a child", "the four of us", "3 tickets", "for one"];
    private static readonly string[] Budgets = ["", "", "under $900 each", "under $2000 in total", "under 700 euros", "under $300 pp", "$1500 for both"];
    private static readonly string[] Extras = ["", "", "nonstop", "business class", "in the morning", "cheapest", "premium economy", "on Delta"];
    private static readonly string[] FollowUps =
    [
        "a day earlier", "a day later", "come back two days later", "move it all forward three days", "business instead", "nonstop only",
        "a stop is fine", "add my wife", "add a child aged 6", "forget the budget", "whatever airline", "the time doesn't matter",
        "stay an extra night", "one night fewer", "cheapest", "under $400 each", "what's the weather like there in May?",
        "what time is it in Tokyo?", "hotels there", "things to do there", "show my trip", "help", "thanks!", "economy is fine",
        "the first one", "for 5 nights", "find me a hotel there near the beach", "on the 12th", "sometime in March", "2 adults",
    ];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 64)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_number_and_date_in_a_reply_is_in_its_cards(int seed)
    {
        var random = new Random(seed);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        var me = await apps.StartAsync(seed % 2 == 0 ? "embedded" : "postgres");
        var from = Pick(Cities);
        var to = Pick(Cities.Where(c => c != from).ToArray());
        var go = me.Today.AddDays(random.Next(3, 200));
        var date = go.ToString(random.Next(2) == 0 ? "d MMMM" : "MMMM d", CultureInfo.InvariantCulture);
        var stay = random.Next(4) switch { 0 => "", 1 => " for a week", 2 => $" for {random.Next(2, 9)} nights", _ => $", back {go.AddDays(random.Next(2, 15)).ToString("d MMMM", CultureInfo.InvariantCulture)}" };
        var opening = random.Next(6) switch
        {
            0 => $"{Pick(Parties)} from {from} to {to} on {date}{stay} {Pick(Budgets)} {Pick(Extras)}",
            1 => $"{from} to {to} {date}{stay}, {Pick(Parties)}, {Pick(Extras)} {Pick(Budgets)}",
            2 => $"a hotel in {to} from {date}{(stay.Length == 0 ? " for 3 nights" : stay)} for {random.Next(1, 4)} {Pick(Budgets)}",
            3 => $"plan a trip from {from} to {to} on {date} for a week, {Pick(Parties)}",
            4 => $"somewhere {Pick(["warm", "sunny and cheap", "with snow"])} in {go:MMMM} from {from}",
            _ => $"{Pick(["hotels", "a place to stay", "a hotel near the centre"])} in {to} in {go:MMMM}",
        };
        await me.SayAsync(opening);
        for (var i = random.Next(2, 5); i > 0; i--)
        {
            await me.SayAsync(Pick(FollowUps));
        }
    }
}
