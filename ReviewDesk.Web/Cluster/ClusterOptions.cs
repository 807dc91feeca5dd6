namespace ReviewDesk.Web.Cluster;

/// <summary>Several nodes, bound from the <c>Cluster</c> section.</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Cluster";

    /// <summary>
    /// The Redis server that carries live updates between nodes (StackExchange.Redis configuration, for example
    /// <c>127.0.0.1:6379</c>): the SignalR backplane and the cross-node event stream. Empty: one node, nothing crosses.
    /// </summary>
    public string Redis { get; set; } = "";

    /// <summary>The prefix of every Redis channel, so several ReviewDesk installations can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "reviewdesk";

    /// <summary>This node's name in logs and relayed events (default: machine name and process id).</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Whether Redis is configured.</summary>
    public bool IsClustered => !string.IsNullOrWhiteSpace(Redis);
}
