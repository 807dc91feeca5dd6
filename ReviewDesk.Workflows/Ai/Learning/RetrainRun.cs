namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>A retrain run as the API shows it.</summary>
/// <param name="Id">Its id (<c>rt_…</c>).</param>
/// <param name="Status">Running, promoted, rejected or failed.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Trigger">One of <see cref="RetrainTriggers"/>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended (null while running).</param>
/// <param name="Version">The version it stored, with its held-out figures and the baseline's (promoted or rejected).</param>
/// <param name="Error">Why it failed.</param>
public sealed record RetrainRun(
    string Id, RetrainStatus Status, string RequestedBy, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    ModelVersionSummary? Version, string? Error)
{
    /// <summary>True once it promoted, rejected or failed.</summary>
    public bool Finished => Status != RetrainStatus.Running;
}
