using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>A successful answer of the HTTP API: its status and its body exactly as the server sent it.</summary>
public sealed record ApiResponse(int StatusCode, string Body)
{
    /// <summary>The answer's <c>Location</c> header (202 Accepted names the status resource there), or null.</summary>
    public Uri? Location { get; init; }

    /// <summary>The body parsed as JSON (null for an empty body).</summary>
    public JsonNode? Json => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);
}
