namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds candidate entities of one type in a text. Recognizers are deterministic, local and
/// stateless, so one instance can serve many threads.
/// </summary>
public interface IPiiRecognizer
{
    /// <summary>The Presidio entity type this recognizer reports, one of <see cref="PiiTypes"/>.</summary>
    string EntityType { get; }

    /// <summary>
    /// Lower-case words that, found near a candidate, make it more likely to be real; the
    /// <see cref="PiiAnalyzer"/> raises the score of a candidate with such a word nearby.
    /// </summary>
    IReadOnlyCollection<string> ContextWords { get; }

    /// <summary>Finds candidates with their base scores (before any context boost).</summary>
    /// <param name="text">The text to scan.</param>
    /// <returns>Candidates in any order; they may overlap.</returns>
    IReadOnlyList<PiiEntity> Recognize(string text);
}
