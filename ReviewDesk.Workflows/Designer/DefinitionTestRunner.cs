using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Designer;

/// <summary>
/// Runs a draft against a sample ticket without touching the real tickets: a throwaway runtime (its
/// own generic host and SQLite file in a temporary folder) with the triage activities, the host's
/// encryption and only the local classifier. The run ends when the instance completes, faults or
/// suspends (a review gate waits for a reviewer nobody is), or when the caller cancels or the application
/// stops; then the folder is deleted.
/// </summary>
public sealed class DefinitionTestRunner(
    ISecretProtector protector,
    ITicketClassifierFactory classifiers,
    DefinitionValidator validator,
    IDbContextFactory<TriageDbContext> contexts,
    IOptions<TestRunOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DefinitionTestRunner> logger)
{
    /// <summary>How long a run may take before it is reported as still running.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan SettleRound = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="draft"/> with <paramref name="sample"/>; AI steps use the local provider whatever their settings say.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired or the application is stopping (the folder is deleted all the same).</exception>
    public async Task<TestRunResult> RunAsync(WorkflowDefinition draft, SampleTicket sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(sample);
        var errors = validator.Validate(draft);
        if (errors.Count > 0) return new TestRunResult { Errors = errors };
        var submission = new TicketSubmission
        {
            Subject = sample.Subject,
            Body = sample.Body,
            Channel = sample.Channel,
            Customer = string.IsNullOrWhiteSpace(sample.CustomerEmail) ? null : new CustomerInfo(null, sample.CustomerEmail),
            Variant = draft.Id,
        };
        if (submission.Validate() is { Count: > 0 } invalid)
        {
            return new TestRunResult { Errors = [.. invalid.SelectMany(e => e.Value.Select(m => new ValidationError(null, m)))] };
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var folder = Path.Combine(options.Value.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Disposed asynchronously: IHost.Dispose blocks on DisposeAsync, whose continuations (the runtime's writer
            // draining) are posted to the caller's synchronization context. Under a Blazor circuit that context is the
            // one being blocked, so a synchronous dispose deadlocked the circuit after every run.
            var host = BuildHost(folder);
            await using var disposeHost = (IAsyncDisposable)host;
            await host.StartAsync(stopping.Token);
            try
            {
                return await RunInAsync(host.Services, ForTestRun(draft), submission, stopping.Token);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete the test run folder {Folder}", folder);
            }
        }
    }

    /// <summary>Recent scrubbed tickets (redacted text only) to test-run with, newest first.</summary>
    public async Task<IReadOnlyList<SampleTicket>> RecentSamplesAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tickets.AsNoTracking().Where(t => t.Subject != null && t.Body != null)
            .OrderByDescending(t => t.CreatedAt).Take(count).Select(t => new { t.Subject, t.Body, t.Channel }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SampleTicket(r.Subject!, r.Body!, r.Channel))];
    }

    // No variant rule, and AI steps lose their provider so they use the default (local) one.
    private static WorkflowDefinition ForTestRun(WorkflowDefinition draft) => draft with
    {
        Version = 0,
        Selection = null,
        Nodes = [.. draft.Nodes.Select(n => n.Settings.ContainsKey("provider") ? n with { Settings = WithoutProvider(n.Settings) } : n)],
    };

    private static JsonObject WithoutProvider(JsonObject settings)
    {
        var copy = settings.DeepClone().AsObject();
        copy.Remove("provider");
        return copy;
    }

    private IHost BuildHost(string folder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReviewDesk"] = $"Data Source={Path.Combine(folder, "test-run.db")}",
            ["Workflows:Worker:Id"] = "test-run",
            ["Workflows:Worker:PollInterval"] = "00:00:00.050",
            ["Workflows:Retention:FinishedInstanceAge"] = "",
        });
        builder.Logging.ClearProviders();
        // The application's own lifetime answers SIGTERM and Ctrl+C; a throwaway host inside it must not register for them too.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(protector);
        builder.Services.AddSingleton<ITicketClassifierFactory>(new LocalOnlyClassifierFactory(classifiers));
        builder.Services.AddReviewDeskWorkflows(builder.Configuration).AddReviewDeskTriage(builder.Configuration);
        return builder.Build();
    }

    private static async Task<TestRunResult> RunInAsync(IServiceProvider services, WorkflowDefinition draft, TicketSubmission submission, CancellationToken cancellationToken)
    {
        var published = await services.GetRequiredService<WorkflowDefinitionStore>().SaveAndPublishAsync(draft, "test-run", cancellationToken);
        if (!published.Succeeded) return new TestRunResult { Errors = published.Errors };

        var tickets = services.GetRequiredService<TicketService>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var queries = services.GetRequiredService<WorkflowQueries>();
        var ticket = (await tickets.SubmitAsync(submission, cancellationToken)).Ticket;
        var instanceId = ticket.WorkflowInstanceId!;
        // Settled can mean "a retry is due later": keep waiting while the instance is still running, up to the timeout.
        WorkflowInstanceView? instance;
        var rounds = 0;
        do
        {
            await runtime.WaitUntilSettledAsync(instanceId, SettleRound, cancellationToken);
            instance = await queries.GetInstanceAsync(instanceId, cancellationToken);
        }
        while (instance?.Status == WorkflowStatus.Running && ++rounds < Timeout / SettleRound);

        var executions = await queries.GetExecutionsAsync(instanceId, cancellationToken);
        var steps = executions.Select(e => new TestRunStep(e.NodeId, e.ActivityType, e.Attempt, e.Status, e.Outcome, e.Output, e.Error)).ToList();
        var path = new List<string>();
        foreach (var step in steps.Where(s => path.Count == 0 || path[^1] != s.NodeId)) path.Add(step.NodeId);
        var waitingAt = instance?.Status == WorkflowStatus.Suspended ? instance.CurrentNodeId : null;
        if (waitingAt is not null && (path.Count == 0 || path[^1] != waitingAt)) path.Add(waitingAt);
        var after = await tickets.GetAsync(ticket.Id, cancellationToken);
        return new TestRunResult
        {
            Status = instance?.Status,
            Path = path,
            Steps = steps,
            WaitingAt = waitingAt,
            Error = instance?.Error,
            Summary = after is null ? null : Summarize(after),
        };
    }

    private static string Summarize(TicketView ticket)
    {
        var category = ticket.FinalCategory ?? ticket.Classification?.Category;
        var priority = ticket.FinalPriority ?? ticket.Classification?.Priority;
        var parts = new List<string> { $"status {ticket.Status}" };
        if (category is not null) parts.Add($"category {category}");
        if (priority is not null) parts.Add($"priority {priority}");
        if (ticket.Queue is not null) parts.Add($"queue {ticket.Queue}");
        if (ticket.ReviewReasons.Count > 0) parts.Add($"review: {string.Join(", ", ticket.ReviewReasons)}");
        return string.Join("; ", parts);
    }
}

/// <summary>
/// The lifetime of a host embedded in the application: started and stopped by its owner, so it waits for nothing and,
/// unlike the default console lifetime, registers no process signal handlers of its own.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
