using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Installs the shipped notification workflows (<c>review-deadline-notice</c>) at first start; later edits are left alone.</summary>
internal sealed class NotificationDefinitionInstaller(WorkflowDefinitionStore definitions, ILogger<NotificationDefinitionInstaller> logger)
    : ShippedDefinitionInstaller(definitions, logger, ResourceFolder, upgrade: false)
{
    private const string ResourceFolder = ".Notifications.Definitions.";

    /// <summary>The definitions shipped as embedded resources.</summary>
    public static IEnumerable<WorkflowDefinition> Shipped() => Read(ResourceFolder);
}
