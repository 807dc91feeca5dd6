using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// In-process publication of <see cref="ReviewEvent"/>s, the review queue's counterpart of
/// <see cref="Engine.Runtime.WorkflowEventStream"/>. Handlers run synchronously on the publishing thread, so they must be quick.
/// </summary>
public sealed class ReviewEvents(ILogger<ReviewEvents> logger) : InProcessEventStream<ReviewEvent>(logger)
{
    /// <summary>Publishes a committed change; only the triage code that committed it does.</summary>
    internal new void Publish(ReviewEvent evt) => base.Publish(evt);
}
