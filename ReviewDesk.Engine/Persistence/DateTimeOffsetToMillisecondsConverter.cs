using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReviewDesk.Engine.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (UTC).</summary>
public sealed class DateTimeOffsetToMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v))
{
    /// <summary>
    /// Makes every <see cref="DateTimeOffset"/> of a model Unix milliseconds: sortable and comparable in SQL
    /// on every provider, and cheap to bind on the worker's hot path. Domain contexts that share the
    /// engine's database call this too, so times compare across tables.
    /// </summary>
    public static void Register(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToMillisecondsConverter>();
    }
}
