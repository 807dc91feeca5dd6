using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Trains (first start, ~10 s) or loads (~0.1 s) the local model in the background after start-up,
/// so start-up stays fast and the first ticket does not wait. Off with <c>Ai:Local:WarmUp=false</c>.
/// </summary>
internal sealed class LocalClassifierWarmUp(ITicketClassifierFactory classifiers, IConfiguration configuration, ILogger<LocalClassifierWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Ai:Local:WarmUp", true) || !classifiers.IsConfigured(AiOptions.LocalProviderName)) return;
        await Task.Yield();
        try
        {
            var classifier = classifiers.Get(AiOptions.LocalProviderName);
            if (classifier is Learning.VersionedLocalClassifier versioned) classifier = versioned.Inner;
            if (classifier is LocalTicketClassifier local)
            {
                var info = await local.WarmUpAsync(stoppingToken);
                logger.LogInformation("Local classifier {Model} ready ({Source}, {Elapsed} ms)", info.Model,
                    info.LoadedFromCache ? "loaded from cache" : "trained", (int)info.Elapsed.TotalMilliseconds);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Warming up the local classifier failed; it will train on first use");
        }

        // The semantic providers train after the fast one (about a minute the first time), so the fast model is ready first.
        foreach (var provider in configuration.GetSection("Ai:Providers").GetChildren()
                     .Where(p => string.Equals(p["Type"], nameof(AiProviderType.LocalSemantic), StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                if (classifiers.IsConfigured(provider.Key) && classifiers.Get(provider.Key) is Semantic.SemanticTicketClassifier semantic)
                {
                    await semantic.WarmUpAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Warming up the semantic classifier {Provider} failed; it will train on first use", provider.Key);
            }
        }
    }
}
