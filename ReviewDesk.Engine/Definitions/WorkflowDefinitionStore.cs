using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Definitions;

/// <summary>
/// Definition versions: save drafts, publish (validated), retract, read. A published version is
/// never changed again; saving over it creates the next version as a draft. Changes are writes of the
/// runtime's writer, and every <see cref="IWorkflowChangeHandler"/> sees a publish, a retract, a draft
/// deletion or a revert in the same transaction (a domain can record them there).
/// </summary>
public sealed class WorkflowDefinitionStore
{
    private readonly IDbContextFactory<WorkflowDbContext> _contexts;
    private readonly DefinitionValidator _validator;
    private readonly WorkflowStore _store;
    private readonly IWorkflowChangeHandler[] _handlers;

    internal WorkflowDefinitionStore(
        IDbContextFactory<WorkflowDbContext> contexts, DefinitionValidator validator, WorkflowStore store, IEnumerable<IWorkflowChangeHandler> handlers)
    {
        _contexts = contexts;
        _validator = validator;
        _store = store;
        _handlers = [.. handlers];
    }

    /// <summary>Saves <paramref name="definition"/> as the definition's draft: updates the open draft, or creates the next version.</summary>
    public Task<DefinitionVersionInfo> SaveDraftAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Id)) throw new DefinitionFormatException("the definition has no id");
        return _store.WriteAsync(tx => ToInfo(SaveDraft(tx, definition, author)), cancellationToken);
    }

    /// <summary>
    /// Saves version <paramref name="version"/>'s document as the definition's draft on behalf of <paramref name="author"/>
    /// (the open draft is replaced; published versions stay); null when there is no such version.
    /// </summary>
    public Task<DefinitionVersionInfo?> RevertAsync(string definitionId, int version, string? author, CancellationToken cancellationToken) =>
        _store.WriteAsync<DefinitionVersionInfo?>(tx =>
        {
            var old = tx.Db<WorkflowDbContext>().Definitions.AsNoTracking().SingleOrDefault(d => d.DefinitionId == definitionId && d.Version == version);
            if (old is null) return null;
            var draft = SaveDraft(tx, DefinitionJson.Parse(old.Json), author);
            Announce(tx, new DefinitionVersionChange(DefinitionVersionChangeKind.Reverted, definitionId, draft.Version, draft.Name, author, tx.Now, RevertedFrom: version));
            return ToInfo(draft);
        }, cancellationToken);

    /// <summary>Validates and publishes a draft version. Errors name their nodes; nothing changes when there are any.</summary>
    public Task<PublishResult> PublishAsync(string definitionId, int version, string? author, CancellationToken cancellationToken) =>
        _store.WriteAsync(tx => Publish(tx, definitionId, version, author), cancellationToken);

    /// <summary>
    /// Saves a definition as a draft and publishes it in one transaction (imports and first-start installs).
    /// When publishing is refused nothing is kept, not even the draft.
    /// </summary>
    public async Task<PublishResult> SaveAndPublishAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Id)) throw new DefinitionFormatException("the definition has no id");
        try
        {
            return await _store.WriteAsync(tx =>
            {
                var draft = SaveDraft(tx, definition, author);
                var published = Publish(tx, draft.DefinitionId, draft.Version, author);
                return published.Succeeded ? published : throw new PublishRefusedException(published);
            }, cancellationToken);
        }
        catch (PublishRefusedException refused)
        {
            return refused.Result;
        }
    }

    /// <summary>Retracts a published version: no new instance starts on it; running ones continue. Recorded with the actor <c>system</c>.</summary>
    public Task<bool> RetractAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        RetractAsync(definitionId, version, actor: null, cancellationToken);

    /// <summary>Retracts a published version on behalf of <paramref name="actor"/>: no new instance starts on it; running ones continue.</summary>
    public Task<bool> RetractAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken) =>
        _store.WriteAsync(tx =>
        {
            var db = tx.Db<WorkflowDbContext>();
            var record = db.Definitions.SingleOrDefault(d => d.DefinitionId == definitionId && d.Version == version && d.Status == DefinitionStatus.Published);
            if (record is null) return false;
            record.Status = DefinitionStatus.Retracted;
            Announce(tx, new DefinitionVersionChange(DefinitionVersionChangeKind.Retracted, definitionId, version, record.Name, actor, tx.Now));
            return true;
        }, cancellationToken);

    /// <summary>Deletes a version that is still a draft (never a published or retracted one); false when there is no such draft.</summary>
    public Task<bool> DeleteDraftAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        DeleteDraftAsync(definitionId, version, actor: null, cancellationToken);

    /// <summary>Deletes a draft on behalf of <paramref name="actor"/> (never a published or retracted version); false when there is no such draft.</summary>
    public Task<bool> DeleteDraftAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken) =>
        _store.WriteAsync(tx =>
        {
            var db = tx.Db<WorkflowDbContext>();
            var record = db.Definitions.SingleOrDefault(d => d.DefinitionId == definitionId && d.Version == version && d.Status == DefinitionStatus.Draft);
            if (record is null) return false;
            db.Definitions.Remove(record);
            Announce(tx, new DefinitionVersionChange(DefinitionVersionChangeKind.DraftDeleted, definitionId, version, record.Name, actor, tx.Now));
            return true;
        }, cancellationToken);

    private static DefinitionRecord SaveDraft(WorkflowTransaction tx, WorkflowDefinition definition, string? author)
    {
        var db = tx.Db<WorkflowDbContext>();
        var latest = db.Definitions.Where(d => d.DefinitionId == definition.Id).OrderByDescending(d => d.Version).FirstOrDefault();
        var record = latest is { Status: DefinitionStatus.Draft } ? latest : null;
        if (record is null)
        {
            record = new DefinitionRecord { DefinitionId = definition.Id, Name = definition.Name, Json = "", Version = (latest?.Version ?? 0) + 1, CreatedAt = tx.Now };
            db.Definitions.Add(record);
        }

        record.Name = definition.Name;
        record.Author = author;
        record.Json = DefinitionJson.Serialize(definition with { Version = record.Version });
        return record;
    }

    private PublishResult Publish(WorkflowTransaction tx, string definitionId, int version, string? author)
    {
        var db = tx.Db<WorkflowDbContext>();
        var record = db.Definitions.Local.FirstOrDefault(d => d.DefinitionId == definitionId && d.Version == version)
            ?? db.Definitions.SingleOrDefault(d => d.DefinitionId == definitionId && d.Version == version);
        if (record is null) return PublishResult.Failed(new ValidationError(null, $"definition {definitionId} has no version {version}"));
        if (record.Status != DefinitionStatus.Draft)
        {
            return PublishResult.Failed(new ValidationError(null, $"version {version} of {definitionId} is {record.Status.ToString().ToLowerInvariant()}; only a draft can be published"));
        }

        var errors = _validator.Validate(DefinitionJson.Parse(record.Json));
        if (errors.Count > 0) return PublishResult.Failed([.. errors]);

        record.Status = DefinitionStatus.Published;
        record.PublishedAt = tx.Now;
        record.Author = author ?? record.Author;
        Announce(tx, new DefinitionVersionChange(DefinitionVersionChangeKind.Published, definitionId, version, record.Name, author, tx.Now));
        return new PublishResult(ToInfo(record), []);
    }

    private void Announce(WorkflowTransaction tx, DefinitionVersionChange change)
    {
        foreach (var handler in _handlers) handler.OnDefinitionChanged(tx, change);
    }

    /// <summary>Reads one version, whatever its status.</summary>
    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.Version == version).Select(d => d.Json).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : DefinitionJson.Parse(json);
    }

    /// <summary>Reads the newest published version, the one new instances start on.</summary>
    public async Task<WorkflowDefinition?> GetLatestPublishedAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).Select(d => d.Json).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : DefinitionJson.Parse(json);
    }

    /// <summary>Lists versions, of one definition or of all, newest first.</summary>
    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string? definitionId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Definitions.AsNoTracking();
        if (definitionId is not null) query = query.Where(d => d.DefinitionId == definitionId);
        var records = await query.OrderBy(d => d.DefinitionId).ThenByDescending(d => d.Version).ToListAsync(cancellationToken);
        return [.. records.Select(ToInfo)];
    }

    /// <summary>Reads the newest published version of every definition (variant selection looks at these).</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> ListLatestPublishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published)
            .Select(d => new { d.DefinitionId, d.Version, d.Json }).ToListAsync(cancellationToken);
        return [.. records.GroupBy(r => r.DefinitionId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => DefinitionJson.Parse(g.MaxBy(r => r.Version)!.Json))];
    }

    private static DefinitionVersionInfo ToInfo(DefinitionRecord r) => new(r.DefinitionId, r.Version, r.Name, r.Status, r.CreatedAt, r.PublishedAt, r.Author);
}

/// <summary>A definition version's metadata.</summary>
public sealed record DefinitionVersionInfo(
    string DefinitionId, int Version, string Name, DefinitionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string? Author);

/// <summary>The result of a publish: the version, or the validation errors.</summary>
/// <param name="Version">The published version, when it succeeded.</param>
/// <param name="Errors">Problems, each naming its node.</param>
public sealed record PublishResult(DefinitionVersionInfo? Version, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Whether the version is now published.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>A failed publish.</summary>
    public static PublishResult Failed(params ValidationError[] errors) => new(null, errors);
}

/// <summary>Rolls back a save-and-publish whose publish was refused, carrying the refusal to the caller.</summary>
internal sealed class PublishRefusedException(PublishResult result) : Exception("the definition could not be published")
{
    public PublishResult Result { get; } = result;
}
