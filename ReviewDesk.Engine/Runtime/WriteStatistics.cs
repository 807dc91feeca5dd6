namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// What the runtime's writer has committed in this process: <paramref name="Commits"/> transactions
/// holding <paramref name="Operations"/> write operations (a step's checkpoint with its enlisted effects,
/// a submission, a resume, a cancel...). Group commit puts several operations in one transaction, so
/// under load there are fewer commits than operations; alone, each operation is one commit. A commit is
/// counted as it is issued, so whoever can read its rows finds it counted.
/// </summary>
public readonly record struct WriteStatistics(long Commits, long Operations)
{
    /// <summary>The difference from an earlier reading.</summary>
    public static WriteStatistics operator -(WriteStatistics later, WriteStatistics earlier) =>
        new(later.Commits - earlier.Commits, later.Operations - earlier.Operations);
}
