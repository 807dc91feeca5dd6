using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds US social security numbers written as 3-2-4 digits with one consistent separator
/// (dash, space or dot), or as nine solid digits when an SSN word is nearby. Numbers the SSA
/// never issues are rejected: area 000, 666 or 900-999, group 00, serial 0000, all digits equal.
/// </summary>
public sealed partial class UsSsnRecognizer : IPiiRecognizer
{
    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "ssn", "ssns", "social", "security", "ss", "ssa", "taxpayer", "tin", "sozialversicherungsnummer",
    };

    /// <inheritdoc />
    public string EntityType => PiiTypes.UsSsn;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<PiiEntity>();
        foreach (Match m in SsnRegex().Matches(text))
        {
            var area = m.Groups["area"].ValueSpan;
            var group = m.Groups["group"].ValueSpan;
            var serial = m.Groups["serial"].ValueSpan;
            if (!IsIssuable(area, group, serial) || ContextScanner.FollowsIdentifierWord(text, m.Index))
            {
                continue;
            }

            var separator = m.Groups["sep"].ValueSpan;

            // Nine solid digits are as likely an order or account number: they count only with context.
            var score = separator.Length == 0 ? 0.3 : separator[0] == '-' ? 0.65 : 0.6;
            results.Add(new PiiEntity(EntityType, m.Index, m.Index + m.Length, m.Value, score));
        }

        return results;
    }

    private static bool IsIssuable(ReadOnlySpan<char> area, ReadOnlySpan<char> group, ReadOnlySpan<char> serial)
    {
        if (area is "000" or "666" || area[0] == '9' || group is "00" || serial is "0000")
        {
            return false;
        }

        var first = area[0];
        return !(area.Trim(first).IsEmpty && group.Trim(first).IsEmpty && serial.Trim(first).IsEmpty);
    }

    [GeneratedRegex(
        @"(?<![\w\-.,/+])(?<area>\d{3})(?<sep>[\- .]?)(?<group>\d{2})\k<sep>(?<serial>\d{4})(?![\w\-]|[.,/]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();
}
