using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds telephone numbers with libphonenumber. Numbers in international format (<c>+49 …</c>)
/// are found whatever the region; numbers in national format are tried against several regions.
/// The score combines what libphonenumber says (valid, or only possible) with the shape of the
/// match: an explicit country code or a grouped layout counts for more than a bare digit run,
/// which needs a phone word nearby, and so does a long digit run with a short suffix (<c>1796228277240-10</c>).
/// Numbers introduced as order, invoice or tracking numbers,
/// dates and dotted quads are not reported.
/// </summary>
public sealed partial class PhoneNumberRecognizer : IPiiRecognizer
{
    /// <summary>Regions tried for national-format numbers when none are configured.</summary>
    public static readonly IReadOnlyList<string> DefaultRegions =
    [
        "US", "GB", "DE", "FR", "ES", "NL", "BE", "IT", "CH", "AT", "IE", "CA", "AU", "IL", "IN", "BR", "JP", "CN", "MX",
    ];

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "phone", "phones", "telephone", "tel", "mobile", "cell", "cellphone", "call", "called", "calling", "number",
        "reach", "fax", "whatsapp", "sms", "landline", "hotline", "ring", "dial", "contact", "telefon", "telefonnummer",
        "handy", "handynummer", "mobil", "mobilnummer", "rufnummer", "erreichbar", "anrufen", "rückruf", "téléphone",
        "portable", "numéro", "appeler", "joindre", "teléfono", "telefono", "móvil", "movil", "celular", "llamar",
        "número", "telefoon", "telefoonnummer", "mobiel", "bellen", "nummer", "tél", "tlf", "ph", "mob",
    };

    private readonly IReadOnlyList<NationalRegion> _regions;

    /// <summary>Creates a recognizer that tries <paramref name="regions"/> for national numbers.</summary>
    /// <param name="regions">ISO 3166 region codes; <see langword="null"/> or empty for <see cref="DefaultRegions"/>.</param>
    public PhoneNumberRecognizer(IEnumerable<string>? regions = null)
    {
        var list = regions?.Select(r => r.Trim().ToUpperInvariant()).Where(r => r.Length == 2).Distinct().ToList();
        _regions = (list is { Count: > 0 } ? list : DefaultRegions).Select(NationalRegion.For).ToList();
    }

    /// <summary>
    /// A region tried for national numbers, with the fewest digits a valid number of it has (its shortest
    /// national significant number, from libphonenumber's metadata; 1 for a region it does not know).
    /// </summary>
    private sealed record NationalRegion(string Code, int MinDigits)
    {
        public static NationalRegion For(string code)
        {
            var lengths = Util.GetMetadataForRegion(code)?.GeneralDesc?.PossibleLengthList;
            return new NationalRegion(code, lengths is { Count: > 0 } ? lengths.Min() : 1);
        }
    }

    /// <inheritdoc />
    public string EntityType => PiiTypes.PhoneNumber;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsAsciiDigit))
        {
            return [];
        }

        var best = new Dictionary<(int Start, int End), double>();

        var windows = Windows(text);

        // International format: the country code is in the text, so the region does not matter. Only a
        // window with a plus sign can hold one.
        foreach (var (match, offset) in FindNumbers(windows.Where(w => w.Text.Contains('+')), "ZZ", PhoneNumberUtil.Leniency.POSSIBLE))
        {
            var (start, end) = Trim(text, offset + match.Start, offset + match.Start + match.Length);
            if (start < end && text[start] == '+')
            {
                Offer(best, text, start, end, Util.IsValidNumber(match.Number) ? 0.85 : 0.5);
            }
        }

        foreach (var window in windows)
        {
            // A valid number of a region has at least its shortest length in digits, all inside one window:
            // a region whose shortest number has more digits than the window is not run on it.
            var regions = _regions.Where(r => window.Digits >= r.MinDigits).ToList();
            if (regions.Count == 0)
            {
                continue;
            }

            // Every region finds the same numbers in a window whose digits all belong to international numbers
            // (see InternationalOnly), so the matcher runs once for them all instead of once per region.
            var shared = ShareInternationalWindows && window.Text.Contains('+') ? InternationalOnly(window.Text) : null;
            foreach (var match in shared ?? regions.SelectMany(r => Util.FindNumbers(window.Text, r.Code, PhoneNumberUtil.Leniency.VALID, long.MaxValue)))
            {
                var (start, end) = Trim(text, window.Start + match.Start, window.Start + match.Start + match.Length);
                if (start >= end || text[start] == '+')
                {
                    continue;
                }

                // A grouped layout ("(415) 555-0132", "030 1234567") reads as a phone number; a bare
                // digit run is as likely an id and needs a phone word nearby. So does a long run with a
                // short suffix ("1796228277240-10"): order numbers, timestamps and ticket references.
                var value = text.AsSpan(start, end - start);
                var grouped = value.IndexOfAny(" -()./") >= 0 && !LongRunWithSuffixRegex().IsMatch(value);
                Offer(best, text, start, end, grouped ? 0.55 : 0.4);
            }
        }

        return Resolve(best, text);
    }

    /// <summary>
    /// The parts of <paramref name="text"/> worth handing to libphonenumber: each run of digits and phone
    /// punctuation with at least <see cref="MinDigits"/> digits, with <see cref="WindowMargin"/> characters either side (the matcher
    /// looks at a number's neighbours), merged where they touch. Twenty regions scan these few short windows
    /// instead of the whole text twenty times, which is where the time went.
    /// </summary>
    internal static List<Window> Windows(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (Match run in DigitRunRegex().Matches(text))
        {
            if (CountDigits(run.ValueSpan) < MinDigits) continue;
            var start = Math.Max(0, run.Index - WindowMargin);
            var end = Math.Min(text.Length, run.Index + run.Length + WindowMargin);
            if (spans.Count > 0 && spans[^1].End >= start)
            {
                spans[^1] = (spans[^1].Start, end);
            }
            else
            {
                spans.Add((start, end));
            }
        }

        return spans.ConvertAll(span =>
        {
            var value = span.Start == 0 && span.End == text.Length ? text : text[span.Start..span.End];
            return new Window(span.Start, value, value.Count(char.IsDigit));
        });
    }

    /// <summary>A part of the text handed to libphonenumber: where it starts, its text, and how many digits it holds (any script's).</summary>
    internal sealed record Window(int Start, string Text, int Digits);

    private static IEnumerable<(PhoneNumberMatch Match, int Offset)> FindNumbers(
        IEnumerable<Window> windows, string region, PhoneNumberUtil.Leniency leniency)
    {
        foreach (var window in windows)
        {
            foreach (var match in Util.FindNumbers(window.Text, region, leniency, long.MaxValue))
            {
                yield return (match, window.Start);
            }
        }
    }

    /// <summary>
    /// Whether the national pass may run the matcher once for all regions on this window: false only for the
    /// reference path the tests compare against (one matcher run per region).
    /// </summary>
    internal bool ShareInternationalWindows { get; init; } = true;

    /// <summary>
    /// The numbers libphonenumber's VALID matcher finds in <paramref name="window"/> whatever the region, or
    /// <see langword="null"/> when that may depend on the region. It does not when the matcher without a region ("ZZ"),
    /// which accepts only numbers written with a plus sign, matches every digit of the window, each match being a whole
    /// candidate of the matcher (no plus sign or opening bracket among the non-alphanumeric characters just before it,
    /// no '#' just after it). Why, as libphonenumber-csharp 9.0.43's matcher and parser read: a number with a plus sign
    /// and a known country code parses and validates the same in every region (the region's international and national
    /// prefixes are not consulted, and VALID's national prefix rule only applies to numbers without a country code); a
    /// candidate without digits fails in every region; so a region's matcher walks the same candidates as ZZ's and
    /// accepts the same ones. Only a digit outside those matches could be read by some region as a national number.
    /// PhoneNumberRecognizerTests hold this against each region's matcher, so a libphonenumber upgrade that breaks it fails there.
    /// </summary>
    internal static List<PhoneNumberMatch>? InternationalOnly(string window)
    {
        var matches = Util.FindNumbers(window, "ZZ", PhoneNumberUtil.Leniency.VALID, long.MaxValue).ToList();
        var position = 0;
        foreach (var match in matches)
        {
            if (Digits.Any(window.AsSpan(position, match.Start - position)))
            {
                return null;
            }

            // The matcher's candidates may open with plus signs and brackets followed by punctuation (which
            // includes 'x' and 'ー'): if any is just before the match, the match may be part of a longer candidate.
            for (var i = match.Start - 1; i >= 0 && !char.IsDigit(window[i]) && (!char.IsLetter(window[i]) || window[i] is 'x' or 'X' or 'ー'); i--)
            {
                if (window[i] is '+' or '＋' or '(' or '[' or '（' or '［')
                {
                    return null;
                }
            }

            position = match.Start + match.Length;
            if (position < window.Length && window[position] is '#' or '＃')
            {
                return null;
            }
        }

        return Digits.Any(window.AsSpan(position)) ? null : matches;
    }

    private const int WindowMargin = 24;

    // No region tried here has a valid or possible number of fewer digits (area code included).
    private const int MinDigits = 5;

    // Digits with the punctuation phone numbers are written with.
    [GeneratedRegex(@"\+?[\d(][\d\s().\-/]*\d", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRunRegex();

    private static int CountDigits(ReadOnlySpan<char> value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c)) digits++;
        }

        return digits;
    }

    private static void Offer(Dictionary<(int, int), double> best, string text, int start, int end, double score)
    {
        var value = text.AsSpan(start, end - start);
        if (!HasCleanBoundaries(text, start, end) || DateOrAddressRegex().IsMatch(value)
            || ContextScanner.FollowsIdentifierWord(text, start) || LooksLikeVersion(text, start, value))
        {
            return;
        }

        if (!best.TryGetValue((start, end), out var existing) || existing < score)
        {
            best[(start, end)] = score;
        }
    }

    private static bool LooksLikeVersion(string text, int start, ReadOnlySpan<char> value)
    {
        // "122.0.6261.94": dotted groups of uneven size after a product or version word.
        return value.Contains('.') && value.IndexOfAny(' ', '-', '(') < 0 && ContextScanner.FollowsVersionWord(text, start);
    }

    private List<PiiEntity> Resolve(Dictionary<(int Start, int End), double> best, string text)
    {
        // Different regions can read different extents of the same digits: keep the best, then the longest.
        var ordered = best
            .OrderByDescending(kv => kv.Value)
            .ThenByDescending(kv => kv.Key.End - kv.Key.Start)
            .ThenBy(kv => kv.Key.Start);
        var kept = new List<PiiEntity>();
        foreach (var ((start, end), score) in ordered)
        {
            if (!kept.Exists(k => k.Start < end && start < k.End))
            {
                kept.Add(new PiiEntity(EntityType, start, end, text[start..end], score));
            }
        }

        return kept;
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool HasCleanBoundaries(string text, int start, int end)
    {
        if (start > 0)
        {
            var before = text[start - 1];
            if (char.IsLetterOrDigit(before) || before is '-' or '_' or '/' or '#' or '@' or '.' or ',' or '€' or '$' or '£')
            {
                return false;
            }
        }

        if (end < text.Length)
        {
            var after = text[end];
            if (char.IsLetterOrDigit(after) || after is '-' or '_' or '/' or '@' or '%' or '€')
            {
                return false;
            }

            // "10:22:31", "1.299,00", "12.5": the number continues.
            if (after is ':' or '.' or ',' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))
            {
                return false;
            }
        }

        return true;
    }

    // Nine or more digits in one group, then one short group: how ids are suffixed, not how phone numbers are grouped.
    [GeneratedRegex(@"^\d{9,}[\-./]\d{1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LongRunWithSuffixRegex();

    // Dates (2024-03-15, 15.03.2024, 03/15/2024) and dotted quads are not phone numbers.
    [GeneratedRegex(@"^(?:\d{4}[\-./]\d{1,2}[\-./]\d{1,2}|\d{1,2}[\-./]\d{1,2}[\-./]\d{2,4}|\d{1,3}(?:\.\d{1,3}){3})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrAddressRegex();
}
