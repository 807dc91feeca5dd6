using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// In-process publication of <see cref="ReviewEvent"/>s, the review queue's counterpart of
/// <see cref="Runtime.WorkflowEventStream"/>. Handlers run synchronously on the request's thread, so they must be quick.
/// </summary>
public sealed class ReviewEvents(ILogger<ReviewEvents> logger) : InProcessEventStream<ReviewEvent>(logger);
