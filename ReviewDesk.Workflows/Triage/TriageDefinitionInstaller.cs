using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Installs the shipped definitions (<c>support-triage</c>, <c>vip-triage</c>) at first start, and publishes a shipped
/// definition that changed (a new release) as the next version of a database that already has it, as long as its
/// newest version is still one the system installed: once a person (or a test, or the model page) saved a version,
/// their edits are left alone and the shipped change is only logged.
/// </summary>
internal sealed class TriageDefinitionInstaller(WorkflowDefinitionStore definitions, ILogger<TriageDefinitionInstaller> logger) : IHostedService
{
    /// <summary>The author of the versions the installer publishes.</summary>
    public const string SystemAuthor = "system";

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
            var versions = await definitions.ListVersionsAsync(definition.Id, cancellationToken);
            if (versions.Count > 0)
            {
                await UpgradeAsync(definition, versions[0], cancellationToken);
                continue;
            }

            var result = await definitions.SaveAndPublishAsync(definition, SystemAuthor, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The shipped definition {definition.Id} is invalid: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            }

            logger.LogInformation("Installed workflow definition {DefinitionId} v{Version}", definition.Id, result.Version!.Version);
        }
    }

    private async Task UpgradeAsync(WorkflowDefinition shipped, DefinitionVersionInfo newest, CancellationToken cancellationToken)
    {
        var current = await definitions.GetAsync(shipped.Id, newest.Version, cancellationToken);
        if (current is not null && SameDocument(current, shipped)) return;
        if (!string.Equals(newest.Author, SystemAuthor, StringComparison.Ordinal) || newest.Status != DefinitionStatus.Published)
        {
            logger.LogInformation("The shipped definition {DefinitionId} changed, but v{Version} was saved by someone else; left as it is",
                shipped.Id, newest.Version);
            return;
        }

        var result = await definitions.SaveAndPublishAsync(shipped, SystemAuthor, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The shipped definition {shipped.Id} is invalid: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }

        logger.LogInformation("Published the new shipped workflow definition {DefinitionId} as v{Version} (was v{Previous})",
            shipped.Id, result.Version!.Version, newest.Version);
    }

    private static bool SameDocument(WorkflowDefinition a, WorkflowDefinition b) =>
        string.Equals(DefinitionJson.Serialize(a with { Version = 0 }), DefinitionJson.Serialize(b with { Version = 0 }), StringComparison.Ordinal);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
