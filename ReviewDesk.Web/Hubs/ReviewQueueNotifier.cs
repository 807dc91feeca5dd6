using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hubs;

/// <summary>
/// Turns committed workflow events (approval bookmarks created) and review events (claims, decisions, comments) into
/// <see cref="ReviewQueueChange"/>s for every client of <see cref="ReviewHub"/> and every open console page (<see cref="ReviewQueueFeed"/>). The event handlers
/// only enqueue (they run on the writer's thread); this service reads the ticket and pushes.
/// </summary>
internal sealed class ReviewQueueNotifier(
    WorkflowEventStream workflowEvents,
    ReviewEvents reviewEvents,
    ReviewQueue queue,
    ReviewQueueFeed feed,
    IHubContext<ReviewHub, IReviewClient> hub,
    ILogger<ReviewQueueNotifier> logger,
    Cluster.RedisConnection? redis = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Keeps the newest changes if pushing lags far behind; clients re-read the queue when they reconnect anyway.
        // Each event with whether another node committed it (relayed): that node's notifier pushed it to hub clients
        // already (through the backplane); here it only feeds this node's own pages.
        var pending = Channel.CreateBounded<(object Event, bool Relayed)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var workflows = workflowEvents.Subscribe(e =>
        {
            if (e is BookmarkCreated { Kind: TriageDefinitions.ApprovalBookmark })
            {
                pending.Writer.TryWrite((e, workflowEvents.IsRelaying));
            }
        });
        using var reviews = reviewEvents.Subscribe(e => pending.Writer.TryWrite((e, reviewEvents.IsRelaying)));

        try
        {
            await foreach (var (evt, relayed) in pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (await ToChangeAsync(evt, stoppingToken) is not { } change) continue;
                    feed.Announce(change);
                    if (!relayed) await hub.Clients.All.QueueChanged(change);
                }
                catch (StackExchange.Redis.RedisException ex) when (redis is not null)
                {
                    // The backplane is down: hub clients catch up when they re-read the queue; logged once per outage.
                    redis.MarkDown(ex.GetType().Name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not push a review-queue change ({EventType})", evt.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<ReviewQueueChange?> ToChangeAsync(object evt, CancellationToken cancellationToken)
    {
        switch (evt)
        {
            case BookmarkCreated created:
                // Created again after each escalation; a ticket no longer pending (decided meanwhile) is not announced.
                var item = await queue.FindAsync(created.BusinessKey, cancellationToken);
                if (item is null) return null;
                var kind = item.Status == TicketStatus.Escalated ? ReviewQueueChangeKind.Escalated : ReviewQueueChangeKind.Added;
                return new ReviewQueueChange(kind, item.Id, item, item.ClaimedBy, item.ClaimedUntil, null, created.At);
            case TicketDecided { Action: ReviewDecision.Escalate }:
                // The ticket stays in the queue; the next approval bookmark's BookmarkCreated announces it as Escalated.
                return null;
            case TicketDecided decided:
                return new ReviewQueueChange(ReviewQueueChangeKind.Decided, decided.TicketId, null, null, null, decided.Actor, decided.At);
            case TicketCommented commented:
                return new ReviewQueueChange(ReviewQueueChangeKind.Commented, commented.TicketId, null, null, null, commented.Actor, commented.At) { Comment = commented.Comment };
            case TicketClaimChanged claim:
                var current = await queue.FindAsync(claim.TicketId, cancellationToken);
                return new ReviewQueueChange(
                    claim.ClaimedBy is null ? ReviewQueueChangeKind.Released : ReviewQueueChangeKind.Claimed,
                    claim.TicketId, current, claim.ClaimedBy, claim.ClaimedUntil, claim.Actor, claim.At);
            default:
                return null;
        }
    }
}
