using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Privacy;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pathavana.Tests.Privacy;

/// <summary>
/// LLM mode runs only with the traveller's consent to send chat text to the model: without it (or
/// once withdrawn) the offline assistant answers, says why, and the model (a local fake of the
/// OpenAI API) receives nothing. Decisions are versioned, timed, kept as history, and follow the
/// browser into the account on sign-in. On SQLite and PostgreSQL.
/// </summary>
public sealed class ConsentTests(TestServers servers) : IDisposable
{
    private const string Path = OpenAiFake.CompletionsPath;
    private readonly WireMockServer _fake = OpenAiFake.Start();

    public void Dispose() => _fake.Stop();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>LLM mode against the fake, with the shared time-out sized for a loaded machine (the default 30 s once ran out under load).</summary>
    private Dictionary<string, string?> Llm() => OpenAiFake.Settings(_fake);

    private int ModelCalls => _fake.LogEntries.Count(e => e.RequestMessage?.Path == Path);

    [Fact]
    public Task Llm_mode_needs_consent_on_sqlite() => GateAsync(PathavanaFactory.Embedded(Llm()));

    [Fact]
    public async Task Llm_mode_needs_consent_on_postgres() => await GateAsync(await PathavanaFactory.ProductionAsync(servers, Llm()));

    private async Task GateAsync(PathavanaFactory factory)
    {
        _fake.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-test", @object = "chat.completion", created = 1_764_000_000, model = "fake-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = "Lisbon in spring is lovely; shall I look for flights?" }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
            })));
        await using var app = factory;
        var browser = app.CreateClient();

        // Never asked: the purposes are listed with their wording and version, no decision.
        var listed = await browser.GetFromJsonAsync<JsonElement>("/api/v1/chat/consents", Ct);
        var llm = listed.EnumerateArray().Single(c => c.GetProperty("purpose").GetString() == ConsentPurposes.LanguageModel);
        Assert.Equal(JsonValueKind.Null, llm.GetProperty("granted").ValueKind);
        Assert.Equal(1, llm.GetProperty("version").GetInt32());
        Assert.Contains("language model", llm.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("purpose").GetString() == ConsentPurposes.MarketingEmail);

        // No consent: the offline assistant answers and says why; the model hears nothing.
        var session = await browser.NewSessionAsync();
        var offline = await browser.SayAsync(session, "Boston to Lisbon next month for a week");
        Assert.Equal("offline", offline.GetProperty("mode").GetString());
        Assert.Equal(FallbackReasons.NoConsent, offline.GetProperty("fallbackReason").GetString());
        Assert.StartsWith(ChatTurns.NoConsentNote, offline.Text(), StringComparison.Ordinal);
        Assert.Equal(0, ModelCalls);

        // Bad requests name the field; an unknown purpose is 404.
        var missing = await browser.PutAsJsonAsync($"/api/v1/chat/consents/{ConsentPurposes.LanguageModel}", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("granted", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PutAsJsonAsync("/api/v1/chat/consents/selling_my_soul", new { granted = true }, Ct)).StatusCode);

        // Consent given (before sign-in, for this browser): the model answers.
        var given = await browser.ConsentAsync(ConsentPurposes.LanguageModel, true);
        Assert.True(given.GetProperty("granted").GetBoolean());
        var online = await browser.SayAsync(session, "what is it like in April?");
        Assert.Equal("llm", online.GetProperty("mode").GetString());
        Assert.Equal("Lisbon in spring is lovely; shall I look for flights?", online.Text());
        Assert.Equal(1, ModelCalls);

        // Signing up brings the browser's decision into the account, shown with its time and version.
        var email = $"consent-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsJsonAsync("/api/v1/account/register", new { email, password = TestUsers.StrongPassword }, Ct)).StatusCode);
        var login = await browser.PostAsJsonAsync("/api/v1/account/login", new { email, password = TestUsers.StrongPassword }, Ct);
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/chat/sessions/claim", null, Ct)).StatusCode);
        var mine = await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/consents", Ct);
        var adopted = mine.EnumerateArray().Single(c => c.GetProperty("purpose").GetString() == ConsentPurposes.LanguageModel);
        Assert.True(adopted.GetProperty("granted").GetBoolean());
        Assert.Equal(JsonValueKind.String, adopted.GetProperty("recordedAt").ValueKind);
        Assert.Equal(2, (await browser.SayAsync(session, "and in May?")).GetProperty("mode").GetString() == "llm" ? ModelCalls : -1);

        // Withdrawn on the Account page: offline again at once, and the model hears nothing more.
        var withdrawn = await browser.PutAsJsonAsync($"/api/v1/account/consents/{ConsentPurposes.LanguageModel}", new { granted = false }, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = await browser.SayAsync(session, "find me flights then");
        Assert.Equal("offline", after.GetProperty("mode").GetString());
        Assert.Equal(FallbackReasons.NoConsent, after.GetProperty("fallbackReason").GetString());
        Assert.Equal(2, ModelCalls);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var history = await db.Set<ConsentRecord>().AsNoTracking().Where(c => c.Purpose == ConsentPurposes.LanguageModel).ToListAsync(Ct);
        Assert.Equal([true, false], history.OrderBy(c => c.RecordedAt).Select(c => c.Granted));
        Assert.All(history, c => Assert.Equal(1, c.Version));
        Assert.All(history, c => Assert.NotNull(c.UserId));
        Assert.True(await db.AuditLogs.AnyAsync(a => a.Action == AuditActions.ConsentWithdrawn && a.Details!.Contains(ConsentPurposes.LanguageModel), Ct));
    }
}
