using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Engine.Runtime;

/// <summary>Purges completed and cancelled instances, with their journals, once they are older than the configured age.</summary>
internal sealed class RetentionService(WorkflowStore store, TimeProvider time, IOptions<WorkflowRuntimeOptions> options, ILogger<RetentionService> logger)
    : BackgroundService
{
    /// <summary>Runs one purge pass; returns how many instances were removed.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Retention.FinishedInstanceAge is not { } age) return 0;
        var before = time.GetUtcNow() - age;
        var total = 0;
        int purged;
        do
        {
            purged = await store.PurgeFinishedAsync(before, 200, cancellationToken);
            total += purged;
        }
        while (purged > 0);

        if (total > 0) logger.LogInformation("Retention purged {Count} finished instances older than {Age}", total, age);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Retention.Interval, time);
        try
        {
            do
            {
                try
                {
                    await PurgeOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Retention purge failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
