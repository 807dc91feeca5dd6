using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Engine.Runtime;

internal sealed partial class WorkflowStore
{
    private const int JournalColumns = 9;
    private static readonly ConcurrentDictionary<int, string> InsertJournalSql = new();

    /// <summary>One INSERT of <paramref name="rows"/> journal rows (multi-row VALUES), cached per row count.</summary>
    private static string JournalInsert(int rows) => InsertJournalSql.GetOrAdd(rows, n =>
    {
        var sql = new StringBuilder("""INSERT INTO "Journal" ("InstanceId", "Sequence", "At", "Type", "NodeId", "ActivityType", "Attempt", "Actor", "Detail") VALUES """);
        for (var row = 0; row < n; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < JournalColumns; column++)
            {
                sql.Append(column == 0 ? "$" : ", $").Append((row * JournalColumns) + column + 1);
            }

            sql.Append(')');
        }

        return sql.ToString();
    });

    /// <summary>
    /// Collects an instance's journal entries within one write, numbering them from a cursor, and
    /// writes them with one statement, or a few on SQLite (<see cref="DatabaseDialect.JournalRowsPerInsert"/>).
    /// </summary>
    private sealed class JournalWriter(WorkflowTransaction batch, string instanceId, int nextSequence)
    {
        private readonly List<object?> _values = new(JournalColumns * 4);

        public int NextSequence { get; private set; } = nextSequence;

        public void Append(string type, DateTimeOffset at, string? nodeId = null, string? activityType = null,
            int? attempt = null, string? actor = null, string? detail = null)
        {
            _values.AddRange([instanceId, NextSequence, at.ToUnixTimeMilliseconds(), type, nodeId, activityType, attempt, actor, detail]);
            NextSequence++;
        }

        public void Flush()
        {
            var rows = _values.Count / JournalColumns;
            var perInsert = batch.JournalRowsPerInsert;
            for (var first = 0; first < rows; first += perInsert)
            {
                var count = Math.Min(perInsert, rows - first);
                batch.Execute(JournalInsert(count), CollectionsMarshal.AsSpan(_values).Slice(first * JournalColumns, count * JournalColumns).ToArray());
            }

            _values.Clear();
        }
    }
}
