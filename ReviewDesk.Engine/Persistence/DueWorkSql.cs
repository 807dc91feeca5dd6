using System.Data.Common;
using System.Globalization;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// The engine's one definition of due work: a work item whose time has come and that no worker holds (no lease, or a
/// lapsed one). The <c>reviewdesk.work_items.due</c> gauges, the operator's stuck-work figures and the board's history
/// all read it from here, so they cannot drift apart.
/// </summary>
public static class DueWorkSql
{
    /// <summary>The condition on <c>"WorkItems"</c> at <paramref name="now"/>: a parameter (or expression) in Unix milliseconds.</summary>
    public static string Condition(string now) => $"""
        "DueAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
        """;

    /// <summary>How many work items are due at <c>$1</c> (Unix milliseconds), and the earliest due time (NULL when none is).</summary>
    public static string CountAndEarliest { get; } = $"""
        SELECT COUNT(*), MIN("DueAt") FROM "WorkItems" WHERE {Condition("$1")}
        """;

    /// <summary>Reads <see cref="CountAndEarliest"/> at <paramref name="now"/> on an open connection.</summary>
    public static async Task<DueWorkReading> ReadAsync(DbConnection connection, DatabaseDialect dialect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var command = dialect.CreateCommand(connection, CountAndEarliest, now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ToReading(reader, now) : DueWorkReading.None;
    }

    /// <summary>Reads <see cref="CountAndEarliest"/> at <paramref name="now"/> on an open connection, synchronously (for a gauge's callback).</summary>
    public static DueWorkReading Read(DbConnection connection, DatabaseDialect dialect, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        using var command = dialect.CreateCommand(connection, CountAndEarliest, now.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        return reader.Read() ? ToReading(reader, now) : DueWorkReading.None;
    }

    private static DueWorkReading ToReading(DbDataReader reader, DateTimeOffset now)
    {
        var count = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        if (count == 0 || reader.IsDBNull(1)) return DueWorkReading.None;
        var earliest = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return new DueWorkReading(count, TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - earliest)));
    }
}

/// <summary>Due work at one moment (<see cref="DueWorkSql"/>).</summary>
/// <param name="Count">Work items due that no worker holds.</param>
/// <param name="OldestAge">How long the earliest of them has been due; zero when none is.</param>
public readonly record struct DueWorkReading(long Count, TimeSpan OldestAge)
{
    /// <summary>No due work.</summary>
    public static DueWorkReading None => default;
}
