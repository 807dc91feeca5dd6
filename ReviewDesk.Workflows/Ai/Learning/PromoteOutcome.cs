namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>What a promotion (or rollback) did.</summary>
public enum PromoteOutcome
{
    /// <summary>The version is now the active one.</summary>
    Activated,
    /// <summary>It already was; nothing changed.</summary>
    AlreadyActive,
    /// <summary>No such version.</summary>
    NotFound,
}
