using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Components.Admin;

/// <summary>
/// An audit entry's detail as a person reads it: <c>name: value</c> pairs, text without quotes, nested values as
/// JSON that keeps <c>+</c> and accents as they are (the default encoder writes <c>\u002B00:00</c>).
/// </summary>
public static class AuditDetailText
{
    // Safe here: the text goes into the page through Razor, which HTML-encodes it.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(JsonObject detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return string.Join("; ", detail.Where(p => p.Value is not null).Select(p => $"{p.Key}: {Value(p.Value!)}"));
    }

    private static string Value(JsonNode value) =>
        value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value.ToJsonString(Readable);
}
