namespace ReviewDesk.Engine.Designer;

/// <summary>One difference between two versions of a definition.</summary>
/// <param name="Kind">Added, Removed or Changed.</param>
/// <param name="NodeId">The node it concerns; null for the definition itself and its connections' start node.</param>
/// <param name="What">What changed: <c>node</c>, <c>type</c>, <c>label</c>, <c>setting threshold</c>, <c>retry</c>, <c>connection Done</c>, <c>start node</c>, <c>name</c>...</param>
/// <param name="Before">The old value as text, null when added.</param>
/// <param name="After">The new value as text, null when removed.</param>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string? NodeId, string What, string? Before, string? After);
