using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>A retrained version loaded from the database.</summary>
/// <param name="Version">Its name, <c>v{n}</c>.</param>
/// <param name="ModelName">The model name classifications report.</param>
/// <param name="Model">The loaded model (thread-safe).</param>
internal sealed record ActiveModel(string Version, string ModelName, LocalModel Model);
