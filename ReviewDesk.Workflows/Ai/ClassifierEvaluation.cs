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
    private static readonly double[] Thresholds = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

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
        var goldCategory = gold.Select(g => g.Category).ToList();
        var goldPriority = gold.Select(g => g.Priority).ToList();
        var category = predicted.Select(p => p.Category).ToList();
        var priority = predicted.Select(p => p.Priority).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"tickets: {gold.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"category accuracy: {F(ClassificationMetrics.Accuracy(goldCategory, category))}  macro-F1: {F(ClassificationMetrics.MacroF1(goldCategory, category, TicketLabels.Categories))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"priority accuracy: {F(ClassificationMetrics.Accuracy(goldPriority, priority))}  macro-F1: {F(ClassificationMetrics.MacroF1(goldPriority, priority, TicketLabels.Priorities))}");
        AppendPerClass(text, "category", ClassificationMetrics.PerClass(goldCategory, category, TicketLabels.Categories));
        AppendPerClass(text, "priority", ClassificationMetrics.PerClass(goldPriority, priority, TicketLabels.Priorities));

        var correct = goldCategory.Zip(category, (g, p) => g == p).ToList();
        var confidence = predicted.Select(p => p.Confidence).ToList();
        text.AppendLine("calibration (category confidence): bucket  tickets  mean-confidence  accuracy");
        var weightedGap = 0.0;
        for (var b = 0; b < BucketEdges.Length - 1; b++)
        {
            var (lower, upper) = (BucketEdges[b], BucketEdges[b + 1]);
            var members = Enumerable.Range(0, confidence.Count).Where(i => confidence[i] >= lower && (confidence[i] < upper || upper >= 1.0)).ToList();
            if (members.Count == 0) continue;
            var mean = members.Average(i => confidence[i]);
            var accuracy = members.Count(i => correct[i]) / (double)members.Count;
            weightedGap += members.Count * Math.Abs(mean - accuracy);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {lower:0.0}-{upper:0.0}  {members.Count,5}  {F(mean)}  {F(accuracy)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"expected calibration error: {F(weightedGap / gold.Count)}");
        text.AppendLine("auto-route curve: threshold  routed-share  routed-accuracy");
        foreach (var point in Curve(confidence, correct))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {point.Threshold:0.00}  {F(point.Coverage)}  {F(point.Accuracy)}");
        }

        return text.ToString();
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
