using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewDesk.Web.Operations;

/// <summary>Registers the operator board's services.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="OperationsQueries"/>, <see cref="OperationsBoard"/> and <see cref="InstanceTimelineReader"/>.</summary>
    public static IServiceCollection AddReviewDeskOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<OperationsQueries>();
        services.TryAddSingleton<OperationsBoard>();
        services.TryAddSingleton<InstanceTimelineReader>();
        return services;
    }
}
