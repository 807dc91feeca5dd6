using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// In-process publication of claim changes, the review queue's counterpart of
/// <see cref="Runtime.WorkflowEventStream"/> (claims are not workflow steps). Handlers run
/// synchronously on the claiming request's thread, so they must be quick.
/// </summary>
public sealed class TicketClaimEvents(ILogger<TicketClaimEvents> logger) : InProcessEventStream<TicketClaimChanged>(logger);
