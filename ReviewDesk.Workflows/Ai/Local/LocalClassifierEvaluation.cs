using System.Diagnostics;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Evaluates the local model's training recipe on a held-out split of the embedded training data:
/// 20% of the tickets, stratified by category with a fixed seed, are set aside; the recipe
/// (including its own validation split for trainer choice and temperature) runs on the other
/// 80%; the model is saved and reloaded as the cache would; and the reloaded model classifies
/// the held-out tickets. The split and the training are deterministic, so the figures are
/// exactly reproducible on a given machine.
/// </summary>
public static class LocalClassifierEvaluation
{
    /// <summary>The share of tickets held out.</summary>
    public const double HeldOutFraction = 0.2;

    /// <summary>The seed of the held-out split (distinct from the recipe's own validation split).</summary>
    public const int SplitSeed = 42;

    private static readonly double[] BucketEdges = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    /// <summary>Runs the evaluation on the embedded training data (a few seconds on two cores).</summary>
    public static LocalEvaluationReport Run() => Run(TrainingTicketSet.LoadEmbedded());

    internal static LocalEvaluationReport Run(TrainingTicketSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (train, heldOut) = StratifiedSplit.Split(data.Tickets, t => t.Category, HeldOutFraction, SplitSeed);

        var stopwatch = Stopwatch.StartNew();
        using var trained = LocalModelTrainer.Train(train, data.Sha256);
        var trainTime = stopwatch.Elapsed;

        using var saved = new MemoryStream();
        trained.Save(saved);
        saved.Position = 0;
        stopwatch.Restart();
        using var model = LocalModel.Load(saved, trained.Metadata);
        var loadTime = stopwatch.Elapsed;

        // Warm the engine pool so the latency below is the steady state, not the first JIT.
        model.Predict(heldOut[0].ToTicketText());
        var predictions = new List<LocalPrediction>(heldOut.Count);
        stopwatch.Restart();
        foreach (var ticket in heldOut)
        {
            predictions.Add(model.Predict(ticket.ToTicketText()));
        }

        var meanPredictionTime = stopwatch.Elapsed / heldOut.Count;
        var reloadedAgrees = heldOut.Zip(predictions).All(p => SameLabels(trained.Predict(p.First.ToTicketText()), p.Second));

        var goldCategory = heldOut.Select(t => t.Category).ToList();
        var predictedCategory = predictions.Select(p => p.Category).ToList();
        var correct = goldCategory.Zip(predictedCategory, (g, p) => g == p).ToList();
        var goldPriority = heldOut.Select(t => t.Priority).ToList();
        var predictedPriority = predictions.Select(p => p.Priority).ToList();
        var goldSentiment = heldOut.Select(t => t.Sentiment).ToList();
        var predictedSentiment = predictions.Select(p => p.Sentiment).ToList();
        var languageGold = data.Tickets.Select(t => t.Language).ToList();
        var languagePredicted = data.Tickets.Select(t => StopWordLanguageDetector.Detect(t.Subject + "\n" + t.Body)).ToList();

        var before = Buckets(predictions.Select(p => p.RawConfidence).ToList(), correct);
        var after = Buckets(predictions.Select(p => p.Confidence).ToList(), correct);
        return new LocalEvaluationReport(
            TrainTickets: train.Count,
            HeldOutTickets: heldOut.Count,
            Model: trained.Metadata.ModelName,
            CandidateMacroF1: trained.Metadata.CandidateMacroF1,
            Temperature: trained.Metadata.Temperature,
            Accuracy: ClassificationMetrics.Accuracy(goldCategory, predictedCategory),
            MacroF1: ClassificationMetrics.MacroF1(goldCategory, predictedCategory, TicketLabels.Categories),
            PerCategory: ClassificationMetrics.PerClass(goldCategory, predictedCategory, TicketLabels.Categories),
            PriorityAccuracy: ClassificationMetrics.Accuracy(goldPriority, predictedPriority),
            PerPriority: ClassificationMetrics.PerClass(goldPriority, predictedPriority, TicketLabels.Priorities),
            SentimentAccuracy: ClassificationMetrics.Accuracy(goldSentiment, predictedSentiment),
            PerSentiment: ClassificationMetrics.PerClass(goldSentiment, predictedSentiment, TicketLabels.Sentiments),
            LanguageTickets: data.Tickets.Count,
            LanguageAccuracy: ClassificationMetrics.Accuracy(languageGold, languagePredicted),
            CalibrationBefore: before,
            EceBefore: ExpectedCalibrationError(before),
            CalibrationAfter: after,
            EceAfter: ExpectedCalibrationError(after),
            ReloadedModelAgrees: reloadedAgrees,
            TrainTime: trainTime,
            LoadTime: loadTime,
            MeanPredictionTime: meanPredictionTime);
    }

    private static bool SameLabels(LocalPrediction a, LocalPrediction b) =>
        a.Category == b.Category && a.Priority == b.Priority && a.Sentiment == b.Sentiment
        && Math.Abs(a.Confidence - b.Confidence) < 1e-9 && a.CueWords.SequenceEqual(b.CueWords);

    private static List<LocalCalibrationBucket> Buckets(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        var buckets = new List<LocalCalibrationBucket>();
        for (var b = 0; b < BucketEdges.Length - 1; b++)
        {
            var (lower, upper) = (BucketEdges[b], BucketEdges[b + 1]);
            var members = Enumerable.Range(0, confidence.Count)
                .Where(i => confidence[i] >= lower && (confidence[i] < upper || (upper >= 1.0 && confidence[i] <= 1.0)))
                .ToList();
            buckets.Add(new LocalCalibrationBucket(
                lower,
                upper,
                members.Count,
                members.Count == 0 ? 0 : members.Average(i => confidence[i]),
                members.Count == 0 ? 0 : members.Count(i => correct[i]) / (double)members.Count));
        }

        return buckets;
    }

    private static double ExpectedCalibrationError(IReadOnlyList<LocalCalibrationBucket> buckets)
    {
        var total = buckets.Sum(b => b.Count);
        return total == 0 ? 0 : buckets.Sum(b => b.Count * Math.Abs(b.MeanConfidence - b.Accuracy)) / total;
    }
}
