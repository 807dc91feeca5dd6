namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>The result of <see cref="ModelRetrainer.RetrainAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Version">The candidate version stored (null when busy or nothing to learn).</param>
public sealed record RetrainResult(RetrainOutcome Outcome, ModelVersionSummary? Version);
