using System.Globalization;
using System.Text;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>The figures of one <see cref="LocalClassifierEvaluation"/> run.</summary>
/// <param name="TrainTickets">Tickets the recipe trained on (80%).</param>
/// <param name="HeldOutTickets">Held-out tickets the figures are measured on (20%).</param>
/// <param name="Model">The model name, naming the chosen category trainer.</param>
/// <param name="CandidateMacroF1">Validation macro-F1 of each candidate trainer (inside the 80%).</param>
/// <param name="Temperature">The fitted temperature of the category probabilities.</param>
/// <param name="Accuracy">Category accuracy on the held-out tickets.</param>
/// <param name="MacroF1">Category macro-F1 on the held-out tickets.</param>
/// <param name="PerCategory">Precision and recall per category.</param>
/// <param name="PriorityAccuracy">Priority accuracy on the held-out tickets.</param>
/// <param name="PerPriority">Precision and recall per priority.</param>
/// <param name="SentimentAccuracy">Sentiment accuracy on the held-out tickets.</param>
/// <param name="PerSentiment">Precision and recall per sentiment.</param>
/// <param name="LanguageTickets">Tickets the language detector was checked on (all: it is not trained).</param>
/// <param name="LanguageAccuracy">Language detection accuracy on them.</param>
/// <param name="CalibrationBefore">Confidence buckets before temperature scaling.</param>
/// <param name="EceBefore">Expected calibration error before temperature scaling.</param>
/// <param name="CalibrationAfter">Confidence buckets of the reported (scaled) confidence.</param>
/// <param name="EceAfter">Expected calibration error of the reported confidence.</param>
/// <param name="ReloadedModelAgrees">Whether the saved-and-reloaded model answers exactly as the trained one.</param>
/// <param name="TrainTime">Wall time of the recipe on the 80%.</param>
/// <param name="LoadTime">Wall time of loading the saved model.</param>
/// <param name="MeanPredictionTime">Mean time of one prediction (all three heads and the cue words).</param>
public sealed record LocalEvaluationReport(
    int TrainTickets,
    int HeldOutTickets,
    string Model,
    IReadOnlyDictionary<string, double> CandidateMacroF1,
    double Temperature,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<LocalCategoryMetrics> PerCategory,
    double PriorityAccuracy,
    IReadOnlyList<LocalCategoryMetrics> PerPriority,
    double SentimentAccuracy,
    IReadOnlyList<LocalCategoryMetrics> PerSentiment,
    int LanguageTickets,
    double LanguageAccuracy,
    IReadOnlyList<LocalCalibrationBucket> CalibrationBefore,
    double EceBefore,
    IReadOnlyList<LocalCalibrationBucket> CalibrationAfter,
    double EceAfter,
    bool ReloadedModelAgrees,
    TimeSpan TrainTime,
    TimeSpan LoadTime,
    TimeSpan MeanPredictionTime)
{
    /// <summary>The deterministic figures as Markdown (timings excluded: they vary by machine and run).</summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Held-out split: {HeldOutTickets} of {TrainTickets + HeldOutTickets} tickets (20%, stratified by category, seed {LocalClassifierEvaluation.SplitSeed}); trained on the other {TrainTickets}.");
        sb.AppendLine();
        sb.AppendLine("| figure | value |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine(inv, $"| model (category trainer chosen by validation macro-F1) | {Model} |");
        sb.AppendLine(inv, $"| validation macro-F1 of the candidates | {string.Join(", ", CandidateMacroF1.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value:0.000}"))} |");
        sb.AppendLine(inv, $"| category accuracy | {Accuracy:0.000} |");
        sb.AppendLine(inv, $"| category macro-F1 | {MacroF1:0.000} |");
        sb.AppendLine(inv, $"| priority accuracy | {PriorityAccuracy:0.000} |");
        sb.AppendLine(inv, $"| sentiment accuracy | {SentimentAccuracy:0.000} |");
        sb.AppendLine(inv, $"| language accuracy (all {LanguageTickets} tickets; the detector is not trained) | {LanguageAccuracy:0.000} |");
        sb.AppendLine(inv, $"| temperature | {Temperature:0.000} |");
        sb.AppendLine(inv, $"| expected calibration error, raw → scaled | {EceBefore:0.000} → {EceAfter:0.000} |");
        sb.AppendLine(inv, $"| saved-and-reloaded model answers identically | {(ReloadedModelAgrees ? "yes" : "NO")} |");
        AppendPerClass(sb, "Category", PerCategory);
        AppendPerClass(sb, "Priority", PerPriority);
        AppendPerClass(sb, "Sentiment", PerSentiment);

        sb.AppendLine();
        sb.AppendLine("Calibration of the category confidence (held-out tickets per confidence bucket):");
        sb.AppendLine();
        sb.AppendLine("| confidence | tickets (raw) | mean conf. (raw) | accuracy (raw) | tickets (scaled) | mean conf. (scaled) | accuracy (scaled) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (raw, scaled) in CalibrationBefore.Zip(CalibrationAfter))
        {
            sb.AppendLine(inv, $"| {raw.Lower:0.0}–{raw.Upper:0.0} | {raw.Count} | {Cell(raw.Count, raw.MeanConfidence)} | {Cell(raw.Count, raw.Accuracy)} | {scaled.Count} | {Cell(scaled.Count, scaled.MeanConfidence)} | {Cell(scaled.Count, scaled.Accuracy)} |");
        }

        return sb.ToString();
    }

    /// <summary>The machine-dependent timings, one line.</summary>
    public string TimingsLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"train (recipe on {TrainTickets} tickets) {TrainTime.TotalSeconds:0.00} s; load saved model {LoadTime.TotalMilliseconds:0} ms; one prediction {MeanPredictionTime.TotalMicroseconds:0} µs (mean of {HeldOutTickets})");

    private static string Cell(int count, double value) => count == 0 ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static void AppendPerClass(StringBuilder sb, string title, IReadOnlyList<LocalCategoryMetrics> metrics)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"| {title.ToLowerInvariant()} | support | precision | recall | F1 |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var m in metrics)
        {
            sb.AppendLine(inv, $"| {m.Label} | {m.Support} | {m.Precision:0.000} | {m.Recall:0.000} | {m.F1:0.000} |");
        }
    }
}
