using System.Globalization;
using System.Text.Json;
using Pathavana.Tests.Assistant.Conversations;
using Pathavana.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pathavana.Tests.Assistant;

/// <summary>
/// LLM mode over several turns against the local OpenAI-compatible fake: the model's tools edit the
/// same dialog state the offline path uses (a day earlier, a budget per person, flexible dates, open
/// destinations), and when the model fails mid-conversation the offline path carries on from that state.
/// </summary>
public sealed class LlmConversationTests : IDisposable
{
    private const string Path = OpenAiFake.CompletionsPath;
    private readonly WireMockServer _fake = OpenAiFake.Start();
    private int _priority = 1000;

    public void Dispose() => _fake.Stop();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private PathavanaFactory App() => PathavanaFactory.Embedded(OpenAiFake.Settings(_fake));

    private static string Completion(object message, string finish) => OpenAiFake.Completion(message, finish);

    /// <summary>When the latest user message is <paramref name="said"/>: first the tool call, then (once its result is sent) the text.</summary>
    private void Script(string said, string tool, object arguments, string final)
    {
        // Later turns get higher priority (lower numbers): their text is only in their own requests.
        var toolCall = Completion(new
        {
            role = "assistant", content = (string?)null,
            tool_calls = new[] { new { id = $"call_{_priority}", type = "function", function = new { name = tool, arguments = JsonSerializer.Serialize(arguments) } } },
        }, "tool_calls");
        _fake.Given(Request.Create().WithPath(Path).UsingPost().WithBody(new WildcardMatcher($"*{said}*tool_call_id*")))
            .AtPriority(_priority - 1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Completion(new { role = "assistant", content = final }, "stop")));
        _fake.Given(Request.Create().WithPath(Path).UsingPost().WithBody(new WildcardMatcher($"*{said}*")))
            .AtPriority(_priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(toolCall));
        _priority -= 10;
    }

    private void Fails(string said)
    {
        _fake.Given(Request.Create().WithPath(Path).UsingPost().WithBody(new WildcardMatcher($"*{said}*")))
            .AtPriority(_priority)
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"error":{"message":"overloaded","type":"server_error"}}"""));
        _priority -= 10;
    }

    private static async Task<Traveller> StartAsync(PathavanaFactory app)
    {
        var client = app.CreateClient();
        var session = await client.NewLlmSessionAsync();
        return new Traveller(client, session, Today);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_models_edit_tools_change_the_held_trip_and_a_failure_mid_conversation_keeps_it()
    {
        var go = Today.AddDays(40);
        Script("two of us to Lisbon", "search_flights", new { origin = "BOS", destination = "LIS", departDate = Iso(go), returnDate = Iso(go.AddDays(7)), adults = 2 }, "Here are round trips to Lisbon.");
        Script("one day earlier", "edit_trip", new { shiftDepartureDays = -1 }, "I moved your departure a day earlier.");
        Script("keep it under 2000 each", "set_budget", new { amount = 2000, currency = "USD", basis = "perPerson" }, "Within your budget.");
        Fails("come back a day later");
        await using var app = App();
        var me = await StartAsync(app);

        var first = await me.SayAsync("two of us to Lisbon from Boston");
        Assert.Equal("llm", first.Json.GetProperty("mode").GetString());
        Assert.All(first.Flights, c => Assert.Equal(go, Conversations.Turn.OutboundDay(c)));
        Assert.Equal("flights", first.Search!.Value.GetProperty("kind").GetString());

        var earlier = await me.SayAsync("one day earlier");
        Assert.Equal("llm", earlier.Json.GetProperty("mode").GetString());
        Assert.All(earlier.Flights, c => { Assert.Equal(go.AddDays(-1), Conversations.Turn.OutboundDay(c)); Assert.Equal(go.AddDays(7), Conversations.Turn.ReturnDay(c)); Assert.Equal(2, Conversations.Turn.Travellers(c)); });
        Assert.NotEmpty(earlier.Flights);

        var budget = await me.SayAsync("keep it under 2000 each");
        Assert.All(budget.Flights, c => Assert.True(Conversations.Turn.PerPerson(c) <= 2000));
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.Equal("perPerson", state.GetProperty("maxPriceBasis").GetString());

        // The model fails: the offline dialog answers from the state the model's tools left.
        var later = await me.SayAsync("come back a day later");
        Assert.Equal("offline", later.Json.GetProperty("mode").GetString());
        Assert.True(later.Json.GetProperty("fallback").GetBoolean());
        Assert.Equal("llm_error", later.Json.GetProperty("fallbackReason").GetString());
        Assert.True(later.Says("Coming back"), later.ToString());
        Assert.All(later.Flights, c => { Assert.Equal(go.AddDays(-1), Conversations.Turn.OutboundDay(c)); Assert.Equal(go.AddDays(8), Conversations.Turn.ReturnDay(c)); Assert.True(Conversations.Turn.PerPerson(c) <= 2000); });
    }

    [Fact]
    public async Task The_model_searches_flexible_dates_and_open_destinations_with_the_offline_ranking()
    {
        var month = new DateOnly(Today.Year, Today.Month, 1).AddMonths(2);
        Script("cheapest week there", "search_flexible_dates", new { origin = "NYC", destination = "PAR", earliest = Iso(month), latest = Iso(month.AddMonths(1).AddDays(-1)), nights = 7, adults = 1 }, "The cheapest week is shown.");
        Script("anywhere hot for January", "suggest_destinations", new { origin = "BOS", month = 1, warm = true, cheap = true }, "Here are warm places.");
        Script("bad tool call", "edit_trip", new { remove = new[] { "everything" } }, "Sorry, I could not change that.");
        await using var app = App();
        var me = await StartAsync(app);

        var flexible = await me.SayAsync("cheapest week there");
        Assert.All(flexible.Flights, c => { Assert.Equal(month.Month, Conversations.Turn.OutboundDay(c).Month); Assert.Equal(7, Conversations.Turn.ReturnDay(c).DayNumber - Conversations.Turn.OutboundDay(c).DayNumber); });
        Assert.NotEmpty(flexible.Flights);

        var warm = await me.SayAsync("anywhere hot for January");
        Assert.NotEmpty(warm.Flights);
        Assert.All(warm.Flights, c => Assert.True(c.GetProperty("destination").GetProperty("highC").GetDouble() >= 23));

        var bad = await me.SayAsync("bad tool call");
        Assert.Equal("llm", bad.Json.GetProperty("mode").GetString());
        var tool = _fake.LogEntries.Select(e => e.RequestMessage?.Body ?? "").Last(b => b.Contains("bad tool call", StringComparison.Ordinal) && b.Contains("tool_call_id", StringComparison.Ordinal));
        Assert.Contains("is not one of", tool, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_models_hotel_search_keeps_the_place_the_amenities_and_the_price_a_night_the_traveller_named()
    {
        var checkIn = Today.AddDays(50);
        Script("a hotel by the colosseum with breakfast under 200", "search_hotels",
            new { city = "ROM", checkIn = Iso(checkIn), checkOut = Iso(checkIn.AddDays(4)), adults = 2, near = "Colosseum", amenities = "breakfast", maxNightly = 200 }, "Here are hotels near the Colosseum.");
        Script("one with a swimming pool on the moon", "search_hotels",
            new { city = "ROM", checkIn = Iso(checkIn), checkOut = Iso(checkIn.AddDays(4)), amenities = "pool,moon" }, "Sorry, I could not search that.");
        await using var app = App();
        var me = await StartAsync(app);

        var t = await me.SayAsync("a hotel by the colosseum with breakfast under 200");
        Assert.Equal("llm", t.Json.GetProperty("mode").GetString());
        Assert.NotEmpty(t.Hotels);
        Assert.All(t.Hotels, h =>
        {
            var offer = h.GetProperty("hotel");
            Assert.InRange(offer.GetProperty("hotel").GetProperty("distanceKm").GetDouble(), 0, 2);
            Assert.Contains("breakfast", offer.GetProperty("board").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.True(offer.GetProperty("nightly").GetProperty("amount").GetDecimal() <= 200);
        });
        Assert.Equal("Colosseum", t.Query("near"));
        Assert.Equal("breakfast", t.Query("amenities"));

        // An amenity the product does not know is refused to the model with the list it may use.
        await me.SayAsync("one with a swimming pool on the moon");
        var tool = _fake.LogEntries.Select(e => e.RequestMessage?.Body ?? "").Last(b => b.Contains("on the moon", StringComparison.Ordinal) && b.Contains("tool_call_id", StringComparison.Ordinal));
        Assert.Contains("amenities: comma-separated", tool, StringComparison.Ordinal);
    }
}
