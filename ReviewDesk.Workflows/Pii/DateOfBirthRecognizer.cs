using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds dates that the text presents as a birth date: a date (ISO, numeric day/month/year in
/// either order, or with an English, German, French, Spanish or Dutch month name) reported only
/// when a birth-date phrase ("DOB", "date of birth", "born on", "Geburtsdatum", "né le",
/// "fecha de nacimiento", "geboortedatum" …) stands shortly before it with no other number in
/// between, or follows it as a bracketed note ("04/17/1986 (DOB)"). Order dates, delivery
/// dates and log timestamps are not reported.
/// </summary>
public sealed partial class DateOfBirthRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string EntityType => PiiTypes.DateOfBirth;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => [];

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayHoldBirthDate(text))
        {
            return [];
        }

        var results = new List<PiiEntity>();
        foreach (Match m in DateRegex().Matches(text))
        {
            if (!IsPlausibleDate(m) || !HasBirthContext(text, m.Index, m.Index + m.Length))
            {
                continue;
            }

            results.Add(new PiiEntity(EntityType, m.Index, m.Index + m.Length, m.Value, 0.9));
        }

        return results;
    }

    /// <summary>
    /// A cheap test that lets through every text in which <see cref="Recognize"/> may report a date. A date is
    /// reported only with a birth phrase around it, and every match of <see cref="BirthBeforeRegex"/> or
    /// <see cref="BirthAfterRegex"/>, in any part of the text, begins with a match of <see cref="BirthWordRegex"/> (whose
    /// alternatives are leading parts of theirs, under the same options). A date needs a digit, of any script
    /// ("١٤/٠٢/٩١", which <see cref="Number"/> reads).
    /// </summary>
    internal static bool MayHoldBirthDate(string text) => Digits.Any(text) && BirthWordRegex().IsMatch(text);

    private static bool HasBirthContext(string text, int start, int end)
    {
        var from = Math.Max(0, start - 60);
        if (BirthBeforeRegex().IsMatch(text.AsSpan(from, start - from)))
        {
            return true;
        }

        var to = Math.Min(text.Length, end + 25);
        return BirthAfterRegex().IsMatch(text.AsSpan(end, to - end));
    }

    /// <summary>
    /// The number a run of decimal digits spells, in any script: the patterns' <c>\d</c> matches every script's digits
    /// (<c>١٢/٠٣/١٩٨٦</c>), which <c>int.Parse</c> rejects with an exception that failed the whole scrub.
    /// </summary>
    internal static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value * 10) + CharUnicodeInfo.GetDecimalDigitValue(digit);
        }

        return value;
    }

    private static bool IsPlausibleDate(Match m)
    {
        var year = Number(m.Groups["y"].ValueSpan);
        if (m.Groups["y"].Length == 2)
        {
            year += 1900;
        }

        if (year is < 1900 or > 2100)
        {
            return false;
        }

        if (m.Groups["mon"].Success)
        {
            var day = Number(m.Groups["d"].ValueSpan);
            return day is >= 1 and <= 31;
        }

        var a = Number(m.Groups["a"].ValueSpan);
        var b = Number(m.Groups["b"].ValueSpan);
        if (m.Groups["iso"].Success)
        {
            return a is >= 1 and <= 12 && b is >= 1 and <= 31;
        }

        // Day-month or month-day: either reading must be a real calendar position.
        return (a is >= 1 and <= 31 && b is >= 1 and <= 12) || (a is >= 1 and <= 12 && b is >= 1 and <= 31);
    }

    private const string Months =
        "jan(?:uary|uar|vier|uari)?|j[äa]nner|feb(?:ruary|ruar|ruari)?|f[ée]vr(?:ier)?|febrero|mar(?:ch|s|zo)?|m[äa]rz|maart|" +
        "apr(?:il)?|avr(?:il)?|abril|may|mai|mayo|mei|june?|juni|juin|junio|july?|juli|juillet|julio|aug(?:ust|ustus)?|ao[ûu]t|agosto|" +
        "sept?(?:ember)?|septembre|septiembre|setiembre|oct(?:ober)?|okt(?:ober)?|octobre|octubre|nov(?:ember)?|novembre|noviembre|" +
        "dec(?:ember)?|dez(?:ember)?|d[ée]cembre|diciembre";

    [GeneratedRegex(
        @"(?<![\w./-])(?:" +
        @"(?<iso>(?<y>(?:19|20)\d{2})-(?<a>\d{1,2})-(?<b>\d{1,2}))" +
        @"|(?<a>\d{1,2})[./-](?<b>\d{1,2})[./-](?<y>(?:19|20)\d{2}|\d{2})" +
        @"|(?<d>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?<mon>(?:" + Months + @")\.?)(?:\s+de)?,?\s+(?<y>(?:19|20)\d{2})" +
        @"|(?<mon>(?:" + Months + @")\.?)\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})" +
        @")(?![\w/-]|\.\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    // A birth phrase, then at most 40 characters that hold no digit (so no other date or number in between).
    [GeneratedRegex(
        @"(?:\bdob|\bd\.\s?o\.\s?b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday|\bborn|\bgeburtsdatum|\bgeburtstag|\bgeboren|\bgeb\.|" +
        @"\bnée?\b|\bnaissance|\bnacimiento|\bnacid[oa]|\bnaci[óo]|\bcumpleaños|\bgeboortedatum|\bverjaardag)[^\d]{0,40}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BirthBeforeRegex();

    // The leading part of each alternative of BirthBeforeRegex and BirthAfterRegex, without their word boundaries (it may
    // let more through, never less). MayHoldBirthDate says why it is enough.
    [GeneratedRegex(
        @"dob|d\.\s?o\.\s?b|date\s+of\s+birth|birth|born|geb|né|naissance|naci|cumpleaños|verjaardag",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BirthWordRegex();

    // A bracketed or dashed birth note right after the date ("04/17/1986 (DOB)"), not a phrase that starts a new item.
    [GeneratedRegex(
        @"^[ \t]*[(\[\-–—][ \t]*(?:dob\b|d\.o\.b|date\s+of\s+birth|birth\s*date|birthday)(?![^\d\n]{0,15}\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BirthAfterRegex();
}
