using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Workflows.Designer;

/// <summary>What a test run of a draft did.</summary>
public sealed record TestRunResult
{
    /// <summary>Validation errors that kept the draft from running (then nothing else is set).</summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    /// <summary>Where the instance stopped: Completed, Suspended (waiting for a reviewer), Faulted, or Running when the run timed out.</summary>
    public WorkflowStatus? Status { get; init; }

    /// <summary>The nodes in the order the flow reached them.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Every attempt of every node, in order.</summary>
    public IReadOnlyList<TestRunStep> Steps { get; init; } = [];

    /// <summary>The node the instance waits at when suspended.</summary>
    public string? WaitingAt { get; init; }

    /// <summary>The instance's error when it faulted.</summary>
    public string? Error { get; init; }

    /// <summary>The ticket's labels, queue and review reasons at the end of the run.</summary>
    public string? Summary { get; init; }

    /// <summary>Whether the draft ran (whatever its end).</summary>
    public bool Ran => Errors.Count == 0 && Status is not null;
}
