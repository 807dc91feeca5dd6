namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>The result of <see cref="ModelRetrainer.PromoteAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Version">The version asked for.</param>
/// <param name="Previous">The version active before (<see cref="ModelVersions.Base"/> when none was).</param>
public sealed record PromoteResult(PromoteOutcome Outcome, string Version, string Previous);
