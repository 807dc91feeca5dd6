namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// The outcome of anonymizing one or more fields of a ticket together. <see cref="Originals"/>
/// holds personal data in clear: the caller must encrypt or discard it and never log it.
/// </summary>
public sealed class PiiAnonymizationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="texts">The redacted fields, in the order they were given.</param>
    /// <param name="redactions">Every replacement, ordered by field then start offset.</param>
    /// <param name="originals">Placeholder to the original value it stands for.</param>
    public PiiAnonymizationResult(
        IReadOnlyList<string> texts,
        IReadOnlyList<PiiRedaction> redactions,
        IReadOnlyDictionary<string, string> originals)
    {
        Texts = texts;
        Redactions = redactions;
        Originals = originals;
    }

    /// <summary>The redacted fields, in the order they were given.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>The first (or only) redacted field.</summary>
    public string Text => Texts.Count > 0 ? Texts[0] : string.Empty;

    /// <summary>Every replacement with its span in the original field, ordered by field then offset.</summary>
    public IReadOnlyList<PiiRedaction> Redactions { get; }

    /// <summary>
    /// Placeholder (<c>&lt;PHONE_NUMBER_1&gt;</c>) to the original value, as first written in the
    /// ticket. Sensitive: encrypt before storing; never log.
    /// </summary>
    public IReadOnlyDictionary<string, string> Originals { get; }

    /// <summary>The entity types that were found, in <see cref="PiiTypes.All"/> order.</summary>
    public IReadOnlyList<string> Types =>
        PiiTypes.All.Where(t => Redactions.Any(r => r.Type == t)).ToList();

    /// <summary>Whether any replaced entity is of a <see cref="PiiTypes.HighRisk"/> type.</summary>
    public bool ContainsHighRisk => Redactions.Any(r => PiiTypes.IsHighRisk(r.Type));

    /// <summary>A summary safe for logs: counts per type, never values.</summary>
    /// <returns>A string such as <c>2 field(s), 3 redaction(s): EMAIL_ADDRESS=2, PERSON=1</c>.</returns>
    public override string ToString() =>
        $"{Texts.Count} field(s), {Redactions.Count} redaction(s)"
        + (Redactions.Count == 0 ? string.Empty : ": " + string.Join(", ",
            Redactions.GroupBy(r => r.Type).Select(g => $"{g.Key}={g.Count()}")));
}
