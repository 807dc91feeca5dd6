namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>A training row: the model input plus the three labels.</summary>
internal sealed class LocalTrainingRow
{
    public string Text { get; set; } = "";

    [Microsoft.ML.Data.VectorType(UrgencyCues.GroupCount)]
    public float[] Urgency { get; set; } = new float[UrgencyCues.GroupCount];

    public string Category { get; set; } = "";

    public string Priority { get; set; } = "";

    public string Sentiment { get; set; } = "";

    public static LocalTrainingRow From(LabelledTicket ticket)
    {
        var input = LocalModelInput.From(ticket.ToTicketText());
        return new LocalTrainingRow
        {
            Text = input.Text,
            Urgency = input.Urgency,
            Category = ticket.Category,
            Priority = ticket.Priority,
            Sentiment = ticket.Sentiment,
        };
    }
}
