using System.Globalization;

namespace ReviewDesk.Web.Api;

/// <summary>
/// Parses query-string values bound as text, so a bad value answers a 400 ValidationProblem that
/// names the parameter instead of failing model binding. Each returns null when the value is absent
/// (null) and records a problem under <c>name</c> when it does not parse.
/// </summary>
internal static class QueryStringValues
{
    /// <summary>A whole number.</summary>
    public static int? Int(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors[name] = [$"'{name}' must be a whole number."];
        return null;
    }

    /// <summary>A finite number (confidence bounds: the query's own validation checks the range).</summary>
    public static double? Double(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        errors[name] = [$"'{name}' must be a number between 0 and 1."];
        return null;
    }

    /// <summary>An ISO 8601 date or date-time; without an offset it is UTC.</summary>
    public static DateTimeOffset? Time(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        errors[name] = [$"'{name}' must be an ISO 8601 date or date-time, e.g. 2026-11-26 or 2026-11-26T09:00:00Z."];
        return null;
    }
}
