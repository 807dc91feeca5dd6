using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

/// <summary>One version of a definition with the number of workflow instances started on it.</summary>
/// <param name="Info">The version's metadata.</param>
/// <param name="Instances">Instances started on it (any status).</param>
public sealed record DefinitionVersionSummary(DefinitionVersionInfo Info, int Instances);
