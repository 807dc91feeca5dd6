using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Engine.Definitions;

/// <summary>
/// Checks a definition before it is published (and as an admin edits it). Every problem names the
/// node it belongs to, so the designer can show it on that node.
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry, RetryPolicy defaultRetry)
{
    /// <summary>Validates <paramref name="definition"/>; an empty list means it can be published.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(definition.Id)) errors.Add(new(null, "the definition has no id"));
        if (string.IsNullOrWhiteSpace(definition.Name)) errors.Add(new(null, "the definition has no name"));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Nodes.Count; i++)
        {
            var node = definition.Nodes[i];
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                errors.Add(new($"#{i + 1}", $"node #{i + 1} ({node.Type}) has no id"));
                continue;
            }

            if (!ids.Add(node.Id)) errors.Add(new(node.Id, $"node '{node.Id}': the id is used by more than one node"));
            ValidateNode(node, errors);
        }

        foreach (var problem in definition.Selection?.Problems() ?? []) errors.Add(new(null, $"variant selection: {problem}"));
        ValidateConnections(definition, ids, errors);
        ValidateReachability(definition, ids, errors);
        return errors;
    }

    private void ValidateNode(WorkflowNode node, List<ValidationError> errors)
    {
        foreach (var problem in defaultRetry.With(node.Retry).Problems())
        {
            errors.Add(new(node.Id, $"node '{node.Id}': {problem}"));
        }

        if (!registry.TryGet(node.Type, out var registration))
        {
            errors.Add(new(node.Id, $"node '{node.Id}': unknown activity type '{node.Type}'"));
            return;
        }

        var descriptor = registration.Descriptor;
        foreach (var setting in descriptor.Settings)
        {
            if (setting.Check(node.Settings[setting.Name]) is { } problem) errors.Add(new(node.Id, $"node '{node.Id}': {problem}"));
        }

        foreach (var name in node.Settings.Select(p => p.Key))
        {
            if (!descriptor.Settings.Any(s => s.Name == name)) errors.Add(new(node.Id, $"node '{node.Id}': unknown setting '{name}' for {descriptor.Type}"));
        }

        foreach (var problem in descriptor.Validate?.Invoke(node.Settings) ?? [])
        {
            errors.Add(new(node.Id, $"node '{node.Id}': {problem}"));
        }
    }

    private void ValidateConnections(WorkflowDefinition definition, HashSet<string> ids, List<ValidationError> errors)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var c in definition.Connections)
        {
            if (!ids.Contains(c.From))
            {
                errors.Add(new(c.From, $"connection from '{c.From}' ({c.Outcome}) to '{c.To}': no node '{c.From}'"));
                continue;
            }

            if (!ids.Contains(c.To)) errors.Add(new(c.From, $"node '{c.From}': its '{c.Outcome}' connection goes to '{c.To}', which does not exist"));
            if (!seen.Add((c.From, c.Outcome))) errors.Add(new(c.From, $"node '{c.From}': outcome '{c.Outcome}' is connected more than once"));

            var node = definition.FindNode(c.From);
            var isKnownOutcome = node is null || !registry.TryGet(node.Type, out var registration)
                || registration.Descriptor.Outcomes.Contains(c.Outcome, StringComparer.Ordinal)
                || c.Outcome == Outcomes.Failed;
            if (!isKnownOutcome) errors.Add(new(c.From, $"node '{c.From}': {node!.Type} has no outcome '{c.Outcome}'"));
        }
    }

    private static void ValidateReachability(WorkflowDefinition definition, HashSet<string> ids, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(definition.StartNodeId))
        {
            errors.Add(new(null, "the definition has no start node"));
            return;
        }

        if (!ids.Contains(definition.StartNodeId))
        {
            errors.Add(new(definition.StartNodeId, $"the start node '{definition.StartNodeId}' does not exist"));
            return;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { definition.StartNodeId };
        var pending = new Queue<string>([definition.StartNodeId]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var next in definition.Connections.Where(c => c.From == current).Select(c => c.To))
            {
                if (ids.Contains(next) && reached.Add(next)) pending.Enqueue(next);
            }
        }

        foreach (var id in ids.Where(id => !reached.Contains(id)))
        {
            errors.Add(new(id, $"node '{id}' cannot be reached from the start node"));
        }
    }
}

/// <summary>One validation problem.</summary>
/// <param name="NodeId">The node it concerns, or null for the definition as a whole.</param>
/// <param name="Message">A sentence that names the node.</param>
public sealed record ValidationError(string? NodeId, string Message);
