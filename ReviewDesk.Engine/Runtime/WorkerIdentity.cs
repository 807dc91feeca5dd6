using Microsoft.Extensions.Options;

namespace ReviewDesk.Engine.Runtime;

/// <summary>This process's worker id: configured, or host name + process id + a random suffix.</summary>
internal sealed class WorkerIdentity(IOptions<WorkflowRuntimeOptions> options)
{
    public string Id { get; } = options.Value.Worker.Id
        ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}
