using System.Data.Common;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// Lean reads of the engine's database for the hot path of a domain (a step reading its ticket): one SQL
/// statement on a pooled read connection, parameters <c>$1</c>, <c>$2</c>... as in <see cref="WorkflowTransaction"/>.
/// A WAL reader never waits for the writer. Off the hot path, a domain's EF context reads just as well.
/// </summary>
public sealed class WorkflowReader
{
    private readonly WorkflowStore _store;

    internal WorkflowReader(WorkflowStore store) => _store = store;

    /// <summary>Maps the first row of <paramref name="sql"/> with <paramref name="map"/>; default when there is no row.</summary>
    public async Task<T?> QuerySingleAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken);
        await using var command = _store.Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader) : default;
    }
}
