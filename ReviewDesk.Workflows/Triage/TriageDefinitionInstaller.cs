using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Installs the shipped triage definitions (<c>support-triage</c>, <c>vip-triage</c>) at first start, and publishes a
/// shipped definition that changed as the next version while the newest one is still the system's
/// (<see cref="ShippedDefinitionInstaller"/>).
/// </summary>
internal sealed class TriageDefinitionInstaller(WorkflowDefinitionStore definitions, ILogger<TriageDefinitionInstaller> logger)
    : ShippedDefinitionInstaller(definitions, logger, ResourceFolder, upgrade: true)
{
    private const string ResourceFolder = ".Triage.Definitions.";

    /// <summary>The definitions shipped as embedded resources.</summary>
    public static IEnumerable<WorkflowDefinition> Shipped() => Read(ResourceFolder);
}
