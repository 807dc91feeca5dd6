using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>Composition of learning from reviewers: versions, retraining, promotion and shadow classification.</summary>
public static class LearningServiceCollectionExtensions
{
    /// <summary>Adds <see cref="LearningOptions"/> (bound from <c>Ai:Learning</c>), the <see cref="ActiveModelRegistry"/> the local provider classifies with, and the retraining services.</summary>
    public static IServiceCollection AddReviewDeskLearning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LearningOptions>().Bind(configuration.GetSection(LearningOptions.SectionName))
            .Validate(o => o.HeldOutPercent is > 0 and < 100, $"{LearningOptions.SectionName}:HeldOutPercent must be between 1 and 99.")
            .Validate(o => o.RefreshInterval > TimeSpan.Zero && o.CheckInterval > TimeSpan.Zero && o.RetrainLeaseDuration >= TimeSpan.FromSeconds(1),
                $"{LearningOptions.SectionName}: intervals must be positive (RetrainLeaseDuration at least a second).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActiveModelRegistry>();
        services.TryAddSingleton<ModelRetrainer>();
        services.TryAddSingleton<ModelDashboard>();
        services.TryAddSingleton<ShadowClassificationRunner>();
        services.AddHostedService<ModelRetrainScheduler>();
        return services;
    }
}
