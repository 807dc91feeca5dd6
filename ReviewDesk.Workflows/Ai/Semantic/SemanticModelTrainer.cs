using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The training recipe of the semantic model. Category and sentiment read the local model's TF-IDF
/// text features, the 384-number MiniLM embedding and the <see cref="ImpactCues"/>, concatenated
/// (category: LbfgsMaximumEntropy; sentiment: SdcaMaximumEntropy); a second category head
/// (LbfgsMaximumEntropy, L2 0.1, no L1) reads the embedding alone, and the category probabilities
/// are 0.7 × the first plus 0.3 × the second (<see cref="SemanticModel.EmbeddingCategoryWeight"/>). Priority has its own,
/// ordinal head (<see cref="OrdinalPriority"/>): three binary LbfgsLogisticRegression heads (L2 0.15, no L1), "at least
/// P1", "at least P2" and "at least P3", over the embedding, the <see cref="ImpactCues"/> and the
/// <see cref="PriorityCues"/>, without TF-IDF; then <see cref="PriorityStack"/> (boosted trees) reads the head's class
/// probabilities, the category probabilities and the cues, trained on 5-fold out-of-fold head and category probabilities.
/// A validation split of the given tickets (20%, stratified, fixed seed) fits the category temperature; 5-fold
/// out-of-fold scores of the stacker fit the cost-sensitive priority decision (a P1 threshold and weights for P2
/// and P4: the most accurate decision whose P1 recall reaches 0.9). Then every head is refitted on
/// all the given tickets. The second category head, its weight, and the priority head's form, features and L2 were chosen by 5-fold
/// cross-validation inside the evaluation's training part (never on its held-out tickets).
/// </summary>
internal static class SemanticModelTrainer
{
    /// <summary>Version of this recipe: bump it when a change here should retrain cached models.</summary>
    public const string Recipe = "s5";

    private const double ValidationFraction = 0.2;
    private const double P1RecallGoal = 0.9;
    private const int PriorityFolds = 5;
    private const float PriorityL2 = 0.15f;
    private const double MaxP1Threshold = 0.6;
    private static readonly double[] ClassWeights = [0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5];
    private const string Features = "SemanticFeatures";
    private const string PriorityFeatures = "SemanticPriorityFeatures";
    private const string OrdinalLabel = "PriorityOrdinalLabel";
    private const string Probability = "Probability";

    /// <summary>The encoder the product trains and answers with (its embeddings are the heads' input).</summary>
    public const MiniLmPrecision EncoderPrecision = MiniLmPrecision.Int8;

    /// <summary>The recipe part of the cache key (recipe, encoder weights, cue lists, ML.NET version).</summary>
    public static string RecipeKey { get; } = string.Concat(Recipe, "-", MiniLmEncoder.WeightsKey(EncoderPrecision), "-",
        ImpactCues.Fingerprint, PriorityCues.Fingerprint, "-mlnet", MlNetVersion());

