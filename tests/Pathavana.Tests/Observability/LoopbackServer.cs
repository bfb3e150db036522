using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pathavana.Tests.Observability;

/// <summary>A stand-in for a vendor on 127.0.0.1: answers <c>GET /quote</c> and remembers the
/// <c>traceparent</c> header of every request it received.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app) => _app = app;

    public ConcurrentQueue<string> TraceParents { get; } = new();

    public Uri Quote => new(new Uri(_app.Urls.First()), "/quote");

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.MapGet("/quote", (HttpContext context) =>
        {
            server.TraceParents.Enqueue(context.Request.Headers.TraceParent.ToString());
            return "42 EUR";
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
