using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Workflows;

/// <summary>
/// Installs the workflow definitions shipped as embedded resources of this assembly under one folder, at first start.
/// With <c>upgrade</c>, a shipped definition that changed (a new release) is published as the next version of a
/// database that already has it, as long as its newest version is still one the system installed: once a person (or a
/// test, or the model page) saved a version, their edits are left alone and the shipped change is only logged.
/// Without it, a definition already there is never touched.
/// </summary>
internal abstract class ShippedDefinitionInstaller(WorkflowDefinitionStore definitions, ILogger logger, string resourceFolder, bool upgrade) : IHostedService
{
    /// <summary>The author of the versions the installers publish.</summary>
    public const string SystemAuthor = "system";

    /// <summary>The definitions shipped as embedded resources under <paramref name="resourceFolder"/> (<c>.Triage.Definitions.</c>).</summary>
    protected static IEnumerable<WorkflowDefinition> Read(string resourceFolder)
    {
        var assembly = typeof(ShippedDefinitionInstaller).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(resourceFolder, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return DefinitionJson.Parse(reader.ReadToEnd());
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in Read(resourceFolder))
        {
            var versions = await definitions.ListVersionsAsync(definition.Id, cancellationToken);
            if (versions.Count > 0)
            {
                if (upgrade) await UpgradeAsync(definition, versions[0], cancellationToken);
                continue;
            }

            var result = await PublishAsync(definition, cancellationToken);
            logger.LogInformation("Installed workflow definition {DefinitionId} v{Version}", definition.Id, result.Version!.Version);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

        var result = await PublishAsync(shipped, cancellationToken);
        logger.LogInformation("Published the new shipped workflow definition {DefinitionId} as v{Version} (was v{Previous})",
            shipped.Id, result.Version!.Version, newest.Version);
    }

    private async Task<PublishResult> PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var result = await definitions.SaveAndPublishAsync(definition, SystemAuthor, cancellationToken);
        return result.Succeeded
            ? result
            : throw new InvalidOperationException($"The shipped definition {definition.Id} is invalid: {string.Join("; ", result.Errors.Select(e => e.Message))}");
    }

    private static bool SameDocument(WorkflowDefinition a, WorkflowDefinition b) =>
        string.Equals(DefinitionJson.Serialize(a with { Version = 0 }), DefinitionJson.Serialize(b with { Version = 0 }), StringComparison.Ordinal);
}
