using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

/// <summary>The semantic provider trains once, caches, and a second start loads the cache and answers the same.</summary>
public sealed class SemanticTicketClassifierTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reviewdesk-semantic-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ClassifyAsync_SecondStart_LoadsTheCacheAndAnswersTheSame()
    {
        // Arrange
        var options = new LocalClassifierOptions { ModelDirectory = _directory };
        var ticket = new TicketText("Nobody can log in", "Since this morning none of our 60 employees can sign in, the login page returns 503. We cannot work.");
        var ct = TestContext.Current.CancellationToken;

        // Act
        ClassificationResult first;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using (var trained = new SemanticTicketClassifier("semantic", options))
        {
            first = await trained.ClassifyAsync(ticket, ct);
            output.WriteLine($"cold start (encode the training set, train, save, first answer): {stopwatch.Elapsed.TotalSeconds:0.0} s");
            Assert.False(trained.LoadedFromCache);
            Assert.True(File.Exists(trained.CacheFile));
        }

        stopwatch.Restart();
        using var loaded = new SemanticTicketClassifier("semantic", options);
        var second = await loaded.ClassifyAsync(ticket, ct);
        output.WriteLine($"warm start (load encoder and cached model, first answer): {stopwatch.Elapsed.TotalSeconds:0.00} s");
        stopwatch.Restart();
        for (var i = 0; i < 50; i++) await loaded.ClassifyAsync(ticket with { Body = ticket.Body + " " + i }, ct);
        output.WriteLine($"steady state: {stopwatch.Elapsed.TotalMilliseconds / 50:0.0} ms per ticket, working set {Environment.WorkingSet / 1048576} MiB");

        // Assert
        Assert.True(loaded.LoadedFromCache);
        Assert.Equal(first.Classification, second.Classification);
        Assert.Equal("semantic", second.Classification.Provider);
        Assert.Equal(SemanticModelMetadata.ModelName, second.Classification.Model);
        Assert.Contains(second.Classification.Category, TicketLabels.Categories);
        Assert.Equal("P1", second.Classification.Priority);
        Assert.Null(second.Usage);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
