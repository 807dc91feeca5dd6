using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Workflows.Triage.Contracts;

/// <summary>The AI's labels for a ticket, with the provider, model and prompt that produced them.</summary>
/// <param name="Category">One of <see cref="TicketLabels.Categories"/>.</param>
/// <param name="Priority">P1 (most urgent) to P4.</param>
/// <param name="Language">ISO 639-1 language code.</param>
/// <param name="Sentiment">negative, neutral or positive.</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="Rationale">Why, in a sentence (no PII: the model saw only redacted text).</param>
/// <param name="Provider">The provider's name (<c>local</c>, or one under <c>Ai:Providers</c>).</param>
/// <param name="Model">The model.</param>
/// <param name="PromptVersion">The prompt's version; null for the local model, which has none.</param>
/// <param name="ModelVersion">The version of the model (<c>base</c>, <c>v1</c>...); null for a provider without versions.</param>
public sealed record TicketClassification(
    string Category, string Priority, string Language, string Sentiment, double Confidence, string Rationale,
    string Provider, string Model, string? PromptVersion, string? ModelVersion = null)
{
    /// <summary>A provider's answer, with the prompt version that asked for it.</summary>
    public static TicketClassification From(Classification classification, string? promptVersion)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return new(classification.Category, classification.Priority, classification.Language, classification.Sentiment,
            classification.Confidence, classification.Rationale, classification.Provider, classification.Model, promptVersion,
            classification.ModelVersion);
    }
}
