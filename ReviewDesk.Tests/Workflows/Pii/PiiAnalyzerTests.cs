using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class PiiAnalyzerTests
{
    private sealed class FixedRecognizer(string type, IReadOnlyCollection<string> context, params PiiEntity[] candidates) : IPiiRecognizer
    {
        public string EntityType => type;

        public IReadOnlyCollection<string> ContextWords => context;

        public IReadOnlyList<PiiEntity> Recognize(string text) => candidates;
    }

    [Fact]
    public void Analyze_MixedTicket_ReturnsEntitiesSortedByStart()
    {
        // Arrange
        const string text = "Hi, my name is Jane Doe, mail jane@example.com or call (415) 555-0132. IBAN GB29 NWBK 6016 1331 9268 19.";
        var analyzer = PiiAnalyzer.Create();

        // Act
        var found = analyzer.Analyze(text);

        // Assert
        Assert.Equal(
            [PiiTypes.Person, PiiTypes.EmailAddress, PiiTypes.PhoneNumber, PiiTypes.IbanCode],
            found.Select(e => e.Type));
        Assert.Equal(found.OrderBy(e => e.Start).Select(e => e.Start), found.Select(e => e.Start));
        Assert.All(found, e => Assert.Equal(text[e.Start..e.End], e.Text));
    }

    [Fact]
    public void Analyze_OverlappingCandidates_HigherScoreWinsThenLongerSpan()
    {
        // Arrange
        const string text = "0123456789";
        var analyzer = new PiiAnalyzer(
            new PiiAnalyzerOptions(),
            [
                new FixedRecognizer("A", [], new PiiEntity("A", 0, 4, "0123", 0.6), new PiiEntity("A", 6, 10, "6789", 0.7)),
                new FixedRecognizer("B", [], new PiiEntity("B", 2, 8, "234567", 0.6)),
            ]);

        // Act
        var found = analyzer.Analyze(text);

        // Assert: 6..10 (0.7) beats 2..8; then 0..4 no longer overlaps anything kept.
        Assert.Equal([("A", 0, 4), ("A", 6, 10)], found.Select(e => (e.Type, e.Start, e.End)));
    }

    [Fact]
    public void Analyze_EqualScores_LongerSpanWins()
    {
        // Arrange
        var analyzer = new PiiAnalyzer(
            new PiiAnalyzerOptions(),
            [
                new FixedRecognizer("A", [], new PiiEntity("A", 0, 4, "0123", 0.6)),
                new FixedRecognizer("B", [], new PiiEntity("B", 2, 9, "2345678", 0.6)),
            ]);

        // Act
        var found = analyzer.Analyze("0123456789");

        // Assert
        Assert.Equal([("B", 2, 9)], found.Select(e => (e.Type, e.Start, e.End)));
    }

    [Fact]
    public void Analyze_ContextWordNearby_BoostsAboveThreshold()
    {
        // Arrange
        var candidate = new PiiEntity("A", 16, 20, "1234", 0.3);
        var analyzer = new PiiAnalyzer(new PiiAnalyzerOptions(), [new FixedRecognizer("A", new HashSet<string> { "secret" }, candidate)]);

        // Act
        var withContext = analyzer.Analyze("the secret code 1234");
        var withoutContext = analyzer.Analyze("the public code 1234");

        // Assert
        Assert.Equal(0.65, Assert.Single(withContext).Score, 3);
        Assert.Empty(withoutContext);
    }

    [Fact]
    public void Analyze_RaisedThreshold_DropsWeakerEntities()
    {
        // Arrange
        var options = new PiiAnalyzerOptions { Threshold = 0.9 };
        var analyzer = new PiiAnalyzer(options);
        const string text = "Try (415) 555-0132 or mail jane@example.com";

        // Act
        var found = analyzer.Analyze(text);

        // Assert
        Assert.Equal([PiiTypes.EmailAddress], found.Select(e => e.Type));
    }

    [Fact]
    public void Create_WithTypes_ReportsOnlyThoseTypes()
    {
        // Arrange
        var analyzer = PiiAnalyzer.Create(PiiTypes.EmailAddress, PiiTypes.IpAddress);

        // Act
        var found = analyzer.Analyze("jane@example.com from 10.0.0.1, call (415) 555-0132");

        // Assert
        Assert.Equal([PiiTypes.EmailAddress, PiiTypes.IpAddress], found.Select(e => e.Type));
        Assert.Equal([PiiTypes.EmailAddress, PiiTypes.IpAddress], analyzer.EntityTypes);
    }

    [Fact]
    public void Constructor_ThresholdOutOfRange_Throws()
    {
        // Arrange
        var options = new PiiAnalyzerOptions { Threshold = 1.5 };

        // Act
        var act = () => new PiiAnalyzer(options);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Fact]
    public void Analyze_EmptyText_ReturnsNothing()
    {
        // Arrange
        var analyzer = PiiAnalyzer.Create();

        // Act
        var found = analyzer.Analyze(string.Empty);

        // Assert
        Assert.Empty(found);
    }

    [Fact]
    public void ToString_Entity_DoesNotRevealTheValue()
    {
        // Arrange
        var entity = new PiiEntity(PiiTypes.EmailAddress, 3, 19, "jane@example.com", 0.95);

        // Act
        var shown = entity.ToString();

        // Assert
        Assert.Equal("EMAIL_ADDRESS[3..19) 0.95", shown);
    }

    [Fact]
    public void HighRisk_Types_AreCardIbanAndSsn()
    {
        // Arrange
        var expected = new[] { PiiTypes.CreditCard, PiiTypes.IbanCode, PiiTypes.UsSsn };

        // Act
        var highRisk = PiiTypes.All.Where(PiiTypes.IsHighRisk);

        // Assert
        Assert.Equal(expected, highRisk);
        Assert.Equal(3, PiiTypes.HighRisk.Count);
    }
}
