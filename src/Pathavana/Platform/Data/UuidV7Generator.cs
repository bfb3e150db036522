using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Pathavana.Platform.Data;

/// <summary>Generates time-ordered UUIDv7 keys when an entity is added, from the context's clock.</summary>
internal sealed class UuidV7Generator : ValueGenerator<Guid>
{
    public override bool GeneratesTemporaryValues => false;

    public override Guid Next(EntityEntry entry) =>
        entry.Context is PathavanaDbContext db ? Guid.CreateVersion7(db.Clock.GetUtcNow()) : Guid.CreateVersion7();
}

/// <summary>Makes <see cref="UuidV7Generator"/>s; named by type so that a compiled model can refer to it.</summary>
internal sealed class UuidV7GeneratorFactory : ValueGeneratorFactory
{
    public override ValueGenerator Create(IProperty property, ITypeBase typeBase) => new UuidV7Generator();
}
