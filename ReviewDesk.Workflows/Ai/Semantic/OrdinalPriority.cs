namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The ordinal form of the semantic model's priority head: priorities are ordered (P1 most urgent), so
/// three binary heads each estimate a cumulative probability, "at least as urgent as P1", "as P2" and
/// "as P3", and the four class probabilities are their differences.
/// </summary>
internal static class OrdinalPriority
{
    /// <summary>The pipeline columns of the three cumulative probabilities, P1 first.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["PriorityAtLeastP1", "PriorityAtLeastP2", "PriorityAtLeastP3"];

    /// <summary>The class probabilities in <see cref="TicketLabels.Priorities"/> order (P1 to P4), non-negative, summing to 1.</summary>
    /// <param name="atLeastP1">P(P1).</param>
    /// <param name="atLeastP2">P(P1 or P2).</param>
    /// <param name="atLeastP3">P(P1, P2 or P3).</param>
    public static float[] ClassProbabilities(float atLeastP1, float atLeastP2, float atLeastP3)
    {
        // The heads are fitted apart, so their curves can cross; a running maximum keeps them cumulative.
        var first = Clamp(atLeastP1);
        var second = Math.Max(first, Clamp(atLeastP2));
        var third = Math.Max(second, Clamp(atLeastP3));
        return [first, second - first, third - second, 1f - third];
    }

    /// <summary>Whether <paramref name="priority"/> is at least as urgent as the priority at <paramref name="level"/> (0 = P1).</summary>
    public static bool AtLeast(string priority, int level)
    {
        for (var i = 0; i <= level && i < TicketLabels.Priorities.Count; i++)
        {
            if (TicketLabels.Priorities[i] == priority)
            {
                return true;
            }
        }

        return false;
    }

    private static float Clamp(float probability) => float.IsNaN(probability) ? 0f : Math.Clamp(probability, 0f, 1f);
}
