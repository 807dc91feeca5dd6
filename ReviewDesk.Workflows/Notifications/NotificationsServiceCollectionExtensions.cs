using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewDesk.Engine;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Composition of notifications: the Notify activity, its channels, decision links, preferences and digests.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds notifications, configured from <c>Notifications</c>. The web host replaces <see cref="INotificationDirectory"/>
    /// (its accounts), <see cref="IDecisionLinkSigner"/> (Data Protection) and <see cref="IConsoleAddress"/>.
    /// </summary>
    public static IServiceCollection AddReviewDeskNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.Webhooks.Values.All(w => !w.IsConfigured || Uri.TryCreate(w.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "Notifications:Webhooks:*:Url must be an absolute http(s) URL.")
            .Validate(o => o.Webhooks.Values.All(w => !w.IsConfigured || w.Secret is { Length: >= 16 }),
                "Notifications:Webhooks:*:Secret must be set (at least 16 characters) for every configured webhook.")
            .Validate(o => o.Digest.Interval > TimeSpan.Zero && o.Links.MaxLifetime > TimeSpan.Zero,
                "Notifications:Digest:Interval and Notifications:Links:MaxLifetime must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<INotificationDirectory, NoAccountsDirectory>();
        services.TryAddSingleton<IDecisionLinkSigner, HmacDecisionLinkSigner>();
        services.TryAddSingleton<IConsoleAddress, ConfiguredConsoleAddress>();
        services.TryAddSingleton<RecipientList>();
        services.TryAddSingleton<NotificationPreferenceStore>();
        services.TryAddSingleton<DecisionLinkIssuer>();
        services.TryAddSingleton<SmtpEmailSender>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<DecisionLinkService>();
        services.TryAddSingleton<NotificationDigestSender>();
        services.AddHostedService<NotificationDefinitionInstaller>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDigestSender>());
        return services.AddWorkflowActivity<NotifyActivity>();
    }
}
