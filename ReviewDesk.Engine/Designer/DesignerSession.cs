using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

/// <summary>
/// One admin's editing of one definition: the document, the operations the designer's canvas and
/// property panel call (add, connect, move, delete, set a setting, auto-layout), undo and redo, and
/// live validation with the runtime's own validator. Every operation replaces the immutable
/// <see cref="Definition"/>, so undo is a stack of earlier documents. Not thread-safe: one circuit owns it.
/// </summary>
public sealed partial class DesignerSession
{
    private readonly Stack<WorkflowDefinition> _undo = new();
    private readonly Stack<WorkflowDefinition> _redo = new();
    private readonly DefinitionValidator _validator;
    private readonly RetryPolicy _defaultRetry;
    private string _savedJson;

    /// <summary>Starts editing <paramref name="definition"/>, taken as saved.</summary>
    public DesignerSession(WorkflowDefinition definition, ActivityRegistry registry, DefinitionValidator validator, RetryPolicy defaultRetry)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _defaultRetry = defaultRetry ?? throw new ArgumentNullException(nameof(defaultRetry));
        Definition = definition;
        _savedJson = DefinitionJson.Serialize(definition);
        Errors = _validator.Validate(definition);
    }

    /// <summary>Raised after every change of the document (an operation, undo, redo, a save).</summary>
    public event Action? Changed;

    /// <summary>The activity types the toolbox offers.</summary>
    public ActivityRegistry Registry { get; }

    /// <summary>The document as it is now.</summary>
    public WorkflowDefinition Definition { get; private set; }

    /// <summary>Grows with every change; a canvas redraws when it differs from what it drew.</summary>
    public int Revision { get; private set; }

    /// <summary>The validator's findings for the current document (what publishing would refuse).</summary>
    public IReadOnlyList<ValidationError> Errors { get; private set; }

    /// <summary>The node whose properties the panel shows; null shows the definition's own.</summary>
    public string? SelectedNodeId { get; private set; }

    /// <summary>Whether the document differs from the last saved one.</summary>
    public bool IsDirty => DefinitionJson.Serialize(Definition) != _savedJson;

    /// <summary>Whether there is a change to undo.</summary>
    public bool CanUndo => _undo.Count > 0;

    /// <summary>Whether there is an undone change to redo.</summary>
    public bool CanRedo => _redo.Count > 0;

    /// <summary>The validation errors of one node.</summary>
    public IReadOnlyList<ValidationError> ErrorsFor(string nodeId) => [.. Errors.Where(e => e.NodeId == nodeId)];

    /// <summary>Errors that belong to no single node (name, start node, variant rule).</summary>
    public IReadOnlyList<ValidationError> DefinitionErrors => [.. Errors.Where(e => e.NodeId is null || Definition.FindNode(e.NodeId) is null)];

    /// <summary>The descriptor of a node's activity type, null for an unknown type.</summary>
    public ActivityDescriptor? DescriptorOf(WorkflowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Registry.TryGet(node.Type, out var registration) ? registration.Descriptor : null;
    }

    /// <summary>The outcomes a node can be connected by (its ports): the activity's, and <c>Failed</c> (attempts used up).</summary>
    public IReadOnlyList<string> OutcomesOf(WorkflowNode node)
    {
        var outcomes = DescriptorOf(node)?.Outcomes ?? [Outcomes.Done];
        return outcomes.Contains(Outcomes.Failed, StringComparer.Ordinal) ? outcomes : [.. outcomes, Outcomes.Failed];
    }

    /// <summary>Selects a node for the property panel (null: the definition); not an undoable change.</summary>
    public void Select(string? nodeId)
    {
        SelectedNodeId = nodeId is not null && Definition.FindNode(nodeId) is not null ? nodeId : null;
        Changed?.Invoke();
    }

    /// <summary>Undoes the last change.</summary>
    public bool Undo()
    {
        if (!_undo.TryPop(out var previous)) return false;
        _redo.Push(Definition);
        Replace(previous);
        return true;
    }

    /// <summary>Redoes the last undone change.</summary>
    public bool Redo()
    {
        if (!_redo.TryPop(out var next)) return false;
        _undo.Push(Definition);
        Replace(next);
        return true;
    }

    /// <summary>Runs the validator again (the document is validated after every change anyway).</summary>
    public IReadOnlyList<ValidationError> Validate() => Errors = _validator.Validate(Definition);

    /// <summary>Records that <paramref name="saved"/> (the document as stored, with its version) is now the saved state.</summary>
    public void MarkSaved(WorkflowDefinition saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.Version != Definition.Version) Definition = Definition with { Version = saved.Version };
        _savedJson = DefinitionJson.Serialize(Definition);
        Revision++;
        Changed?.Invoke();
    }

    /// <summary>Replaces the whole document as one undoable change (a revert, an import into the editor).</summary>
    public void Load(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Apply(definition with { Id = Definition.Id, Version = Definition.Version });
    }

    private bool Apply(WorkflowDefinition next)
    {
        if (DefinitionJson.Serialize(next) == DefinitionJson.Serialize(Definition)) return false;
        _undo.Push(Definition);
        _redo.Clear();
        Replace(next);
        return true;
    }

    private void Replace(WorkflowDefinition next)
    {
        Definition = next;
        if (SelectedNodeId is not null && next.FindNode(SelectedNodeId) is null) SelectedNodeId = null;
        Errors = _validator.Validate(next);
        Revision++;
        Changed?.Invoke();
    }

    private WorkflowNode RequireNode(string nodeId) =>
        Definition.FindNode(nodeId) ?? throw new ArgumentException($"no node '{nodeId}' in {Definition.Id}", nameof(nodeId));

    private bool ReplaceNode(WorkflowNode updated) =>
        Apply(Definition with { Nodes = [.. Definition.Nodes.Select(n => n.Id == updated.Id ? updated : n)] });
}
