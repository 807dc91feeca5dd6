namespace ReviewDesk.Workflows.Pii;

/// <summary>A piece of personal data found in a text.</summary>
/// <param name="Type">The Presidio entity type, one of <see cref="PiiTypes"/>.</param>
/// <param name="Start">UTF-16 offset of the first character.</param>
/// <param name="End">UTF-16 offset just past the last character (exclusive).</param>
/// <param name="Text">The matched text, equal to <c>text[Start..End]</c>.</param>
/// <param name="Score">Confidence between 0 and 1.</param>
public sealed record PiiEntity(string Type, int Start, int End, string Text, double Score)
{
    /// <summary>Number of UTF-16 code units the entity covers.</summary>
    public int Length => End - Start;

    /// <summary>Whether this entity shares at least one character with <paramref name="other"/>.</summary>
    /// <param name="other">Another entity in the same text.</param>
    /// <returns><see langword="true"/> when the two spans intersect.</returns>
    public bool Overlaps(PiiEntity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End;
    }

    /// <summary>Redacted form for logs and debugging: type, span and score, never the value.</summary>
    /// <returns>A string such as <c>EMAIL_ADDRESS[12..30) 0.95</c>.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"{Type}[{Start}..{End}) {Score:0.00}");
}
