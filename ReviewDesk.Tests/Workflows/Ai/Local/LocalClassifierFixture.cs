using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

/// <summary>
/// Trains the local model once for the whole collection into a temp model directory (a cold
/// start), then loads it again through a second classifier (a warm start), so the tests share one
/// training and can compare the two starts.
/// </summary>
public sealed class LocalClassifierFixture : IAsyncLifetime
{
    public const string ProviderName = "local-test";

    public string ModelDirectory { get; } = Path.Combine(Path.GetTempPath(), "reviewdesk-tests", "ml-" + Guid.NewGuid().ToString("N"));

    /// <summary>The classifier that trained the model.</summary>
    public LocalTicketClassifier Classifier { get; private set; } = null!;

    /// <summary>How <see cref="Classifier"/> got its model (trained).</summary>
    public LocalModelInfo TrainedInfo { get; private set; } = null!;

    /// <summary>A second classifier over the same directory, constructed after the first finished.</summary>
    public LocalTicketClassifier CachedClassifier { get; private set; } = null!;

    /// <summary>How <see cref="CachedClassifier"/> got its model (from the cache).</summary>
    public LocalModelInfo CachedInfo { get; private set; } = null!;

    public LocalClassifierOptions Options => new() { ModelDirectory = ModelDirectory };

    public async ValueTask InitializeAsync()
    {
        Classifier = new LocalTicketClassifier(ProviderName, Options);
        TrainedInfo = await Classifier.WarmUpAsync(TestContext.Current.CancellationToken);
        CachedClassifier = new LocalTicketClassifier(ProviderName, Options);
        CachedInfo = await CachedClassifier.WarmUpAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Classifier.Dispose();
        CachedClassifier.Dispose();
        if (Directory.Exists(ModelDirectory))
        {
            Directory.Delete(ModelDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(nameof(LocalClassifierCollection))]
public sealed class LocalClassifierCollection : ICollectionFixture<LocalClassifierFixture>;
