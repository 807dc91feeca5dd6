using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class TicketService
{
    /// <summary>
    /// Decrypts a ticket's original PII values for <paramref name="actor"/>, who must hold the RevealPii
    /// permission (the caller checks it). The reveal is audited first (who, when, which ticket, which
    /// types; never the values): when the entry cannot be written nothing is revealed. Null for an unknown ticket.
    /// </summary>
    public async Task<PiiReveal?> RevealPiiAsync(string ticketId, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var ticket = await tickets.FindAsync(ticketId, cancellationToken);
        if (ticket is null) return null;

        var values = ticket.ProtectedOriginals is { } originals
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(originals)) ?? []
            : [];
        List<string> types = [.. values.Keys.Select(p => PlaceholderPattern().Match(p)).Where(m => m.Success)
            .Select(m => m.Groups["type"].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await audit.AppendAsync(new AuditEvent(actor, AuditActions.RevealPii, ticketId, Detail: new JsonObject
        {
            ["types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
            ["count"] = values.Count,
        }), cancellationToken);
        logger.LogInformation("PII of ticket {TicketId} revealed to {Actor}: {Count} values of types {Types}", ticketId, actor, values.Count, string.Join(',', types));
        return new PiiReveal(ticketId, values, types);
    }

    [GeneratedRegex(@"^<(?<type>[A-Z][A-Z_]*?)_\d+>$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
