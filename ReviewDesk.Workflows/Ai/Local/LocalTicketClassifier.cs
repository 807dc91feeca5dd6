using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// The offline classifier of the local provider: ML.NET models trained on the embedded, labelled
/// training tickets (category, priority and sentiment), a stop-word language detector, and a
/// one-sentence rationale naming the words that drove the category. The model trains on first
/// use (or in <see cref="WarmUpAsync"/>) and is cached in
/// <see cref="LocalClassifierOptions.ModelDirectory"/> under the training data's SHA-256, so later
/// starts load it instead. Deterministic: the same ticket always gets the same answer.
/// Thread-safe.
/// </summary>
public sealed class LocalTicketClassifier : IImmediateTicketClassifier, IDisposable
{
    private readonly Func<TrainingTicketSet> _trainingData;
    private readonly LocalModelCache _cache;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<LoadedModel>? _loading;
    private volatile LoadedModel? _loaded;
    private volatile bool _disposed;

    /// <summary>Creates the classifier; nothing is loaded or trained until first use or <see cref="WarmUpAsync"/>.</summary>
    /// <param name="providerName">The configured provider name that classifications report (e.g. <c>local</c>).</param>
    /// <param name="options">Where to cache the trained model.</param>
    /// <param name="logger">Logs training and cache events (never ticket text).</param>
    public LocalTicketClassifier(string providerName, LocalClassifierOptions options, ILogger<LocalTicketClassifier>? logger = null)
        : this(providerName, options, TrainingTicketSet.LoadEmbedded, logger)
    {
    }

    internal LocalTicketClassifier(string providerName, LocalClassifierOptions options, Func<TrainingTicketSet> trainingData, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelDirectory);
        ArgumentNullException.ThrowIfNull(trainingData);
        ProviderName = providerName;
        _cache = new LocalModelCache(options.ModelDirectory);
        _trainingData = trainingData;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The provider name classifications report.</summary>
    public string ProviderName { get; }

    /// <summary>How the model was obtained; null until it is.</summary>
    public LocalModelInfo? ModelInfo => _loaded?.Info;

    /// <summary>
    /// Loads the cached model or trains (and caches) it, once; later calls return at once. Call it
    /// at start-up in the background to keep the first classification fast. Cancelling stops the
    /// wait, not the shared training, which a later call picks up.
    /// </summary>
    public async Task<LocalModelInfo> WarmUpAsync(CancellationToken cancellationToken) =>
        (await GetModelAsync(cancellationToken)).Info;

    /// <inheritdoc />
    public async Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var loaded = await GetModelAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return Classify(loaded, ticket);
    }

    /// <inheritdoc />
    public bool TryClassify(TicketText ticket, [NotNullWhen(true)] out ClassificationResult? result)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var loaded = _loaded;
        result = loaded is null || _disposed ? null : Classify(loaded, ticket);
        return result is not null;
    }

    private ClassificationResult Classify(LoadedModel loaded, TicketText ticket)
    {
        var prediction = loaded.Model.Predict(ticket);
        var confidence = Math.Round(Math.Clamp(prediction.Confidence, 0.0, 1.0), 4);
        var classification = new Classification(
            prediction.Category,
            prediction.Priority,
            StopWordLanguageDetector.Detect(ticket.Subject + "\n" + ticket.Body),
            prediction.Sentiment,
            confidence,
            Rationale(prediction.Category, confidence, prediction.CueWords),
            ProviderName,
            loaded.Info.Model);
        return new ClassificationResult(classification, Usage: null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _loaded?.Model.Dispose();
    }

    internal static string Rationale(string category, double confidence, IReadOnlyList<string> cueWords)
    {
        var percent = (confidence * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        // Written for people, as the console names categories: "account access", not "account_access".
        category = category.Replace('_', ' ');
        var quoted = cueWords.Select(w => $"\"{w}\"").ToList();
        return quoted.Count switch
        {
            0 => $"No word stood out, so {category} is only the closest match ({percent} confident).",
            1 => $"The word {quoted[0]} points to {category} ({percent} confident).",
            _ => $"The words {string.Join(", ", quoted[..^1])} and {quoted[^1]} point to {category} ({percent} confident).",
        };
    }

    private async Task<LoadedModel> GetModelAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_loaded is { } loaded)
        {
            return loaded;
        }

        Task<LoadedModel> loading;
        lock (_gate)
        {
            // A failed attempt is not cached: the next caller tries again.
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = Task.Run(LoadOrTrain, CancellationToken.None);
            }

            loading = _loading;
        }

        return await loading.WaitAsync(cancellationToken);
    }

    private LoadedModel LoadOrTrain()
    {
        var stopwatch = Stopwatch.StartNew();
        var data = _trainingData();
        var cacheFile = _cache.ModelPath(data.Sha256);

        var model = TryLoadCached(data.Sha256);
        var fromCache = model is not null;
        if (model is null)
        {
            _logger.LogInformation("Training the local triage model on {Count} tickets (no cache at {CacheFile})", data.Tickets.Count, cacheFile);
            model = LocalModelTrainer.Train(data.Tickets, data.Sha256);
            try
            {
                _cache.Save(model);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not fatal: the model works from memory and trains again on the next start.
                _logger.LogWarning(ex, "Could not cache the local triage model at {CacheFile}", cacheFile);
            }
        }

        var metadata = model.Metadata;
        var info = new LocalModelInfo(
            metadata.ModelName, fromCache, cacheFile, stopwatch.Elapsed, data.Sha256, metadata.TrainingTickets,
            metadata.Temperature, metadata.CandidateMacroF1);
        _logger.LogInformation(
            "Local triage model {Model} {How} in {ElapsedMs:0} ms", info.Model, fromCache ? "loaded from cache" : "trained", info.Elapsed.TotalMilliseconds);

        var loaded = new LoadedModel(model, info);
        _loaded = loaded;
        if (_disposed)
        {
            model.Dispose();
        }

        return loaded;
    }

    private LocalModel? TryLoadCached(string sha256)
    {
        try
        {
            return _cache.TryLoad(sha256);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A corrupt or foreign cache file is replaced by a fresh training, never fatal.
            _logger.LogWarning(ex, "Ignoring the unreadable local model cache at {CacheFile}", _cache.ModelPath(sha256));
            return null;
        }
    }

    private sealed record LoadedModel(LocalModel Model, LocalModelInfo Info);
}
