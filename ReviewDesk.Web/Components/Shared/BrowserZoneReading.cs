namespace ReviewDesk.Web.Components.Shared;

/// <summary>What <c>time-zone.js</c> reports: the IANA zone name (when the browser gives one) and the current UTC offset in minutes.</summary>
public sealed record BrowserZoneReading(string? Name, int OffsetMinutes);
