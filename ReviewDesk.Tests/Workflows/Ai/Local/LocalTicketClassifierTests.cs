using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

[Collection(nameof(LocalClassifierCollection))]
public sealed class LocalTicketClassifierTests(LocalClassifierFixture fixture)
{
    // Written for these tests, not taken from the training file.
    public static TheoryData<string, string, string> ObviousTickets => new()
    {
        { "billing", "Double charge", "I was charged twice this month. Can you explain why there are two charges on my invoice?" },
        { "billing", "VAT number on invoices", "Please add our VAT number to future invoices; the current invoice shows no VAT ID." },
        { "refund", "Refund please", "I cancelled within the 14-day window and would like my money back. Please refund the full amount to my card." },
        { "refund", "Where is my refund?", "I returned the headphones last week and your warehouse received them. When will I get my refund?" },
        { "technical_issue", "App crashes on start", "Since the latest update the iOS app crashes immediately when I open it. Reinstalling did not help." },
        { "technical_issue", "Sync error", "Files are not syncing between my laptop and phone; the desktop client shows 'Sync failed: error 0x80070005'." },
        { "account_access", "Forgot password", "I forgot my password and the reset email never arrives. I cannot log in to my account." },
        { "account_access", "Lost 2FA phone", "I got a new phone and lost my authenticator app, so I can't get past the two-factor login. How can I reset 2FA?" },
        { "shipping", "Parcel never arrived", "My parcel never arrived. Tracking has said 'in transit' for ten days. Order 48213. Where is my package?" },
        { "shipping", "Wrong item delivered", "I ordered the black jacket in size M but the box contained a blue one in size L. Please send the right item." },
        { "feature_request", "Dark mode please", "It would be great if the web app had a dark mode. Please consider adding it in a future release." },
        { "feature_request", "Export to Excel", "Could you add an option to export reports as XLSX? Right now only CSV is supported." },
        { "security", "Phishing email using your name", "I received an email pretending to be from you asking me to confirm my card details on a strange website. Looks like phishing." },
        { "security", "Vulnerability report", "I found a cross-site scripting vulnerability in your search page and would like to report it responsibly." },
        { "general_inquiry", "Opening hours", "What are your customer service opening hours? Do you also offer phone support?" },
        { "general_inquiry", "Partnership", "We are a reseller in Spain and would like to discuss a partnership with your company. Who should we contact?" },
    };

    [Theory]
    [MemberData(nameof(ObviousTickets))]
    public async Task ClassifyAsync_ObviousTicket_ReturnsItsCategory(string expected, string subject, string body)
    {
        // Act
        var result = await fixture.Classifier.ClassifyAsync(new TicketText(subject, body), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(expected, result.Classification.Category);
    }

    [Fact]
    public async Task ClassifyAsync_LoginFromAnotherCountry_IsSecurityOrAccountAccessWithReviewWorthyPriority()
    {
        // Arrange
        var ticket = new TicketText(
            "Login from another country",
            "Someone logged into my account from another country last night. It was not me, I got an alert about a sign-in from Brazil.");

        // Act
        var result = (await fixture.Classifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken)).Classification;

        // Assert
        Assert.Contains(result.Category, new[] { "security", "account_access" });
        Assert.Contains(result.Priority, new[] { "P1", "P2" });
    }

    [Fact]
    public async Task ClassifyAsync_OutageTicket_IsUrgent()
    {
        // Arrange
        var ticket = new TicketText(
            "URGENT: everything down",
            "Outage since 9:00 - the dashboard returns 503 for everyone in our company, 80 people cannot work. Please fix this now!");

        // Act
        var result = (await fixture.Classifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken)).Classification;

