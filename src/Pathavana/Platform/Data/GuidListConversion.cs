using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathavana.Platform.Data;

internal static class GuidListConversion
{
    private static readonly ValueComparer<List<Guid>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        ids => ids.Aggregate(0, (h, id) => HashCode.Combine(h, id)),
        ids => ids.ToList());

    /// <summary>Stores a small list of ids as a JSON array in one text column (same on both providers).</summary>
    public static PropertyBuilder<List<Guid>> HasJsonGuidList(this PropertyBuilder<List<Guid>> property) =>
        property.HasConversion(
            ids => JsonSerializer.Serialize(ids, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<List<Guid>>(json, JsonSerializerOptions.Default) ?? new List<Guid>(),
            Comparer);
}
