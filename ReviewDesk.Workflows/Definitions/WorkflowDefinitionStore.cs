using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Definitions;

/// <summary>
/// Definition versions: save drafts, publish (validated), retract, read. A published version is
/// never changed again; saving over it creates the next version as a draft. Publishing and retracting
/// are audited in the same transaction as the change.
/// </summary>
public sealed class WorkflowDefinitionStore(IDbContextFactory<ReviewDeskDbContext> contexts, DefinitionValidator validator, TimeProvider time)
{
    /// <summary>Saves <paramref name="definition"/> as the definition's draft: updates the open draft, or creates the next version.</summary>
    public async Task<DefinitionVersionInfo> SaveDraftAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Id)) throw new DefinitionFormatException("the definition has no id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.Definitions.Where(d => d.DefinitionId == definition.Id).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        var record = latest is { Status: DefinitionStatus.Draft } ? latest : null;
        if (record is null)
        {
            record = new DefinitionRecord { DefinitionId = definition.Id, Name = definition.Name, Json = "", Version = (latest?.Version ?? 0) + 1, CreatedAt = time.GetUtcNow() };
            db.Definitions.Add(record);
        }

        record.Name = definition.Name;
        record.Author = author;
        record.Json = DefinitionJson.Serialize(definition with { Version = record.Version });
        await db.SaveChangesAsync(cancellationToken);
        return ToInfo(record);
    }

    /// <summary>Validates and publishes a draft version. Errors name their nodes; nothing changes when there are any.</summary>
    public async Task<PublishResult> PublishAsync(string definitionId, int version, string? author, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken);
        if (record is null) return PublishResult.Failed(new ValidationError(null, $"definition {definitionId} has no version {version}"));
        if (record.Status != DefinitionStatus.Draft)
        {
            return PublishResult.Failed(new ValidationError(null, $"version {version} of {definitionId} is {record.Status.ToString().ToLowerInvariant()}; only a draft can be published"));
        }

        var definition = DefinitionJson.Parse(record.Json);
        var errors = validator.Validate(definition);
        if (errors.Count > 0) return PublishResult.Failed([.. errors]);

        record.Status = DefinitionStatus.Published;
        record.PublishedAt = time.GetUtcNow();
        record.Author = author ?? record.Author;
        AuditLog.Stage(db, new AuditEvent(
            string.IsNullOrWhiteSpace(author) ? AuditActions.SystemActor : author, AuditActions.PublishDefinition,
            Target: AuditTarget(definitionId, version),
            Detail: new JsonObject { ["definitionId"] = definitionId, ["version"] = version, ["name"] = record.Name }), record.PublishedAt.Value);
        await db.SaveChangesAsync(cancellationToken);
        return new PublishResult(ToInfo(record), []);
    }

    /// <summary>Saves a definition as a draft and publishes it (imports and first-start installs).</summary>
    public async Task<PublishResult> SaveAndPublishAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken)
    {
        var draft = await SaveDraftAsync(definition, author, cancellationToken);
        return await PublishAsync(draft.DefinitionId, draft.Version, author, cancellationToken);
    }

    /// <summary>Retracts a published version: no new instance starts on it; running ones continue. Audited with the actor <c>system</c>.</summary>
    public Task<bool> RetractAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        RetractAsync(definitionId, version, actor: null, cancellationToken);

    /// <summary>Retracts a published version on behalf of <paramref name="actor"/> (audited): no new instance starts on it; running ones continue.</summary>
    public async Task<bool> RetractAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Definitions
            .Where(d => d.DefinitionId == definitionId && d.Version == version && d.Status == DefinitionStatus.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DefinitionStatus.Retracted), cancellationToken);
        if (changed != 1) return false;
        AuditLog.Stage(db, new AuditEvent(
            string.IsNullOrWhiteSpace(actor) ? AuditActions.SystemActor : actor, AuditActions.RetractDefinition,
            Target: AuditTarget(definitionId, version),
            Detail: new JsonObject { ["definitionId"] = definitionId, ["version"] = version }), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>How the audit trail names a definition version: <c>definition:support-triage@2</c>.</summary>
    public static string AuditTarget(string definitionId, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"definition:{definitionId}@{version}");

    /// <summary>Reads one version, whatever its status.</summary>
    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.Version == version).Select(d => d.Json).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : DefinitionJson.Parse(json);
    }

    /// <summary>Reads the newest published version, the one new instances start on.</summary>
    public async Task<WorkflowDefinition?> GetLatestPublishedAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).Select(d => d.Json).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : DefinitionJson.Parse(json);
    }

    /// <summary>Lists versions, of one definition or of all, newest first.</summary>
    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string? definitionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Definitions.AsNoTracking();
        if (definitionId is not null) query = query.Where(d => d.DefinitionId == definitionId);
        var records = await query.OrderBy(d => d.DefinitionId).ThenByDescending(d => d.Version).ToListAsync(cancellationToken);
        return [.. records.Select(ToInfo)];
    }

    /// <summary>Reads the newest published version of every definition (variant selection looks at these).</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> ListLatestPublishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published)
            .Select(d => new { d.DefinitionId, d.Version, d.Json }).ToListAsync(cancellationToken);
        return [.. records.GroupBy(r => r.DefinitionId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => DefinitionJson.Parse(g.MaxBy(r => r.Version)!.Json))];
    }

    /// <summary>Deletes a version that is still a draft (never a published or retracted one); false when there is no such draft.</summary>
    public async Task<bool> DeleteDraftAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Definitions
            .Where(d => d.DefinitionId == definitionId && d.Version == version && d.Status == DefinitionStatus.Draft)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1;
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
