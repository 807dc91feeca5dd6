using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The training recipe of the semantic model. Features: the local model's TF-IDF text features,
/// the 384-number MiniLM embedding and the <see cref="ImpactCues"/>, concatenated. Category:
/// LbfgsMaximumEntropy; priority and sentiment: SdcaMaximumEntropy. A validation split of the
/// given tickets (20%, stratified, fixed seed) fits the category temperature and the P1
/// threshold; then every head is refitted on all the given tickets.
/// </summary>
internal static class SemanticModelTrainer
{
    /// <summary>Version of this recipe: bump it when a change here should retrain cached models.</summary>
    public const string Recipe = "s1";

    private const double ValidationFraction = 0.2;
    private const double P1RecallGoal = 0.9;
    private const string Features = "SemanticFeatures";

    /// <summary>The recipe part of the cache key (recipe, cue lists, ML.NET version).</summary>
    public static string RecipeKey { get; } = string.Concat(Recipe, "-", ImpactCues.Fingerprint, "-mlnet", MlNetVersion());

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
        var p1Threshold = FitP1Threshold(scored, validation);

        var all = Fit(ml, rows);
        var schema = ml.Data.LoadFromEnumerable(rows.Take(1)).Schema;
        return SemanticModel.Create(ml, all, schema, new SemanticModelMetadata(RecipeKey, trainingSha256, rows.Count, temperature, p1Threshold));
    }

    private static ITransformer Fit(MLContext ml, IReadOnlyList<SemanticModelInput> rows)
    {
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var pipeline = ml.Transforms.Text.FeaturizeText(
                LocalModelColumns.Features,
                new TextFeaturizingEstimator.Options
                {
                    WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                    CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
                },
                nameof(SemanticModelInput.Text))
            .Append(ml.Transforms.Concatenate(Features, LocalModelColumns.Features, nameof(SemanticModelInput.Embedding), nameof(SemanticModelInput.Cues)))
            .Append(Head(ml, nameof(SemanticModelInput.Category), LocalModelColumns.CategoryScore, lbfgs: true))
            .Append(Head(ml, nameof(SemanticModelInput.Priority), LocalModelColumns.PriorityScore, lbfgs: false))
            .Append(Head(ml, nameof(SemanticModelInput.Sentiment), LocalModelColumns.SentimentScore, lbfgs: false));
        return pipeline.Fit(data);
    }

    private static IEstimator<ITransformer> Head(MLContext ml, string labelColumn, string scoreColumn, bool lbfgs)
    {
        IEstimator<ITransformer> trainer = lbfgs
            ? ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LocalModelColumns.Label,
                FeatureColumnName = Features,
                L1Regularization = 0.01f,
                L2Regularization = 0.01f,
                OptimizationTolerance = 1e-4f,
                NumberOfThreads = 1,
            })
            : ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LocalModelColumns.Label,
                FeatureColumnName = Features,
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
        var scores = scored.GetColumn<float[]>(LocalModelColumns.CategoryScore).ToList();
        return TemperatureScaling.Fit(scores, validation.Select(v => Array.IndexOf(labels, v.Category)).ToList());
    }

    private static double FitP1Threshold(IDataView scored, IReadOnlyList<SemanticModelInput> validation)
    {
        var slots = SlotNames(scored.Schema, LocalModelColumns.PriorityScore);
        var scores = scored.GetColumn<float[]>(LocalModelColumns.PriorityScore).ToList();
        var gold = validation.Select(v => v.Priority).ToList();
        var best = (Threshold: 0.5, ReachesGoal: false, Accuracy: -1.0, Recall: -1.0);
        for (var step = 1; step <= 60; step++)
        {
            var threshold = step / 100.0;
            var predicted = scores.Select(s => SemanticModel.DecidePriority(s, slots, threshold)).ToList();
            var accuracy = ClassificationMetrics.Accuracy(gold, predicted);
            var recall = ClassificationMetrics.PerClass(gold, predicted, ["P1"])[0].Recall;
            var reachesGoal = recall >= P1RecallGoal;
            var better = (reachesGoal, best.ReachesGoal) switch
            {
                (true, false) => true,
                (false, true) => false,
                (true, true) => accuracy > best.Accuracy,
                _ => recall > best.Recall || (recall == best.Recall && accuracy > best.Accuracy),
            };
            if (better)
            {
                best = (threshold, reachesGoal, accuracy, recall);
            }
        }

        return best.Threshold;
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
