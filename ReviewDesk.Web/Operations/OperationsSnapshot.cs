using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>Everything the operator board shows, read at <paramref name="At"/>.</summary>
public sealed record OperationsSnapshot(
    DateTimeOffset At,
    IReadOnlyDictionary<WorkflowStatus, int> Workflows,
    IReadOnlyDictionary<TicketStatus, int> TicketsByStatus,
    IReadOnlyList<QueueCount> TicketsByQueue,
    Throughput Throughput,
    IReadOnlyList<WaitingTicket> LongestWaiting,
    ProblemList Problems);
