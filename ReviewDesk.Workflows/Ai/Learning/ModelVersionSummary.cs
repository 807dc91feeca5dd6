namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>A model version as the API and the model page show it (without the model bytes).</summary>
/// <param name="Version"><c>v{n}</c>.</param>
/// <param name="Number">n.</param>
/// <param name="Model">The model name.</param>
/// <param name="Status">Active, retired or rejected.</param>
/// <param name="Shadow">Whether it classifies live traffic in shadow (recorded, never acted on).</param>
/// <param name="CreatedBy">Who asked for the retrain (<c>system</c> for the triggers).</param>
/// <param name="Trigger"><c>console</c>, <c>labels</c> or <c>schedule</c>.</param>
/// <param name="CreatedAt">When it was trained.</param>
/// <param name="TrainingTickets">Tickets it was trained on.</param>
/// <param name="ReviewerExamples">Reviewer-labelled tickets among them.</param>
/// <param name="HeldOutTickets">Reviewer-labelled tickets it was evaluated on.</param>
/// <param name="Accuracy">Its category accuracy on them.</param>
/// <param name="MacroF1">Its category macro-F1 on them.</param>
/// <param name="PriorityAccuracy">Its priority accuracy on them.</param>
/// <param name="BaselineVersion">The version in use when it was evaluated.</param>
/// <param name="BaselineAccuracy">The baseline's category accuracy on the same tickets.</param>
/// <param name="BaselineMacroF1">The baseline's category macro-F1.</param>
/// <param name="BaselinePriorityAccuracy">The baseline's priority accuracy.</param>
public sealed record ModelVersionSummary(
    string Version, int Number, string Model, ModelVersionStatus Status, bool Shadow, string CreatedBy, string Trigger, DateTimeOffset CreatedAt,
    int TrainingTickets, int ReviewerExamples, int HeldOutTickets, double Accuracy, double MacroF1, double PriorityAccuracy,
    string BaselineVersion, double BaselineAccuracy, double BaselineMacroF1, double BaselinePriorityAccuracy)
{
    internal static ModelVersionSummary From(ModelVersionRecord r) => new(
        r.Version, r.Number, r.Model, r.Status, r.Shadow, r.CreatedBy, r.Trigger, r.CreatedAt, r.TrainingTickets, r.ReviewerExamples, r.HeldOutTickets,
        r.Accuracy, r.MacroF1, r.PriorityAccuracy, r.BaselineVersion, r.BaselineAccuracy, r.BaselineMacroF1, r.BaselinePriorityAccuracy);
}
