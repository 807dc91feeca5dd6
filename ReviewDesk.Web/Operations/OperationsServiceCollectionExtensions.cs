using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewDesk.Web.Operations;

/// <summary>Registers the operator board's services.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OperationsQueries"/>, <see cref="OperationsHistoryQueries"/>, <see cref="OperationsBoard"/> and
    /// <see cref="InstanceTimelineReader"/>, with <see cref="OperationsOptions"/> bound from <paramref name="configuration"/>'s
    /// <c>Operations</c> section when given (defaults otherwise).
    /// </summary>
    public static IServiceCollection AddReviewDeskOperations(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<OperationsOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(OperationsOptions.Section));
        services.TryAddSingleton<OperationsQueries>();
        services.TryAddSingleton<OperationsHistoryQueries>();
        services.TryAddSingleton<OperationsBoard>();
        services.TryAddSingleton<InstanceTimelineReader>();
        return services;
    }
}
