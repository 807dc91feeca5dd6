using System.Globalization;

namespace ReviewDesk.Web.Components.Shared;

/// <summary>
/// The one way reviewer pages write a date: <c>3 Dec 2026, 14:56 UTC+1</c>, in the browser's zone
/// (<see cref="BrowserTimeZone"/>), always with its offset so nobody has to guess the zone.
/// </summary>
public static class ReviewerDates
{
    /// <summary><paramref name="at"/> in <paramref name="zone"/>, with the zone's offset at that moment.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} {OffsetLabel(local.Offset)}";
    }

    /// <summary>An offset as "UTC", "UTC+1", "UTC-5" or "UTC+5:30".</summary>
    public static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero) return "UTC";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var value = offset.Duration();
        return value.Minutes == 0
            ? $"UTC{sign}{(int)value.TotalHours}"
            : $"UTC{sign}{(int)value.TotalHours}:{value.Minutes:00}";
    }
}
