using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Assistant.Conversations;

/// <summary>One assistant reply as a traveller's browser sees it, with helpers to read its cards.</summary>
public sealed partial class Turn(string said, JsonElement json, DateOnly today)
{
    public string Said { get; } = said;
    public JsonElement Json { get; } = json;
    public DateOnly Today { get; } = today;
    public JsonElement Reply => Json.GetProperty("reply");
    public string Text => Reply.GetProperty("text").GetString()!;
    public JsonElement[] Cards => [.. Reply.GetProperty("cards").EnumerateArray()];
    public JsonElement[] Flights => [.. Cards.Where(c => c.GetProperty("kind").GetString() == "flight")];
    public JsonElement[] Hotels => [.. Cards.Where(c => c.GetProperty("kind").GetString() == "hotel")];
    public string[] Chips => [.. Reply.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()!)];
    public JsonElement? Search => Reply.GetProperty("search").ValueKind == JsonValueKind.Null ? null : Reply.GetProperty("search");

    public string Query(string name) => Search!.Value.GetProperty("query").GetProperty(name).GetString()!;

    public bool Says(string words) => Text.Contains(words, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"'{Said}' -> \"{Text}\" ({Cards.Length} cards; chips: {string.Join(" | ", Chips)})";

    public static JsonElement[] Segments(JsonElement card, int itinerary) =>
        [.. card.GetProperty("flight").GetProperty("itineraries")[itinerary].GetProperty("segments").EnumerateArray()];

    public static int Itineraries(JsonElement card) => card.GetProperty("flight").GetProperty("itineraries").GetArrayLength();

    public static DateOnly DepartureDay(JsonElement segment) =>
        DateOnly.FromDateTime(DateTimeOffset.Parse(segment.GetProperty("departure").GetString()!, CultureInfo.InvariantCulture).DateTime);

    public static DateOnly OutboundDay(JsonElement card) => DepartureDay(Segments(card, 0)[0]);

    public static DateOnly ReturnDay(JsonElement card) => DepartureDay(Segments(card, 1)[0]);

    public static int Travellers(JsonElement card) =>
        card.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32());

    public static decimal PerPerson(JsonElement card) => card.GetProperty("price").GetProperty("perPerson").GetProperty("amount").GetDecimal();

    public static decimal Total(JsonElement card) => card.GetProperty("price").GetProperty("total").GetProperty("amount").GetDecimal();

    public static string Origin(JsonElement card) => Segments(card, 0)[0].GetProperty("origin").GetString()!;

    public static string Destination(JsonElement card) => Segments(card, 0)[^1].GetProperty("destination").GetString()!;

    public static int Stops(JsonElement card, int itinerary = 0) => Segments(card, itinerary).Length - 1;

    public static string Cabin(JsonElement card) => card.GetProperty("flight").GetProperty("cabin").GetString()!;

    [GeneratedRegex(@"[$€£](\d{1,3}(?:,\d{3})*(?:\.\d\d)?)|\b(?:CHF|CAD|AUD|NZD|JPY|SGD|HKD|INR|MXN|SEK|NOK|DKK|CNY|KRW|BRL|ZAR|AED|THB|TRY|PLN|CZK) (\d{1,3}(?:,\d{3})*(?:\.\d\d)?)(?![\d:])")]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\b(\d{2}:\d{2})\b")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();

    /// <summary>
    /// The grounding property (issue 12, item 10): in a reply that shows cards, every amount of money
    /// is an amount of a card, every clock time a card's local time, every day-and-month a date of a
    /// card, and every other number appears in the cards. A reply without cards states no prices or times but
    /// the traveller's own budget said in that turn.
    /// </summary>
    public void AssertGrounded()
    {
        var cards = Cards;
        var json = string.Join("\n", cards.Select(c => c.GetRawText()));
        if (cards.Length == 0)
        {
            // The one amount a reply without cards may state is the traveller's own, said in this turn ("Budget: $400 each.").
            Assert.False(MoneyPattern().Matches(Text).Any(m => !Said.Contains((m.Groups[1].Success ? m.Groups[1] : m.Groups[2]).Value, StringComparison.Ordinal)), $"a price with no card: {this}");
            Assert.False(ClockPattern().IsMatch(Text), $"a time with no card: {this}");
            return;
        }
        var amounts = cards.SelectMany(Amounts).ToHashSet();
        var rest = Text;
        foreach (Match m in MoneyPattern().Matches(Text))
        {
            var value = decimal.Parse((m.Groups[1].Success ? m.Groups[1] : m.Groups[2]).Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            Assert.True(amounts.Contains(value), $"{m.Value} is no amount of the cards: {this}");
            rest = rest.Replace(m.Value, " ", StringComparison.Ordinal);
        }
        foreach (Match m in ClockPattern().Matches(Text))
        {
            var time = m.Groups[1].Value;
            Assert.True(json.Contains("T" + time, StringComparison.Ordinal) || json.Contains("+" + time, StringComparison.Ordinal) || json.Contains("-" + time, StringComparison.Ordinal),
                $"{m.Value} is no local time (or UTC offset) of the cards: {this}");
            rest = rest.Replace(m.Value, " ", StringComparison.Ordinal);
        }
        foreach (Match m in DatePattern().Matches(Text))
        {
            var day = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = DateTime.ParseExact(m.Groups[2].Value, "MMMM", CultureInfo.InvariantCulture).Month;
            var iso = $"-{month:00}-{day:00}";
            Assert.True(json.Contains(iso, StringComparison.Ordinal), $"{m.Value} is no date of the cards: {this}");
            rest = rest.Replace(m.Value, " ", StringComparison.Ordinal);
        }
        foreach (Match m in NumberPattern().Matches(rest))
        {
            var value = m.Value.Replace(",", "", StringComparison.Ordinal);
            var found = json.Contains(value, StringComparison.Ordinal)
                || decimal.TryParse(value, CultureInfo.InvariantCulture, out var amount) && amounts.Contains(amount);
            Assert.True(found, $"'{m.Value}' is in none of the cards: {this}");
        }
    }

    private static IEnumerable<decimal> Amounts(JsonElement card)
    {
        var stack = new Stack<JsonElement>([card]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Number)
                    {
                        yield return p.Value.GetDecimal();
                    }
                    stack.Push(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in e.EnumerateArray())
                {
                    stack.Push(x);
                }
            }
        }
    }
}

