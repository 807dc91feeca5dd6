using System.IO.Compression;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// A trained (or loaded) semantic triage pipeline: TF-IDF text features, the MiniLM embedding and
/// the impact cues, into linear heads (the category's probabilities mix two heads; priority is ordinal, <see cref="OrdinalPriority"/>,
/// and <see cref="PriorityStack"/> re-reads its probabilities with the category's and the cues). Thread-safe (prediction engines are pooled).
/// </summary>
internal sealed class SemanticModel : IDisposable
{
    private const int MaxPooledEngines = 16;
    private const string HeadsEntry = "heads.zip";
    private const string PriorityStackEntry = "priority-stack.zip";

    /// <summary>The column of the category head that reads the embedding alone.</summary>
    public const string CategoryEmbeddingScore = "CategoryEmbeddingScore";

    /// <summary>
    /// The share of the embedding-only category head in the category probabilities (the rest is the
    /// head over TF-IDF, embedding and cues). Chosen by 5-fold cross-validation inside the
    /// evaluation's training part: out-of-fold accuracy 0.790 alone, 0.796 at 0.2, 0.800 at 0.3,
    /// 0.797 at 0.4, 0.799 at 0.5.
    /// </summary>
    public const double EmbeddingCategoryWeight = 0.3;

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly ObjectPool<PredictionEngine<SemanticModelInput, SemanticModelOutput>> _engines;
    private readonly string[] _categories;
    private readonly int[] _embeddingSlots;
    private readonly string[] _priorities;
    private readonly string[] _sentiments;
    private readonly int[] _categoryOrder;
    private readonly PriorityStack _priorityStack;

