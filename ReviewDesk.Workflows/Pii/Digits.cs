namespace ReviewDesk.Workflows.Pii;

/// <summary>Digit tests the recognizers share.</summary>
internal static class Digits
{
    /// <summary>
    /// Whether <paramref name="text"/> holds a decimal digit of any script: what a pattern's <c>\d</c> and libphonenumber's
    /// matcher both read.
    /// </summary>
    public static bool Any(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c)) return true;
        }

        return false;
    }
}
