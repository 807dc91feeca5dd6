using System.Diagnostics;

namespace ReviewDesk.Workflows.Triage;

/// <summary>The triage domain's spans (a submission, a reviewer's decision): ids and types only, never ticket text.</summary>
public static class TriageTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name of the triage spans.</summary>
    public const string ActivitySourceName = "ReviewDesk.Triage";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name of the triage metrics (<see cref="TriageMetrics"/>).</summary>
    public const string MeterName = "ReviewDesk.Triage";

    /// <summary>The span attribute holding the ticket id.</summary>
    public const string TicketId = "ticket.id";

    internal static readonly ActivitySource Source = new(ActivitySourceName);
}
