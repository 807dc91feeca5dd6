using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// The training recipe of the local model. Text features: word unigrams and bigrams plus character
/// trigrams (FeaturizeText, L2-normalised). Category: SdcaMaximumEntropy and LbfgsMaximumEntropy
/// are trained on 80% of the given tickets and the one with the higher macro-F1 on the other 20%
/// (stratified, fixed seed) is kept, together with a temperature fitted on that validation split;
/// then everything is refitted on all the given tickets. Priority: SdcaMaximumEntropy over the text
/// features plus the <see cref="UrgencyCues"/> counts. Sentiment: SdcaMaximumEntropy over the text
/// features. Single-threaded trainers and a fixed seed make the result reproducible.
/// </summary>
internal static class LocalModelTrainer
{
    /// <summary>Version of this recipe: bump it when a change here should retrain cached models.</summary>
    public const string Recipe = "r1";

    /// <summary>
    /// The recipe part of the cache key: <see cref="Recipe"/>, the cue word lists and the ML.NET
    /// version, so editing a cue list or upgrading ML.NET retrains instead of loading a stale model.
    /// </summary>
    public static string RecipeKey { get; } = string.Concat(
        Recipe, "-", UrgencyCues.Fingerprint, "-mlnet", MlNetVersion());

    /// <summary>The seed of the ML.NET context and of the validation split.</summary>
    public const int Seed = 1157;

    private const double ValidationFraction = 0.2;

    /// <summary>Trains the three heads on <paramref name="tickets"/>.</summary>
    public static LocalModel Train(IReadOnlyList<LabelledTicket> tickets, string trainingSha256)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        if (tickets.Count < 50)
        {
            throw new ArgumentException("The local model needs at least 50 labelled tickets.", nameof(tickets));
        }

        var ml = new MLContext(Seed);
        var (trainer, candidateF1, temperature) = ChooseCategoryTrainer(ml, tickets);

        var rows = ml.Data.LoadFromEnumerable(tickets.Select(LocalTrainingRow.From).ToList());
        var featurizer = Featurizer(ml).Fit(rows);
        var data = ml.Data.Cache(featurizer.Transform(rows));

        var category = TrainHead(ml, data, nameof(LocalTrainingRow.Category), trainer, LocalModelColumns.Features);
        var categoryCopy = CopyScore(ml, category.Transform(data), LocalModelColumns.CategoryScore);

        var concatenate = ml.Transforms.Concatenate(LocalModelColumns.PriorityFeatures, LocalModelColumns.Features, LocalModelColumns.Urgency).Fit(data);
        var priorityData = concatenate.Transform(data);
        var priority = TrainHead(ml, priorityData, nameof(LocalTrainingRow.Priority), LocalTrainerKind.Sdca, LocalModelColumns.PriorityFeatures);
        var priorityCopy = CopyScore(ml, priority.Transform(priorityData), LocalModelColumns.PriorityScore);

        var sentiment = TrainHead(ml, data, nameof(LocalTrainingRow.Sentiment), LocalTrainerKind.Sdca, LocalModelColumns.Features);
        var sentimentCopy = CopyScore(ml, sentiment.Transform(data), LocalModelColumns.SentimentScore);

        // Each predictor writes Score; the copies keep the three apart in one pass over the text.
        var pipeline = new TransformerChain<ITransformer>(
            featurizer, category, categoryCopy, concatenate, priority, priorityCopy, sentiment, sentimentCopy);
        var metadata = new LocalModelMetadata(RecipeKey, trainingSha256, tickets.Count, trainer, candidateF1, temperature);
        return LocalModel.Create(ml, pipeline, rows.Schema, metadata);
    }

    private static (LocalTrainerKind Trainer, IReadOnlyDictionary<string, double> CandidateF1, double Temperature) ChooseCategoryTrainer(
        MLContext ml, IReadOnlyList<LabelledTicket> tickets)
    {
        var (fit, validation) = StratifiedSplit.Split(tickets, t => t.Category, ValidationFraction, Seed);
        var fitRows = ml.Data.LoadFromEnumerable(fit.Select(LocalTrainingRow.From).ToList());
        var featurizer = Featurizer(ml).Fit(fitRows);
        var fitData = ml.Data.Cache(featurizer.Transform(fitRows));
        var validationData = featurizer.Transform(ml.Data.LoadFromEnumerable(validation.Select(LocalTrainingRow.From).ToList()));
        var gold = validation.Select(t => t.Category).ToList();

        var candidateF1 = new Dictionary<string, double>(StringComparer.Ordinal);
        var best = LocalTrainerKind.Sdca;
        var bestF1 = double.NegativeInfinity;
        List<float[]> bestScores = [];
        string[] bestLabels = [];
        foreach (var kind in Enum.GetValues<LocalTrainerKind>())
        {
            var scored = TrainHead(ml, fitData, nameof(LocalTrainingRow.Category), kind, LocalModelColumns.Features).Transform(validationData);
            var labels = ScoreLabels(scored.Schema);
            var scores = scored.GetColumn<float[]>(LocalModelColumns.Score).ToList();
            var predicted = scores.Select(s => labels[LocalModel.ArgMax(s)]).ToList();
            var f1 = ClassificationMetrics.MacroF1(gold, predicted, TicketLabels.Categories);
            candidateF1[kind.ToString().ToLowerInvariant()] = Math.Round(f1, 4);

            // Strictly better only: on a tie the earlier (faster) trainer stays.
            if (f1 > bestF1)
            {
                (best, bestF1, bestScores, bestLabels) = (kind, f1, scores, labels);
            }
        }

        var trueClasses = gold.Select(g => Array.IndexOf(bestLabels, g)).ToList();
        var temperature = TemperatureScaling.Fit(bestScores, trueClasses);
        return (best, candidateF1, temperature);
    }

    // ML.NET keeps AssemblyVersion at 1.0.0.0 across releases; the informational version is the package's.
    private static string MlNetVersion() =>
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private static TextFeaturizingEstimator Featurizer(MLContext ml) =>
        ml.Transforms.Text.FeaturizeText(
            LocalModelColumns.Features,
            new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            },
            LocalModelColumns.Text);

    private static MulticlassPredictionTransformer<MaximumEntropyModelParameters> TrainHead(
        MLContext ml, IDataView data, string labelColumn, LocalTrainerKind kind, string featureColumn)
    {
        var keyed = ml.Transforms.Conversion.MapValueToKey(LocalModelColumns.Label, labelColumn).Fit(data).Transform(data);
        return kind switch
        {
            LocalTrainerKind.Sdca => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = LocalModelColumns.Label,
                    FeatureColumnName = featureColumn,
                    NumberOfThreads = 1,
                }).Fit(keyed),
            LocalTrainerKind.Lbfgs => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = LocalModelColumns.Label,
                    FeatureColumnName = featureColumn,
                    L1Regularization = 0.01f,
                    L2Regularization = 0.01f,
                    OptimizationTolerance = 1e-4f,
                    NumberOfThreads = 1,
                }).Fit(keyed),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static ITransformer CopyScore(MLContext ml, IDataView scored, string name) =>
        ml.Transforms.CopyColumns(name, LocalModelColumns.Score).Fit(scored);

    private static string[] ScoreLabels(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema[LocalModelColumns.Score].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
