namespace ReviewDesk.Web.Hubs;

/// <summary>What <see cref="ReviewHub"/> pushes to every connected reviewer.</summary>
public interface IReviewClient
{
    /// <summary>A ticket entered the queue, escalated, was claimed, released or decided.</summary>
    Task QueueChanged(ReviewQueueChange change);
}
