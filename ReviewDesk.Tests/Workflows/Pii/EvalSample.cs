using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewDesk.Tests.Workflows.Pii;

/// <summary>One labelled text of TestData/Pii/pii-eval.jsonl.</summary>
public sealed record EvalSample(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("entities")] IReadOnlyList<EvalEntity> Entities)
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "TestData", "Pii", "pii-eval.jsonl");

    public static IReadOnlyList<EvalSample> LoadAll() =>
        File.ReadLines(FilePath)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<EvalSample>(line)
                ?? throw new InvalidDataException("Empty eval line."))
            .ToList();
}

/// <summary>A labelled span: type and UTF-16 offsets, end exclusive.</summary>
public sealed record EvalEntity(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End);
