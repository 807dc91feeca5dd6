using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The semantic offline classifier (provider type <see cref="AiProviderType.LocalSemantic"/>): the
/// MiniLM sentence embedding, TF-IDF features and impact cues into calibrated linear models, trained
/// on the embedded training tickets at first use (or in <see cref="WarmUpAsync"/>) and cached in the
/// model directory. Slower than the TF-IDF model (one embedding per ticket), so it is meant for the
/// tickets the fast model is unsure of. Thread-safe.
/// </summary>
public sealed class SemanticTicketClassifier : ITicketClassifier, IDisposable
{
    private readonly Func<TrainingTicketSet> _trainingData;
    private readonly SemanticModelCache _cache;
    private readonly int _intraOpThreads;
    private readonly int _sessions;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<(SemanticModel Model, MiniLmEncoder Encoder)>? _loading;
    private volatile bool _disposed;
    private volatile Loaded? _loaded;

    /// <summary>Creates the classifier; nothing is loaded until first use or <see cref="WarmUpAsync"/>.</summary>
    /// <param name="providerName">The configured provider name classifications report.</param>
    /// <param name="options">Where to cache the trained model.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per embedding.</param>
    /// <param name="logger">Logs training and cache events (never ticket text).</param>
    public SemanticTicketClassifier(string providerName, LocalClassifierOptions options, int intraOpThreads = 1, ILogger<SemanticTicketClassifier>? logger = null)
        : this(providerName, options, intraOpThreads, TrainingTicketSet.LoadEmbedded, logger)
    {
    }

    internal SemanticTicketClassifier(string providerName, LocalClassifierOptions options, int intraOpThreads, Func<TrainingTicketSet> trainingData, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trainingData);
        ProviderName = providerName;
        _cache = new SemanticModelCache(options.ModelDirectory);
        _intraOpThreads = intraOpThreads;
        // One ONNX session per core (at most 4), each with intraOpThreads threads: tickets are encoded in parallel, not one call on many threads.
        _sessions = Math.Clamp(Environment.ProcessorCount, 1, 4);
        _trainingData = trainingData;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The provider name classifications report.</summary>
    public string ProviderName { get; }

    /// <summary>True when the model came from the cache (null until loaded).</summary>
    public bool? LoadedFromCache { get; private set; }

    /// <summary>The cache file of the current training data and recipe.</summary>
    public string CacheFile => _cache.ModelPath(_trainingData().Sha256);

    /// <summary>Loads or trains the model once; later calls return at once.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken) => await GetModelAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (model, encoder) = await GetModelAsync(cancellationToken);
        // The encoder's gate: at most one ticket per session is encoded at once, the others wait without holding a thread.
        var input = await encoder.RunAsync(embed => SemanticModelInput.From(ticket, embed), cancellationToken);
        var prediction = model.Predict(input);
        var confidence = Math.Round(Math.Clamp(prediction.Confidence, 0.0, 1.0), 4);
        var percent = (confidence * 100).ToString("0", CultureInfo.InvariantCulture);
        var classification = new Classification(
            prediction.Category,
            prediction.Priority,
            StopWordLanguageDetector.Detect(ticket.Subject + "\n" + ticket.Body),
            prediction.Sentiment,
            confidence,
            $"The ticket's meaning is closest to {prediction.Category.Replace('_', ' ')} ({percent}% confident).",
            ProviderName,
            SemanticModelMetadata.ModelName);
        return new ClassificationResult(classification, Usage: null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        if (_loaded is { } loaded)
        {
            loaded.Model.Dispose();
            loaded.Encoder.Dispose();
        }
    }

    private Task<(SemanticModel Model, MiniLmEncoder Encoder)> GetModelAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Task<(SemanticModel, MiniLmEncoder)> loading;
        lock (_gate)
        {
            // A failed attempt is not kept: the next caller tries again.
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = Task.Run(LoadOrTrain, CancellationToken.None);
            }

            loading = _loading;
        }

        return loading.WaitAsync(cancellationToken);
    }

    private (SemanticModel, MiniLmEncoder) LoadOrTrain()
    {
        var stopwatch = Stopwatch.StartNew();
        var encoder = new MiniLmEncoder(_intraOpThreads, _sessions, SemanticModelTrainer.EncoderPrecision);
        try
        {
            var data = _trainingData();
            SemanticModel? model = null;
            try
            {
                model = _cache.TryLoad(data.Sha256);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "Ignoring the unreadable semantic model cache at {CacheFile}", _cache.ModelPath(data.Sha256));
            }

            LoadedFromCache = model is not null;
            if (model is null)
            {
                // Encoded on every session of the pool at once, in the tickets' order (training is deterministic).
                var rows = data.Tickets.AsParallel().AsOrdered().WithDegreeOfParallelism(encoder.Sessions)
                    .Select(t => SemanticModelInput.From(t, encoder, CancellationToken.None)).ToList();
                model = SemanticModelTrainer.Train(rows, data.Sha256);
                _cache.Save(model);
            }

            _logger.LogInformation("Semantic classifier {Model} {How} in {ElapsedMs:0} ms", SemanticModelMetadata.ModelName,
                LoadedFromCache == true ? "loaded from cache" : "trained", stopwatch.Elapsed.TotalMilliseconds);
            _loaded = new Loaded(model, encoder);
            return (model, encoder);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private sealed record Loaded(SemanticModel Model, MiniLmEncoder Encoder);
}
