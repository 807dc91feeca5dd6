using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>
/// One activity attempt and, when it failed and was retried, the retry the runtime scheduled ("attempt 2 in 1 s").
/// <paramref name="Number"/> counts the node's attempts in order, across operator retries (the runtime's own
/// <see cref="ExecutionView.Attempt"/> starts again at 1 after each).
/// </summary>
public sealed record AttemptRow(ExecutionView Execution, string? RetryScheduled, int Number);
