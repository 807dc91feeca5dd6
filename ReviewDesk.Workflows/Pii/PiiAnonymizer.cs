using System.Net;
using System.Text;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Replaces personal data with typed, numbered placeholders (<c>&lt;EMAIL_ADDRESS_1&gt;</c>).
/// Numbering is per type and per call: fields anonymized in one call (a ticket's subject and
/// body) share it, and the same value gets the same placeholder everywhere in them. Values are
/// compared in a normalised form (e-mail case, phone and card digits, IBAN spacing), so
/// "DE89 3704…" and "DE893704…" share a placeholder. Nothing is logged.
/// </summary>
public sealed class PiiAnonymizer
{
    private readonly PiiAnalyzer _analyzer;

    /// <summary>Creates an anonymizer that finds entities with <paramref name="analyzer"/>.</summary>
    /// <param name="analyzer">The analyzer to run on each field.</param>
    public PiiAnonymizer(PiiAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        _analyzer = analyzer;
    }

    /// <summary>An anonymizer over <see cref="PiiAnalyzer.Create"/> with default options.</summary>
    /// <returns>A ready anonymizer.</returns>
    public static PiiAnonymizer Create() => new(PiiAnalyzer.Create());

    /// <summary>Anonymizes a single text.</summary>
    /// <param name="text">The text to redact.</param>
    /// <returns>The redacted text, the redactions and the placeholder mapping.</returns>
    public PiiAnonymizationResult Anonymize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Anonymize([text]);
    }

    /// <summary>Anonymizes several fields of one ticket together, sharing the numbering.</summary>
    /// <param name="fields">The fields, such as subject and body; each may be empty.</param>
    /// <returns>The redacted fields in the same order, the redactions and the placeholder mapping.</returns>
    public PiiAnonymizationResult Anonymize(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var entities = fields.Select(f => _analyzer.Analyze(f ?? throw new ArgumentException("A field is null.", nameof(fields)))).ToList();
        return Replace(fields, entities);
    }

    /// <summary>
    /// Replaces entities found elsewhere (for example corrected by a reviewer) in several fields,
    /// with the same numbering and consistency rules as <see cref="Anonymize(IReadOnlyList{string})"/>.
    /// </summary>
    /// <param name="fields">The original fields.</param>
    /// <param name="entities">For each field, its non-overlapping entities.</param>
    /// <returns>The redacted fields, the redactions and the placeholder mapping.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, or an entity is out of range or overlaps another.</exception>
    public static PiiAnonymizationResult Replace(IReadOnlyList<string> fields, IReadOnlyList<IReadOnlyList<PiiEntity>> entities)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(entities);
        if (fields.Count != entities.Count)
        {
            throw new ArgumentException("There must be one entity list per field.", nameof(entities));
        }

        var placeholders = new Dictionary<(string Type, string Key), string>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        var redactions = new List<PiiRedaction>();
        var texts = new List<string>(fields.Count);

        for (var f = 0; f < fields.Count; f++)
        {
            var text = fields[f];
            var ordered = entities[f].OrderBy(e => e.Start).ToList();
            var output = new StringBuilder(text.Length);
            var position = 0;
            foreach (var entity in ordered)
            {
                if (entity.Start < position || entity.End > text.Length || entity.Start >= entity.End)
                {
                    throw new ArgumentException($"Entity {entity} in field {f} is out of range or overlaps another.", nameof(entities));
                }

                var value = text[entity.Start..entity.End];
                var key = (entity.Type, Normalize(entity.Type, value));
                if (!placeholders.TryGetValue(key, out var placeholder))
                {
                    var n = counters.GetValueOrDefault(entity.Type) + 1;
                    counters[entity.Type] = n;
                    placeholder = $"<{entity.Type}_{n}>";
                    placeholders[key] = placeholder;
                    originals[placeholder] = value;
                }

                output.Append(text, position, entity.Start - position).Append(placeholder);
                redactions.Add(new PiiRedaction(f, entity.Type, entity.Start, entity.End, placeholder));
                position = entity.End;
            }

            output.Append(text, position, text.Length - position);
            texts.Add(output.ToString());
        }

        return new PiiAnonymizationResult(texts, redactions, originals);
    }

    /// <summary>The form two mentions of the same value share, so they get the same placeholder.</summary>
    private static string Normalize(string type, string value)
    {
        switch (type)
        {
            case PiiTypes.PhoneNumber:
            case PiiTypes.CreditCard:
            case PiiTypes.UsSsn:
                return new string(value.Where(char.IsAsciiDigit).ToArray());
            case PiiTypes.IbanCode:
                return new string(value.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
            case PiiTypes.IpAddress:
                var bare = value.Split('%')[0];
                return IPAddress.TryParse(bare, out var ip) ? ip.ToString() : value.ToUpperInvariant();
            default:
                return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        }
    }
}
