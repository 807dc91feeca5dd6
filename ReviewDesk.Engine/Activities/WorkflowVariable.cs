using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewDesk.Engine.Activities;

/// <summary>
/// A typed name for an instance variable: activities read and write it as a record with
/// <see cref="ActivityContext.Get{T}"/> and <see cref="ActivityContext.Set{T}"/> instead of string keys into
/// JSON. It is stored as JSON (camelCase properties, enums as strings) in the instance's variables.
/// </summary>
/// <typeparam name="T">The variable's type.</typeparam>
/// <param name="Name">The key in the instance's variables.</param>
public sealed record WorkflowVariable<T>(string Name);

/// <summary>How typed variables, outputs and resume payloads are written as JSON.</summary>
public static class WorkflowVariable
{
    /// <summary>Web defaults (camelCase, case-insensitive reads) with enums as strings.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
