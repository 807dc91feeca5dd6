using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>What the home page tells an operator: problems, stuck work and the ticket waiting longest.</summary>
/// <param name="Faulted">Faulted workflow instances.</param>
/// <param name="OpenIncidents">Open incidents over all instances.</param>
/// <param name="Due">Due work no worker holds.</param>
/// <param name="WaitingLongest">The ticket waiting longest for a reviewer, null when none waits.</param>
public sealed record OperatorHomeFigures(int Faulted, int OpenIncidents, DueWork Due, WaitingTicket? WaitingLongest);
