using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Where the console answers, for the links in messages.</summary>
public interface IConsoleAddress
{
    /// <summary>The console's base address; null when unknown (messages then carry no links).</summary>
    Uri? BaseAddress { get; }
}

/// <summary>The address from <see cref="NotificationOptions.PublicBaseUrl"/>.</summary>
internal sealed class ConfiguredConsoleAddress(IOptions<NotificationOptions> options) : IConsoleAddress
{
    public Uri? BaseAddress => Parse(options.Value.PublicBaseUrl);

    internal static Uri? Parse(string? text) =>
        Uri.TryCreate(text?.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
