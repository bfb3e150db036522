using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Pathavana.Platform.Data;

/// <summary>Generates time-ordered UUIDv7 keys when an entity is added, from the context's clock.</summary>
internal sealed class UuidV7Generator : ValueGenerator<Guid>
{
    public override bool GeneratesTemporaryValues => false;

    public override Guid Next(EntityEntry entry) =>
        entry.Context is PathavanaDbContext db ? Guid.CreateVersion7(db.Clock.GetUtcNow()) : Guid.CreateVersion7();
}
