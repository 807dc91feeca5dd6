using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Web.Components.Review;

/// <summary>Who holds the ticket (or who decided it), and the admin's take-over.</summary>
public sealed partial class ClaimBanner
{
    [Parameter]
    public bool Pending { get; set; }

    [Parameter]
    public string? Reviewer { get; set; }

    [Parameter]
    public ClaimResult? Claim { get; set; }

    [Parameter]
    public bool CanTakeOver { get; set; }

    [Parameter]
    public TicketDecision? Decision { get; set; }

    [Parameter]
    public EventCallback OnTakeOver { get; set; }
}
