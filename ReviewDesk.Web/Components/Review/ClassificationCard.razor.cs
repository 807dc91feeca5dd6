using Microsoft.AspNetCore.Components;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Web.Components.Review;

/// <summary>The AI's labels with confidence, rationale and model; the reasons for review; deadline and queue.</summary>
public sealed partial class ClassificationCard
{
    [Parameter, EditorRequired]
    public required TicketView Ticket { get; set; }

    private TicketClassification? Classification => Ticket.Classification;

    private double? Confidence => Classification?.Confidence;
}
