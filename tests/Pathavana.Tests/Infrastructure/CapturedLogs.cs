using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pathavana.Tests.Infrastructure;

/// <summary>Captures every log record with its rendered message, its state values and its scopes.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>All text the logs hold: messages, state values, exception messages and scope values.</summary>
    public string AllText() => string.Join('\n', Records.Select(r => r.Text));

    public sealed record CapturedLog(string Category, LogLevel Level, string Message, string Text);

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var text = new System.Text.StringBuilder(message);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }
            }
            owner._scopes.ForEachScope((scope, sb) => sb.Append(" scope=").Append(scope), text);
            if (exception is not null)
            {
                text.Append(' ').Append(exception);
            }
            owner.Records.Enqueue(new CapturedLog(category, logLevel, message, text.ToString()));
        }
    }
}
