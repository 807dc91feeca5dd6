using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Chooses the definition (variant) a new ticket runs: of the latest published versions whose
/// <see cref="VariantSelection"/> matches the ticket, the one with the lowest order (then id);
/// <see cref="TriageDefinitions.DefaultDefinitionId"/> when none matches.
/// </summary>
public sealed class VariantSelector(WorkflowDefinitionStore definitions)
{
    /// <summary>The definition id the ticket runs.</summary>
    public async Task<string> SelectAsync(string ticketId, string? channel, string? customerEmail, CancellationToken cancellationToken)
    {
        var published = await definitions.ListLatestPublishedAsync(cancellationToken);
        return published
            .Where(d => d.Selection is not null && d.Selection.Matches(d.Id, ticketId, channel, customerEmail))
            .OrderBy(d => d.Selection!.Order).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => d.Id)
            .FirstOrDefault() ?? TriageDefinitions.DefaultDefinitionId;
    }
}
