using Microsoft.Extensions.Logging;

namespace ReviewDesk.Engine.Runtime;

/// <summary>The runtime's <see cref="WorkflowEvent"/>s, published after each commit (the web layer pushes them live).</summary>
public sealed class WorkflowEventStream(ILogger<WorkflowEventStream> logger) : InProcessEventStream<WorkflowEvent>(logger);
