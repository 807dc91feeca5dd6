using ReviewDesk.Workflows.Ai.Learning;

namespace ReviewDesk.Web.Api;

/// <summary>The local model's versions and which one classifies.</summary>
/// <param name="Active">The active version: <c>v{n}</c>, or <c>base</c> when no retrained version is active.</param>
/// <param name="Versions">Every retrained version with its held-out figures, newest first.</param>
public sealed record ModelList(string Active, IReadOnlyList<ModelVersionSummary> Versions);
