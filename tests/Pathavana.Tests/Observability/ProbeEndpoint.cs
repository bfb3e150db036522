using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Platform.Caching;
using Pathavana.Platform.Data;
using Pathavana.Platform.Observability;

namespace Pathavana.Tests.Observability;

/// <summary>
/// <c>GET /_probe</c>, added to the real app for these tests only: one request that does what a
/// search will do once the inventory module lands — a database query, a cache look-up (Redis in
/// production wiring, asked as the inventory asks it), an outgoing HTTP call and a span of our own.
/// </summary>
internal sealed class ProbeEndpoint(Uri downstream) : IStartupFilter
{
    public const string Path = "/_probe";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(Path, branch => branch.Run(async context =>
        {
            using var activity = PathavanaTelemetry.ActivitySource.StartActivity("probe.search");
            var services = context.RequestServices;
            var bookings = await services.GetRequiredService<PathavanaDbContext>().Bookings.CountAsync(context.RequestAborted);
            var cached = await services.GetRequiredService<HybridCache>().GetOrCreateInTraceAsync(
                $"probe:{Guid.NewGuid():N}", "fresh", static (value, _) => ValueTask.FromResult(value), null, context.RequestAborted);
            var quote = await services.GetRequiredService<IHttpClientFactory>().CreateClient("vendor")
                .GetStringAsync(downstream, context.RequestAborted);
            await context.Response.WriteAsync($"{bookings} {cached} {quote}", context.RequestAborted);
        }));
        next(app);
    };

    public static void AddTo(IServiceCollection services, Uri downstream)
    {
        services.AddHttpClient("vendor");
        services.AddSingleton<IStartupFilter>(new ProbeEndpoint(downstream));
    }
}
