using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Identity;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Api;

/// <summary><c>/api/instances</c>: workflow instances for operators (Operator or Admin): list, inspect, retry, cancel.</summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder endpoints)
    {
        var instances = endpoints.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(ReviewDeskPolicies.Operate);
        instances.MapGet("/", ListAsync).WithName("ListInstances")
            .WithSummary("List workflow instances (Operator, Admin)")
            .WithDescription("Newest first, paged (`pageSize` 1 to 200); filters: `status`, `definition`, `businessKey` (a ticket id).");
        instances.MapGet("/{id}", GetAsync).WithName("GetInstance")
            .WithSummary("Inspect a workflow instance (Operator, Admin)")
            .WithDescription("The instance (status, position, variables, outputs), its journal, activity attempts (with the retry scheduled after a failure), scheduled work with leases, and incidents.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        instances.MapGet("/{id}/journal", GetJournalAsync).WithName("GetInstanceJournal")
            .WithSummary("Get a workflow instance's journal (Operator, Admin)")
            .WithDescription("Every journal entry in order.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        instances.MapPost("/{id}/retry", RetryAsync).WithName("RetryInstance")
            .WithSummary("Retry a faulted instance (Operator, Admin)")
            .WithDescription("Restarts it at the node that failed. 409 unless it is Faulted.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        instances.MapPost("/{id}/cancel", CancelAsync).WithName("CancelInstance")
            .WithSummary("Cancel an instance (Operator, Admin)")
            .WithDescription("Cancels an instance that has not finished (an activity running in this process is cancelled too). The body is optional: `{reason}` is journaled. 409 when it is Completed or Cancelled.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>A page of instances, newest first.</summary>
    public static async Task<Results<Ok<PagedResult<InstanceSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] InstanceListRequest request, WorkflowQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        var (filter, page, pageSize, errors) = request.ToQuery();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await queries.ListInstancesAsync(filter, page, pageSize, cancellationToken);
        return TypedResults.Ok(new PagedResult<InstanceSummary>([.. result.Items.Select(InstanceSummary.From)], result.Total, result.Page, result.PageSize));
    }

    /// <summary>The instance with its journal, attempts, scheduled work and incidents.</summary>
    public static async Task<Results<Ok<InstanceTimeline>, ProblemHttpResult>> GetAsync(string id, InstanceTimelineReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return await reader.ReadAsync(id, cancellationToken) is { } timeline ? TypedResults.Ok(timeline) : NotFound(id);
    }

    /// <summary>The instance's journal in order.</summary>
    public static async Task<Results<Ok<IReadOnlyList<JournalEntryView>>, ProblemHttpResult>> GetJournalAsync(string id, WorkflowQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (await queries.GetInstanceAsync(id, cancellationToken) is null) return NotFound(id);
        return TypedResults.Ok(await queries.GetJournalAsync(id, cancellationToken));
    }

    /// <summary>Retries a faulted instance from the node that failed.</summary>
    public static async Task<Results<Ok<InstanceSummary>, ProblemHttpResult>> RetryAsync(
        string id, WorkflowRuntime runtime, WorkflowQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(user);
        var result = await runtime.RetryAsync(id, ReviewsApi.ReviewerName(user), cancellationToken);
        if (Problem(id, result, "The instance cannot be retried") is { } problem) return problem;
        return await ReadAsync(id, queries, cancellationToken) is { } instance ? TypedResults.Ok(instance) : NotFound(id);
    }

    /// <summary>Cancels an instance that has not finished.</summary>
    public static async Task<Results<Ok<InstanceSummary>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string id, CancelRequest? request, WorkflowRuntime runtime, WorkflowQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(user);
        if (request?.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var result = await runtime.CancelAsync(id, ReviewsApi.ReviewerName(user), request?.Reason ?? "cancelled by an operator", cancellationToken);
        if (Problem(id, result, "The instance cannot be cancelled") is { } problem) return problem;
        return await ReadAsync(id, queries, cancellationToken) is { } instance ? TypedResults.Ok(instance) : NotFound(id);
    }

    private static ProblemHttpResult? Problem(string id, OperationResult result, string title) =>
        result.IsNotFound ? NotFound(id)
        : result.Succeeded ? null
        : TypedResults.Problem($"Instance {id}: {result.Error}.", statusCode: StatusCodes.Status409Conflict, title: title);

    private static async Task<InstanceSummary?> ReadAsync(string id, WorkflowQueries queries, CancellationToken cancellationToken) =>
        await queries.GetInstanceAsync(id, cancellationToken) is { } instance ? InstanceSummary.From(instance) : null;

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No workflow instance {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown workflow instance");
}
