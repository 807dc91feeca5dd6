using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Installs the shipped notification workflows (<c>review-deadline-notice</c>) at first start; later edits are left alone.</summary>
internal sealed class NotificationDefinitionInstaller(WorkflowDefinitionStore definitions, ILogger<NotificationDefinitionInstaller> logger) : IHostedService
{
    /// <summary>The definitions shipped as embedded resources.</summary>
    public static IEnumerable<WorkflowDefinition> Shipped()
    {
        var assembly = typeof(NotificationDefinitionInstaller).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Notifications.Definitions.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return DefinitionJson.Parse(reader.ReadToEnd());
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in Shipped())
        {
            if ((await definitions.ListVersionsAsync(definition.Id, cancellationToken)).Count > 0) continue;
            var result = await definitions.SaveAndPublishAsync(definition, "system", cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The shipped definition {definition.Id} is invalid: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            }

            logger.LogInformation("Installed workflow definition {DefinitionId} v{Version}", definition.Id, result.Version!.Version);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
