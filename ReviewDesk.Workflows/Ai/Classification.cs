namespace ReviewDesk.Workflows.Ai;

/// <summary>What the Classify step produces.</summary>
/// <param name="Category">One of <see cref="TicketLabels.Categories"/>.</param>
/// <param name="Priority">One of <see cref="TicketLabels.Priorities"/> (P1 urgent .. P4 low).</param>
/// <param name="Language">ISO 639-1 code, e.g. <c>en</c>.</param>
/// <param name="Sentiment">One of <see cref="TicketLabels.Sentiments"/>.</param>
/// <param name="Confidence">Confidence in the category, in [0, 1].</param>
/// <param name="Rationale">One sentence on why.</param>
/// <param name="Provider">The configured provider name that produced it (e.g. <c>local</c>).</param>
/// <param name="Model">The model that produced it.</param>
/// <param name="ModelVersion">
/// The version of that model: <c>base</c> for the local model trained on the shipped tickets, <c>v1</c>, <c>v2</c>... for one
/// retrained on reviewers' decisions (see <see cref="Learning.ModelVersions"/>); null when the provider has no versions (an LLM).
/// </param>
public sealed record Classification(
    string Category, string Priority, string Language, string Sentiment, double Confidence, string Rationale, string Provider, string Model,
    string? ModelVersion = null);

/// <summary>A classification with the usage it cost.</summary>
/// <param name="Classification">The labels.</param>
/// <param name="Usage">Tokens and estimated cost; null for the local provider.</param>
public sealed record ClassificationResult(Classification Classification, TokenUsage? Usage);

/// <summary>Tokens of one LLM call and its estimated cost from the provider's configured prices.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="EstimatedCost">Cost in the configured currency, when prices are configured.</param>
public sealed record TokenUsage(int InputTokens, int OutputTokens, decimal? EstimatedCost);
