using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ReviewDesk.Workflows.Notifications;

namespace ReviewDesk.Web.Notifications;

/// <summary>
/// The console's address for links: <c>Notifications:PublicBaseUrl</c> when set (behind a proxy it must be), otherwise
/// the address Kestrel listens on (a wildcard host becomes <c>localhost</c>).
/// </summary>
public sealed class ServerConsoleAddress(IOptions<NotificationOptions> options, IServer server) : IConsoleAddress
{
    public Uri? BaseAddress
    {
        get
        {
            if (Uri.TryCreate(options.Value.PublicBaseUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var configured) && configured.Scheme is "http" or "https") return configured;
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (listening is null) return null;
            listening = listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            return Uri.TryCreate(listening.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;
        }
    }
}
