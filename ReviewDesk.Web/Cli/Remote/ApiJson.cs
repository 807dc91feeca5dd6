using System.Globalization;
using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>Reads the API's JSON answers for the readable output: texts, numbers and times as display strings.</summary>
internal static class ApiJson
{
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray array => string.Join(", ", array.Select(Text)),
        _ => node.ToJsonString(),
    };

    /// <summary>A time in UTC to the second, e.g. <c>2026-11-26 09:00:00Z</c>.</summary>
    public static string? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Text(node);

    /// <summary>A share (0 to 1) with two decimals.</summary>
    public static string? Share(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number.ToString("0.00", CultureInfo.InvariantCulture) : Text(node);

    /// <summary>The items of a page answer <c>{items, page, pageSize, total}</c>, or of a plain array.</summary>
    public static IEnumerable<JsonNode> Items(JsonNode? node) =>
        (node is JsonObject page ? page["items"] : node) is JsonArray items ? items.OfType<JsonNode>() : [];

    /// <summary>"page 2 of 5, 230 in all" under a page answer.</summary>
    public static string PageLine(JsonNode? node)
    {
        var page = node?["page"]?.GetValue<int>() ?? 1;
        var size = Math.Max(1, node?["pageSize"]?.GetValue<int>() ?? 1);
        var total = node?["total"]?.GetValue<int>() ?? 0;
        var pages = Math.Max(1, (total + size - 1) / size);
        return FormattableString.Invariant($"page {page} of {pages}, {total} in all");
    }
}
