using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// Checks the retrain triggers every <see cref="LearningOptions.CheckInterval"/> (after <see cref="LearningOptions.RetrainAfterLabels"/>
/// new labels, or <see cref="LearningOptions.RetrainInterval"/> after the last version with new labels) and retrains when one is due;
/// then lets the shadow classifiers (<see cref="ShadowClassificationRunner"/>) classify new live tickets without acting.
/// Every node may run it: the retrainer's lease lets one retrain at a time. Off with <c>Ai:Learning:Background=false</c>.
/// </summary>
internal sealed class ModelRetrainScheduler(ModelRetrainer retrainer, ShadowClassificationRunner shadows, TimeProvider time, IOptions<LearningOptions> options, ILogger<ModelRetrainScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Background) return;
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await retrainer.DueTriggerAsync(stoppingToken) is { } trigger)
                {
                    var result = await retrainer.RetrainAsync(Audit.AuditActions.SystemActor, trigger, stoppingToken);
                    logger.LogInformation("Scheduled retrain ({Trigger}): {Outcome} {Version}", trigger, result.Outcome, result.Version?.Version);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The scheduled retrain check failed; it runs again in {Interval}", options.Value.CheckInterval);
            }

            try
            {
                var recorded = await shadows.RunOnceAsync(stoppingToken);
                if (recorded > 0) logger.LogInformation("Shadow classifiers recorded {Count} classifications", recorded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Shadow classification failed; it runs again in {Interval}", options.Value.CheckInterval);
            }
        }
    }
}
