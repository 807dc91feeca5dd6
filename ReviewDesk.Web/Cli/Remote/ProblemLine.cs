using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>Turns an error answer (RFC 7807 problem details, or anything else) into one line for stderr.</summary>
internal static class ProblemLine
{
    public static string From(HttpStatusCode status, string? reasonPhrase, string body)
    {
        var code = (int)status;
        var problem = TryParseObject(body);
        var title = Text(problem?["title"]);
        var detail = Text(problem?["detail"]);
        var parts = new List<string>();
        if (title is not null) parts.Add(title);
        if (detail is not null && detail != title) parts.Add(detail);
        if (problem?["errors"] is JsonObject errors && errors.Count > 0)
        {
            parts.Add(string.Join("; ", errors.Select(e =>
                $"{e.Key}: {string.Join(" ", e.Value is JsonArray messages ? messages.Select(Text) : [Text(e.Value)])}")));
        }

        // "One or more validation errors occurred.: status: ..." reads badly: a part's full stop yields to the colon.
        var reason = parts.Count > 0
            ? string.Join(": ", parts.Select((p, i) => i < parts.Count - 1 ? p.TrimEnd('.') : p))
            : reasonPhrase ?? status.ToString();
        return OneLine($"{reason} (HTTP {code})");
    }

    /// <summary>Newlines and tabs from the server become spaces, so the reason stays one line.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static JsonObject? TryParseObject(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length > 0 ? text : null,
        _ => node.ToJsonString(),
    };
}
