using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

[Collection(nameof(LocalClassifierCollection))]
public sealed class LocalModelCacheTests(LocalClassifierFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reviewdesk-tests", "ml-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void WarmUpAsync_FirstStart_TrainsAndWritesCacheFileKeyedByTrainingDataHash()
    {
        // Arrange + Act: the fixture's first classifier started on an empty directory.
        var info = fixture.TrainedInfo;

        // Assert
        Assert.False(info.LoadedFromCache);
        Assert.True(File.Exists(info.CacheFile), info.CacheFile);
        Assert.True(File.Exists(Path.ChangeExtension(info.CacheFile, ".json")));
        Assert.StartsWith(Path.GetFullPath(fixture.ModelDirectory), info.CacheFile, StringComparison.Ordinal);
        Assert.Contains(info.TrainingDataSha256[..16], Path.GetFileName(info.CacheFile), StringComparison.Ordinal);
        Assert.Equal(TrainingTicketSet.LoadEmbedded().Sha256, info.TrainingDataSha256);
        Assert.Equal(1157, info.TrainingTickets);
        output.WriteLine($"cold start (train {info.TrainingTickets} tickets + save): {info.Elapsed.TotalSeconds:0.00} s, model {info.Model}, T={info.Temperature}");
    }

    [Fact]
    public void WarmUpAsync_SecondConstruction_LoadsFromCache()
    {
        // Arrange + Act: the fixture's second classifier started on the directory the first filled.
        var info = fixture.CachedInfo;

        // Assert
        Assert.True(info.LoadedFromCache);
        Assert.Equal(fixture.TrainedInfo.CacheFile, info.CacheFile);
        Assert.Equal(fixture.TrainedInfo.Model, info.Model);
        Assert.Equal(fixture.TrainedInfo.Temperature, info.Temperature);
        Assert.Equal(info, fixture.CachedClassifier.ModelInfo);
        output.WriteLine($"warm start (load cached model): {info.Elapsed.TotalMilliseconds:0} ms; cold start was {fixture.TrainedInfo.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task WarmUpAsync_CorruptCacheFile_RetrainsAndReplacesIt()
    {
        // Arrange: a small training file keeps this test fast.
        var data = TrainingTicketSet.Parse(TrainingTickets.FirstLines(200));
        var options = new LocalClassifierOptions { ModelDirectory = _directory };
        LocalModelInfo first;
        using (var classifier = new LocalTicketClassifier("local", options, () => data, logger: null))
        {
            first = await classifier.WarmUpAsync(TestContext.Current.CancellationToken);
        }

        await File.WriteAllTextAsync(first.CacheFile, "not a zip", TestContext.Current.CancellationToken);

        // Act
        using var retrained = new LocalTicketClassifier("local", options, () => data, logger: null);
        var second = await retrained.WarmUpAsync(TestContext.Current.CancellationToken);
        using var reloaded = new LocalTicketClassifier("local", options, () => data, logger: null);
        var third = await reloaded.WarmUpAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.False(first.LoadedFromCache);
        Assert.False(second.LoadedFromCache);
        Assert.True(third.LoadedFromCache);
        var ticket = new TicketText("Parcel never arrived", "My parcel never arrived.");
        Assert.Equal(
            (await retrained.ClassifyAsync(ticket, TestContext.Current.CancellationToken)).Classification,
            (await reloaded.ClassifyAsync(ticket, TestContext.Current.CancellationToken)).Classification);
    }

    [Fact]
    public async Task WarmUpAsync_DifferentTrainingData_UsesAnotherCacheFile()
    {
        // Arrange
        var small = TrainingTicketSet.Parse(TrainingTickets.FirstLines(200));
        var options = new LocalClassifierOptions { ModelDirectory = fixture.ModelDirectory };

        // Act
        using var classifier = new LocalTicketClassifier("local", options, () => small, logger: null);
        var info = await classifier.WarmUpAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.False(info.LoadedFromCache);
        Assert.NotEqual(fixture.TrainedInfo.CacheFile, info.CacheFile);
        Assert.Equal(200, info.TrainingTickets);
        Assert.True(File.Exists(fixture.TrainedInfo.CacheFile));
    }

    [Fact]
    public async Task ClassifyAsync_BeforeWarmUp_TrainsOrLoadsLazily()
    {
        // Arrange
        var classifier = new LocalTicketClassifier("local", fixture.Options);
        using var _ = classifier;
        Assert.Null(classifier.ModelInfo);

        // Act
        var result = await classifier.ClassifyAsync(new TicketText("Refund please", "I want my money back."), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("refund", result.Classification.Category);
        Assert.True(classifier.ModelInfo?.LoadedFromCache);
    }

    [Fact]
    public void ModelDirectory_Default_IsModelsUnderTheDataFolder()
    {
        Assert.Equal(Path.Combine("data", "models"), new LocalClassifierOptions().ModelDirectory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
