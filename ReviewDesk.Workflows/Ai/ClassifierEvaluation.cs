using System.Globalization;
using System.Text;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// Scores classifications against gold labels: category and priority accuracy, macro-F1,
/// precision and recall per class, the calibration of the confidence (buckets and expected
/// calibration error) and the auto-route curve. The <c>evaluate</c> verb and the semantic
/// evaluation use it, so their figures mean the same.
/// </summary>
public static class ClassifierEvaluation
{
    private static readonly double[] BucketEdges = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    // 0 to 1 in steps of 0.05: the whole range a variant's threshold can be set to (0 routes everything, 1 only certainties).
    private static readonly double[] Thresholds = [.. Enumerable.Range(0, 21).Select(i => Math.Round(i * 0.05, 2))];

    /// <summary>A readable report of <paramref name="predicted"/> against <paramref name="gold"/> (same order).</summary>
    public static string Report(IReadOnlyList<(string Category, string Priority)> gold, IReadOnlyList<Classification> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count != predicted.Count || gold.Count == 0)
        {
            throw new ArgumentException("gold and predicted must be non-empty and of the same length", nameof(predicted));
        }

        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var scores = Score(gold, predicted);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"tickets: {gold.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"category accuracy: {F(scores.Accuracy)}  macro-F1: {F(scores.MacroF1)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"priority accuracy: {F(scores.PriorityAccuracy)}  macro-F1: {F(scores.PriorityMacroF1)}");
        AppendPerClass(text, "category", scores.PerCategory);
        AppendPerClass(text, "priority", scores.PerPriority);

        text.AppendLine("calibration (category confidence): bucket  tickets  mean-confidence  accuracy");
        foreach (var bucket in scores.Calibration.Where(b => b.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {bucket.Lower:0.0}-{bucket.Upper:0.0}  {bucket.Count,5}  {F(bucket.MeanConfidence)}  {F(bucket.Accuracy)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"expected calibration error: {F(scores.ExpectedCalibrationError)}");
        text.AppendLine("auto-route curve: threshold  routed-share  routed-accuracy");
        foreach (var point in scores.Curve)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {point.Threshold:0.00}  {F(point.Coverage)}  {F(point.Accuracy)}");
        }

        return text.ToString();
    }

    /// <summary>The figures of <paramref name="predicted"/> against <paramref name="gold"/> (same order, may be empty).</summary>
    public static ClassifierScores Score(IReadOnlyList<(string Category, string Priority)> gold, IReadOnlyList<Classification> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException("gold and predicted must be of the same length", nameof(predicted));
        }

        var goldCategory = gold.Select(g => g.Category).ToList();
        var goldPriority = gold.Select(g => g.Priority).ToList();
        var category = predicted.Select(p => p.Category).ToList();
        var priority = predicted.Select(p => p.Priority).ToList();
        var correct = goldCategory.Zip(category, (g, p) => g == p).ToList();
        var confidence = predicted.Select(p => p.Confidence).ToList();

        var buckets = new List<LocalCalibrationBucket>(BucketEdges.Length - 1);
        var weightedGap = 0.0;
        for (var b = 0; b < BucketEdges.Length - 1; b++)
        {
            var (lower, upper) = (BucketEdges[b], BucketEdges[b + 1]);
            var members = Enumerable.Range(0, confidence.Count).Where(i => confidence[i] >= lower && (confidence[i] < upper || upper >= 1.0)).ToList();
            var mean = members.Count == 0 ? 0 : members.Average(i => confidence[i]);
            var accuracy = members.Count == 0 ? 0 : members.Count(i => correct[i]) / (double)members.Count;
            weightedGap += members.Count * Math.Abs(mean - accuracy);
            buckets.Add(new LocalCalibrationBucket(lower, upper, members.Count, mean, accuracy));
        }

        var confusion = TicketLabels.Categories
            .Select(g => (IReadOnlyList<int>)TicketLabels.Categories.Select(p => goldCategory.Zip(category).Count(x => x.First == g && x.Second == p)).ToList())
            .ToList();
        return new ClassifierScores(
            gold.Count,
            ClassificationMetrics.Accuracy(goldCategory, category),
            ClassificationMetrics.MacroF1(goldCategory, category, TicketLabels.Categories),
            ClassificationMetrics.Accuracy(goldPriority, priority),
            ClassificationMetrics.MacroF1(goldPriority, priority, TicketLabels.Priorities),
            ClassificationMetrics.PerClass(goldCategory, category, TicketLabels.Categories),
            ClassificationMetrics.PerClass(goldPriority, priority, TicketLabels.Priorities),
            confusion,
            buckets,
            gold.Count == 0 ? 0 : weightedGap / gold.Count,
            Curve(confidence, correct));
    }

    /// <summary>For each threshold, the share of tickets at or above it and their accuracy.</summary>
    public static IReadOnlyList<AutoRoutePoint> Curve(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(correct);
        return Thresholds.Select(threshold =>
        {
            var routed = Enumerable.Range(0, confidence.Count).Where(i => confidence[i] >= threshold).ToList();
            return new AutoRoutePoint(
                threshold,
                confidence.Count == 0 ? 0 : routed.Count / (double)confidence.Count,
                routed.Count == 0 ? 0 : routed.Count(i => correct[i]) / (double)routed.Count);
        }).ToList();
    }

    private static void AppendPerClass(StringBuilder text, string what, IReadOnlyList<LocalCategoryMetrics> perClass)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{what}: label  support  precision  recall  F1");
        foreach (var m in perClass.Where(m => m.Support > 0 || m.Precision > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {m.Label,-16} {m.Support,5}  {m.Precision:0.000}  {m.Recall:0.000}  {m.F1:0.000}");
        }
    }
}
