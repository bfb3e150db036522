using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pathavana.Platform.Observability;

/// <summary>Publishes each health check's latest result as <c>pathavana.dependency.up</c> (1 healthy, 0 not).</summary>
internal sealed class DependencyHealthPublisher(PathavanaMetrics metrics) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            metrics.SetDependencyHealth(name, entry.Status == HealthStatus.Healthy);
        }
        return Task.CompletedTask;
    }
}
