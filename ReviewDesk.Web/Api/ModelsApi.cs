using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Ai.Learning;

namespace ReviewDesk.Web.Api;

/// <summary>
/// <c>/api/models</c>: the local model's versions learnt from reviewers (Admin). List them with their held-out figures, retrain
/// on demand, and promote any version (an older one, or <c>base</c>, is a rollback). Promotions and rollbacks are audited with
/// the caller.
/// </summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder endpoints)
    {
        var models = endpoints.MapGroup("/api/models").WithTags("Models").RequireAuthorization(ReviewDeskPolicies.Administer);
        models.MapGet("/", ListAsync).WithName("ListModelVersions")
            .WithSummary("List the local model's versions (Admin)")
            .WithDescription("Every retrained version, newest first, with its category accuracy, macro-F1 and priority accuracy on the held-out reviewer-labelled tickets and those of the model in use when it was trained; `active` names the version that classifies (`base` when none was promoted).");
        models.MapPost("/retrain", RetrainAsync).WithName("RetrainModel")
            .WithSummary("Start a retrain of the local model (Admin)")
            .WithDescription("Starts, in the background, a retrain that trains a candidate on the shipped tickets plus the reviewer-labelled ones outside the held-out slice, evaluates it and the model in use on the held-out slice, stores it as a new version and promotes it only when it is not worse (accuracy and macro-F1). Answers 202 Accepted at once, with `Location` naming the run's status resource (`GET /api/models/retrains/{id}`). 409 when a retrain is already running on any node, or when no reviewer has labelled a ticket yet.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        models.MapGet("/retrains/{id}", GetRetrainAsync).WithName("GetRetrain")
            .WithSummary("A retrain's status (Admin)")
            .WithDescription("`status` is `Running`, `Promoted`, `Rejected` or `Failed` (an error, or the node running it stopped: its lease lapsed); once it ended, `version` holds the stored version with its held-out accuracy, macro-F1 and priority accuracy and the baseline's, and `error` says why it failed. 404 when there is no such run.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/{version}/promote", PromoteAsync).WithName("PromoteModel")
            .WithSummary("Make a version the active one (Admin)")
            .WithDescription("`v{n}` or `base` (the model trained on the shipped tickets only). Promoting an older version than the active one is a rollback. Every node classifies with it within `Ai:Learning:RefreshInterval`. 404 when there is no such version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>The versions and the active one.</summary>
    public static async Task<Ok<ModelList>> ListAsync(ModelRetrainer retrainer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrainer);
        var versions = await retrainer.ListAsync(cancellationToken);
        return TypedResults.Ok(new ModelList(versions.FirstOrDefault(v => v.Status == ModelVersionStatus.Active)?.Version ?? ModelVersions.Base, versions));
    }

    /// <summary>Starts a retrain as the caller; the run's status is at the <c>Location</c> it answers with.</summary>
    public static async Task<Results<Accepted<RetrainRun>, ProblemHttpResult>> RetrainAsync(ModelRetrainer retrainer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrainer);
        ArgumentNullException.ThrowIfNull(user);
        var start = await retrainer.StartRetrainAsync(ReviewsApi.ReviewerName(user), RetrainTriggers.OnDemand, cancellationToken);
        return start.Run is { } run
            ? TypedResults.Accepted($"/api/models/retrains/{Uri.EscapeDataString(run.Id)}", run)
            : start.Outcome switch
            {
                RetrainOutcome.NothingToLearn => TypedResults.Problem("No reviewer has labelled a ticket yet: there is nothing to learn from or to evaluate on.",
                    statusCode: StatusCodes.Status409Conflict, title: "Nothing to learn from"),
                _ => TypedResults.Problem("A retrain is already running (on this node or another); try again when it finished.",
                    statusCode: StatusCodes.Status409Conflict, title: "A retrain is running"),
            };
    }

    /// <summary>A retrain run's status.</summary>
    public static async Task<Results<Ok<RetrainRun>, ProblemHttpResult>> GetRetrainAsync(string id, ModelRetrainer retrainer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrainer);
        return await retrainer.GetRunAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem($"There is no retrain run '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "No such retrain run");
    }

    /// <summary>Makes a version (or <c>base</c>) the active one, as the caller.</summary>
    public static async Task<Results<Ok<PromoteResult>, ProblemHttpResult>> PromoteAsync(
        string version, ModelRetrainer retrainer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrainer);
        ArgumentNullException.ThrowIfNull(user);
        var result = await retrainer.PromoteAsync(version, ReviewsApi.ReviewerName(user), cancellationToken);
        return result.Outcome == PromoteOutcome.NotFound
            ? TypedResults.Problem($"There is no model version '{version}'; GET /api/models lists them.", statusCode: StatusCodes.Status404NotFound, title: "No such model version")
            : TypedResults.Ok(result);
    }
}
