namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>A Decide node of a published workflow variant and its confidence threshold (tickets at or above it route without a human, unless another rule sends them to review).</summary>
/// <param name="DefinitionId">The variant, e.g. <c>support-triage</c>.</param>
/// <param name="Version">Its published version.</param>
/// <param name="NodeId">The Decide node.</param>
/// <param name="Threshold">Its threshold.</param>
public sealed record VariantThreshold(string DefinitionId, int Version, string NodeId, double Threshold);
