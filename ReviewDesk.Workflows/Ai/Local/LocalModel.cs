using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// A trained (or loaded) local triage model: one ML.NET pipeline that featurizes the text once and
/// scores category, priority and sentiment, plus what training chose (temperature, trainer).
/// Thread-safe: <see cref="PredictionEngine{TSrc, TDst}"/> is not, so engines come from a pool.
/// </summary>
/// <remarks>
/// ML.NET computes a column each time a later column asks for it, even within one row: one engine over
/// the whole pipeline featurized the text four times per ticket (for each of the three heads and for the
/// features the explainer reads). So a prediction runs two engines, one over the featurizer and one over
/// the heads, which read the features the first one gave (<c>LocalModelTests</c> holds the two to the same numbers).
/// </remarks>
internal sealed class LocalModel : IDisposable
{
    private const int CueWordCount = 3;

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly ObjectPool<Engines> _engines;
    private readonly string[] _categories;
    private readonly string[] _priorities;
    private readonly string[] _sentiments;
    private readonly CueWordExplainer _explainer;
    private readonly AsciiTextFeaturizer? _ascii;

    private LocalModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, LocalModelMetadata metadata)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        Metadata = metadata;

        var output = transformer.GetOutputSchema(inputSchema);
        _categories = SlotLabels(output, LocalModelColumns.CategoryScore, TicketLabels.Categories);
        _priorities = SlotLabels(output, LocalModelColumns.PriorityScore, TicketLabels.Priorities);
        _sentiments = SlotLabels(output, LocalModelColumns.SentimentScore, TicketLabels.Sentiments);

        var categoryModel = Flatten(transformer).OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().FirstOrDefault()
            ?? throw new InvalidDataException("The local model has no maximum-entropy category predictor.");
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        output[LocalModelColumns.Features].GetSlotNames(ref slotNames);
        _explainer = CueWordExplainer.Create(categoryModel.Model, slotNames);

        // As many engines as steps may classify at once: an engine dropped by a full pool is rebuilt next time,
        // and building one compiles its pipeline (dynamic methods the finalizer then has to clean up).
        var stages = transformer as IEnumerable<ITransformer>
            ?? throw new InvalidDataException("The local model is not a chain of a featurizer and heads.");
        var featurizer = stages.First();
        var heads = new TransformerChain<ITransformer>([.. stages.Skip(1)]);
        var headsInput = SchemaDefinition.Create(typeof(LocalHeadsInput));
        headsInput[nameof(LocalHeadsInput.Features)].ColumnType = output[LocalModelColumns.Features].Type;
        _engines = new DefaultObjectPoolProvider { MaximumRetained = MaxPooledEngines }.Create(new EnginePolicy(ml, featurizer, heads, headsInput));

        // ASCII text skips ML.NET's featurizer, once the two have given the same features on the check texts.
        _ascii = AsciiTextFeaturizer.TryCreate(slotNames, out var reason);
        if (_ascii is not null && FirstDisagreement(_ascii) is { } text)
        {
            (_ascii, reason) = (null, $"it differs from ML.NET's featurizer on \"{text}\"");
        }

        AsciiFeaturizerOff = reason;
    }

    /// <summary>The featurizer ASCII text goes through instead of ML.NET's; null when <see cref="AsciiFeaturizerOff"/> says why not.</summary>
    internal AsciiTextFeaturizer? AsciiFeaturizer => _ascii;

    /// <summary>Why ASCII text goes through ML.NET's featurizer too; null when <see cref="AsciiTextFeaturizer"/> serves it.</summary>
    internal string? AsciiFeaturizerOff { get; }

    private const int MaxPooledEngines = 64;

    /// <summary>The choices training made.</summary>
    public LocalModelMetadata Metadata { get; }

    /// <summary>Wraps a freshly trained pipeline.</summary>
    public static LocalModel Create(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, LocalModelMetadata metadata) =>
        new(ml, transformer, inputSchema, metadata);

    /// <summary>Loads a pipeline saved by <see cref="Save"/>.</summary>
    public static LocalModel Load(Stream modelStream, LocalModelMetadata metadata)
    {
        var ml = new MLContext(LocalModelTrainer.Seed);
        var transformer = ml.Model.Load(modelStream, out var inputSchema);
        return new LocalModel(ml, transformer, inputSchema, metadata);
    }

    /// <summary>Writes the ML.NET pipeline (<c>mlContext.Model.Save</c>) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => _ml.Model.Save(_transformer, _inputSchema, stream);

    /// <summary>Scores one ticket.</summary>
    public LocalPrediction Predict(TicketText ticket)
    {
        var input = LocalModelInput.From(ticket);
        var (output, features) = Score(input);
        var category = ArgMax(output.CategoryScore);
        var calibrated = TemperatureScaling.Apply(output.CategoryScore, Metadata.Temperature);
        return new LocalPrediction(
            _categories[category],
            calibrated[category],
            output.CategoryScore[category],
            PriorityFloor(_categories[category], input, MedianPriority(output.PriorityScore)),
            _sentiments[ArgMax(output.SentimentScore)],
            _explainer.Explain(features, category, CueWordCount));
    }

    /// <summary>The heads' probabilities and the text features of one input (featurized once).</summary>
    internal (LocalModelOutput Scores, VBuffer<float> Features) Score(LocalModelInput input)
    {
        var engines = _engines.Get();
        try
        {
            var features = _ascii is not null && _ascii.TryFeaturize(input.Text, out var ascii) ? ascii : engines.Featurizer.Predict(input).Features;
            return (engines.Heads.Predict(new LocalHeadsInput { Features = features, Urgency = input.Urgency }), features);
        }
        finally
        {
            _engines.Return(engines);
        }
    }

    /// <summary>The features ML.NET's featurizer gives <paramref name="text"/> (what <see cref="AsciiTextFeaturizer"/> is held to).</summary>
    internal VBuffer<float> MlNetFeatures(string text)
    {
        var engines = _engines.Get();
        try
        {
            return engines.Featurizer.Predict(new LocalModelInput { Text = text }).Features;
        }
        finally
        {
            _engines.Return(engines);
        }
    }

    /// <summary>
    /// The first of <see cref="AsciiTextFeaturizer.CheckTexts"/> on which <paramref name="ascii"/> and ML.NET give different
    /// features (indices or bits); null when they agree on all.
    /// </summary>
    private string? FirstDisagreement(AsciiTextFeaturizer ascii)
    {
        foreach (var text in AsciiTextFeaturizer.CheckTexts)
        {
            if (!ascii.TryFeaturize(text, out var fast) || !AsciiTextFeaturizer.SameFeatures(fast, MlNetFeatures(text))) return text;
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => (_engines as IDisposable)?.Dispose();

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The median of the priority distribution in urgency order: the most urgent priority whose
    /// cumulative probability (from P1 down) reaches one half.
    /// </summary>
    private string MedianPriority(ReadOnlySpan<float> scores)
    {
        var cumulative = 0.0;
        foreach (var priority in TicketLabels.Priorities)
        {
            var slot = Array.IndexOf(_priorities, priority);
            cumulative += slot < 0 ? 0 : scores[slot];
            if (cumulative >= 0.5)
            {
                return priority;
            }
        }

        return TicketLabels.Priorities[^1];
    }

    /// <summary>
    /// A suspected third-party access (a security ticket with a compromise cue: "someone",
    /// "hacked", "unauthorised" ...) is never below P2. In the training data 39 of the 52 such
    /// tickets are P1 or P2, and the held-out P2 recall rises with the floor; the model alone
    /// tends to call the ones without visible damage P3.
    /// </summary>
    private static string PriorityFloor(string category, LocalModelInput input, string priority) =>
        category == "security" && input.Urgency[UrgencyCues.CompromiseGroup] > 0 && (priority == "P3" || priority == "P4") ? "P2" : priority;

    private static string[] SlotLabels(DataViewSchema schema, string column, IReadOnlyList<string> allowed)
    {
        var scoreColumn = schema.GetColumnOrNull(column)
            ?? throw new InvalidDataException($"The local model has no {column} column.");
        VBuffer<ReadOnlyMemory<char>> names = default;
        scoreColumn.GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (labels.Length == 0 || labels.Any(l => !allowed.Contains(l)))
        {
            throw new InvalidDataException($"The local model's {column} labels [{string.Join(", ", labels)}] are not all in TicketLabels.");
        }

        return labels;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    /// <summary>The two engines of one prediction (neither is thread-safe, so they are pooled together).</summary>
    private sealed record Engines(
        PredictionEngine<LocalModelInput, LocalFeatures> Featurizer,
        PredictionEngine<LocalHeadsInput, LocalModelOutput> Heads) : IDisposable
    {
        public void Dispose()
        {
            Featurizer.Dispose();
            Heads.Dispose();
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer featurizer, ITransformer heads, SchemaDefinition headsInput)
        : PooledObjectPolicy<Engines>
    {
        private readonly Lock _gate = new();

        public override Engines Create()
        {
            // Engines are cheap to build but MLContext's catalog is not documented as thread-safe.
            lock (_gate)
            {
                return new Engines(
                    ml.Model.CreatePredictionEngine<LocalModelInput, LocalFeatures>(featurizer),
                    ml.Model.CreatePredictionEngine<LocalHeadsInput, LocalModelOutput>(heads, inputSchemaDefinition: headsInput));
            }
        }

        public override bool Return(Engines obj) => true;
    }
}
