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
    double P2Weight,
    double P4Weight,
    double OutOfFoldPriorityAccuracy,
    double OutOfFoldP1Recall,
    double Accuracy,
    double MacroF1,
    double PriorityAccuracy,
    IReadOnlyList<LocalCategoryMetrics> PerPriority,
    double SentimentAccuracy,
    double FastAccuracy,
    double FastPriorityAccuracy,
    double FastP1Recall,
    IReadOnlyList<LocalCategoryMetrics> FastPerPriority,
    double FastMacroF1,
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
        md.AppendLine(CultureInfo.InvariantCulture, $"| category macro-F1 | {F(FastMacroF1)} | {F(MacroF1)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| priority accuracy | {F(FastPriorityAccuracy)} | {F(PriorityAccuracy)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| P1 recall | {F(FastP1Recall)} | {F(P1Recall)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| sentiment accuracy | | {F(SentimentAccuracy)} | |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Semantic model: temperature {Temperature:0.000} (fitted on a validation split of the training tickets); priority decision P1 at P(P1) >= {P1Threshold:0.000}, else the largest of P2 x {P2Weight:0.00}, P3, P4 x {P4Weight:0.00} (fitted on 5-fold out-of-fold scores of the training tickets, where it scored accuracy {OutOfFoldPriorityAccuracy:0.000} and P1 recall {OutOfFoldP1Recall:0.000}). Cascade: the fast model answers when its confidence is at least {CascadeFastThreshold:0.00}, else the semantic model ({CascadeSemanticShare:P0} of tickets).");
        md.AppendLine();
        md.AppendLine("| priority | support | semantic: precision | semantic: recall | semantic: F1 | fast: precision | fast: recall |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (p, f) in PerPriority.Zip(FastPerPriority))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {p.Label} | {p.Support} | {F(p.Precision)} | {F(p.Recall)} | {F(p.F1)} | {F(f.Precision)} | {F(f.Recall)} |");
        }

        md.AppendLine();
        var semanticAt95 = BestCoverageAt(SemanticCurve, 0.95);
        var cascadeAt95 = BestCoverageAt(CascadeCurve, 0.95);
        md.AppendLine(CultureInfo.InvariantCulture, $"Largest share routed at an auto-routed category accuracy of at least 0.95: semantic {(semanticAt95 is null ? "none" : $"{F(semanticAt95.Coverage)} at threshold {semanticAt95.Threshold:0.00} (accuracy {F(semanticAt95.Accuracy)})")}; cascade {(cascadeAt95 is null ? "none" : $"{F(cascadeAt95.Coverage)} at threshold {cascadeAt95.Threshold:0.00} (accuracy {F(cascadeAt95.Accuracy)})")}.");
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
