using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>The AI's labels with confidence, rationale and model; the reasons for review; deadline and queue.</summary>
public sealed partial class ClassificationCard
{
    [Parameter, EditorRequired]
    public required TicketView Ticket { get; set; }

    private JsonObject? Classification => Ticket.Classification;

    private double? Confidence => Classification?["confidence"]?.GetValue<double>();

    private string? Value(string name) => Classification?[name]?.ToString();
}
