using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds IBANs: an upper-case country code with a known IBAN length, two check digits and an
/// upper-case alphanumeric BBAN, written solid or in groups of four separated by one consistent
/// space or dash, whose ISO 7064 mod-97 checksum is 1.
/// </summary>
public sealed partial class IbanRecognizer : IPiiRecognizer
{
    // IBAN lengths per country from the SWIFT IBAN registry.
    private static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
        ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18,
        ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27,
        ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20,
        ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20,
        ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
        ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "iban", "bank", "account", "transfer", "sepa", "konto", "bankverbindung", "kontonummer", "compte",
        "cuenta", "rekening", "überweisung", "virement", "transferencia", "refund", "erstattung", "remboursement",
    };

    /// <inheritdoc />
    public string EntityType => PiiTypes.IbanCode;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<PiiEntity>();
        var searchFrom = 0;
        while (searchFrom < text.Length)
        {
            var m = StartRegex().Match(text, searchFrom);
            if (!m.Success)
            {
                break;
            }

            if (Lengths.TryGetValue(m.Value[..2], out var length) && TryReadIban(text, m.Index, length, out var end))
            {
                results.Add(new PiiEntity(EntityType, m.Index, end, text[m.Index..end], 1.0));
                searchFrom = end;
            }
            else
            {
                searchFrom = m.Index + 1;
            }
        }

        return results;
    }

    /// <summary>
    /// Reads exactly <paramref name="length"/> IBAN characters from <paramref name="start"/>,
    /// allowing one separator kind between groups of four, and checks the boundary and checksum.
    /// </summary>
    private static bool TryReadIban(string text, int start, int length, out int end)
    {
        Span<char> compact = stackalloc char[length];
        var count = 0;
        var separator = '\0';
        var i = start;
        end = start;
        while (count < length && i < text.Length)
        {
            var c = text[i];
            if (IsIbanChar(c))
            {
                compact[count++] = c;
                i++;
                continue;
            }

            // A separator is allowed only between complete groups of four, and must be the same throughout.
            var isSeparator = c is ' ' or '-';
            if (!isSeparator || count % 4 != 0 || (separator != '\0' && c != separator)
                || i + 1 >= text.Length || !IsIbanChar(text[i + 1]))
            {
                return false;
            }

            separator = c;
            i++;
        }

        if (count != length || (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')))
        {
            return false;
        }

        end = i;
        return HasValidChecksum(compact);
    }

    private static bool IsIbanChar(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);

    /// <summary>ISO 7064 MOD 97-10: the rearranged IBAN, letters as 10..35, modulo 97 must be 1.</summary>
    internal static bool HasValidChecksum(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])[A-Z]{2}\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex StartRegex();
}
