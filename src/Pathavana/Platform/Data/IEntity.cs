namespace Pathavana.Platform.Data;

/// <summary>Created/updated times, set by <see cref="TimestampsInterceptor"/> from the <see cref="TimeProvider"/>.</summary>
internal interface IHasTimestamps
{
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
