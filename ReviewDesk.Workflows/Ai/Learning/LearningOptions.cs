namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>Learning from reviewers, bound from <c>Ai:Learning</c>.</summary>
public sealed class LearningOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Ai:Learning";

    /// <summary>Retrain once this many new labelled examples arrived since the last version (0 turns the trigger off).</summary>
    public int RetrainAfterLabels { get; set; } = 50;

    /// <summary>Retrain on this schedule when there is at least one new labelled example (null turns the schedule off).</summary>
    public TimeSpan? RetrainInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the background scheduler checks the two triggers above and runs the shadow classifiers.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node looks for a newly promoted (or rolled back) version made by another node.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The share of reviewer-labelled tickets (by ticket id, so a ticket always falls on the same side) held out for evaluation.</summary>
    public int HeldOutPercent { get; set; } = 20;

    /// <summary>An AI provider (under <c>Ai:Providers</c>) that classifies live traffic in shadow; null for none.</summary>
    public string? ShadowProvider { get; set; }

    /// <summary>
    /// How long the one-retrain-at-a-time lease lasts unless renewed; a running retrain renews it every third of this, so a node
    /// that dies in the middle of one blocks retrains for at most this long. Default 30 s.
    /// </summary>
    public TimeSpan RetrainLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the background scheduler runs on this node (retrain triggers and shadow classification).</summary>
    public bool Background { get; set; } = true;
}
