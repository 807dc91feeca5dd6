using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The semantic model's priority stacker: boosted trees (FastTree, one versus all) over the ordinal priority head's
/// class probabilities, the category probabilities and the impact and priority cues. Priority depends on the
/// category (a general inquiry is never P1, a feature request mostly P4, security holds most P1), and trees can
/// express that interaction where the linear head cannot. It is trained on out-of-fold head and category
/// probabilities, so its inputs at training look like those it sees at inference. Thread-safe (engines are pooled).
/// </summary>
internal sealed class PriorityStack : IDisposable
{
    /// <summary>The number of categories the features carry (<see cref="TicketLabels.Categories"/>).</summary>
    public const int CategoryCount = 8;

    /// <summary>The length of <see cref="Features"/>: 4 priority probabilities, 8 category probabilities, the cues.</summary>
    public const int FeatureCount = 4 + CategoryCount + ImpactCues.Count + PriorityCues.Count;

    private const int MaxPooledEngines = 16;
    private const string Label = nameof(PriorityStackInput.Label);

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly int[] _slots;
    private readonly ObjectPool<PredictionEngine<PriorityStackInput, PriorityStackOutput>> _engines;

    private PriorityStack(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        var output = transformer.GetOutputSchema(inputSchema);
        var score = output.GetColumnOrNull(nameof(PriorityStackOutput.Score)) ?? throw new InvalidDataException("The priority stacker has no Score column.");
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        _slots = TicketLabels.Priorities.Select(p => Array.IndexOf(labels, p)).ToArray();
        _engines = new DefaultObjectPoolProvider { MaximumRetained = MaxPooledEngines }.Create(new EnginePolicy(ml, transformer));
    }

    /// <summary>
    /// The stacker's features: <paramref name="priorities"/> (the head's, P1 to P4), <paramref name="categories"/>
    /// (in <see cref="TicketLabels.Categories"/> order), then the <see cref="ImpactCues"/> and the <see cref="PriorityCues"/>.
    /// </summary>
    public static float[] Features(ReadOnlySpan<float> priorities, ReadOnlySpan<float> categories, ReadOnlySpan<float> impactCues, ReadOnlySpan<float> priorityCues)
    {
        if (priorities.Length != 4 || categories.Length != CategoryCount || impactCues.Length != ImpactCues.Count || priorityCues.Length != PriorityCues.Count)
        {
            throw new ArgumentException("The priority stacker's inputs have the wrong lengths.");
        }

        var features = new float[FeatureCount];
        priorities.CopyTo(features);
        categories.CopyTo(features.AsSpan(4));
        impactCues.CopyTo(features.AsSpan(4 + CategoryCount));
        priorityCues.CopyTo(features.AsSpan(4 + CategoryCount + ImpactCues.Count));
        return features;
    }

    /// <summary>Fits the stacker (8 leaves, 100 trees, learning rate 0.05, at least 10 tickets a leaf; one thread, so deterministic).</summary>
    public static PriorityStack Fit(MLContext ml, IReadOnlyList<PriorityStackInput> rows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(Label, Label)
            .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfLeaves = 8,
                NumberOfTrees = 100,
                MinimumExampleCountPerLeaf = 10,
                LearningRate = 0.05,
                NumberOfThreads = 1,
                Seed = 1,
            })));
        return new PriorityStack(ml, pipeline.Fit(data), data.Schema);
    }

    /// <summary>Loads a stacker saved by <see cref="Save"/>.</summary>
    public static PriorityStack Load(MLContext ml, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var transformer = ml.Model.Load(stream, out var inputSchema);
        return new PriorityStack(ml, transformer, inputSchema);
    }

    /// <summary>Writes the stacker to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => _ml.Model.Save(_transformer, _inputSchema, stream);

    /// <summary>The priority probabilities (P1 to P4) of <paramref name="features"/>: the one-versus-all scores, normalized.</summary>
    public float[] Probabilities(float[] features)
    {
        var engine = _engines.Get();
        try
        {
            return Normalize(engine.Predict(new PriorityStackInput { Features = features }).Score, _slots);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>The scores of <paramref name="scored"/> (the stacker's output) as probabilities, one array per row.</summary>
    public static IReadOnlyList<float[]> Probabilities(IDataView scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        VBuffer<ReadOnlyMemory<char>> names = default;
        scored.Schema[nameof(PriorityStackOutput.Score)].GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        var slots = TicketLabels.Priorities.Select(p => Array.IndexOf(labels, p)).ToArray();
        return scored.GetColumn<float[]>(nameof(PriorityStackOutput.Score)).Select(s => Normalize(s, slots)).ToList();
    }

    /// <summary>Scores <paramref name="rows"/> with this stacker.</summary>
    public IReadOnlyList<float[]> Probabilities(IReadOnlyList<PriorityStackInput> rows) =>
        Probabilities(_transformer.Transform(_ml.Data.LoadFromEnumerable(rows)));

    /// <inheritdoc />
    public void Dispose() => (_engines as IDisposable)?.Dispose();

    /// <summary>
    /// The scores in <see cref="TicketLabels.Priorities"/> order (a priority the stacker never saw scores 0),
    /// negative scores as 0, divided by their sum (uniform when all are 0).
    /// </summary>
    internal static float[] Normalize(ReadOnlySpan<float> scores, IReadOnlyList<int> slots)
    {
        var probabilities = new float[slots.Count];
        var sum = 0f;
        for (var i = 0; i < slots.Count; i++)
        {
            probabilities[i] = slots[i] >= 0 && slots[i] < scores.Length ? Math.Max(0f, scores[slots[i]]) : 0f;
            sum += probabilities[i];
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = sum > 0 ? probabilities[i] / sum : 1f / probabilities.Length;
        }

        return probabilities;
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer) : PooledObjectPolicy<PredictionEngine<PriorityStackInput, PriorityStackOutput>>
    {
        private readonly Lock _gate = new();

        public override PredictionEngine<PriorityStackInput, PriorityStackOutput> Create()
        {
            lock (_gate)
            {
                return ml.Model.CreatePredictionEngine<PriorityStackInput, PriorityStackOutput>(transformer);
            }
        }

        public override bool Return(PredictionEngine<PriorityStackInput, PriorityStackOutput> obj) => true;
    }
}
