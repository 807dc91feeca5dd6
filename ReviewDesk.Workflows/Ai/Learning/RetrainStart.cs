namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>The answer of <see cref="ModelRetrainer.StartRetrainAsync"/>: a run that started, or why none did.</summary>
/// <param name="Outcome"><see cref="RetrainOutcome.Busy"/>, <see cref="RetrainOutcome.NothingToLearn"/>, or null when <paramref name="Run"/> started.</param>
/// <param name="Run">The run that started (null otherwise).</param>
public sealed record RetrainStart(RetrainOutcome? Outcome, RetrainRun? Run)
{
    /// <summary>Whether a run started.</summary>
    public bool Started => Run is not null;
}
