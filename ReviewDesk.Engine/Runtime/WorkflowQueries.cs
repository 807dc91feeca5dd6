using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// Read side of the runtime: instances, journals, bookmarks, incidents and executions straight from
/// the database, so they can be read while no worker runs. Lists are paged and use indexed columns.
/// </summary>
public sealed class WorkflowQueries(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider time)
{
    /// <summary>The largest page a list returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Reads one instance by id.</summary>
    public async Task<WorkflowInstanceView?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        return record is null ? null : ToView(record);
    }

    /// <summary>Reads one instance by business key.</summary>
    public async Task<WorkflowInstanceView?> FindByBusinessKeyAsync(string businessKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.BusinessKey == businessKey, cancellationToken);
        return record is null ? null : ToView(record);
    }

    /// <summary>Lists instances, newest first.</summary>
    public async Task<PagedResult<WorkflowInstanceView>> ListInstancesAsync(InstanceFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Instances.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var records = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((int)Math.Min(int.MaxValue, ((long)page - 1) * pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<WorkflowInstanceView>([.. records.Select(ToView)], total, page, pageSize);
    }

    /// <summary>Counts instances by status (every status present, zero when none).</summary>
    public async Task<IReadOnlyDictionary<WorkflowStatus, int>> CountByStatusAsync(InstanceFilter? filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await Filter(db.Instances.AsNoTracking(), filter ?? new InstanceFilter())
            .GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<WorkflowStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>An instance's journal in order.</summary>
    public async Task<IReadOnlyList<JournalEntryView>> GetJournalAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence)
            .Select(j => new JournalEntryView(j.Sequence, j.At, j.Type, j.NodeId, j.ActivityType, j.Attempt, j.Actor, j.Detail))
            .ToListAsync(cancellationToken);
    }

    /// <summary>An instance's open bookmarks.</summary>
    public async Task<IReadOnlyList<BookmarkView>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).ToListAsync(cancellationToken);
        return [.. records.OrderBy(b => b.CreatedAt).Select(b => new BookmarkView(b.Id, b.InstanceId, b.BusinessKey, b.NodeId, b.Kind, Parse(b.Payload), b.Deadline, b.CreatedAt))];
    }

    /// <summary>Incidents of one instance, or the open incidents of all when <paramref name="instanceId"/> is null.</summary>
    public async Task<IReadOnlyList<IncidentView>> GetIncidentsAsync(string? instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Incidents.AsNoTracking();
        query = instanceId is null ? query.Where(i => i.ResolvedAt == null) : query.Where(i => i.InstanceId == instanceId);
        return await query.OrderByDescending(i => i.Id).Take(MaxPageSize)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.NodeId, i.ActivityType, i.Attempt, i.ErrorKind, i.Message, i.At, i.ResolvedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>An instance's activity attempts in order.</summary>
    public async Task<IReadOnlyList<ExecutionView>> GetExecutionsAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Executions.AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. records.Select(e => new ExecutionView(e.NodeId, e.ActivityType, e.Attempt, e.Status, e.Outcome, Parse(e.Output), e.ErrorKind, e.Error,
            Parse(e.Metrics), e.Worker, e.StartedAt, e.FinishedAt))];
    }

    /// <summary>An instance's scheduled work: steps to run (retries with their due time), resumes and timers, with their leases.</summary>
    public async Task<IReadOnlyList<ScheduledWorkView>> GetScheduledWorkAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.WorkItems.AsNoTracking().Where(w => w.InstanceId == instanceId).ToListAsync(cancellationToken);
        return [.. records.OrderBy(w => w.DueAt).Select(w => new ScheduledWorkView(w.NodeId, w.Kind, w.Attempt, w.DueAt, w.LeaseOwner, w.LeaseUntil))];
    }

    /// <summary>
    /// Whether the instance has nothing to run now: it is not Running, or its only work waits for a
    /// later time (a retry delay). Synchronous resumes wait for this.
    /// </summary>
    public async Task<bool> IsSettledAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var status = await db.Instances.Where(i => i.Id == instanceId).Select(i => (WorkflowStatus?)i.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null or not WorkflowStatus.Running) return true;
        var now = time.GetUtcNow();
        return !await db.WorkItems.AnyAsync(w => w.InstanceId == instanceId && w.Kind != WorkItemKind.Timer && (w.DueAt <= now || w.LeaseOwner != null), cancellationToken);
    }

    private static IQueryable<InstanceRecord> Filter(IQueryable<InstanceRecord> query, InstanceFilter filter)
    {
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.DefinitionId is { } definitionId) query = query.Where(i => i.DefinitionId == definitionId);
        if (filter.BusinessKey is { } key) query = query.Where(i => i.BusinessKey == key);
        if (filter.CreatedFrom is { } from) query = query.Where(i => i.CreatedAt >= from);
        if (filter.CreatedTo is { } to) query = query.Where(i => i.CreatedAt < to);
        return query;
    }

    private static WorkflowInstanceView ToView(InstanceRecord r) => new()
    {
        Id = r.Id,
        DefinitionId = r.DefinitionId,
        DefinitionVersion = r.DefinitionVersion,
        BusinessKey = r.BusinessKey,
        Status = r.Status,
        CurrentNodeId = r.CurrentNodeId,
        FaultedNodeId = r.FaultedNodeId,
        Error = r.Error,
        Input = Parse(r.Input),
        Variables = Parse(r.Variables) as JsonObject ?? [],
        Outputs = Parse(r.Outputs) as JsonObject ?? [],
        Version = r.Version,
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        FinishedAt = r.FinishedAt,
    };

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
