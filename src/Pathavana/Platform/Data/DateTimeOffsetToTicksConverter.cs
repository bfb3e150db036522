using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pathavana.Platform.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks; read back with a zero offset.</summary>
internal sealed class DateTimeOffsetToTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
