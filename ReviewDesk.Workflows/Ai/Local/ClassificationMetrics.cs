namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>Accuracy, per-class precision/recall/F1 and macro-F1 of label predictions.</summary>
internal static class ClassificationMetrics
{
    /// <summary>The share of predictions equal to the gold label.</summary>
    public static double Accuracy(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        return gold.Count == 0 ? 0 : gold.Zip(predicted).Count(p => p.First == p.Second) / (double)gold.Count;
    }

    /// <summary>Precision, recall, F1 and support of each label, in the order of <paramref name="labels"/>.</summary>
    public static IReadOnlyList<LocalCategoryMetrics> PerClass(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        var result = new List<LocalCategoryMetrics>(labels.Count);
        foreach (var label in labels)
        {
            var pairs = gold.Zip(predicted).ToList();
            var truePositives = pairs.Count(p => p.First == label && p.Second == label);
            var support = pairs.Count(p => p.First == label);
            var predictedCount = pairs.Count(p => p.Second == label);
            var precision = predictedCount == 0 ? 0 : truePositives / (double)predictedCount;
            var recall = support == 0 ? 0 : truePositives / (double)support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result.Add(new LocalCategoryMetrics(label, support, precision, recall, f1));
        }

        return result;
    }

    /// <summary>The unweighted mean F1 over the labels that occur in <paramref name="gold"/>.</summary>
    public static double MacroF1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, IReadOnlyList<string> labels)
    {
        var perClass = PerClass(gold, predicted, labels).Where(m => m.Support > 0).ToList();
        return perClass.Count == 0 ? 0 : perClass.Average(m => m.F1);
    }
}
