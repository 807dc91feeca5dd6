using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Harness;

/// <summary>
/// Publishes, into the running web app's database, a variant of the shipped <c>support-triage</c>
/// whose Decide step has <c>alwaysReview</c> on, so every ticket submitted to it waits for review
/// (reason <c>variant_requires_review</c>) whatever the classifier says: each one must become Added.
/// The web app has no definitions API yet, so this goes through the runtime's definition store (SQLite
/// in WAL mode with a busy timeout takes a second process).
/// </summary>
internal static class ReviewVariantPublisher
{
    public static async Task PublishAsync(string connectionString, string variantId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReviewDesk"] = connectionString,
            ["Workflows:Worker:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        // Registers the triage activity types, which validation checks the definition against; no hosted service is started.
        services.AddReviewDeskWorkflows(configuration).AddReviewDeskTriage(configuration);
        try
        {
            await using var provider = services.BuildServiceProvider();
            var definitions = provider.GetRequiredService<WorkflowDefinitionStore>();
            var shipped = await WaitForShippedAsync(definitions, timeout, cancellationToken);
            var decide = shipped.Nodes.FirstOrDefault(n => n.Type == DecideActivity.Descriptor.Type)
                ?? throw new InvalidOperationException($"{TriageDefinitions.DefaultDefinitionId} has no {DecideActivity.Descriptor.Type} step");
            var settings = (JsonObject)decide.Settings.DeepClone();
            settings["alwaysReview"] = true;
            var variant = shipped with
            {
                Id = variantId,
                Name = "Hub latency (every ticket reviewed)",
                Description = "support-triage with alwaysReview on its Decide step, published by the hub-latency harness.",
                Nodes = [.. shipped.Nodes.Select(n => ReferenceEquals(n, decide) ? n with { Settings = settings } : n)],
            };
            var published = await definitions.SaveAndPublishAsync(variant, "hub-latency", cancellationToken);
            if (!published.Succeeded)
            {
                throw new InvalidOperationException($"the {variantId} variant failed validation: {string.Join("; ", published.Errors.Select(e => e.Message))}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The web app migrates its database and installs the shipped definitions at start; /healthz may answer before that.</summary>
    private static async Task<WorkflowDefinition> WaitForShippedAsync(WorkflowDefinitionStore definitions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, cancellationToken) is { } shipped) return shipped;
            }
            catch (SqliteException)
            {
                // The tables are not created yet.
            }

            if (clock.Elapsed > timeout) throw new TimeoutException($"{TriageDefinitions.DefaultDefinitionId} was not installed within {timeout.TotalSeconds:F0} s");
            await Task.Delay(100, cancellationToken);
        }
    }
}
