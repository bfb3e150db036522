using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pathavana.Platform.Observability;
using Pathavana.Assistant;
using Pathavana.Platform.Data;
using Pathavana.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pathavana.Tests.Assistant;

/// <summary>
/// LLM mode against a local fake of the OpenAI chat-completions API on 127.0.0.1: tool calls run
/// the real inventory, bad tool arguments go back to the model as errors, and every failure
/// (401, 429, 500, a slow answer, an exhausted budget) falls back to the offline path and says so.
/// </summary>
public sealed class LlmModeTests : IDisposable
{
    private const string Path = OpenAiFake.CompletionsPath;
    private readonly WireMockServer _fake = OpenAiFake.Start();

    public void Dispose() => _fake.Stop();

    private static DateOnly Depart => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    private PathavanaFactory App(long budget = 100_000, int timeoutSeconds = 120) => PathavanaFactory.Embedded(OpenAiFake.Settings(_fake, timeoutSeconds, budget));

    private static string Completion(object message, string finish, int prompt, int completion) => OpenAiFake.Completion(message, finish, prompt, completion);

    private static string ToolCall(string name, object arguments, int prompt = 300, int completion = 40) => Completion(new
    {
        role = "assistant",
        content = (string?)null,
        tool_calls = new[] { new { id = "call_1", type = "function", function = new { name, arguments = JsonSerializer.Serialize(arguments) } } },
    }, "tool_calls", prompt, completion);

    private static string Text(string content, int prompt = 500, int completion = 60) =>
        Completion(new { role = "assistant", content }, "stop", prompt, completion);

    /// <summary>First answer: a tool call; once the request carries the tool's result: the final text.</summary>
    private void Script(string toolCall, string final)
    {
        _fake.Given(Request.Create().WithPath(Path).UsingPost().WithBody(new WildcardMatcher("*tool_call_id*")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(final));
        _fake.Given(Request.Create().WithPath(Path).UsingPost())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(toolCall));
    }

