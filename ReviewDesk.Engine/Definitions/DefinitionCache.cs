using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Engine.Definitions;

/// <summary>Published versions never change, so a worker reads each one from the database once.</summary>
internal sealed class DefinitionCache(IDbContextFactory<WorkflowDbContext> contexts)
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _definitions = new();

    public async ValueTask<WorkflowDefinition?> GetAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        if (_definitions.TryGetValue((definitionId, version), out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.Version == version)
            .Select(d => d.Json).SingleOrDefaultAsync(cancellationToken);
        var definition = json is null ? null : DefinitionJson.Parse(json);
        if (definition is not null) _definitions[(definitionId, version)] = definition;
        return definition;
    }

    /// <summary>Returns the cached version, or parses the JSON that <paramref name="readJson"/> reads (inside a write, say).</summary>
    public WorkflowDefinition GetOrParse(string definitionId, int version, Func<string> readJson) =>
        _definitions.GetOrAdd((definitionId, version), _ => DefinitionJson.Parse(readJson()));
}
