using Microsoft.JSInterop;

namespace ReviewDesk.Web.Components.Shared;

/// <summary>
/// The time zone of the browser behind this circuit (one per circuit), read once through
/// <c>wwwroot/js/time-zone.js</c>. Until it is known (prerendering, before the first interactive render)
/// <see cref="Zone"/> is UTC, and <see cref="ReviewerDates"/> says so.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js, ILogger<BrowserTimeZone> logger)
{
    private const string Module = "./js/time-zone.js";
    private Task<TimeZoneInfo>? _reading;

    /// <summary>The browser's zone once read; UTC before.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Whether the browser told its zone.</summary>
    public bool Known { get; private set; }

    /// <summary>Reads the browser's zone (once; later calls share the first read). Call after the first interactive render.</summary>
    public Task<TimeZoneInfo> ResolveAsync() => _reading ??= ReadAsync();

    private async Task<TimeZoneInfo> ReadAsync()
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", Module);
            if (await module.InvokeAsync<BrowserZoneReading?>("read") is { } reading)
            {
                Zone = FromReading(reading);
                Known = true;
            }
        }
        catch (JSException ex)
        {
            logger.LogWarning(ex, "The browser's time zone could not be read; dates stay in UTC");
        }
        catch (JSDisconnectedException)
        {
            // The browser left before it answered: nothing is shown to anyone.
        }

        return Zone;
    }

    /// <summary>The zone the browser named when this server knows it, else a fixed offset.</summary>
    internal static TimeZoneInfo FromReading(BrowserZoneReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Name is { Length: > 0 } name && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)) return zone;
        var offset = TimeSpan.FromMinutes(Math.Clamp(reading.OffsetMinutes, -14 * 60, 14 * 60));
        return offset == TimeSpan.Zero
            ? TimeZoneInfo.Utc
            : TimeZoneInfo.CreateCustomTimeZone($"browser{offset}", offset, ReviewerDates.OffsetLabel(offset), ReviewerDates.OffsetLabel(offset));
    }
}
