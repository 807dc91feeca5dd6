using System.Text.Json.Serialization;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>One line of the training file: a redacted ticket and its labels.</summary>
internal sealed record LabelledTicket(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("priority")] string Priority,
    [property: JsonPropertyName("sentiment")] string Sentiment,
    [property: JsonPropertyName("language")] string Language)
{
    /// <summary>The ticket as a classifier sees it.</summary>
    public TicketText ToTicketText() => new(Subject, Body);
}
