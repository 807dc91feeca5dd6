using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>One instance as an operator inspects it: status, journal, attempts, scheduled work and incidents.</summary>
public sealed record InstanceTimeline(
    WorkflowInstanceView Instance,
    IReadOnlyList<JournalEntryView> Journal,
    IReadOnlyList<AttemptRow> Attempts,
    IReadOnlyList<ScheduledWorkView> ScheduledWork,
    IReadOnlyList<IncidentView> Incidents);
