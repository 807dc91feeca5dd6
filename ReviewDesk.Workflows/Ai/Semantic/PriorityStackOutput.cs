namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>The priority stacker's one-versus-all scores, in its key order.</summary>
internal sealed class PriorityStackOutput
{
    /// <summary>One score per priority.</summary>
    public float[] Score { get; set; } = [];
}
