using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Cli;

/// <summary>
/// Reads JSON lines, transforms each, writes the results. A malformed line is reported with its
/// number and reason and skipped; the good lines are still written. Counts and timing go to stderr.
/// </summary>
internal static class JsonLinesTransform
{
    public static async Task<int> RunAsync(
        string verb, string? inputPath, string? outputPath, TextWriter error, Func<JsonObject, Task<JsonObject>> transform)
    {
        if (inputPath is null || outputPath is null)
        {
            await error.WriteLineAsync($"{verb}: --input and --output are required (see --help)");
            return 2;
        }

        if (!File.Exists(inputPath))
        {
            await error.WriteLineAsync($"{verb}: input file '{inputPath}' does not exist");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        int good = 0, bad = 0, number = 0;
        await using (var writer = new StreamWriter(outputPath))
        {
            foreach (var line in await File.ReadAllLinesAsync(inputPath))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    var item = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("the line is not a JSON object");
                    await writer.WriteLineAsync((await transform(item)).ToJsonString());
                    good++;
                }
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
                {
                    bad++;
                    await error.WriteLineAsync($"{verb}: line {number}: {ex.Message}");
                }
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await error.WriteLineAsync($"{verb}: {good} lines written, {bad} rejected, {seconds:0.000} s ({(good > 0 ? seconds * 1000 / good : 0):0.00} ms per line)");
        return bad > 0 ? 1 : 0;
    }

    /// <summary>Reads a required string property, or throws a <see cref="FormatException"/> naming it.</summary>
    public static string RequiredString(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new FormatException($"\"{name}\" is missing or not a string");

    /// <summary>The line's id: a string or number property <c>id</c>.</summary>
    public static JsonNode RequiredId(JsonObject item) =>
        item["id"] is JsonValue id && (id.TryGetValue<string>(out _) || id.GetValueKind() == JsonValueKind.Number)
            ? id.DeepClone()
            : throw new FormatException("\"id\" is missing or not a string or number");
}
