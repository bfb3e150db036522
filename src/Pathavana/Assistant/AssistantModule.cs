using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Pathavana.Assistant.Understanding;

namespace Pathavana.Assistant;

internal static class AssistantModule
{
    /// <summary>
    /// The assistant: offline understanding and dialog (always), LLM mode when <c>Llm__Endpoint</c>
    /// is set (an OpenAI-compatible chat-completions API), chat sessions in the database.
    /// </summary>
    public static void AddAssistant(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LlmOptions>().Bind(builder.Configuration.GetSection(LlmOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Endpoint is null || o.Endpoint.IsAbsoluteUri && (o.Endpoint.Scheme == Uri.UriSchemeHttps || o.Endpoint.Scheme == Uri.UriSchemeHttp),
                "Llm:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1.")
            .ValidateOnStart();
        services.AddOfflineUnderstanding();
        services.AddSingleton<OfflineAssistant>();
        services.AddScoped<ChatTurns>();
        services.AddSingleton(CreateChatClient);
        services.AddScoped<LlmAssistant>();
    }

    /// <summary>The OpenAI-compatible client with function invocation; no automatic retries (a failed turn falls back instead).</summary>
    private static IChatClient CreateChatClient(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var endpoint = settings.Endpoint ?? throw new InvalidOperationException("LLM mode is off: Llm:Endpoint is not set.");
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
        };
        var inner = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "unset" : settings.ApiKey), options)
            .GetChatClient(settings.Model).AsIChatClient();
        return new ChatClientBuilder(inner)
            .UseFunctionInvocation(configure: f =>
            {
                f.MaximumIterationsPerRequest = 5;
                f.IncludeDetailedErrors = false;
            })
            .Build(services);
    }
}
