using System.Text.Json;

namespace ReviewDesk.Web.Cluster;

/// <summary>A committed event as it crosses nodes: the node that committed it, which stream, the event's type and its JSON.</summary>
/// <param name="Node">The publishing node (a node ignores its own).</param>
/// <param name="Stream"><c>workflow</c> or <c>review</c>.</param>
/// <param name="Type">The event record's type name.</param>
/// <param name="Payload">The event.</param>
internal sealed record ClusterEvent(string Node, string Stream, string Type, JsonElement Payload);
