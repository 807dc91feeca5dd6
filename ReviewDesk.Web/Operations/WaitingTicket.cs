using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>A ticket waiting for a reviewer, and for how long.</summary>
/// <param name="Id">The ticket.</param>
/// <param name="Subject">Its redacted subject.</param>
/// <param name="ExternalId">The integrator's id.</param>
/// <param name="Status">Awaiting review or escalated.</param>
/// <param name="InstanceId">Its workflow instance (for the timeline link).</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="Waiting">How long ago that was.</param>
/// <param name="DefinitionId">The workflow variant the ticket runs.</param>
/// <param name="DefinitionVersion">Its version, once started.</param>
public sealed record WaitingTicket(
    string Id, string? Subject, string? ExternalId, TicketStatus Status, string? InstanceId, DateTimeOffset CreatedAt, TimeSpan Waiting,
    string DefinitionId, int? DefinitionVersion);
