namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>What the model page shows.</summary>
/// <param name="Active">The active version (<see cref="ModelVersions.Base"/> when none is).</param>
/// <param name="Versions">Every retrained version, newest first.</param>
/// <param name="Selected">The version the figures are of (a version, <see cref="ModelVersions.Base"/>, or null when there is nothing to score).</param>
/// <param name="Source">Where the figures come from, in words.</param>
/// <param name="Scores">The figures (null when no labelled ticket exists yet).</param>
/// <param name="Shadows">Agreement of each shadow classifier with reviewers (empty when no shadow classified a reviewed ticket).</param>
/// <param name="Thresholds">The Decide nodes of the published variants, with their current thresholds.</param>
public sealed record ModelDashboardView(
    string Active,
    IReadOnlyList<ModelVersionSummary> Versions,
    string? Selected,
    string Source,
    ClassifierScores? Scores,
    IReadOnlyList<ShadowAgreement> Shadows,
    IReadOnlyList<VariantThreshold> Thresholds);
