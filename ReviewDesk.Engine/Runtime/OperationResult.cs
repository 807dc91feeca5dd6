namespace ReviewDesk.Engine.Runtime;

/// <summary>The answer to an operator command (cancel, retry).</summary>
/// <param name="Succeeded">Whether the command was carried out.</param>
/// <param name="Error">Why not, as a sentence.</param>
/// <param name="IsNotFound">True when the instance does not exist.</param>
public sealed record OperationResult(bool Succeeded, string? Error = null, bool IsNotFound = false)
{
    /// <summary>Carried out.</summary>
    public static OperationResult Done { get; } = new(true);

    /// <summary>No such instance.</summary>
    public static OperationResult NotFound { get; } = new(false, "no such workflow instance", IsNotFound: true);

    /// <summary>The instance already finished.</summary>
    public static OperationResult Finished(WorkflowStatus status) => new(false, $"the instance is already {status.ToString().ToLowerInvariant()}");

    /// <summary>Only faulted instances can be retried.</summary>
    public static OperationResult NotFaulted(WorkflowStatus status) => new(false, $"only a faulted instance can be retried; this one is {status.ToString().ToLowerInvariant()}");
}