    /// <summary>Trains on rows already embedded (<see cref="SemanticModelInput.From(LabelledTicket, MiniLmEncoder, CancellationToken)"/>).</summary>
    public static SemanticModel Train(IReadOnlyList<SemanticModelInput> rows, string trainingSha256)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 50)
        {
            throw new ArgumentException("The semantic model needs at least 50 labelled tickets.", nameof(rows));
        }

        var ml = new MLContext(LocalModelTrainer.Seed);
        var (fit, validation) = StratifiedSplit.Split(rows, r => r.Category, ValidationFraction, LocalModelTrainer.Seed);
        var fitted = Fit(ml, fit);
        var scored = fitted.Transform(ml.Data.LoadFromEnumerable(validation));
        var temperature = FitTemperature(scored, validation);

        // The stacker learns from out-of-fold head and category probabilities, as it will see them at inference.
        var folds = StratifiedFolds.Assign(rows, r => r.Priority, PriorityFolds, LocalModelTrainer.Seed);
        var head = OutOfFoldPriorityHead(ml, rows, folds);
        var categories = OutOfFoldCategories(ml, rows);
        var stackRows = rows.Select((r, i) => new PriorityStackInput
        {
            Features = PriorityStack.Features(head[i], categories[i], r.Cues, r.PriorityCues),
            Label = r.Priority,
        }).ToList();
        var decision = FitPriorityDecision(OutOfFoldPriorityStack(ml, stackRows, folds), rows.Select(r => r.Priority).ToList());
        var stack = PriorityStack.Fit(ml, stackRows);

        var all = Fit(ml, rows);
        var schema = ml.Data.LoadFromEnumerable(rows.Take(1)).Schema;
        return SemanticModel.Create(ml, all, schema, stack, new SemanticModelMetadata(
            RecipeKey, trainingSha256, rows.Count, temperature, decision.P1Threshold, decision.P2Weight, decision.P4Weight, decision.Accuracy, decision.P1Recall));
    }

    private static ITransformer Fit(MLContext ml, IReadOnlyList<SemanticModelInput> rows)
    {
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var pipeline = CategoryHeads(ml)
            .Append(PriorityHead(ml))
            .Append(Head(ml, nameof(SemanticModelInput.Sentiment), LocalModelColumns.SentimentScore, Features, lbfgs: false));
        return pipeline.Fit(data);
    }

    private static IEstimator<ITransformer> CategoryHeads(MLContext ml) =>
        ml.Transforms.Text.FeaturizeText(
                LocalModelColumns.Features,
                new TextFeaturizingEstimator.Options
                {
                    WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                    CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
                },
                nameof(SemanticModelInput.Text))
            .Append(ml.Transforms.Concatenate(Features, LocalModelColumns.Features, nameof(SemanticModelInput.Embedding), nameof(SemanticModelInput.Cues)))
            .Append(Head(ml, nameof(SemanticModelInput.Category), LocalModelColumns.CategoryScore, Features, lbfgs: true))
            .Append(Head(ml, nameof(SemanticModelInput.Category), SemanticModel.CategoryEmbeddingScore, nameof(SemanticModelInput.Embedding), lbfgs: true, l1: 0f, l2: 0.1f));

    private static IEstimator<ITransformer> PriorityHead(MLContext ml)
    {
        IEstimator<ITransformer> head = ml.Transforms.Concatenate(
            PriorityFeatures, nameof(SemanticModelInput.Embedding), nameof(SemanticModelInput.Cues), nameof(SemanticModelInput.PriorityCues));
        for (var level = 0; level < OrdinalPriority.Columns.Count; level++)
        {
            var atLeast = TicketLabels.Priorities.Select(p => new KeyValuePair<string, bool>(p, OrdinalPriority.AtLeast(p, level))).ToList();
            head = head.Append(ml.Transforms.Conversion.MapValue(OrdinalLabel, atLeast, nameof(SemanticModelInput.Priority)))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = OrdinalLabel,
                    FeatureColumnName = PriorityFeatures,
                    L1Regularization = 0f,
                    L2Regularization = PriorityL2,
                    OptimizationTolerance = 1e-4f,
                    NumberOfThreads = 1,
                }))
                .Append(ml.Transforms.CopyColumns(OrdinalPriority.Columns[level], Probability));
        }

        return head;
    }

    private static IEstimator<ITransformer> Head(
        MLContext ml, string labelColumn, string scoreColumn, string featureColumn, bool lbfgs, float l1 = 0.01f, float l2 = 0.01f)
    {
        IEstimator<ITransformer> trainer = lbfgs
            ? ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LocalModelColumns.Label,
                FeatureColumnName = featureColumn,
                L1Regularization = l1,
                L2Regularization = l2,
                OptimizationTolerance = 1e-4f,
                NumberOfThreads = 1,
            })
            : ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LocalModelColumns.Label,
                FeatureColumnName = featureColumn,
                NumberOfThreads = 1,
            });

        // Each head writes Score; the copy keeps the three apart.
        return ml.Transforms.Conversion.MapValueToKey(LocalModelColumns.Label, labelColumn)
            .Append(trainer)
            .Append(ml.Transforms.CopyColumns(scoreColumn, LocalModelColumns.Score));
    }

    private static double FitTemperature(IDataView scored, IReadOnlyList<SemanticModelInput> validation)
    {
        var labels = SlotNames(scored.Schema, LocalModelColumns.CategoryScore);
        var embeddingSlots = SemanticModel.SlotMap(labels, SlotNames(scored.Schema, SemanticModel.CategoryEmbeddingScore));
        var full = scored.GetColumn<float[]>(LocalModelColumns.CategoryScore).ToList();
        var embedding = scored.GetColumn<float[]>(SemanticModel.CategoryEmbeddingScore).ToList();
        var scores = full.Zip(embedding, (f, e) => SemanticModel.CombineCategory(f, e, embeddingSlots)).ToList();
        return TemperatureScaling.Fit(scores, validation.Select(v => Array.IndexOf(labels, v.Category)).ToList());
    }

    /// <summary>
    /// Out-of-fold class probabilities of the ordinal priority head: it is trained on four of the
    /// <paramref name="folds"/> of <paramref name="rows"/> (stratified by priority) and scores the fifth, so every ticket
    /// gets probabilities from a head that did not see it.
    /// </summary>
    private static float[][] OutOfFoldPriorityHead(MLContext ml, IReadOnlyList<SemanticModelInput> rows, int[] folds)
    {
        var scores = new float[rows.Count][];
        for (var fold = 0; fold < PriorityFolds; fold++)
        {
            var fit = rows.Where((_, i) => folds[i] != fold).ToList();
            var held = Enumerable.Range(0, rows.Count).Where(i => folds[i] == fold).ToList();
            var model = PriorityHead(ml).Fit(ml.Data.Cache(ml.Data.LoadFromEnumerable(fit)));
            var scored = model.Transform(ml.Data.LoadFromEnumerable(held.Select(i => rows[i]).ToList()));
            var atLeast = OrdinalPriority.Columns.Select(c => scored.GetColumn<float>(c).ToList()).ToList();
            for (var j = 0; j < held.Count; j++)
            {
                scores[held[j]] = OrdinalPriority.ClassProbabilities(atLeast[0][j], atLeast[1][j], atLeast[2][j]);
            }
        }

        return scores;
    }

    /// <summary>
    /// Out-of-fold category probabilities (the two category heads, combined as at inference) in
    /// <see cref="TicketLabels.Categories"/> order, by 5-fold cross-validation stratified by category.
    /// </summary>
    private static float[][] OutOfFoldCategories(MLContext ml, IReadOnlyList<SemanticModelInput> rows)
    {
        var folds = StratifiedFolds.Assign(rows, r => r.Category, PriorityFolds, LocalModelTrainer.Seed);
        var probabilities = new float[rows.Count][];
        for (var fold = 0; fold < PriorityFolds; fold++)
        {
            var fit = rows.Where((_, i) => folds[i] != fold).ToList();
            var held = Enumerable.Range(0, rows.Count).Where(i => folds[i] == fold).ToList();
            var model = CategoryHeads(ml).Fit(ml.Data.Cache(ml.Data.LoadFromEnumerable(fit)));
            var scored = model.Transform(ml.Data.LoadFromEnumerable(held.Select(i => rows[i]).ToList()));
            var labels = SlotNames(scored.Schema, LocalModelColumns.CategoryScore);
            var embeddingSlots = SemanticModel.SlotMap(labels, SlotNames(scored.Schema, SemanticModel.CategoryEmbeddingScore));
            var order = TicketLabels.Categories.Select(c => Array.IndexOf(labels, c)).ToArray();
            var full = scored.GetColumn<float[]>(LocalModelColumns.CategoryScore).ToList();
            var embedding = scored.GetColumn<float[]>(SemanticModel.CategoryEmbeddingScore).ToList();
            for (var j = 0; j < held.Count; j++)
            {
                var combined = SemanticModel.CombineCategory(full[j], embedding[j], embeddingSlots);
                probabilities[held[j]] = order.Select(slot => slot >= 0 ? combined[slot] : 0f).ToArray();
            }
        }

        return probabilities;
    }

    /// <summary>
    /// Out-of-fold probabilities of the priority stacker, on the same folds as the head. (Its features are themselves
    /// out of fold, but those of the four training folds come from heads that saw the fifth: a slight optimism that only
    /// the fitted decision sees.)
    /// </summary>
    private static float[][] OutOfFoldPriorityStack(MLContext ml, IReadOnlyList<PriorityStackInput> rows, int[] folds)
    {
        var scores = new float[rows.Count][];
        for (var fold = 0; fold < PriorityFolds; fold++)
        {
            var held = Enumerable.Range(0, rows.Count).Where(i => folds[i] == fold).ToList();
            using var stack = PriorityStack.Fit(ml, rows.Where((_, i) => folds[i] != fold).ToList());
            var probabilities = stack.Probabilities(held.Select(i => rows[i]).ToList());
            for (var j = 0; j < held.Count; j++)
            {
                scores[held[j]] = probabilities[j];
            }
        }

        return scores;
    }

    /// <summary>
    /// Fits the cost-sensitive priority decision on out-of-fold <paramref name="scores"/> (P1 to P4) of the tickets whose
    /// priorities are <paramref name="gold"/>. The candidate P1 thresholds are the out-of-fold P1 probabilities of the
    /// P1 tickets (each one a recall step) up to 0.6, and 0.5.
    /// </summary>
    private static (double P1Threshold, double P2Weight, double P4Weight, double Accuracy, double P1Recall) FitPriorityDecision(
        IReadOnlyList<float[]> scores, IReadOnlyList<string> gold)
    {
        string[] slots = [.. TicketLabels.Priorities];
        var p1 = Array.IndexOf(slots, "P1");
        var candidates = scores.Where((_, i) => gold[i] == "P1").Select(s => (double)s[p1]).Where(t => t <= MaxP1Threshold).Append(0.5).Distinct().Order().ToList();
        var best = (P1Threshold: 0.5, P2Weight: 1.0, P4Weight: 1.0, Accuracy: -1.0, P1Recall: -1.0);
        var bestKey = (ReachesGoal: false, Primary: -1.0, Accuracy: -1.0);
        foreach (var threshold in candidates)
        {
            foreach (var p2Weight in ClassWeights)
            {
                foreach (var p4Weight in ClassWeights)
                {
                    var predicted = scores.Select(s => SemanticModel.DecidePriority(s, slots, threshold, p2Weight, p4Weight)).ToList();
                    var accuracy = ClassificationMetrics.Accuracy(gold, predicted);
                    var recall = ClassificationMetrics.PerClass(gold, predicted, ["P1"])[0].Recall;
                    var reachesGoal = recall >= P1RecallGoal;
                    var key = (reachesGoal, reachesGoal ? accuracy : recall, accuracy);
                    if (key.CompareTo(bestKey) > 0)
                    {
                        bestKey = key;
                        best = (threshold, p2Weight, p4Weight, accuracy, recall);
                    }
                }
            }
        }

        // Rounded down, so the P1 ticket that set the threshold still reaches it.
        return (Math.Floor(best.P1Threshold * 1e6) / 1e6, best.P2Weight, best.P4Weight, Math.Round(best.Accuracy, 4), Math.Round(best.P1Recall, 4));
    }

    private static string[] SlotNames(DataViewSchema schema, string column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema[column].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private static string MlNetVersion() =>
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
