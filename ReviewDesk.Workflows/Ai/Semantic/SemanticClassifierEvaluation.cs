using System.Diagnostics;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// Evaluates the semantic recipe, the fast TF-IDF recipe and their cascade on the local model's
/// held-out split (<see cref="LocalClassifierEvaluation.HeldOutFraction"/>, seed
/// <see cref="LocalClassifierEvaluation.SplitSeed"/>). Nothing is tuned on the held-out tickets:
/// the temperature comes from a validation split inside the training part, the priority decision
/// from out-of-fold scores of the training part, and
/// the cascade's hand-over threshold is a constant.
/// </summary>
public static class SemanticClassifierEvaluation
{
    /// <summary>The fast model's confidence under which the cascade asks the semantic model.</summary>
    public const double CascadeFastThreshold = 0.9;

    /// <summary>Runs the evaluation on the embedded training data (about a minute on two cores).</summary>
    public static SemanticEvaluationReport Run() => Run(TrainingTicketSet.LoadEmbedded());

    internal static SemanticEvaluationReport Run(TrainingTicketSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (train, heldOut) = StratifiedSplit.Split(data.Tickets, t => t.Category, LocalClassifierEvaluation.HeldOutFraction, LocalClassifierEvaluation.SplitSeed);
        using var encoder = new MiniLmEncoder(intraOpThreads: 1, precision: SemanticModelTrainer.EncoderPrecision);

        var stopwatch = Stopwatch.StartNew();
        var trainRows = train.Select(t => SemanticModelInput.From(t, encoder, CancellationToken.None)).ToList();
        var embeddingsPerSecond = trainRows.Count / stopwatch.Elapsed.TotalSeconds;
        using var semantic = SemanticModelTrainer.Train(trainRows, data.Sha256);
        var trainTime = stopwatch.Elapsed;
        using var fast = LocalModelTrainer.Train(train, data.Sha256);

        var semanticPredictions = heldOut.Select(t => semantic.Predict(SemanticModelInput.From(t, encoder, CancellationToken.None))).ToList();
        var fastPredictions = heldOut.Select(t => fast.Predict(t.ToTicketText())).ToList();
        var cascade = fastPredictions.Zip(semanticPredictions, (f, s) => f.Confidence >= CascadeFastThreshold ? f : s).ToList();

        var goldCategory = heldOut.Select(t => t.Category).ToList();
        var goldPriority = heldOut.Select(t => t.Priority).ToList();
        var semanticCategory = semanticPredictions.Select(p => p.Category).ToList();
        var semanticPriority = semanticPredictions.Select(p => p.Priority).ToList();
        var fastPriority = fastPredictions.Select(p => p.Priority).ToList();
        return new SemanticEvaluationReport(
            TrainTickets: train.Count,
            HeldOutTickets: heldOut.Count,
            Temperature: semantic.Metadata.Temperature,
            P1Threshold: semantic.Metadata.P1Threshold,
            P2Weight: semantic.Metadata.P2Weight,
            P4Weight: semantic.Metadata.P4Weight,
            OutOfFoldPriorityAccuracy: semantic.Metadata.OutOfFoldPriorityAccuracy,
            OutOfFoldP1Recall: semantic.Metadata.OutOfFoldP1Recall,
            Accuracy: ClassificationMetrics.Accuracy(goldCategory, semanticCategory),
            MacroF1: ClassificationMetrics.MacroF1(goldCategory, semanticCategory, TicketLabels.Categories),
            PriorityAccuracy: ClassificationMetrics.Accuracy(goldPriority, semanticPriority),
            PerPriority: ClassificationMetrics.PerClass(goldPriority, semanticPriority, TicketLabels.Priorities),
            SentimentAccuracy: ClassificationMetrics.Accuracy(heldOut.Select(t => t.Sentiment).ToList(), semanticPredictions.Select(p => p.Sentiment).ToList()),
            FastAccuracy: ClassificationMetrics.Accuracy(goldCategory, fastPredictions.Select(p => p.Category).ToList()),
            FastPriorityAccuracy: ClassificationMetrics.Accuracy(goldPriority, fastPriority),
            FastP1Recall: ClassificationMetrics.PerClass(goldPriority, fastPriority, ["P1"])[0].Recall,
            FastPerPriority: ClassificationMetrics.PerClass(goldPriority, fastPriority, TicketLabels.Priorities),
            FastMacroF1: ClassificationMetrics.MacroF1(goldCategory, fastPredictions.Select(p => p.Category).ToList(), TicketLabels.Categories),
            CascadeFastThreshold: CascadeFastThreshold,
            CascadeAccuracy: ClassificationMetrics.Accuracy(goldCategory, cascade.Select(p => p.Category).ToList()),
            CascadeSemanticShare: fastPredictions.Count(p => p.Confidence < CascadeFastThreshold) / (double)heldOut.Count,
            SemanticCurve: Curve(semanticPredictions, goldCategory),
            CascadeCurve: Curve(cascade, goldCategory),
            EmbeddingsPerSecond: embeddingsPerSecond,
            TrainTime: trainTime);
    }

    /// <summary>The auto-route curve of <paramref name="predictions"/> against <paramref name="gold"/>.</summary>
    internal static IReadOnlyList<AutoRoutePoint> Curve(IReadOnlyList<LocalPrediction> predictions, IReadOnlyList<string> gold) =>
        ClassifierEvaluation.Curve(predictions.Select(p => p.Confidence).ToList(), predictions.Select((p, i) => p.Category == gold[i]).ToList());
}
