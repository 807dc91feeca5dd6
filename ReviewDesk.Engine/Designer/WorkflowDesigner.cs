using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Designer;

/// <summary>
/// The designer's use cases over the definition store: list definitions with their versions and
/// instance counts; create, duplicate, import, export and delete drafts; open a definition in a
/// <see cref="DesignerSession"/>; save, publish, retract, compare and revert versions.
/// </summary>
public sealed partial class WorkflowDesigner(
    WorkflowDefinitionStore store,
    ActivityRegistry registry,
    DefinitionValidator validator,
    IOptions<WorkflowRuntimeOptions> options,
    IDbContextFactory<WorkflowDbContext> contexts)
{
    private readonly RetryPolicy _defaultRetry = options.Value.ResolveDefaultRetry();

    /// <summary>Every definition with its versions (newest first) and how many instances each version started.</summary>
    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(null, cancellationToken);
        Dictionary<(string, int), int> counts;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            counts = (await db.Instances.AsNoTracking().GroupBy(i => new { i.DefinitionId, i.DefinitionVersion })
                .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() }).ToListAsync(cancellationToken))
                .ToDictionary(c => (c.DefinitionId, c.DefinitionVersion), c => c.Count);
        }

        var rules = (await store.ListLatestPublishedAsync(cancellationToken)).Where(d => d.Selection is not null)
            .ToDictionary(d => d.Id, d => Describe(d.Selection!), StringComparer.Ordinal);
        return [.. versions.GroupBy(v => v.DefinitionId, StringComparer.Ordinal).Select(g => new DefinitionSummary(
            g.Key,
            g.First().Name,
            [.. g.OrderByDescending(v => v.Version).Select(v => new DefinitionVersionSummary(v, counts.GetValueOrDefault((v.DefinitionId, v.Version))))],
            rules.GetValueOrDefault(g.Key)))];
    }

    /// <summary>Opens the newest version of a definition for editing (a published one is saved as the next version's draft); null when it does not exist.</summary>
    public async Task<DesignerSession?> OpenAsync(string definitionId, CancellationToken cancellationToken)
    {
        var newest = (await store.ListVersionsAsync(definitionId, cancellationToken)).FirstOrDefault();
        if (newest is null) return null;
        var definition = await store.GetAsync(definitionId, newest.Version, cancellationToken);
        return definition is null ? null : Edit(definition);
    }

    /// <summary>A session over a definition that is not (yet) stored.</summary>
    public DesignerSession Edit(WorkflowDefinition definition) => new(definition, registry, validator, _defaultRetry);

    /// <summary>Saves the session's document as the definition's draft.</summary>
    public async Task<DesignerResult> SaveDraftAsync(DesignerSession session, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var info = await store.SaveDraftAsync(session.Definition, author, cancellationToken);
        session.MarkSaved(session.Definition with { Version = info.Version });
        return DesignerResult.Ok(info);
    }

    /// <summary>Saves the document as a draft (unless it is that draft, unchanged) and publishes it; validation errors name their nodes and change nothing.</summary>
    public async Task<DesignerResult> PublishAsync(DesignerSession session, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var errors = validator.Validate(session.Definition);
        if (errors.Count > 0) return new DesignerResult(null, errors);
        var current = (await store.ListVersionsAsync(session.Definition.Id, cancellationToken)).FirstOrDefault(v => v.Version == session.Definition.Version);
        if (!session.IsDirty && current is { Status: not DefinitionStatus.Draft })
        {
            return DesignerResult.Failed($"version {current.Version} is already {current.Status.ToString().ToLowerInvariant()}; change something to publish a new version");
        }

        var saved = await SaveDraftAsync(session, author, cancellationToken);
        var published = await store.PublishAsync(session.Definition.Id, saved.Version!.Version, author, cancellationToken);
        if (published.Succeeded) session.MarkSaved(session.Definition);
        return new DesignerResult(published.Version, published.Errors);
    }

    /// <summary>Retracts a published version: new tickets no longer start on it; running instances finish on it.</summary>
    public Task<bool> RetractAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken) =>
        store.RetractAsync(definitionId, version, actor, cancellationToken);

    /// <summary>Every version of a definition, newest first.</summary>
    public Task<IReadOnlyList<DefinitionVersionInfo>> HistoryAsync(string definitionId, CancellationToken cancellationToken) =>
        store.ListVersionsAsync(definitionId, cancellationToken);

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/>; null when either is missing.</summary>
    public async Task<IReadOnlyList<DefinitionChange>?> CompareAsync(string definitionId, int from, int to, CancellationToken cancellationToken)
    {
        var before = await store.GetAsync(definitionId, from, cancellationToken);
        var after = await store.GetAsync(definitionId, to, cancellationToken);
        return before is null || after is null ? null : DefinitionComparer.Compare(before, after);
    }

    /// <summary>What <paramref name="session"/>'s document changes compared with the definition's newest published version; null when none is published.</summary>
    public async Task<PublishedComparison?> CompareWithPublishedAsync(DesignerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var id = session.Definition.Id;
        var published = (await store.ListVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Status == DefinitionStatus.Published);
        if (published is null) return null;
        var before = await store.GetAsync(id, published.Version, cancellationToken);
        return before is null ? null : new PublishedComparison(published.Version, DefinitionComparer.Compare(before, session.Definition));
    }

    /// <summary>Saves an old version's document as the definition's draft (the open draft is replaced; published versions stay).</summary>
    public async Task<DesignerResult> RevertAsync(string definitionId, int version, string? author, CancellationToken cancellationToken)
    {
        var draft = await store.RevertAsync(definitionId, version, author, cancellationToken);
        return draft is null ? DesignerResult.Failed($"{definitionId} has no version {version}") : DesignerResult.Ok(draft);
    }

    /// <summary>Creates a definition with an empty flowchart as a draft.</summary>
    public async Task<DesignerResult> CreateAsync(string definitionId, string name, string? author, CancellationToken cancellationToken)
    {
        if (await CheckNewIdAsync(definitionId, cancellationToken) is { } problem) return DesignerResult.Failed(problem);
        if (string.IsNullOrWhiteSpace(name)) return DesignerResult.Failed("the name is required");
        return DesignerResult.Ok(await store.SaveDraftAsync(new WorkflowDefinition { Id = definitionId, Name = name.Trim() }, author, cancellationToken));
    }

    /// <summary>Copies the newest version of <paramref name="sourceId"/> into a new definition's draft (without the source's variant rule).</summary>
    public async Task<DesignerResult> DuplicateAsync(string sourceId, string definitionId, string name, string? author, CancellationToken cancellationToken)
    {
        if (await CheckNewIdAsync(definitionId, cancellationToken) is { } problem) return DesignerResult.Failed(problem);
        var newest = (await store.ListVersionsAsync(sourceId, cancellationToken)).FirstOrDefault();
        var source = newest is null ? null : await store.GetAsync(sourceId, newest.Version, cancellationToken);
        if (source is null) return DesignerResult.Failed($"no definition {sourceId}");
        var copy = source with { Id = definitionId, Name = string.IsNullOrWhiteSpace(name) ? $"{source.Name} (copy)" : name.Trim(), Version = 0, Selection = null };
        return DesignerResult.Ok(await store.SaveDraftAsync(copy, author, cancellationToken));
    }

    /// <summary>Imports a definition document as a draft of its id (a new definition, or the next version of an existing one).</summary>
    public async Task<DesignerResult> ImportAsync(string json, string? author, CancellationToken cancellationToken)
    {
        WorkflowDefinition definition;
        try
        {
            definition = DefinitionJson.Parse(json);
        }
        catch (DefinitionFormatException ex)
        {
            return DesignerResult.Failed(ex.Message);
        }

        if (CheckId(definition.Id) is { } problem) return DesignerResult.Failed(problem);
        if (string.IsNullOrWhiteSpace(definition.Name)) return DesignerResult.Failed("the definition has no name");
        return DesignerResult.Ok(await store.SaveDraftAsync(definition with { Version = 0 }, author, cancellationToken));
    }

    /// <summary>A version's document as indented JSON (what import reads); null when it does not exist.</summary>
    public async Task<string?> ExportAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var definition = await store.GetAsync(definitionId, version, cancellationToken);
        return definition is null ? null : DefinitionJson.Serialize(definition, indented: true);
    }

    /// <summary>Deletes a draft version; published and retracted versions are kept forever.</summary>
    public Task<bool> DeleteDraftAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken) =>
        store.DeleteDraftAsync(definitionId, version, actor, cancellationToken);

    /// <summary>Problems with a new definition id: its form, or that it exists.</summary>
    public async Task<string?> CheckNewIdAsync(string? definitionId, CancellationToken cancellationToken)
    {
        if (CheckId(definitionId) is { } problem) return problem;
        return (await store.ListVersionsAsync(definitionId, cancellationToken)).Count > 0 ? $"a definition '{definitionId}' exists already" : null;
    }

    /// <summary>The form of a definition id: lower-case letters, digits and dashes, 2 to 100 characters.</summary>
    public static string? CheckId(string? definitionId) =>
        definitionId is not null && IdPattern().IsMatch(definitionId) ? null : "the id must be 2 to 100 lower-case letters, digits or dashes, starting with a letter or digit";

    /// <summary>A variant rule in words, for lists.</summary>
    public static string Describe(VariantSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var parts = new List<string>();
        if (selection.Channels.Count > 0) parts.Add($"channel {string.Join(" or ", selection.Channels)}");
        if (selection.EmailDomains.Count > 0) parts.Add($"e-mail domain {string.Join(" or ", selection.EmailDomains)}");
        if (selection.Percent is { } percent) parts.Add($"{percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}% of tickets");
        return string.Join(", ", parts);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex IdPattern();
}
