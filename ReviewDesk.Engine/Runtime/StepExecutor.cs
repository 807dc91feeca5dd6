using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Telemetry;
using ActivityContext = ReviewDesk.Engine.Activities.ActivityContext;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// Runs claimed work: executes the activity outside any transaction, turns its result into a
/// <see cref="StepPlan"/>, and commits it. When the commit leases the next step back to this worker,
/// it goes on with it directly, holding the instance state in memory.
/// </summary>
internal sealed class StepExecutor(
    WorkflowStore store,
    DefinitionCache definitions,
    ActivityRegistry registry,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<WorkflowRuntimeOptions> options,
    EngineMetrics metrics,
    ILogger<StepExecutor> logger)
{
    private readonly RetryPolicy _defaultRetry = options.Value.ResolveDefaultRetry();

    /// <summary>Runs <paramref name="first"/> and every step the commits lease back, until the chain waits, ends or loses its fence.</summary>
    public async Task RunChainAsync(ClaimedWork first, string owner, CancellationToken cancellationToken)
    {
        ClaimedWork? work = first;
        InstanceState? state = null;
        while (work is not null && !cancellationToken.IsCancellationRequested)
        {
            state ??= await store.LoadInstanceAsync(work.InstanceId, cancellationToken);
            if (state is null || state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
            {
                await store.DropWorkAsync(work, owner, CancellationToken.None);
                return;
            }

            // Each step is a span of the trace its work item carries: the workflow's, however late, and on whichever node, it runs.
            using var span = EngineTelemetry.Source.StartActivity("workflow step", ActivityKind.Internal, TraceParent.Parse(work.TraceParent));
            span?.SetTag(EngineSpanTags.InstanceId, work.InstanceId).SetTag(EngineSpanTags.NodeId, work.NodeId)
                .SetTag(EngineSpanTags.Attempt, work.Attempt).SetTag(EngineSpanTags.WorkKind, work.Kind.ToString());
            var plan = await PlanAsync(work, state, span, cancellationToken);
            if (plan is null)
            {
                await store.DropWorkAsync(work, owner, CancellationToken.None);
                return;
            }

            (var committed, plan) = await CommitAsync(work, state, plan, owner);
            if (plan is null) return;

            Describe(span, plan, committed is not null);
            if (committed is null)
            {
                logger.LogInformation("Work item {WorkItemId} of instance {InstanceId} was taken over; its result is dropped", work.Id, work.InstanceId);
                return;
            }

            metrics.StepCommitted(plan);

            (state, work) = (committed.After, committed.Next);
        }
    }

    /// <summary>
    /// Runs the first step of the instance <paramref name="request"/> would start, in the caller, when its start node's
    /// activity allows it (<see cref="IEagerStartActivity"/>): the plan to commit with the start. Null, having written
    /// nothing, when it does not (or there is no such published version), and when the step fails or has nothing to do:
    /// the worker then runs the step, under its node's retry policy.
    /// </summary>
    public async Task<PreparedStart?> PrepareStartAsync(StartWorkflowRequest request, string owner, IDictionary<string, object>? stepItems,
        CancellationToken cancellationToken)
    {
        var version = request.Version ?? await store.LatestPublishedVersionAsync(request.DefinitionId, cancellationToken);
        if (version is not { } number) return null;
        var definition = await definitions.GetAsync(request.DefinitionId, number, cancellationToken);
        if (definition?.StartNodeId is not { } startNode || definition.FindNode(startNode) is not { } node
            || !registry.TryGet(node.Type, out var registration) || !typeof(IEagerStartActivity).IsAssignableFrom(registration.ImplementationType))
        {
            return null;
        }

        var state = new InstanceState
        {
            Id = store.NewInstanceId(),
            BusinessKey = request.BusinessKey,
            DefinitionId = definition.Id,
            DefinitionVersion = number,
            Status = WorkflowStatus.Running,
            Input = request.Input,
            Variables = [],
            Outputs = [],
            // As the start writes it: version 1, its two journal entries (started, scheduled) before the step's.
            Version = 1,
            NextJournalSequence = WorkflowStore.FirstJournalSequence + 2,
        };

        // The workflow's span under the caller's (the submission), and the step's under it, as when the worker runs it.
        using var start = EngineTelemetry.Source.StartActivity("workflow start", ActivityKind.Internal);
        start?.SetTag(EngineSpanTags.InstanceId, state.Id).SetTag(EngineSpanTags.BusinessKey, state.BusinessKey)
            .SetTag(EngineSpanTags.DefinitionId, definition.Id).SetTag(EngineSpanTags.DefinitionVersion, number);
        var work = new ClaimedWork(0, state.Id, startNode, WorkItemKind.Execute, 1, 0, null, null, TraceParent.Of(start, Activity.Current?.Context ?? default));
        using var span = EngineTelemetry.Source.StartActivity("workflow step", ActivityKind.Internal, TraceParent.Parse(work.TraceParent));
        span?.SetTag(EngineSpanTags.InstanceId, state.Id).SetTag(EngineSpanTags.NodeId, startNode).SetTag(EngineSpanTags.Attempt, 1)
            .SetTag(EngineSpanTags.WorkKind, "EagerStart");
        var plan = await PlanAsync(work, state, span, cancellationToken, stepItems);
        if (plan is null || plan.ErrorKind is not null)
        {
            span?.SetTag("error.type", plan?.ErrorKind ?? "Declined").SetStatus(ActivityStatusCode.Error, "the first step runs on the worker");
            return null;
        }

        Describe(span, plan, committed: true);
        return new PreparedStart(request, plan.Serialized(), owner);
    }

    /// <summary>
    /// Commits <paramref name="plan"/>. When its effects fail, it commits the step without its inline nodes (so an inline
    /// node that fails runs as a step of its own, under its own retry policy); when the step's own effects fail, it commits
    /// the step's failure, which its node's policy retries or gives up, like any other failure of the step. Returns the
    /// plan that committed, and a null plan when the instance changed under the step (its lease is then released).
    /// </summary>
    private async Task<(StepCommitResult? Committed, StepPlan? Plan)> CommitAsync(ClaimedWork work, InstanceState state, StepPlan plan, string owner)
    {
        while (true)
        {
            try
            {
                plan = plan.Serialized();
                return (await store.CommitStepAsync(plan, owner, CancellationToken.None), plan);
            }
            catch (InstanceConflictException ex)
            {
                logger.LogWarning("{Message}", ex.Message);
                await store.ReleaseLeaseAsync(work, owner, CancellationToken.None);
                return (null, null);
            }
            catch (Exception ex) when (plan.WithoutInline is not null && ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "The step of node {NodeId} of instance {InstanceId} did not commit with its inline nodes; committing it alone", work.NodeId, work.InstanceId);
                plan = plan.WithoutInline;
            }
            catch (Exception ex) when (plan.Effects.Count > 0 && ex is not OperationCanceledException)
            {
                // Nothing of the step was written. The failure plan has no effects, so this runs once.
                plan = EffectFailure(work, state, plan, ex);
            }
        }
    }

    /// <summary>Executes the activity and decides what the step writes; null when the work has nothing left to do.</summary>
    private async Task<StepPlan?> PlanAsync(ClaimedWork work, InstanceState state, Activity? span, CancellationToken cancellationToken,
        IDictionary<string, object>? stepItems = null)
    {
        var startedAt = time.GetUtcNow();
        var definition = await definitions.GetAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken);
        var node = definition?.FindNode(work.NodeId);
        if (definition is null || node is null)
        {
            var missing = definition is null ? $"definition {state.DefinitionId} v{state.DefinitionVersion}" : $"node {work.NodeId}";
            return Failure(work, state, definition, node?.Type ?? "?", startedAt, _defaultRetry, new ActivityException("DefinitionMissing", $"{missing} does not exist", nonRetryable: true), null);
        }

        var policy = _defaultRetry.With(node.Retry);
        ResumeInfo? resume = null;
        BookmarkInfo? bookmark = null;
        if (work.Kind == WorkItemKind.Resume && work.ResumeRequestId is { } resumeId)
        {
            resume = await store.LoadResumeAsync(resumeId, cancellationToken);
            // The request that resumed the instance (a reviewer's decision) has its own trace: link the two.
            if (TraceParent.Parse(resume?.TraceParent) is { } resumedBy && resumedBy != default) span?.AddLink(new ActivityLink(resumedBy));
        }
        else if (work.Kind == WorkItemKind.Timer)
        {
            bookmark = await store.LoadBookmarkAsync(work.BookmarkId!, cancellationToken);
            if (bookmark is null) return null;
        }

        if (!registry.TryGet(node.Type, out var registration))
        {
            return Failure(work, state, definition, node.Type, startedAt, policy, new ActivityException(ErrorKinds.UnknownActivity, $"activity type {node.Type} is not registered in this process"), null);
        }

        var variables = (JsonObject)state.Variables.DeepClone();
        var outputs = (JsonObject)state.Outputs.DeepClone();
        using var timeout = new CancellationTokenSource(policy.StartToCloseTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await using var scope = scopes.CreateAsyncScope();
        var context = new ActivityContext(state.Id, state.BusinessKey, state.DefinitionId, state.DefinitionVersion, node.Id, work.Attempt, node.Settings, state.Input,
            variables, outputs, scope.ServiceProvider, time, linked.Token, stepItems)
        {
            Resume = resume,
            Bookmark = bookmark,
        };

        ActivityResult result;
        try
        {
            var activity = registration.Create(scope.ServiceProvider);
            result = work.Kind switch
            {
                WorkItemKind.Resume => await activity.ResumeAsync(context),
                WorkItemKind.Timer => await activity.OnDeadlineAsync(context),
                _ => await activity.ExecuteAsync(context),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var error = new ActivityException(ErrorKinds.Timeout, $"the attempt ran longer than its start-to-close timeout of {policy.StartToCloseTimeout}");
            return Failure(work, state, definition, node.Type, startedAt, policy, error, context);
        }
        catch (Exception ex)
        {
            var error = ex as ActivityException ?? new ActivityException(ErrorKinds.Unexpected, $"{ex.GetType().Name}: {ex.Message}", inner: ex);
            return Failure(work, state, definition, node.Type, startedAt, policy, error, context);
        }

        if (result.Output is not null) outputs[node.Id] = result.Output.DeepClone();
        var outcome = result.OutcomeName;
        var next = outcome is null ? null : definition.NextNodeId(node.Id, outcome);
        var plan = new StepPlan
        {
            Work = work,
            Before = state,
            ActivityType = node.Type,
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            ExecutionStatus = outcome is null ? "Suspended" : "Completed",
            Outcome = outcome,
            OutputJson = result.Output?.ToJsonString(),
            MetricsJson = context.Metrics.Count == 0 ? null : context.Metrics.ToJsonString(),
            Variables = variables,
            Outputs = outputs,
            NextNodeId = next,
            NextActivityType = next is null ? null : definition.FindNode(next)?.Type,
            Bookmark = result.Bookmark,
            Complete = outcome is not null && next is null,
            ExtraJournal = context.ExtraJournal,
            Effects = context.Effects,
            Policy = policy,
            Definition = definition,
        };
        return next is null ? plan : RunInline(plan, definition, state, scope.ServiceProvider, context.StepItems, cancellationToken);
    }

    /// <summary>
    /// Runs the nodes after <paramref name="plan"/>'s that can run inline (<see cref="IInlineActivity"/>), so they commit
    /// with it; stops at the first that cannot, declines, throws, or suspends (the step then ends suspended on its
    /// bookmark), or after <see cref="MaxInlineSteps"/>. Each runs on a copy
    /// of the variables and outputs, kept only when it completes, so one that declines or throws leaves nothing behind.
    /// </summary>
    private StepPlan RunInline(StepPlan plan, WorkflowDefinition definition, InstanceState state, IServiceProvider services,
        IDictionary<string, object> stepItems, CancellationToken cancellationToken)
    {
        var variables = plan.Variables;
        var outputs = plan.Outputs;
        var steps = new List<InlineStep>();
        var next = plan.NextNodeId;
        BookmarkRequest? bookmark = null;
        while (next is not null && steps.Count < MaxInlineSteps)
        {
            var node = definition.FindNode(next);
            if (node is null || !registry.TryGet(node.Type, out var registration) || !typeof(IInlineActivity).IsAssignableFrom(registration.ImplementationType))
            {
                break;
            }

            var startedAt = time.GetUtcNow();
            var stepVariables = (JsonObject)variables.DeepClone();
            var stepOutputs = (JsonObject)outputs.DeepClone();
            var context = new ActivityContext(state.Id, state.BusinessKey, state.DefinitionId, state.DefinitionVersion, node.Id, 1, node.Settings, state.Input,
                stepVariables, stepOutputs, services, time, cancellationToken, stepItems);
            ActivityResult? result;
            try
            {
                result = ((IInlineActivity)registration.Create(services)).TryRunInline(context);
            }
            catch (Exception ex)
            {
                // Not an error of the workflow's: the node runs as a step of its own, whose retry policy deals with it.
                logger.LogDebug(ex, "Activity {ActivityType} at node {NodeId} of instance {InstanceId} did not run inline; it runs as a step", node.Type, node.Id, state.Id);
                break;
            }

            // An outcome goes on to the next node; a bookmark (a wait with no I/O, such as an approval gate) ends the step suspended.
            if (result is null || (result.OutcomeName is null) == (result.Bookmark is null))
            {
                break;
            }

            if (result.Output is not null) stepOutputs[node.Id] = result.Output.DeepClone();
            (variables, outputs) = (stepVariables, stepOutputs);
            steps.Add(new InlineStep(node.Id, node.Type, startedAt, time.GetUtcNow(), result.OutcomeName, result.Output?.ToJsonString(),
                context.Metrics.Count == 0 ? null : context.Metrics.ToJsonString(), context.ExtraJournal, context.Effects));
            if (result.Bookmark is { } wait)
            {
                bookmark = wait;
                next = null;
                break;
            }

            next = definition.NextNodeId(node.Id, result.OutcomeName!);
        }

        if (steps.Count == 0) return plan;
        return plan with
        {
            Variables = variables,
            Outputs = outputs,
            NextNodeId = next,
            NextActivityType = next is null ? null : definition.FindNode(next)?.Type,
            Bookmark = bookmark,
            Complete = next is null && bookmark is null,
            Inline = steps,
            WithoutInline = plan,
        };
    }

    /// <summary>The most nodes one step runs inline (a definition may loop through inline nodes).</summary>
    internal const int MaxInlineSteps = 16;

    private StepPlan EffectFailure(ClaimedWork work, InstanceState state, StepPlan plan, Exception ex)
    {
        var error = new ActivityException(ErrorKinds.EffectFailed, $"the step's database effects failed: {ex.GetType().Name}: {ex.Message}", inner: ex);
        return Failure(work, state, plan.Definition, plan.ActivityType, plan.StartedAt, plan.Policy ?? _defaultRetry, error, null);
    }

    /// <summary>Names the step's span after its activity type and records how it ended.</summary>
    private static void Describe(Activity? span, StepPlan plan, bool committed)
    {
        if (span is null) return;
        span.DisplayName = $"step {plan.ActivityType}";
        span.SetTag(EngineSpanTags.ActivityType, plan.ActivityType).SetTag(EngineSpanTags.StepStatus, plan.ExecutionStatus)
            .SetTag(EngineSpanTags.Outcome, plan.Outcome);
        if (plan.Inline.Count > 0) span.SetTag(EngineSpanTags.InlineNodes, string.Join(',', plan.Inline.Select(s => s.NodeId)));
        if (plan.ErrorKind is not null)
        {
            span.SetTag("error.type", plan.ErrorKind).SetStatus(ActivityStatusCode.Error, plan.ErrorKind);
        }
        else if (!committed)
        {
            span.SetTag("error.type", "TakenOver").SetStatus(ActivityStatusCode.Error, "the work was taken over; the result was dropped");
        }
    }

    private StepPlan Failure(ClaimedWork work, InstanceState state, WorkflowDefinition? definition, string activityType,
        DateTimeOffset startedAt, RetryPolicy policy, ActivityException error, ActivityContext? context)
    {
        var retry = policy.ShouldRetry(work.Attempt, error.Kind, error.NonRetryable);
        var failedNext = retry ? null : definition?.NextNodeId(work.NodeId, Outcomes.Failed);
        var outputs = (JsonObject)state.Outputs.DeepClone();
        if (failedNext is not null)
        {
            // The node after a Failed connection (human review, say) can read why.
            outputs[work.NodeId] = new JsonObject { ["error"] = error.Kind, ["message"] = error.Message, ["attempts"] = work.Attempt };
        }

        logger.LogWarning("Activity {ActivityType} at node {NodeId} of instance {InstanceId} failed on attempt {Attempt} ({ErrorKind}); {Next}",
            activityType, work.NodeId, state.Id, work.Attempt, error.Kind, retry ? "retrying" : failedNext is not null ? "taking the Failed outcome" : "faulting");
        return new StepPlan
        {
            Work = work,
            Before = state,
            ActivityType = activityType,
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            ExecutionStatus = "Failed",
            ErrorKind = error.Kind,
            Error = error.Message,
            MetricsJson = context is null || context.Metrics.Count == 0 ? null : context.Metrics.ToJsonString(),
            Variables = state.Variables,
            Outputs = outputs,
            RetryDelay = retry ? policy.DelayAfter(work.Attempt, error.RetryAfter) : null,
            Incident = !retry,
            NextNodeId = failedNext,
            NextActivityType = failedNext is null ? null : definition?.FindNode(failedNext)?.Type,
            Fault = !retry && failedNext is null,
            ExtraJournal = context?.ExtraJournal ?? [],
        };
    }
}
