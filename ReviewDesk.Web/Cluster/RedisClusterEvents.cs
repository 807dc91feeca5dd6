using System.Collections.Frozen;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;
using StackExchange.Redis;

namespace ReviewDesk.Web.Cluster;

/// <summary>
/// Carries the committed events of this node's <see cref="WorkflowEventStream"/> and <see cref="ReviewEvents"/> to every
/// other node through Redis pub/sub, and relays theirs into the local streams (<see cref="InProcessEventStream{TEvent}.Relay"/>),
/// so a page on node B refreshes when node A commits, an operator's cancel on A stops the activity running on B, and
/// a start or resume on A wakes B's worker.
/// <para>
/// Redis pub/sub rather than PostgreSQL LISTEN/NOTIFY: the SignalR backplane needs Redis anyway, pub/sub costs the
/// database nothing on the hot path (a NOTIFY per commit would hold a lock on PostgreSQL's notification queue inside
/// every group commit), and it works the same over SQLite-free deployments of any shape. Pub/sub is at most once: an
/// event missed while Redis is down is not replayed; the pages' periodic refresh and the workers' polling cover it,
/// and the database, not the event, is the truth.
/// </para>
/// </summary>
internal sealed class RedisClusterEvents(
    RedisConnection redis,
    WorkflowEventStream workflowEvents,
    ReviewEvents reviewEvents,
    IOptions<ClusterOptions> options,
    ILogger<RedisClusterEvents> logger) : BackgroundService
{
    private const string WorkflowStream = "workflow";
    private const string ReviewStream = "review";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<string, Type> WorkflowTypes = SubtypesOf<WorkflowEvent>();
    private static readonly FrozenDictionary<string, Type> ReviewTypes = SubtypesOf<ReviewEvent>();

    private readonly string _node = options.Value.NodeName;
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.ChannelPrefix + ":events");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outgoing = Channel.CreateBounded<ClusterEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        // Handlers run on the committing thread: they only serialize and enqueue. Relayed events are not sent back out.
        using var workflows = workflowEvents.Subscribe(e =>
        {
            if (!workflowEvents.IsRelaying) outgoing.Writer.TryWrite(Envelope(WorkflowStream, e));
        });
        using var reviews = reviewEvents.Subscribe(e =>
        {
            if (!reviewEvents.IsRelaying) outgoing.Writer.TryWrite(Envelope(ReviewStream, e));
        });

        var subscriber = redis.Multiplexer.GetSubscriber();
        var queue = await subscriber.SubscribeAsync(_channel);
        queue.OnMessage(message => Receive(message.Message));
        try
        {
            await foreach (var evt in outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await subscriber.PublishAsync(_channel, JsonSerializer.Serialize(evt, Json));
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Dropped: other nodes see the change at their next refresh. Logged once per outage.
                    redis.MarkDown(ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    private ClusterEvent Envelope<TEvent>(string stream, TEvent evt)
        where TEvent : notnull =>
        new(_node, stream, evt.GetType().Name, JsonSerializer.SerializeToElement(evt, evt.GetType(), Json));

    private void Receive(RedisValue message)
    {
        try
        {
            var evt = JsonSerializer.Deserialize<ClusterEvent>(message.ToString(), Json);
            if (evt is null || evt.Node == _node) return;
            switch (evt.Stream)
            {
                case WorkflowStream when WorkflowTypes.TryGetValue(evt.Type, out var type):
                    workflowEvents.Relay((WorkflowEvent)evt.Payload.Deserialize(type, Json)!);
                    break;
                case ReviewStream when ReviewTypes.TryGetValue(evt.Type, out var type):
                    reviewEvents.Relay((ReviewEvent)evt.Payload.Deserialize(type, Json)!);
                    break;
                default:
                    logger.LogWarning("Ignored a cluster event of unknown type {Stream}/{Type} (a node of another version?)", evt.Stream, evt.Type);
                    break;
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed cluster event");
        }
    }

    private static FrozenDictionary<string, Type> SubtypesOf<TBase>() =>
        typeof(TBase).Assembly.GetTypes().Where(t => t is { IsAbstract: false } && t.IsAssignableTo(typeof(TBase)))
            .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
}
