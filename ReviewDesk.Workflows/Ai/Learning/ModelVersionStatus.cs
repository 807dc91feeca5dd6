namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>Where a retrained model version stands.</summary>
public enum ModelVersionStatus
{
    /// <summary>Evaluated worse than the model in use on the held-out slice (or nothing to evaluate on): kept, never used unless activated.</summary>
    Rejected = 0,
    /// <summary>The version that classifies (at most one).</summary>
    Active = 1,
    /// <summary>Was active, replaced by a later promotion or a rollback.</summary>
    Retired = 2,
}