        // Assert
        Assert.Equal("technical_issue", result.Category);
        Assert.Equal("P1", result.Priority);
    }

    [Fact]
    public async Task ClassifyAsync_AmbiguousTicket_HasLowerConfidenceThanClearTicket()
    {
        // Arrange
        var clear = new TicketText("Parcel never arrived", "My parcel never arrived. Tracking has said 'in transit' for ten days. Where is my package?");
        var ambiguous = new TicketText("Question", "Hi, I have a question about my account and my last order. Thanks.");

        // Act
        var clearResult = await fixture.Classifier.ClassifyAsync(clear, TestContext.Current.CancellationToken);
        var ambiguousResult = await fixture.Classifier.ClassifyAsync(ambiguous, TestContext.Current.CancellationToken);

        // Assert
        Assert.InRange(clearResult.Classification.Confidence, 0.0, 1.0);
        Assert.InRange(ambiguousResult.Classification.Confidence, 0.0, 1.0);
        Assert.True(
            ambiguousResult.Classification.Confidence < clearResult.Classification.Confidence - 0.2,
            $"ambiguous {ambiguousResult.Classification.Confidence:0.000} vs clear {clearResult.Classification.Confidence:0.000}");
    }

    [Fact]
    public async Task ClassifyAsync_AnyTicket_LabelsComeFromTicketLabelsAndConfidenceIsAProbability()
    {
        // Arrange: training tickets in every language plus degenerate input.
        var tickets = TrainingTickets.Sample(60)
            .Append(new TicketText("", ""))
            .Append(new TicketText("🙂🙂🙂", "!!!"))
            .Append(new TicketText("<EMAIL_ADDRESS_1>", "<PHONE_NUMBER_1> <PERSON_1>"))
            .Append(new TicketText("long", string.Join(' ', Enumerable.Repeat("my invoice is wrong and the app crashes", 500))));

        foreach (var ticket in tickets)
        {
            // Act
            var result = await fixture.Classifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken);

            // Assert
            var c = result.Classification;
            Assert.Contains(c.Category, TicketLabels.Categories);
            Assert.Contains(c.Priority, TicketLabels.Priorities);
            Assert.Contains(c.Sentiment, TicketLabels.Sentiments);
            Assert.Contains(c.Language, StopWordLanguageDetector.Languages);
            Assert.InRange(c.Confidence, 0.0, 1.0);
            Assert.False(string.IsNullOrWhiteSpace(c.Rationale));
            Assert.Null(result.Usage);
        }
    }

    [Theory]
    [InlineData("Forgot password", "I forgot my password and the reset email never arrives. I cannot log in to my account.")]
    [InlineData("App crashes on start", "Since the latest update the iOS app crashes immediately when I open it. Reinstalling did not help.")]
    [InlineData("Double charge", "I was charged twice this month. Can you explain why there are two charges on my invoice?")]
    [InlineData("Dark mode please", "It would be great if the web app had a dark mode. Please consider adding it in a future release.")]
    public async Task ClassifyAsync_Rationale_CitesNoPronounNumberWordOrFiller_AndNamesTheCategoryAsPeopleDo(string subject, string body)
    {
        var result = await fixture.Classifier.ClassifyAsync(new TicketText($"{subject}, he is sure", $"{body} He said it two times, sure. Thanks."), TestContext.Current.CancellationToken);

        var quoted = System.Text.RegularExpressions.Regex.Matches(result.Classification.Rationale, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(quoted, phrase => Assert.Contains(phrase.Split(' '), CueWordExplainer.IsInformative));
        Assert.DoesNotContain(quoted, q => q is "he" or "two" or "sure" or "thanks" or "said");
        Assert.DoesNotContain("_", result.Classification.Rationale, StringComparison.Ordinal);
        Assert.Contains(result.Classification.Category.Replace('_', ' '), result.Classification.Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two", false)]
    [InlineData("he", false)]
    [InlineData("sure", false)]
    [InlineData("the", false)]
    [InlineData("password", true)]
    [InlineData("invoice", true)]
    [InlineData("someone", true)]
    public void IsInformative_LeavesOutStopWordsPronounsNumberWordsAndFillers(string word, bool informative) =>
        Assert.Equal(informative, CueWordExplainer.IsInformative(word));

    [Fact]
    public async Task ClassifyAsync_Ticket_ReportsProviderModelAndCueWordRationale()
    {
        // Arrange
        var billing = new TicketText("Double charge", "I was charged twice this month. Can you explain why there are two charges on my invoice?");
        var shipping = new TicketText("Parcel never arrived", "My parcel never arrived. Tracking has said 'in transit' for ten days.");

        // Act
        var first = (await fixture.Classifier.ClassifyAsync(billing, TestContext.Current.CancellationToken)).Classification;
        var second = (await fixture.Classifier.ClassifyAsync(shipping, TestContext.Current.CancellationToken)).Classification;

        // Assert
        Assert.Equal(LocalClassifierFixture.ProviderName, first.Provider);
        Assert.Equal(fixture.TrainedInfo.Model, first.Model);
        Assert.StartsWith("mlnet-", first.Model, StringComparison.Ordinal);
        Assert.Matches("^The words? \".+\" .*point.? to billing \\(\\d+% confident\\)\\.$", first.Rationale);
        Assert.Contains("charge", first.Rationale, StringComparison.Ordinal);
        Assert.Contains("shipping", second.Rationale, StringComparison.Ordinal);
        Assert.NotEqual(first.Rationale, second.Rationale);
    }

    [Fact]
    public async Task ClassifyAsync_ParallelCalls_MatchSequentialResults()
    {
        // Arrange
        var tickets = TrainingTickets.Sample(20).ToList();
        var sequential = new List<Classification>();
        foreach (var ticket in tickets)
        {
            sequential.Add((await fixture.Classifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken)).Classification);
        }

        // Act: 200 calls over 20 tickets, all at once from the thread pool.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(
            async () => (i % tickets.Count, (await fixture.Classifier.ClassifyAsync(tickets[i % tickets.Count], TestContext.Current.CancellationToken)).Classification),
            TestContext.Current.CancellationToken)));

        // Assert
        foreach (var (index, classification) in parallel)
        {
            Assert.Equal(sequential[index], classification);
        }
    }

    [Fact]
    public async Task ClassifyAsync_CachedModel_AnswersExactlyAsTrainedModel()
    {
        // Arrange
        var tickets = TrainingTickets.Sample(30).ToList();

        foreach (var ticket in tickets)
        {
            // Act
            var trained = await fixture.Classifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken);
            var cached = await fixture.CachedClassifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken);

            // Assert
            Assert.Equal(trained.Classification, cached.Classification);
        }
    }

    [Fact]
    public async Task ClassifyAsync_CancelledToken_ThrowsOperationCanceled()
    {
        // Arrange
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act + Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fixture.Classifier.ClassifyAsync(new TicketText("a", "b"), cancelled.Token));
    }

    [Fact]
    public async Task ClassifyAsync_AfterDispose_ThrowsObjectDisposed()
    {
        // Arrange
        var classifier = new LocalTicketClassifier(LocalClassifierFixture.ProviderName, fixture.Options);
        await classifier.WarmUpAsync(TestContext.Current.CancellationToken);

        // Act
        classifier.Dispose();

        // Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => classifier.ClassifyAsync(new TicketText("a", "b"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryClassify_BeforeTheModelIsLoaded_DeclinesWithoutLoading_AfterItGivesClassifyAsyncsAnswer()
    {
        // Arrange: a classifier over the cached model, nothing loaded yet
        var ticket = new TicketText("Parcel never arrived", "Tracking has said 'in transit' for ten days. Where is my package?");
        using var classifier = new LocalTicketClassifier(LocalClassifierFixture.ProviderName, fixture.Options);

        // Act
        var before = classifier.TryClassify(ticket, out var notYet);
        var loadedByTry = classifier.ModelInfo;
        var expected = await classifier.ClassifyAsync(ticket, TestContext.Current.CancellationToken);
        var after = classifier.TryClassify(ticket, out var immediate);

        // Assert: declining loads nothing (the step that runs instead loads the model); once loaded, the same answer at once
        Assert.False(before);
        Assert.Null(notYet);
        Assert.Null(loadedByTry);
        Assert.True(after);
        Assert.Equal(expected, immediate);
    }

    [Fact]
    public async Task TryClassify_AfterDispose_Declines()
    {
        // Arrange
        var classifier = new LocalTicketClassifier(LocalClassifierFixture.ProviderName, fixture.Options);
        await classifier.WarmUpAsync(TestContext.Current.CancellationToken);

        // Act
        classifier.Dispose();

        // Assert
        Assert.False(classifier.TryClassify(new TicketText("a", "b"), out _));
    }
}
