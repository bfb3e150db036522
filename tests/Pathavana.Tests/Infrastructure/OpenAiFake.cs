using System.Globalization;
using System.Text.Json;
using WireMock.Server;
using WireMock.Settings;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// A local stand-in for an OpenAI-compatible chat-completions API on 127.0.0.1 (WireMock): where it
/// listens, the settings that point Pathavana's LLM mode at it, and completion bodies in the API's shape.
/// </summary>
public static class OpenAiFake
{
    public const string CompletionsPath = "/v1/chat/completions";

    public static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{ExternalProcess.FreePort()}"] });

    /// <summary>LLM mode against <paramref name="fake"/>; the time-out is sized for a loaded machine (the fake answers at once).</summary>
    public static Dictionary<string, string?> Settings(WireMockServer fake, int timeoutSeconds = 120, long? tokensPerUserPerDay = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = fake.Url + "/v1",
            ["Llm:ApiKey"] = "sk-test-never-sent-anywhere-else",
            ["Llm:Model"] = "fake-model",
            ["Llm:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (tokensPerUserPerDay is { } budget)
        {
            settings["Llm:MaxTokensPerUserPerDay"] = budget.ToString(CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>A chat.completion body with one choice and its token usage.</summary>
    public static string Completion(object message, string finish, int prompt = 200, int completion = 20) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message, finish_reason = finish } },
        usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion },
    });
}
