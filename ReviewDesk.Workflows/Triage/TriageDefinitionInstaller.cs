using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows.Triage;

/// <summary>Installs the shipped definitions (<c>support-triage</c>) at first start; later edits by admins are left alone.</summary>
internal sealed class TriageDefinitionInstaller(WorkflowDefinitionStore definitions, ILogger<TriageDefinitionInstaller> logger) : IHostedService
{
    /// <summary>The definitions shipped as embedded resources.</summary>
    public static IEnumerable<WorkflowDefinition> Shipped()
    {
        var assembly = typeof(TriageDefinitionInstaller).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Triage.Definitions.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
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
