using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Notifications;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Workflows.Triage;

/// <summary>Composition of the triage domain.</summary>
public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// Adds tickets, the triage activities and the shipped definitions; PII settings come from <c>Pii</c>. The host registers an
    /// <see cref="ISecretProtector"/> and an <see cref="Ai.ITicketClassifierFactory"/>.
    /// </summary>
    public static IServiceCollection AddReviewDeskTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<TicketStore>();
        services.TryAddSingleton(sp => new TriageMetrics(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.TriageDbContext>>(),
            sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<VariantSelector>();
        services.AddSingleton<IWorkflowChangeHandler>(sp => sp.GetRequiredService<VariantSelector>());
        services.TryAddSingleton<TicketService>();
        services.TryAddSingleton<TicketSearch>();
        services.AddOptions<ReviewQueueOptions>().BindConfiguration(ReviewQueueOptions.Section)
            .Validate(o => o.ClaimDuration > TimeSpan.Zero, $"{ReviewQueueOptions.Section}:ClaimDuration must be a positive duration.")
            .ValidateOnStart();
        services.TryAddSingleton<ReviewEvents>();
        services.TryAddSingleton<ReviewQueue>();
        // One analyzer (configured from Pii) serves the scrubber here and the AI prompt filter.
        services.AddOptions<PiiAnalyzerOptions>().Bind(configuration.GetSection(PiiAnalyzerOptions.SectionName));
        services.TryAddSingleton(sp => new PiiAnalyzer(sp.GetRequiredService<IOptions<PiiAnalyzerOptions>>().Value));
        services.TryAddSingleton(sp => new PiiAnonymizer(sp.GetRequiredService<PiiAnalyzer>()));
        services.AddHostedService<TriageDefinitionInstaller>();
        services.AddSingleton<IWorkflowChangeHandler, TicketWorkflowTransitions>();
        // The shipped definitions notify reviewers (a Notify node before the review gate, a notice at its deadline).
        services.AddReviewDeskNotifications(configuration);
        // Reviewers' decisions become labelled examples; the local provider classifies with the active retrained version.
        Ai.Learning.LearningServiceCollectionExtensions.AddReviewDeskLearning(services, configuration);
        return services
            .AddWorkflowActivity<ScrubPiiActivity>()
            .AddWorkflowActivity<ClassifyActivity>()
            .AddWorkflowActivity<DecideActivity>()
            .AddWorkflowActivity<ReviewGateActivity>()
            .AddWorkflowActivity<RouteActivity>();
    }
}
