using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Workflows.Ai;

/// <summary>Composition of the AI providers.</summary>
public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AiOptions"/> (bound from <c>Ai</c>), the <see cref="ITicketClassifierFactory"/>, the
    /// <see cref="PiiPromptFilter"/> and, unless one is registered, a <see cref="PiiAnalyzer"/> with the
    /// <see cref="PiiAnalyzerOptions"/> in force. Local providers also need an <see cref="ILocalClassifierSource"/>.
    /// </summary>
    public static IServiceCollection AddReviewDeskAi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AiOptions>()
            .Bind(configuration.GetSection(AiOptions.SectionName))
            .PostConfigure(options => options.EnsureLocalProvider());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PiiAnalyzer(sp.GetRequiredService<IOptions<PiiAnalyzerOptions>>().Value));
        services.TryAddSingleton(sp => new PiiPromptFilter(
            sp.GetRequiredService<PiiAnalyzer>(), LoggerFactoryOf(sp).CreateLogger<PiiPromptFilter>()));
        services.TryAddSingleton(sp => new TicketClassifierFactory(
            sp.GetRequiredService<IOptions<AiOptions>>(),
            Learning.VersionedLocalClassifierSource.Wrap(sp.GetService<ILocalClassifierSource>(), sp.GetService<Learning.ActiveModelRegistry>()),
            sp.GetRequiredService<PiiPromptFilter>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerFactoryOf(sp)));
        services.TryAddSingleton<ITicketClassifierFactory>(sp => sp.GetRequiredService<TicketClassifierFactory>());
        services.TryAddSingleton<ILocalClassifierSource>(sp => new Local.LocalClassifierSource(configuration, LoggerFactoryOf(sp)));
        services.AddHostedService(sp => new Local.LocalClassifierWarmUp(
            sp.GetRequiredService<ITicketClassifierFactory>(), configuration, LoggerFactoryOf(sp).CreateLogger<Local.LocalClassifierWarmUp>()));
        return services;
    }

    private static ILoggerFactory LoggerFactoryOf(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
