using Microsoft.ML.Data;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>The row the semantic pipeline reads: the text, its impact and priority cues and its sentence embedding.</summary>
internal sealed class SemanticModelInput
{
    /// <summary>The composed text (<see cref="LocalModelInput.ComposeText"/>).</summary>
    public string Text { get; set; } = "";

    /// <summary>The <see cref="ImpactCues"/> features.</summary>
    [VectorType(ImpactCues.Count)]
    public float[] Cues { get; set; } = new float[ImpactCues.Count];

    /// <summary>The <see cref="Semantic.PriorityCues"/> features (the priority head only).</summary>
    [VectorType(Semantic.PriorityCues.Count)]
    public float[] PriorityCues { get; set; } = new float[Semantic.PriorityCues.Count];

    /// <summary>The MiniLM embedding of <see cref="Text"/>.</summary>
    [VectorType(MiniLmEncoder.Dimensions)]
    public float[] Embedding { get; set; } = new float[MiniLmEncoder.Dimensions];

    /// <summary>The category label (training only).</summary>
    public string Category { get; set; } = "";

    /// <summary>The priority label (training only).</summary>
    public string Priority { get; set; } = "";

    /// <summary>The sentiment label (training only).</summary>
    public string Sentiment { get; set; } = "";

    /// <summary>The model input of a ticket.</summary>
    public static SemanticModelInput From(TicketText ticket, MiniLmEncoder encoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return From(ticket, text => encoder.Encode(text, cancellationToken));
    }

    /// <summary>The model input of a ticket, embedded by <paramref name="embed"/> (inside <see cref="MiniLmEncoder.RunAsync{T}"/>: its slot's encoding).</summary>
    public static SemanticModelInput From(TicketText ticket, Func<string, float[]> embed)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(embed);
        var text = LocalModelInput.ComposeText(ticket.Subject, ticket.Body);
        return new SemanticModelInput { Text = text, Cues = ImpactCues.Extract(text), PriorityCues = Semantic.PriorityCues.Extract(text), Embedding = embed(text) };
    }

    /// <summary>A training row of a labelled ticket.</summary>
    public static SemanticModelInput From(LabelledTicket ticket, MiniLmEncoder encoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var row = From(ticket.ToTicketText(), encoder, cancellationToken);
        row.Category = ticket.Category;
        row.Priority = ticket.Priority;
        row.Sentiment = ticket.Sentiment;
        return row;
    }
}
