using ReviewDesk.Engine;
using ReviewDesk.Workflows;

namespace ReviewDesk.Web.Hubs;

/// <summary>
/// The review-queue changes <see cref="ReviewQueueNotifier"/> pushes to hub clients, for the console's
/// own pages: a Blazor Server page runs in this process, so it subscribes here instead of opening a
/// second SignalR connection back to the server.
/// </summary>
public sealed class ReviewQueueFeed(ILogger<ReviewQueueFeed> logger) : InProcessEventStream<ReviewQueueChange>(logger)
{
    internal void Announce(ReviewQueueChange change) => Publish(change);
}
