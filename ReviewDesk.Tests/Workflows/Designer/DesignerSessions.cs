using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Activities.BuiltIn;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Tests.Workflows.Designer;

/// <summary>Designer sessions over the real activity registry (built-in and triage activities) and validator.</summary>
public static class DesignerSessions
{
    public static ActivityRegistry Registry { get; } = new(
    [
        new(NoOpActivity.Descriptor, typeof(NoOpActivity)),
        new(SetVariableActivity.Descriptor, typeof(SetVariableActivity)),
        new(DelayActivity.Descriptor, typeof(DelayActivity)),
        new(WaitForSignalActivity.Descriptor, typeof(WaitForSignalActivity)),
        new(ScrubPiiActivity.Descriptor, typeof(ScrubPiiActivity)),
        new(ClassifyActivity.Descriptor, typeof(ClassifyActivity)),
        new(DecideActivity.Descriptor, typeof(DecideActivity)),
        new(ReviewGateActivity.Descriptor, typeof(ReviewGateActivity)),
        new(RouteActivity.Descriptor, typeof(RouteActivity)),
        new(ReviewDesk.Workflows.Notifications.NotifyActivity.Descriptor, typeof(ReviewDesk.Workflows.Notifications.NotifyActivity)),
    ]);

    public static DefinitionValidator Validator { get; } = new(Registry, RetryPolicy.Default);

    public static DesignerSession Empty(string id = "test-flow") => New(new WorkflowDefinition { Id = id, Name = "Test flow" });

    public static DesignerSession New(WorkflowDefinition definition) => new(definition, Registry, Validator, RetryPolicy.Default);

    /// <summary>The shipped support-triage definition.</summary>
    public static WorkflowDefinition SupportTriage() => Shipped(TriageDefinitions.DefaultDefinitionId);

    public static WorkflowDefinition Shipped(string id) =>
        ShippedDefinitions().Single(d => d.Id == id);

    public static IEnumerable<WorkflowDefinition> ShippedDefinitions()
    {
        var assembly = typeof(TriageDefinitions).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Triage.Definitions.", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return DefinitionJson.Parse(reader.ReadToEnd());
        }
    }

    /// <summary>A designer over a host's services (the hosts of these tests do not register it themselves).</summary>
    public static WorkflowDesigner DesignerOf(IServiceProvider services) => ActivatorUtilities.CreateInstance<WorkflowDesigner>(services);
}
