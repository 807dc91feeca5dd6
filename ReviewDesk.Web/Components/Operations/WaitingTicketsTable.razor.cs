using System.Globalization;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>The tickets waiting longest for a reviewer.</summary>
public sealed partial class WaitingTicketsTable
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<WaitingTicket> Tickets { get; set; }

    /// <summary>A variant as "support-triage v3" (no version before the workflow started).</summary>
    internal static string Variant(string? definitionId, int? version) => definitionId is null ? ""
        : version is { } v ? string.Create(CultureInfo.InvariantCulture, $"{definitionId} v{v}") : definitionId;

    private static string FormatWaiting(TimeSpan waiting) => waiting.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)waiting.TotalHours} h {waiting.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)waiting.TotalMinutes} min");
}
