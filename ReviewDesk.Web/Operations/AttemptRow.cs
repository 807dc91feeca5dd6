using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>One activity attempt and, when it failed and was retried, the retry the runtime scheduled ("attempt 2 in 1 s").</summary>
public sealed record AttemptRow(ExecutionView Execution, string? RetryScheduled);
