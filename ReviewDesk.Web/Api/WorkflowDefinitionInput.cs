using System.Text.RegularExpressions;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Web.Api;

/// <summary>
/// Checks the shape of a definition sent to the API before anything else reads it: JSON can say
/// <c>null</c> where the model has none (a list, a node, a node's type or settings), and the id
/// becomes part of URLs and file names. Returns the problems by field, and the definition with
/// absent settings made empty.
/// </summary>
public static partial class WorkflowDefinitionInput
{
    /// <summary>Longest definition id (the column's length).</summary>
    public const int MaxIdLength = 100;

    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Most nodes in one definition.</summary>
    public const int MaxNodes = 500;

    public static (WorkflowDefinition Definition, Dictionary<string, string[]> Errors) Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(definition.Id) || definition.Id.Length > MaxIdLength || !IdPattern().IsMatch(definition.Id))
        {
            errors["id"] = [$"The id must be 1 to {MaxIdLength} letters, digits, '.', '_' or '-', starting with a letter or digit."];
        }

        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > MaxNameLength) errors["name"] = [$"The name must be 1 to {MaxNameLength} characters."];
        var nodes = definition.Nodes ?? [];
        var connections = definition.Connections ?? [];
        if (nodes.Count > MaxNodes) errors["nodes"] = [$"A definition has at most {MaxNodes} nodes."];
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is null) errors[$"nodes[{i}]"] = ["A node cannot be null."];
            else if (string.IsNullOrWhiteSpace(nodes[i].Type)) errors[nodes[i].Id is { Length: > 0 } id ? id : $"nodes[{i}]"] = ["The node has no type."];
        }

        for (var i = 0; i < connections.Count; i++)
        {
            if (connections[i] is not { From: not null, To: not null, Outcome: not null }) errors[$"connections[{i}]"] = ["A connection needs from, outcome and to."];
        }

        var normalized = definition with
        {
            Nodes = [.. nodes.Where(n => n is not null).Select(n => n.Settings is null ? n with { Settings = [] } : n)],
            Connections = [.. connections.Where(c => c is not null)],
        };
        return (normalized, errors);
    }

    /// <summary>Validation errors keyed by node id, or <c>definition</c> for those of the whole definition.</summary>
    public static Dictionary<string, string[]> ByNode(IEnumerable<ValidationError> errors) =>
        errors.GroupBy(e => e.NodeId ?? "definition", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}
