namespace ReviewDesk.Workflows.Pii;

/// <summary>Configuration of the <see cref="PiiAnalyzer"/>, bound from the <c>Pii</c> section.</summary>
public sealed class PiiAnalyzerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Pii";

    /// <summary>Minimum score (after context boost) for an entity to be reported. Default 0.5.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>How much a context word near a candidate adds to its score. Default 0.35.</summary>
    public double ContextBoost { get; set; } = 0.35;

    /// <summary>
    /// The entity types to look for (see <see cref="PiiTypes"/>); empty means every type.
    /// </summary>
    public IList<string> EnabledTypes { get; } = new List<string>();

    /// <summary>
    /// ISO 3166 region codes tried for phone numbers written in national format (numbers in
    /// international format are found whatever this list holds). Empty means the default list.
    /// </summary>
    public IList<string> PhoneRegions { get; } = new List<string>();

    /// <summary>Whether <paramref name="type"/> should be reported with these options.</summary>
    /// <param name="type">A Presidio entity type.</param>
    /// <returns><see langword="true"/> when no types are listed or the type is listed.</returns>
    public bool IsEnabled(string type) =>
        EnabledTypes.Count == 0 || EnabledTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
}