    private SemanticModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, PriorityStack priorityStack, SemanticModelMetadata metadata)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        _priorityStack = priorityStack;
        Metadata = metadata;
        var output = transformer.GetOutputSchema(inputSchema);
        _categories = SlotLabels(output, LocalModelColumns.CategoryScore, TicketLabels.Categories);
        _embeddingSlots = SlotMap(_categories, SlotLabels(output, CategoryEmbeddingScore, TicketLabels.Categories));
        _priorities = [.. TicketLabels.Priorities];
        if (OrdinalPriority.Columns.FirstOrDefault(c => output.GetColumnOrNull(c) is null) is { } missing)
        {
            throw new InvalidDataException($"The semantic model has no {missing} column.");
        }

        _sentiments = SlotLabels(output, LocalModelColumns.SentimentScore, TicketLabels.Sentiments);
        _categoryOrder = TicketLabels.Categories.Select(c => Array.IndexOf(_categories, c)).ToArray();
        _engines = new DefaultObjectPoolProvider { MaximumRetained = MaxPooledEngines }.Create(new EnginePolicy(ml, transformer));
    }

    /// <summary>The choices training made.</summary>
    public SemanticModelMetadata Metadata { get; }

    /// <summary>The priority labels in score-slot order.</summary>
    public IReadOnlyList<string> PrioritySlots => _priorities;

    /// <summary>Wraps a freshly trained pipeline.</summary>
    public static SemanticModel Create(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, PriorityStack priorityStack, SemanticModelMetadata metadata) =>
        new(ml, transformer, inputSchema, priorityStack, metadata);

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public static SemanticModel Load(Stream stream, SemanticModelMetadata metadata)
    {
        var ml = new MLContext(LocalModelTrainer.Seed);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        using var heads = ReadEntry(archive, HeadsEntry);
        using var stack = ReadEntry(archive, PriorityStackEntry);
        var transformer = ml.Model.Load(heads, out var inputSchema);
        var priorityStack = PriorityStack.Load(ml, stack);
        return new SemanticModel(ml, transformer, inputSchema, priorityStack, metadata);
    }

    /// <summary>Writes the model to <paramref name="stream"/>: a zip with the ML.NET pipeline of the heads and that of the priority stacker.</summary>
    public void Save(Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var heads = archive.CreateEntry(HeadsEntry, CompressionLevel.NoCompression).Open())
        {
            _ml.Model.Save(_transformer, _inputSchema, heads);
        }

        using var priorityStack = archive.CreateEntry(PriorityStackEntry, CompressionLevel.NoCompression).Open();
        _priorityStack.Save(priorityStack);
    }

    /// <summary>Scores one prepared input.</summary>
    public LocalPrediction Predict(SemanticModelInput input)
    {
        var engine = _engines.Get();
        try
        {
            var output = engine.Predict(input);
            var scores = CombineCategory(output.CategoryScore, output.CategoryEmbeddingScore, _embeddingSlots);
            var category = LocalModel.ArgMax(scores);
            var calibrated = TemperatureScaling.Apply(scores, Metadata.Temperature);
            var head = OrdinalPriority.ClassProbabilities(output.PriorityAtLeastP1, output.PriorityAtLeastP2, output.PriorityAtLeastP3);
            var categories = _categoryOrder.Select(slot => slot >= 0 ? scores[slot] : 0f).ToArray();
            var priorities = _priorityStack.Probabilities(PriorityStack.Features(head, categories, input.Cues, input.PriorityCues));
            return new LocalPrediction(
                _categories[category],
                calibrated[category],
                scores[category],
                DecidePriority(priorities, _priorities, Metadata.P1Threshold, Metadata.P2Weight, Metadata.P4Weight),
                _sentiments[LocalModel.ArgMax(output.SentimentScore)],
                []);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>
    /// P1 when its probability reaches <paramref name="p1Threshold"/>; otherwise the other priority
    /// with the largest probability, P2's multiplied by <paramref name="p2Weight"/> and P4's by
    /// <paramref name="p4Weight"/>.
    /// </summary>
    public static string DecidePriority(ReadOnlySpan<float> scores, IReadOnlyList<string> slots, double p1Threshold, double p2Weight = 1, double p4Weight = 1)
    {
        var p1 = -1;
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i] == "P1")
            {
                p1 = i;
            }
        }

        if (p1 >= 0 && scores[p1] >= p1Threshold)
        {
            return "P1";
        }

        var best = -1;
        var bestValue = double.NegativeInfinity;
        for (var i = 0; i < scores.Length; i++)
        {
            var value = scores[i] * (slots[i] == "P2" ? p2Weight : slots[i] == "P4" ? p4Weight : 1.0);
            if (i != p1 && value > bestValue)
            {
                (best, bestValue) = (i, value);
            }
        }

        return slots[best];
    }

    /// <summary>
    /// The category probabilities: (1 − <see cref="EmbeddingCategoryWeight"/>) × the full head's plus
    /// <see cref="EmbeddingCategoryWeight"/> × the embedding head's, whose slot for each of the full
    /// head's slots is <paramref name="embeddingSlots"/>.
    /// </summary>
    public static float[] CombineCategory(ReadOnlySpan<float> full, ReadOnlySpan<float> embedding, IReadOnlyList<int> embeddingSlots)
    {
        var combined = new float[full.Length];
        for (var i = 0; i < full.Length; i++)
        {
            combined[i] = (float)(((1 - EmbeddingCategoryWeight) * full[i]) + (EmbeddingCategoryWeight * embedding[embeddingSlots[i]]));
        }

        return combined;
    }

    /// <summary>For each label of <paramref name="labels"/>, its slot in <paramref name="other"/>.</summary>
    public static int[] SlotMap(IReadOnlyList<string> labels, IReadOnlyList<string> other)
    {
        var map = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            map[i] = Enumerable.Range(0, other.Count).FirstOrDefault(j => other[j] == labels[i], -1) is var slot and >= 0
                ? slot
                : throw new InvalidDataException($"The semantic model's category heads disagree on the labels ({labels[i]}).");
        }

        return map;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_engines as IDisposable)?.Dispose();
        _priorityStack.Dispose();
    }

    private static MemoryStream ReadEntry(ZipArchive archive, string name)
    {
        using var entry = (archive.GetEntry(name) ?? throw new InvalidDataException($"The semantic model file has no {name}.")).Open();
        var copy = new MemoryStream();
        entry.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static string[] SlotLabels(DataViewSchema schema, string column, IReadOnlyList<string> allowed)
    {
        var scoreColumn = schema.GetColumnOrNull(column) ?? throw new InvalidDataException($"The semantic model has no {column} column.");
        VBuffer<ReadOnlyMemory<char>> names = default;
        scoreColumn.GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (labels.Length == 0 || labels.Any(l => !allowed.Contains(l)))
        {
            throw new InvalidDataException($"The semantic model's {column} labels are not all in TicketLabels.");
        }

        return labels;
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer) : PooledObjectPolicy<PredictionEngine<SemanticModelInput, SemanticModelOutput>>
    {
        private readonly Lock _gate = new();

        public override PredictionEngine<SemanticModelInput, SemanticModelOutput> Create()
        {
            lock (_gate)
            {
                return ml.Model.CreatePredictionEngine<SemanticModelInput, SemanticModelOutput>(transformer);
            }
        }

        public override bool Return(PredictionEngine<SemanticModelInput, SemanticModelOutput> obj) => true;
    }
}
