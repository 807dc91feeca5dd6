namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>Held-out figures of one label.</summary>
/// <param name="Label">The label, e.g. <c>billing</c>.</param>
/// <param name="Support">How many held-out tickets carry it.</param>
/// <param name="Precision">Share of the tickets predicted as it that carry it.</param>
/// <param name="Recall">Share of the tickets that carry it that were predicted as it.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
public sealed record LocalCategoryMetrics(string Label, int Support, double Precision, double Recall, double F1);