/// <summary>A traveller talking to the assistant over HTTP: one session, one turn at a time.</summary>
public sealed class Traveller(HttpClient client, Guid session, DateOnly today)
{
    public DateOnly Today { get; } = today;
    public HttpClient Client { get; } = client;
    public Guid Session { get; } = session;

    public async Task<Turn> SayAsync(string text)
    {
        var sent = await Client.PostAsJsonAsync($"/api/v1/chat/sessions/{Session}/messages", new { text }, TestContext.Current.CancellationToken);
        var body = await sent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(sent.StatusCode == HttpStatusCode.OK, $"'{text}': {(int)sent.StatusCode} {body}");
        var turn = new Turn(text, JsonDocument.Parse(body).RootElement.Clone(), Today);
        TestContext.Current.TestOutputHelper?.WriteLine(turn.ToString());
        turn.AssertGrounded();
        return turn;
    }

    public async Task<JsonElement> SessionAsync() =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{Session}", TestContext.Current.CancellationToken);
}

/// <summary>
/// The app twice, once per store: the embedded default (SQLite) and production wiring (PostgreSQL and
/// Redis started by the test run), both on one frozen clock so that "next Friday" is one day for the whole run.
/// Every conversation opens its own anonymous session.
/// </summary>
public sealed class ConversationApps(TestServers servers) : IAsyncLifetime
{
    private PathavanaFactory? _embedded;
    private PathavanaFactory? _postgres;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync()
    {
        _embedded = PathavanaFactory.Embedded(clock: Clock);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = await servers.Postgres.CreateMigratedDatabaseAsync(),
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Redis:Configuration"] = servers.Redis.Configuration,
            ["Redis:InstanceName"] = $"t{Guid.NewGuid():N}:",
        };
        _postgres = PathavanaFactory.Embedded(settings, clock: Clock);
    }

    public async Task<Traveller> StartAsync(string store)
    {
        var app = store == "postgres" ? _postgres! : _embedded!;
        var client = app.CreateClient();
        var created = await client.PostAsJsonAsync("/api/v1/chat/sessions", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        return new Traveller(client, id, Today);
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
