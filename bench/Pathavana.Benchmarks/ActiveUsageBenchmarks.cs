using System.Diagnostics.Metrics;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Platform.Observability;

namespace Pathavana.Benchmarks;

/// <summary>
/// What the active-user and session metrics cost each API request (ActiveUsage.Record, run when
/// the response has completed), against a request that has nothing to record; and one refresh of
/// the gauges from the in-process store holding a busy day (10,000 people).
/// </summary>
[MemoryDiagnoser]
public class ActiveUsageBenchmarks
{
    private ActiveUsage usage = null!;
    private ActiveUsage busy = null!;
    private ServiceProvider services = null!;
    private DefaultHttpContext anonymous = null!;
    private DefaultHttpContext signedInChat = null!;

    [GlobalSetup]
    public void Setup()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        usage = new ActiveUsage(meters, new MemoryActivityStore(), TimeProvider.System);
        busy = new ActiveUsage(meters, new MemoryActivityStore(), TimeProvider.System);
        for (var i = 0; i < 10_000; i++)
        {
            busy.Seen(ActivityKind.User, Guid.NewGuid());
        }
        busy.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();

        anonymous = new DefaultHttpContext();
        anonymous.Request.Path = "/api/v1/flights/search";
        anonymous.Response.StatusCode = 200;

        signedInChat = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())], "Bearer")),
        };
        signedInChat.Request.Path = "/api/v1/chat/sessions/5f0c3a2e-9a7b-4c1d-8e2f-1a2b3c4d5e6f/messages";
        signedInChat.Response.StatusCode = 200;
        signedInChat.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/chat/sessions/{id:guid}/messages"), 0, EndpointMetadataCollection.Empty, "SendChatMessage"));
        signedInChat.Request.RouteValues["id"] = "5f0c3a2e-9a7b-4c1d-8e2f-1a2b3c4d5e6f";
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Baseline = true)]
    public void AnonymousSearchRequest() => usage.Record(anonymous);

    [Benchmark]
    public void SignedInChatRequest() => usage.Record(signedInChat);

    [Benchmark]
    public Task RefreshABusyDay() => busy.RefreshAsync(CancellationToken.None);
}
