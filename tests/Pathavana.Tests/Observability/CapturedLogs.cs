using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pathavana.Platform.Observability;

namespace Pathavana.Tests.Observability;

/// <summary>A log provider that writes each entry as the console does outside Development
/// (<see cref="PathavanaJsonFormatter"/>), into memory. It sits behind the same redaction as the console.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly PathavanaJsonFormatter _formatter = new(TimeProvider.System);
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            using var writer = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, writer);
            owner.Lines.Enqueue(writer.ToString().TrimEnd());
        }
    }
}
