namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>One held-out reviewer-labelled ticket as a candidate version and its baseline classified it (stored as JSON with the version).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Category">The reviewer's category.</param>
/// <param name="Priority">The reviewer's priority.</param>
/// <param name="PredictedCategory">The candidate's category.</param>
/// <param name="PredictedPriority">The candidate's priority.</param>
/// <param name="Confidence">The candidate's confidence.</param>
/// <param name="BaselineCategory">The baseline's category.</param>
/// <param name="BaselinePriority">The baseline's priority.</param>
/// <param name="BaselineConfidence">The baseline's confidence.</param>
public sealed record HeldOutPrediction(
    string TicketId, string Category, string Priority,
    string PredictedCategory, string PredictedPriority, double Confidence,
    string BaselineCategory, string BaselinePriority, double BaselineConfidence);
