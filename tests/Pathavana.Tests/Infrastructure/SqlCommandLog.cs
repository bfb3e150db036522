using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Platform.Data;

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// The SQL commands one request sends, for tests that count them. Added to the app's two DbContexts by
/// <see cref="PathavanaFactory"/> (<c>sqlCommands: true</c>); a request carrying <see cref="Header"/> has its
/// commands recorded. A command belongs to the request whose execution context sent it (an
/// <see cref="AsyncLocal{T}"/> set by a middleware in front of the app's pipeline), so work the request leaves
/// to a background service (the audit log's queue of reads) is not counted as the request's own.
/// </summary>
public sealed class SqlCommandLog : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Log";

    private readonly AsyncLocal<Recording?> _current = new();
    private readonly ConcurrentDictionary<string, Recording> _recordings = new();

    /// <summary>Sends a GET carrying the header; answers the response and the commands the request sent (once it has finished).</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var recording = _recordings.GetOrAdd(id, _ => new Recording());
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(Header, id);
            var response = await client.SendAsync(request, ct);
            await response.Content.LoadIntoBufferAsync(ct);
            // The response can reach the client before the pipeline has unwound: wait for the request's end.
            await recording.Finished.Task.WaitAsync(Eventually.SafetyNet, ct);
            return (response, recording.Commands.ToList());
        }
        finally
        {
            _recordings.TryRemove(id, out _);
        }
    }

    /// <summary>Adds the log to both providers' contexts and the recording middleware in front of the pipeline.</summary>
    internal void AddTo(IServiceCollection services)
    {
        services.ConfigureDbContext<SqlitePathavanaDbContext>(options => options.AddInterceptors(this));
        services.ConfigureDbContext<PostgresPathavanaDbContext>(options => options.AddInterceptors(this));
        services.AddSingleton<IStartupFilter>(new PerRequest(this));
    }

    /// <summary>Called once for every command EF Core sends (query, non-query or scalar), once its text is set.</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        _current.Value?.Commands.Enqueue(result.CommandText);
        return result;
    }

    private sealed class Recording
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class PerRequest(SqlCommandLog log) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (!log._recordings.TryGetValue(context.Request.Headers[Header].ToString(), out var recording))
                {
                    await nextMiddleware(context);
                    return;
                }
                log._current.Value = recording;
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    log._current.Value = null;
                    recording.Finished.TrySetResult();
                }
            });
            next(app);
        };
    }
}
