using System.Collections.ObjectModel;

namespace Pathavana.Tests.Observability;

/// <summary>A collection exporters add to from their threads while the test reads snapshots.</summary>
internal sealed class Recorded<T> : Collection<T>
{
    private readonly Lock _gate = new();

    public List<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
