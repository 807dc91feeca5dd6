namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>One point of the auto-route curve: at this confidence threshold, the share of tickets routed without a human and their category accuracy.</summary>
/// <param name="Threshold">Tickets at or above it route on their own.</param>
/// <param name="Coverage">The share of tickets at or above the threshold.</param>
/// <param name="Accuracy">The category accuracy of those tickets (0 when none).</param>
public sealed record AutoRoutePoint(double Threshold, double Coverage, double Accuracy);
