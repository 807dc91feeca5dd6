using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds payment card numbers: 13 to 19 digits, written solid or in groups separated by one
/// consistent space or dash, with a known leading digit, that pass the Luhn checksum. A number
/// introduced as an order, invoice or tracking number is not reported.
/// </summary>
public sealed partial class CreditCardRecognizer : IPiiRecognizer
{
    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "credit", "card", "visa", "mastercard", "amex", "debit", "cc", "payment", "pay", "kreditkarte", "karte",
        "carte", "tarjeta", "creditcard", "kaart", "crédito", "credito",
    };

    /// <inheritdoc />
    public string EntityType => PiiTypes.CreditCard;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<PiiEntity>();
        foreach (Match run in DigitGroupsRegex().Matches(text))
        {
            var groups = SplitGroups(run);
            var i = 0;
            while (i < groups.Count)
            {
                var taken = TryTake(text, groups, i, results);
                i += Math.Max(1, taken);
            }
        }

        return results;
    }

    private int TryTake(string text, List<(int Start, int End, char Separator)> groups, int first, List<PiiEntity> results)
    {
        // Longest run of groups first, so "4012 8888 8888 1881" is one number, not four.
        for (var last = groups.Count - 1; last >= first; last--)
        {
            var start = groups[first].Start;
            var end = groups[last].End;
            if (!IsConsistent(groups, first, last))
            {
                continue;
            }

            var digits = new string(text.AsSpan(start, end - start).ToArray().Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is < 13 or > 19 || !HasKnownPrefix(digits) || !PassesLuhn(digits))
            {
                continue;
            }

            if (ContextScanner.FollowsIdentifierWord(text, start))
            {
                return last - first + 1;
            }

            results.Add(new PiiEntity(EntityType, start, end, text[start..end], 0.9));
            return last - first + 1;
        }

        return 1;
    }

    private static bool IsConsistent(List<(int Start, int End, char Separator)> groups, int first, int last)
    {
        if (first == last)
        {
            return true;
        }

        var separator = groups[first + 1].Separator;
        for (var g = first; g <= last; g++)
        {
            var length = groups[g].End - groups[g].Start;
            if (length is < 2 or > 6 || (g > first && groups[g].Separator != separator))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(int Start, int End, char Separator)> SplitGroups(Match run)
    {
        var groups = new List<(int, int, char)>();
        var value = run.Value;
        var groupStart = 0;
        var separator = '\0';
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] is ' ' or '-')
            {
                groups.Add((run.Index + groupStart, run.Index + i, separator));
                if (i < value.Length)
                {
                    separator = value[i];
                }

                groupStart = i + 1;
            }
        }

        return groups;
    }

    private static bool HasKnownPrefix(string digits) => digits[0] switch
    {
        // 1: UATP cards are 15 digits; other numbers starting with 1 are not cards.
        '1' => digits.Length == 15,
        '2' or '3' or '4' or '5' or '6' => true,
        _ => false,
    };

    /// <summary>The Luhn (mod 10) checksum used by payment card numbers.</summary>
    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    // Digit groups joined by single spaces or dashes, not glued to letters, digits or other separators.
    [GeneratedRegex(@"(?<![\w\-.,/+])\d+(?:[ \-]\d+)*(?![\w\-]|[.,/]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DigitGroupsRegex();
}
