using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Ai;

public sealed class KernelTicketClassifierTests : IAsyncLifetime
{
    private static readonly PiiAnalyzer _analyzer = PiiAnalyzer.Create();
    private static readonly TicketText _ticket = new(
        "Charged twice for my subscription",
        "Hello, I was charged twice this month. Please contact me at <EMAIL_ADDRESS_1>. Regards, <PERSON_1>");

    private static readonly object _validAnswer = new
    {
        category = "billing",
        priority = "P2",
        language = "en",
        sentiment = "negative",
        confidence = 0.87,
        rationale = "The customer reports a duplicate charge.",
    };

    private ScriptedOpenAiServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedOpenAiServer.StartAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ClassifyAsync_ValidAnswer_ReturnsLabelsWithProviderAndModel()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Answer(_validAnswer));
        using var classifier = CreateClassifier();

        // Act
        var result = await classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(
            new Classification("billing", "P2", "en", "negative", 0.87, "The customer reports a duplicate charge.", "gateway", "triage-model"),
            result.Classification);
        Assert.Equal(1, _server.RequestCount);
        Assert.Equal("classify-ticket.v1", classifier.PromptVersion);
    }

    [Fact]
    public async Task ClassifyAsync_ValidAnswer_RequestCarriesStrictJsonSchemaAndRedactedTicket()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Answer(_validAnswer));
        using var classifier = CreateClassifier();

        // Act
        await classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken);

        // Assert
        var request = _server.RequestJson(0);
        Assert.Equal("triage-model", (string?)request["model"]);
        Assert.Equal(0.0, (double?)request["temperature"]);
        var format = request["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.True((bool?)format["json_schema"]!["strict"]);
        var properties = format["json_schema"]!["schema"]!["properties"]!;
        Assert.Equal(TicketLabels.Categories, properties["category"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(TicketLabels.Priorities, properties["priority"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(TicketLabels.Sentiments, properties["sentiment"]!["enum"]!.AsArray().Select(n => (string?)n));
        var messages = request["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m!["role"]));
        var user = (string?)messages[1]!["content"];
        Assert.Contains(_ticket.Subject, user, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_ADDRESS_1>", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_UsageWithPrices_ReturnsTokensAndCost()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Answer(_validAnswer, promptTokens: 1000, completionTokens: 500));
        using var classifier = CreateClassifier(configure: o => (o.InputPricePer1K, o.OutputPricePer1K) = (0.5m, 1.5m));

        // Act
        var result = await classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new TokenUsage(1000, 500, 1.25m), result.Usage);
    }

    [Fact]
    public async Task ClassifyAsync_UsageWithoutPrices_CostIsNull()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Answer(_validAnswer, promptTokens: 200, completionTokens: 40));
        using var classifier = CreateClassifier();

        // Act
        var result = await classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new TokenUsage(200, 40, null), result.Usage);
    }

    [Fact]
    public async Task ClassifyAsync_Http429WithSeconds_ThrowsRateLimitedWithRetryAfterAfterOneRequest()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Status(429, ("Retry-After", "7")), ScriptedOpenAiServer.Answer(_validAnswer));
        using var classifier = CreateClassifier();

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.False(error.NonRetryable);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_Http429WithHttpDate_RetryAfterIsTheTimeUntilThatDate()
    {
        // Arrange
        var now = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        _server.Enqueue(ScriptedOpenAiServer.Status(429, ("Retry-After", now.AddSeconds(90).ToString("r"))));
        using var classifier = CreateClassifier(time);

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
    }

    [Fact]
    public async Task ClassifyAsync_Http500_ThrowsServerErrorAfterOneRequest()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Status(500), ScriptedOpenAiServer.Answer(_validAnswer));
        using var classifier = CreateClassifier();

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.ServerError, error.Kind);
        Assert.False(error.NonRetryable);
        Assert.Equal(1, _server.RequestCount);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task ClassifyAsync_Http4xx_ThrowsRejectedNonRetryable(int status)
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Status(status));
        using var classifier = CreateClassifier();

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.Rejected, error.Kind);
        Assert.True(error.NonRetryable);
        Assert.DoesNotContain("test-key", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestCount);
    }

    [Theory]
    [InlineData("this is not json {")]
    [InlineData("""{"category":"weather","priority":"P2","language":"en","sentiment":"negative","confidence":0.5,"rationale":"r"}""")]
    [InlineData("""{"category":"billing","priority":"P9","language":"en","sentiment":"negative","confidence":0.5,"rationale":"r"}""")]
    [InlineData("""{"category":"billing","priority":"P2","language":"en","sentiment":"negative","confidence":1.5,"rationale":"r"}""")]
    [InlineData("""{"category":"billing","priority":"P2","language":"english","sentiment":"negative","confidence":0.5,"rationale":"r"}""")]
    [InlineData("""{"category":"billing","priority":"P2","language":"en","sentiment":"negative","confidence":0.5}""")]
    [InlineData("""{"category":"billing","priority":"P2","language":"en","sentiment":"negative","confidence":0.5,"rationale":null}""")]
    [InlineData("")]
    public async Task ClassifyAsync_UnusableAnswer_ThrowsMalformedOutput(string content)
    {
        // Arrange
        _server.Enqueue(new ScriptedOpenAiServer.CompletionReply(content, 100, 20));
        using var classifier = CreateClassifier();

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.MalformedOutput, error.Kind);
        Assert.False(error.NonRetryable);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_ServerHangs_ThrowsTimeoutAfterOneRequest()
    {
        // Arrange
        _server.Enqueue(new ScriptedOpenAiServer.HangReply());
        using var classifier = CreateClassifier(configure: o => o.TimeoutSeconds = 1);

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.Timeout, error.Kind);
        Assert.False(error.NonRetryable);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_CallerCancelsWhileServerHangs_ThrowsOperationCanceled()
    {
        // Arrange
        _server.Enqueue(new ScriptedOpenAiServer.HangReply());
        using var classifier = CreateClassifier(configure: o => o.TimeoutSeconds = 30);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Act
        var call = classifier.ClassifyAsync(_ticket, caller.Token);
        await _server.FirstRequest.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await caller.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // Assert
        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public async Task ClassifyAsync_NothingListens_ThrowsServerError()
    {
        // Arrange: a port that was free a moment ago.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var classifier = CreateClassifier(configure: o => o.Endpoint = $"http://127.0.0.1:{port}/v1");

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.ServerError, error.Kind);
    }

    [Fact]
    public async Task ClassifyAsync_TicketStillHoldsPii_BlocksBeforeSending()
    {
        // Arrange
        _server.Enqueue(ScriptedOpenAiServer.Answer(_validAnswer));
        using var classifier = CreateClassifier();
        var leaky = new TicketText("Refund please", "Write to jane.doe@example.com or call +1 415 555 0132 about my refund.");

        // Act
        var error = await Assert.ThrowsAsync<ActivityException>(() => classifier.ClassifyAsync(leaky, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(AiErrorKinds.PiiBlocked, error.Kind);
        Assert.True(error.NonRetryable);
        Assert.Contains(PiiTypes.EmailAddress, error.Message, StringComparison.Ordinal);
        Assert.Contains(PiiTypes.PhoneNumber, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("555", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_AlreadyCancelled_SendsNothing()
    {
        // Arrange
        using var classifier = CreateClassifier();

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => classifier.ClassifyAsync(_ticket, new CancellationToken(canceled: true)));

        // Assert
        Assert.Equal(0, _server.RequestCount);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 0 ", 0)]
    [InlineData("Fri, 14 Mar 2025 09:27:23 GMT", 30)]
    [InlineData("Fri, 14 Mar 2025 09:00:00 GMT", 0)]
    public void ParseRetryAfter_SecondsOrHttpDate_ReturnsDelay(string value, int expectedSeconds)
    {
        // Arrange
        var now = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

        // Act
        var delay = KernelTicketClassifier.ParseRetryAfter(value, now);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public async Task ClassifyAsync_TwelveCallsAtOnce_SendsAtMostMaxConcurrentRequests_AndAnswersEveryOne()
    {
        // Arrange: every answer takes 200 ms, so without a cap the twelve requests would all be at the server together.
        for (var i = 0; i < 12; i++)
        {
            _server.Enqueue(new ScriptedOpenAiServer.DelayedReply(TimeSpan.FromMilliseconds(200), ScriptedOpenAiServer.Answer(_validAnswer)));
        }

        using var classifier = CreateClassifier(configure: o => o.MaxConcurrentRequests = 3);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => classifier.ClassifyAsync(_ticket, TestContext.Current.CancellationToken)));

        // Assert
        Assert.All(results, r => Assert.Equal("billing", r.Classification.Category));
        Assert.Equal(12, _server.RequestCount);
        Assert.InRange(_server.MaxInFlight, 1, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void ParseRetryAfter_Unreadable_ReturnsNull(string value)
    {
        // Act
        var delay = KernelTicketClassifier.ParseRetryAfter(value, DateTimeOffset.UnixEpoch);

        // Assert
        Assert.Null(delay);
    }

    private KernelTicketClassifier CreateClassifier(TimeProvider? time = null, Action<AiProviderOptions>? configure = null)
    {
        var options = new AiProviderOptions
        {
            Type = AiProviderType.OpenAICompatible,
            Endpoint = _server.Endpoint.ToString(),
            Model = "triage-model",
            ApiKey = "test-key",
            TimeoutSeconds = 10,
        };
        configure?.Invoke(options);
        return new KernelTicketClassifier(
            "gateway",
            options,
            new PiiPromptFilter(_analyzer, NullLogger<PiiPromptFilter>.Instance),
            time ?? TimeProvider.System,
            NullLogger<KernelTicketClassifier>.Instance);
    }
}
