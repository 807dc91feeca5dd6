using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ReviewDesk.Web.Cluster;

/// <summary>
/// The node's one Redis connection, shared by the SignalR backplane and <see cref="RedisClusterEvents"/>. It starts
/// even when Redis is down and reconnects by itself (StackExchange.Redis); while it is down, live pushes from other
/// nodes stop, pages fall back to their periodic refresh, nothing is lost (the database holds every change), the
/// outage is logged once, and readiness reports degraded.
/// </summary>
internal sealed class RedisConnection : IHealthCheck, IDisposable
{
    public const string HealthCheckName = "redis";

    private readonly ILogger<RedisConnection> _logger;
    private int _down;

    public RedisConnection(IOptions<ClusterOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var configuration = ConfigurationOptions.Parse(options.Value.Redis);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = options.Value.NodeName;
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        Multiplexer.ConnectionFailed += (_, e) => MarkDown(e.FailureType.ToString());
        Multiplexer.ConnectionRestored += (_, _) => MarkUp();
        if (!Multiplexer.IsConnected) MarkDown("not reachable at start");
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public bool IsUp => Volatile.Read(ref _down) == 0;

    /// <summary>A publish failed: the connection is down (logged once per outage).</summary>
    public void MarkDown(string reason)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            _logger.LogError("Redis is unavailable ({Reason}): live updates from other nodes stop and pages fall back to their periodic refresh until it is back", reason);
        }
    }

    private void MarkUp()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1) _logger.LogWarning("Redis is reachable again: live updates cross nodes again");
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsUp && Multiplexer.IsConnected
            ? HealthCheckResult.Healthy("Redis is reachable: live updates cross nodes.")
            : HealthCheckResult.Degraded("Redis is unreachable: live updates from other nodes fall back to the periodic refresh; nothing is lost."));

    public void Dispose() => Multiplexer.Dispose();
}
