using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pathavana.Platform.Data;

/// <summary>Sets created/updated timestamps on save (ids come from <see cref="UuidV7Generator"/>).</summary>
internal sealed class TimestampsInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is not IHasTimestamps stamped)
            {
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added:
                    stamped.CreatedAt = now;
                    stamped.UpdatedAt = now;
                    break;
                case EntityState.Modified:
                    stamped.UpdatedAt = now;
                    entry.Property(nameof(IHasTimestamps.CreatedAt)).IsModified = false;
                    break;
            }
        }
    }
}
