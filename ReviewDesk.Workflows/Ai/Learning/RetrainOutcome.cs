namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>What a retrain did.</summary>
public enum RetrainOutcome
{
    /// <summary>The candidate evaluated not worse than the model in use and is now active.</summary>
    Promoted,
    /// <summary>The candidate evaluated worse (or there was nothing to evaluate on); it is kept as a rejected version.</summary>
    Rejected,
    /// <summary>Another retrain was running (on this node or another); nothing was done.</summary>
    Busy,
    /// <summary>There were no reviewer-labelled examples to learn from; nothing was done.</summary>
    NothingToLearn,
}
