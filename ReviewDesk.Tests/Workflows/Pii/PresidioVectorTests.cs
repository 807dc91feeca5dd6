using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

/// <summary>Runs Presidio's own recognizer test cases against our analyzer, one type at a time.</summary>
public sealed class PresidioVectorTests
{
    private static readonly Lazy<IReadOnlyList<PresidioVector>> Vectors = new(PresidioVector.LoadAll);

    /// <summary>
    /// Vectors we deliberately disagree with, by line number (1-based), with the reason.
    /// Keep this tiny; every entry is a documented divergence from Presidio.
    /// </summary>
    private static readonly Dictionary<int, string> SkipList = new()
    {
    };

    public static TheoryData<int, string, string> Lines()
    {
        var data = new TheoryData<int, string, string>();
        var all = Vectors.Value;
        for (var i = 0; i < all.Count; i++)
        {
            data.Add(i + 1, all[i].Type, all[i].Text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Analyze_PresidioVector_MatchesExpectedCountAndSpans(int line, string type, string text)
    {
        // Arrange
        Assert.SkipWhen(SkipList.ContainsKey(line), SkipList.GetValueOrDefault(line) ?? string.Empty);
        var vector = Vectors.Value[line - 1];
        var analyzer = AnalyzerFor(type);

        // Act
        var found = analyzer.Analyze(text);

        // Assert
        Assert.Equal(vector.Count, found.Count);
        if (vector.Spans is not null)
        {
            var expected = vector.Spans.Select(s => (s[0], s[1])).ToList();
            var actual = found.Select(e => (e.Start, e.End)).ToList();
            Assert.Equal(expected, actual);
        }

        Assert.All(found, e => Assert.Equal(type, e.Type));
    }

    [Fact]
    public void VectorFile_HasOneCasePerLine_AndNamesItsSource()
    {
        // Arrange
        var all = Vectors.Value;

        // Act
        var withoutSource = all.Count(v => !v.Source.StartsWith("microsoft/presidio@", StringComparison.Ordinal));

        // Assert
        Assert.True(all.Count >= 400, $"Expected the full vector file, found {all.Count} cases.");
        Assert.Equal(0, withoutSource);
    }

    private static readonly Dictionary<string, PiiAnalyzer> Analyzers = new(StringComparer.Ordinal);

    private static PiiAnalyzer AnalyzerFor(string type)
    {
        lock (Analyzers)
        {
            if (!Analyzers.TryGetValue(type, out var analyzer))
            {
                analyzer = PiiAnalyzer.Create(type);
                Analyzers[type] = analyzer;
            }

            return analyzer;
        }
    }
}
