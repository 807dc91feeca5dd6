using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Chooses the definition a new ticket runs: the published variant whose selection rule matches (lowest
/// order first, then id), else <see cref="TriageDefinitions.DefaultDefinitionId"/>. The published rules are
/// read once and kept: a publish or retract in this process refreshes them as it commits, one in another
/// process within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class VariantSelector(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider time) : IWorkflowChangeHandler
{
    /// <summary>How long rules published by another process may go unseen.</summary>
    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromSeconds(2);

    private volatile Rules? _rules;

    /// <summary>The definition id a ticket with these attributes runs.</summary>
    public async Task<string> SelectAsync(string ticketId, string? channel, string? customerEmail, CancellationToken cancellationToken)
    {
        var rules = _rules;
        if (rules is null || time.GetUtcNow() - rules.ReadAt > RefreshInterval)
        {
            rules = _rules = await ReadAsync(cancellationToken);
        }

        return rules.Variants
            .Where(d => d.Selection.Matches(d.Id, ticketId, channel, customerEmail))
            .Select(d => d.Id)
            .FirstOrDefault() ?? TriageDefinitions.DefaultDefinitionId;
    }

    /// <inheritdoc />
    public void OnDefinitionChanged(WorkflowTransaction transaction, DefinitionVersionChange change)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transaction.OnCommitted(() => _rules = null);
    }

    private async Task<Rules> ReadAsync(CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var published = await db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published)
            .Select(d => new { d.DefinitionId, d.Version, d.Json }).ToListAsync(cancellationToken);
        List<(string Id, VariantSelection Selection)> variants = [.. published
            .GroupBy(d => d.DefinitionId, StringComparer.Ordinal)
            .Select(g => DefinitionJson.Parse(g.MaxBy(d => d.Version)!.Json))
            .Where(d => d.Selection is not null)
            .OrderBy(d => d.Selection!.Order).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => (d.Id, d.Selection!))];
        return new Rules(variants, readAt);
    }

    private sealed record Rules(IReadOnlyList<(string Id, VariantSelection Selection)> Variants, DateTimeOffset ReadAt);
}
