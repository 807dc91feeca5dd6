using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds e-mail addresses: a dot-atom local part, one or more domain labels and an alphabetic or
/// punycode (<c>xn--</c>) top-level domain.
/// </summary>
public sealed partial class EmailRecognizer : IPiiRecognizer
{
    private static readonly HashSet<string> Context = new(StringComparer.Ordinal) { "email", "mail", "e", "contact" };

    /// <inheritdoc />
    public string EntityType => PiiTypes.EmailAddress;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Every address has an '@' (a literal in the pattern): most texts have none, and the regex would otherwise
        // try a match at each letter and digit.
        if (!text.Contains('@'))
        {
            return [];
        }

        var results = new List<PiiEntity>();
        foreach (Match m in EmailRegex().Matches(text))
        {
            results.Add(new PiiEntity(EntityType, m.Index, m.Index + m.Length, m.Value, 0.95));
        }

        return results;
    }

    [GeneratedRegex(
        @"(?<![\w.%+\-@])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{2,59})(?![\w\-@]|\.[A-Za-z0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();
}
