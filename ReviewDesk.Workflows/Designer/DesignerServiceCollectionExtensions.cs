using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewDesk.Workflows.Designer;

/// <summary>Composition of the workflow designer's services.</summary>
public static class DesignerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="Engine.Designer.WorkflowDesigner"/> and the <see cref="DefinitionTestRunner"/>. Needs the runtime
    /// (<c>AddReviewDeskWorkflows</c>), an <see cref="Triage.ISecretProtector"/> and an <see cref="Ai.ITicketClassifierFactory"/>.
    /// </summary>
    public static IServiceCollection AddReviewDeskDesigner(this IServiceCollection services)
    {
        services.AddOptions<TestRunOptions>().BindConfiguration(TestRunOptions.Section);
        services.TryAddSingleton<DefinitionTestRunner>();
        return services;
    }
}
