using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewDesk.Engine.Definitions;

/// <summary>The JSON format of definitions: camelCase, enums as strings, durations as <c>hh:mm:ss</c>.</summary>
public static class DefinitionJson
{
    /// <summary>Serializer options for definitions and runtime JSON columns.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>Reads a definition; throws <see cref="DefinitionFormatException"/> with the reason when the JSON is not a definition.</summary>
    public static WorkflowDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new DefinitionFormatException("the JSON is null");
        }
        catch (JsonException ex)
        {
            throw new DefinitionFormatException(ex.Message, ex);
        }
    }

    /// <summary>Writes a definition, indented for people when <paramref name="indented"/>.</summary>
    public static string Serialize(WorkflowDefinition definition, bool indented = false) =>
        JsonSerializer.Serialize(definition, indented ? Indented : Options);
}

/// <summary>The text is not a valid definition document.</summary>
public sealed class DefinitionFormatException(string message, Exception? inner = null)
    : Exception($"Invalid workflow definition JSON: {message}", inner);