    private IEnumerable<JsonElement> Requests() =>
        _fake.LogEntries.Where(e => e.RequestMessage?.Path == Path).Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement);

    [Fact]
    public async Task The_model_searches_through_tools_and_the_reply_carries_the_real_offers_and_records_tokens()
    {
        Script(ToolCall("search_flights", new { origin = "BOS", destination = "LIS", departDate = Depart.ToString("yyyy-MM-dd"), adults = 2, nonStop = true }),
            Text("I found nonstop flights from Boston to Lisbon; they are shown beside this message."));
        await using var app = App();
        var ana = await app.SignUpAsync();
        var session = await ana.Client.NewLlmSessionAsync();
        app.Services.GetRequiredService<PathavanaMetrics>();
        using var tokens = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PathavanaMetrics.MeterName, "pathavana.llm.tokens");

        var turn = await ana.Client.SayAsync(session, "two of us, Boston to Lisbon, nonstop");
        Assert.Equal(800, tokens.GetMeasurementSnapshot().Where(m => (string?)m.Tags["type"] == "input").Sum(m => m.Value));
        Assert.Equal(100, tokens.GetMeasurementSnapshot().Where(m => (string?)m.Tags["type"] == "output").Sum(m => m.Value));

        Assert.Equal("llm", turn.GetProperty("mode").GetString());
        Assert.False(turn.GetProperty("fallback").GetBoolean());
        Assert.Equal("I found nonstop flights from Boston to Lisbon; they are shown beside this message.", turn.Text());
        var cards = turn.Cards();
        Assert.NotEmpty(cards);
        Assert.All(cards, c =>
        {
            var segments = c.Segments(0);
            Assert.Single(segments);
            Assert.Equal("BOS", segments[0].GetProperty("origin").GetString());
            Assert.Equal(Depart, segments[0].DepartureDay());
        });

        var requests = Requests().ToList();
        Assert.Equal(2, requests.Count);
        var first = requests[0];
        Assert.Equal("fake-model", first.GetProperty("model").GetString());
        var system = first.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Contains(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), system.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("tools").EnumerateArray(), t => t.GetProperty("function").GetProperty("name").GetString() == "search_flights");
        Assert.Contains(first.GetProperty("tools").EnumerateArray(), t => t.GetProperty("function").GetProperty("name").GetString() == "add_to_selection");
        // The tool's result, sent back to the model, holds the offers that became the cards.
        var toolMessage = requests[1].GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Contains(cards[0].GetProperty("offerId").GetString()!, toolMessage.GetProperty("content").GetString(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var usage = await db.Set<LlmUsage>().Where(u => u.SessionId == session).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(800, usage.Sum(u => u.InputTokens));
        Assert.Equal(100, usage.Sum(u => u.OutputTokens));
        Assert.All(usage, u => Assert.Equal(ana.Id.ToString(), u.Subject));

        // The slots the tool was called with are the session's state, so the offline path could carry on.
        var read = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken);
        Assert.Equal("LIS", read.GetProperty("state").GetProperty("destination").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_tool_arguments_go_back_to_the_model_as_an_error_not_an_exception()
    {
        Script(ToolCall("search_flights", new { origin = "ZZZ", destination = "LIS", departDate = "next tuesday", adults = 0 }),
            Text("Which airport are you leaving from, and on which date?"));
        await using var app = App();
        using var browser = app.CreateClient();
        var session = await browser.NewLlmSessionAsync();

        var turn = await browser.SayAsync(session, "fly me to Lisbon");

        Assert.Equal("llm", turn.GetProperty("mode").GetString());
        Assert.Empty(turn.Cards());
        var toolMessage = Requests().Last().GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        var content = toolMessage.GetProperty("content").GetString()!;
        Assert.StartsWith("Error:", content.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("origin", content, StringComparison.Ordinal);
        Assert.Contains("departDate", content, StringComparison.Ordinal);
        Assert.Contains("passengers", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_arguments_are_held_to_the_search_rules_of_the_api()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var earlier = today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Script(ToolCall("search_multi_city", new { legs = $"LON-PAR-{first},PAR-ROM-{earlier}", adults = 2, infants = 3 }),
            Text("Which dates do you fly, and who travels?"));
        await using var app = App();
        using var browser = app.CreateClient();
        var session = await browser.NewLlmSessionAsync();

        var turn = await browser.SayAsync(session, "London, Paris, Rome");

        Assert.Empty(turn.Cards());
        var content = Requests().Last().GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool").GetProperty("content").GetString()!;
        Assert.Contains("legs[1].date must not be before legs[0].date", content, StringComparison.Ordinal);
        Assert.Contains("infants must not outnumber adults", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task An_endpoint_error_falls_back_to_the_offline_answer_and_says_so(int status)
    {
        _fake.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"nope","type":"error","code":"x"}}"""));
        await using var app = App();
        using var browser = app.CreateClient();
        var session = await browser.NewLlmSessionAsync();
        app.Services.GetRequiredService<PathavanaMetrics>();
        using var turns = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PathavanaMetrics.MeterName, "pathavana.chat.turns");

        var turn = await browser.SayAsync(session, $"flights from Boston to Lisbon on {Depart:yyyy-MM-dd} for 2 adults");
        var counted = Assert.Single(turns.GetMeasurementSnapshot());
        Assert.Equal("offline", counted.Tags["mode"]);
        Assert.Equal("true", counted.Tags["fallback"]);

        Assert.Equal("offline", turn.GetProperty("mode").GetString());
        Assert.True(turn.GetProperty("fallback").GetBoolean());
        Assert.Equal("llm_error", turn.GetProperty("fallbackReason").GetString());
        Assert.NotEmpty(turn.Cards());
        Assert.Single(Requests());
        var stored = await browser.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken);
        Assert.True(stored.GetProperty("messages")[1].GetProperty("fallback").GetBoolean());
    }

    [Fact]
    public async Task A_slow_model_times_out_into_the_offline_answer()
    {
        _fake.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(Text("too late")).WithDelay(TimeSpan.FromSeconds(6)));
        await using var app = App(timeoutSeconds: 1);
        using var browser = app.CreateClient();
        var session = await browser.NewLlmSessionAsync();

        var turn = await browser.SayAsync(session, "I want to go to Lisbon");

        Assert.Equal("offline", turn.GetProperty("mode").GetString());
        Assert.Equal("llm_timeout", turn.GetProperty("fallbackReason").GetString());
        Assert.Contains("Lisbon", turn.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("too late", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spent_daily_budget_answers_offline_without_calling_the_model()
    {
        _fake.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Text("Where to?", 700, 50)));
        await using var app = App(budget: 500);
        var ana = await app.SignUpAsync();
        var session = await ana.Client.NewLlmSessionAsync();

        var first = await ana.Client.SayAsync(session, "hello");
        Assert.Equal("llm", first.GetProperty("mode").GetString());
        var second = await ana.Client.SayAsync(session, "I want to go to Lisbon");
        Assert.Equal("offline", second.GetProperty("mode").GetString());
        Assert.Equal("token_budget_exhausted", second.GetProperty("fallbackReason").GetString());
        Assert.Single(Requests());

        // Another user has their own budget.
        var ben = await app.SignUpAsync();
        var other = await ben.Client.SayAsync(await ben.Client.NewLlmSessionAsync(), "hello");
        Assert.Equal("llm", other.GetProperty("mode").GetString());
    }
}
