using System.Globalization;
using System.Text;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>Figures of <see cref="SemanticClassifierEvaluation"/> on the held-out split.</summary>
public sealed record SemanticEvaluationReport(
    int TrainTickets,
    int HeldOutTickets,
    double Temperature,
    double P1Threshold,
    double Accuracy,
    double MacroF1,
    double PriorityAccuracy,
    IReadOnlyList<LocalCategoryMetrics> PerPriority,
    double SentimentAccuracy,
    double FastAccuracy,
    double FastPriorityAccuracy,
    double FastP1Recall,
    double CascadeFastThreshold,
    double CascadeAccuracy,
    double CascadeSemanticShare,
    IReadOnlyList<AutoRoutePoint> SemanticCurve,
    IReadOnlyList<AutoRoutePoint> CascadeCurve,
    double EmbeddingsPerSecond,
    TimeSpan TrainTime)
{
    /// <summary>The P1 recall on the held-out split.</summary>
    public double P1Recall => PerPriority.First(p => p.Label == "P1").Recall;

    /// <summary>The largest coverage of <paramref name="curve"/> whose accuracy reaches <paramref name="accuracy"/>.</summary>
    public static AutoRoutePoint? BestCoverageAt(IReadOnlyList<AutoRoutePoint> curve, double accuracy) =>
        curve.Where(p => p.Coverage > 0 && p.Accuracy >= accuracy).MaxBy(p => p.Coverage);

    /// <summary>A Markdown summary.</summary>
    public string ToMarkdown()
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Held-out split: {HeldOutTickets} tickets (the local model's split: 20%, stratified, seed 42); trained on the other {TrainTickets}.");
        md.AppendLine();
        md.AppendLine("| figure | TF-IDF model (fast) | semantic model | cascade |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| category accuracy | {F(FastAccuracy)} | {F(Accuracy)} | {F(CascadeAccuracy)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| category macro-F1 | | {F(MacroF1)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| priority accuracy | {F(FastPriorityAccuracy)} | {F(PriorityAccuracy)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| P1 recall | {F(FastP1Recall)} | {F(P1Recall)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| sentiment accuracy | | {F(SentimentAccuracy)} | |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Semantic model: temperature {Temperature:0.000}, P1 threshold {P1Threshold:0.00} (both fitted on a validation split of the training tickets). Cascade: the fast model answers when its confidence is at least {CascadeFastThreshold:0.00}, else the semantic model ({CascadeSemanticShare:P0} of tickets).");
        md.AppendLine();
        md.AppendLine("| priority | support | precision | recall | F1 |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var p in PerPriority)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {p.Label} | {p.Support} | {F(p.Precision)} | {F(p.Recall)} | {F(p.F1)} |");
        }

        md.AppendLine();
        md.AppendLine("Auto-route curve (held-out; tickets at or above the confidence route without a human):");
        md.AppendLine();
        md.AppendLine("| threshold | semantic: routed | semantic: accuracy | cascade: routed | cascade: accuracy |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var (s, c) in SemanticCurve.Zip(CascadeCurve))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Threshold:0.00} | {F(s.Coverage)} | {F(s.Accuracy)} | {F(c.Coverage)} | {F(c.Accuracy)} |");
        }

        return md.ToString();
    }
}
