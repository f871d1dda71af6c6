using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AudioPortal.Core.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks, which SQLite can sort and compare.</summary>
public sealed class DateTimeOffsetToTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
