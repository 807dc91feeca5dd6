namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// A named lease that lets one node at a time do a cluster-wide job (the retrain): taken by an upsert that only
/// overwrites an expired lease, released by its owner, and free again after <see cref="ExpiresAt"/> if the owner died.
/// </summary>
public sealed class LearningLeaseRecord
{
    /// <summary>The job, e.g. <c>retrain</c>.</summary>
    public required string Name { get; set; }
    /// <summary>Who holds it (a node's random id).</summary>
    public required string Owner { get; set; }
    /// <summary>When it lapses.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
