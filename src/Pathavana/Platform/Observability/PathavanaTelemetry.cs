using System.Diagnostics;

namespace Pathavana.Platform.Observability;

/// <summary>
/// The <see cref="ActivitySource"/> for Pathavana's own spans. Start a span around a unit of work
/// that is not already an HTTP request, a database command or an outgoing call:
/// <code>using var activity = PathavanaTelemetry.ActivitySource.StartActivity("assistant.turn");</code>
/// Span names are lower-case dotted (<c>module.operation</c>); attributes carry ids, never personal data.
/// </summary>
internal static class PathavanaTelemetry
{
    public const string Name = "Pathavana";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(PathavanaTelemetry).Assembly.GetName().Version?.ToString());
}
