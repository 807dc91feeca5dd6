using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewDesk.Workflows.Notifications;

namespace ReviewDesk.Web.Notifications;

/// <summary>The web host's part of notifications: recipients from its accounts, links signed with its Data Protection key ring and pointing at it.</summary>
public static class NotificationsWebBuilder
{
    public static IServiceCollection AddReviewDeskWebNotifications(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<INotificationDirectory, IdentityNotificationDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IDecisionLinkSigner, DataProtectionDecisionLinkSigner>());
        services.Replace(ServiceDescriptor.Singleton<IConsoleAddress, ServerConsoleAddress>());
        return services;
    }
}
