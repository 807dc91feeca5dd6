namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>Where a retrain run is (<see cref="RetrainRun"/>).</summary>
public enum RetrainStatus
{
    /// <summary>Training or evaluating; the lease is renewed while it runs.</summary>
    Running,
    /// <summary>The candidate was not worse and is now the active version.</summary>
    Promoted,
    /// <summary>The candidate was worse (or there was nothing to evaluate on); it is kept as a rejected version.</summary>
    Rejected,
    /// <summary>The run failed (an error, or the node running it stopped before it finished).</summary>
    Failed,
}
