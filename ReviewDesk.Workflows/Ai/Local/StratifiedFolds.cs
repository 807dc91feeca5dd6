namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>A deterministic stratified k-fold assignment, for out-of-fold scores inside a training set.</summary>
internal static class StratifiedFolds
{
    /// <summary>
    /// The fold (0 to <paramref name="folds"/> − 1) of each item: each stratum (in ordinal key order)
    /// is shuffled by Fisher–Yates with one <see cref="Random"/> seeded by <paramref name="seed"/>,
    /// and its items are dealt to the folds in turn, so every fold holds a near-equal share of it.
    /// </summary>
    public static int[] Assign<T>(IReadOnlyList<T> items, Func<T, string> stratum, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stratum);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var fold = new int[items.Count];
        foreach (var indexes in StratifiedSplit.ShuffledStrata(items, stratum, random))
        {
            for (var i = 0; i < indexes.Length; i++)
            {
                fold[indexes[i]] = i % folds;
            }
        }

        return fold;
    }
}
