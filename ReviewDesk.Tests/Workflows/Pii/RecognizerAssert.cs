using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

/// <summary>Shared analyzers per type, and span assertions that name the text on failure.</summary>
internal static class RecognizerAssert
{
    private static readonly Dictionary<string, PiiAnalyzer> Analyzers = new(StringComparer.Ordinal);

    public static IReadOnlyList<PiiEntity> Analyze(string type, string text)
    {
        PiiAnalyzer analyzer;
        lock (Analyzers)
        {
            if (!Analyzers.TryGetValue(type, out analyzer!))
            {
                analyzer = PiiAnalyzer.Create(type);
                Analyzers[type] = analyzer;
            }
        }

        return analyzer.Analyze(text);
    }

    /// <summary>Asserts that exactly <paramref name="expected"/> values of <paramref name="type"/> are found, in order.</summary>
    public static void Finds(string type, string text, params string[] expected)
    {
        var found = Analyze(type, text);
        Assert.Equal(expected, found.Select(e => e.Text));
        Assert.All(found, e => Assert.Equal(e.Text, text[e.Start..e.End]));
    }

    /// <summary>Asserts that nothing of <paramref name="type"/> is found.</summary>
    public static void FindsNothing(string type, string text) =>
        Assert.Empty(Analyze(type, text).Select(e => e.Text));
}
