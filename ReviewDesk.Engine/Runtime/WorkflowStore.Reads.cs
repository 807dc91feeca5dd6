using System.Text.Json.Nodes;
using System.Data.Common;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Engine.Runtime;

internal sealed partial class WorkflowStore
{
    /// <summary>Reads the state a step needs; null when the instance no longer exists.</summary>
    public async Task<InstanceState?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            """
            SELECT "BusinessKey", "DefinitionId", "DefinitionVersion", "Status", "Input", "Variables", "Outputs", "Version", "NextJournalSequence"
            FROM "Instances" WHERE "Id" = $1
            """, instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new InstanceState
        {
            Id = instanceId,
            BusinessKey = reader.GetString(0),
            DefinitionId = reader.GetString(1),
            DefinitionVersion = reader.GetInt32(2),
            Status = (WorkflowStatus)reader.GetInt32(3),
            Input = reader[4] is string input ? JsonNode.Parse(input) : null,
            Variables = ParseObject(reader.GetString(5)),
            Outputs = ParseObject(reader.GetString(6)),
            Version = reader.GetInt64(7),
            NextJournalSequence = reader.GetInt32(8),
        };
    }

    /// <summary>Reads the resume a Resume work item delivers.</summary>
    public async Task<ResumeInfo?> LoadResumeAsync(long resumeRequestId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            """SELECT "RequestId", "Kind", "Payload", "Actor", "TraceParent" FROM "ResumeRequests" WHERE "Id" = $1""", resumeRequestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ResumeInfo(reader.GetString(0), reader[1] as string ?? "",
            reader[2] is string payload ? JsonNode.Parse(payload) : null, reader[3] as string) { TraceParent = reader[4] as string };
    }

    /// <summary>Reads the bookmark a Timer work item fires; null when it was resumed meanwhile.</summary>
    public async Task<BookmarkInfo?> LoadBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            """SELECT "Kind", "Payload", "Deadline" FROM "Bookmarks" WHERE "Id" = $1""", bookmarkId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new BookmarkInfo(bookmarkId, reader.GetString(0), reader[1] is string payload ? JsonNode.Parse(payload) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(reader[2] is long deadline ? deadline : 0));
    }

    /// <summary>Drops a work item that has nothing left to do (its bookmark or instance is gone), fenced by the claim.</summary>
    public Task<int> DropWorkAsync(ClaimedWork work, string owner, CancellationToken cancellationToken) =>
        WriteAsync(batch => batch.Execute(FenceSql, work.Id, owner, work.ClaimCount), cancellationToken);

    internal DbCommand Command(DbConnection connection, string sql, params object?[] args) => _dialect.CreateCommand(connection, sql, args);

    /// <summary>The first column of the first row of <paramref name="sql"/>, read without the write lock; null when there is no row (or a NULL).</summary>
    internal async Task<object?> ReadScalarAsync(string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, args);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? value : null;
    }
}
