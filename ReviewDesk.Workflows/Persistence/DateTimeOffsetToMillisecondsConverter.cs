using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReviewDesk.Workflows.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (UTC).</summary>
public sealed class DateTimeOffsetToMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
