using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// Turns a reviewer's approval into a labelled example inside the decision's <see cref="WorkflowTransaction"/>:
/// the example commits with the decision, or neither does. The redacted text is copied from the ticket's row in
/// the same statement, so the step reads nothing more. A ticket has one example; a repeat is ignored.
/// </summary>
public static class LabelledExampleWriter
{
    private const string InsertSql = """
        INSERT INTO "LabelledExamples" ("TicketId", "Subject", "Body", "Category", "Priority", "Sentiment", "Language", "Reviewer",
            "AiCategory", "AiPriority", "AiConfidence", "CategoryCorrect", "PriorityCorrect", "Provider", "ModelVersion", "DecidedAt")
        SELECT "Id", "Subject", "Body", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
        FROM "Tickets" WHERE "Id" = $1 AND "Subject" IS NOT NULL AND "Body" IS NOT NULL
        ON CONFLICT ("TicketId") DO NOTHING
        """;

    /// <summary>
    /// Records that <paramref name="reviewer"/> gave the ticket these final labels, against what <paramref name="classification"/>
    /// (the AI's, null when classification failed) had said. A ticket without redacted text (never scrubbed) gives no example.
    /// </summary>
    public static void Record(WorkflowTransaction tx, string ticketId, string reviewer, string category, string priority, TicketClassification? classification)
    {
        ArgumentNullException.ThrowIfNull(tx);
        tx.Execute(InsertSql, ticketId, category, priority, classification?.Sentiment ?? "neutral", classification?.Language ?? "en", reviewer,
            classification?.Category, classification?.Priority, classification?.Confidence,
            classification?.Category == category, classification?.Priority == priority,
            classification?.Provider, VersionOf(classification), tx.NowMs);
    }

    /// <summary>The version a classification names: its model version, or the model for providers without versions.</summary>
    public static string? VersionOf(TicketClassification? classification) => classification?.ModelVersion ?? classification?.Model;
}
