using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewDesk.Tests.Workflows.Pii;

/// <summary>One line of TestData/Pii/presidio-vectors.jsonl: a test case taken from Presidio's own tests.</summary>
public sealed record PresidioVector(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("spans")] IReadOnlyList<int[]>? Spans)
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "TestData", "Pii", "presidio-vectors.jsonl");

    public static IReadOnlyList<PresidioVector> LoadAll() =>
        File.ReadLines(FilePath)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<PresidioVector>(line)
                ?? throw new InvalidDataException("Empty vector line."))
            .ToList();
}
