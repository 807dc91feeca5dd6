namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>A deterministic stratified hold-out split.</summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// Splits <paramref name="items"/> so that each stratum (in ordinal key order) gives
    /// round(<paramref name="holdOutFraction"/> × its size) items to the hold-out part, chosen by a
    /// Fisher–Yates shuffle seeded with <paramref name="seed"/>. Both parts keep the input order.
    /// </summary>
    public static (IReadOnlyList<T> Kept, IReadOnlyList<T> HeldOut) Split<T>(
        IReadOnlyList<T> items, Func<T, string> stratum, double holdOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stratum);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdOutFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(holdOutFraction, 1.0);

        // System.Random with a seed is a fixed, documented-stable algorithm: the split never drifts.
        var random = new Random(seed);
        var heldOut = new bool[items.Count];
        foreach (var indexes in ShuffledStrata(items, stratum, random))
        {
            var count = (int)Math.Round(indexes.Length * holdOutFraction, MidpointRounding.AwayFromZero);
            foreach (var index in indexes.Take(count))
            {
                heldOut[index] = true;
            }
        }

        var kept = new List<T>(items.Count);
        var held = new List<T>();
        for (var i = 0; i < items.Count; i++)
        {
            (heldOut[i] ? held : kept).Add(items[i]);
        }

        return (kept, held);
    }

    /// <summary>
    /// The indexes of <paramref name="items"/> grouped by stratum, strata in ordinal key order, each group shuffled by
    /// Fisher–Yates with <paramref name="random"/> (one group at a time, as it is enumerated). The split and
    /// <see cref="StratifiedFolds"/> deal from these.
    /// </summary>
    internal static IEnumerable<int[]> ShuffledStrata<T>(IReadOnlyList<T> items, Func<T, string> stratum, Random random)
    {
        var strata = Enumerable.Range(0, items.Count)
            .GroupBy(i => stratum(items[i]), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in strata)
        {
            var indexes = group.ToArray();
            for (var i = indexes.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
            }

            yield return indexes;
        }
    }
}
