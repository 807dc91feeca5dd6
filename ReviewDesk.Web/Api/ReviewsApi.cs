using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Notifications;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary>
/// <c>/api/reviews</c>: the review queue, claims on its tickets, and reviewers' decisions (Reviewer or
/// Admin). The reviewer is the signed-in user or API key; taking over another's claim needs Admin.
/// </summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder endpoints)
    {
        var reviews = endpoints.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization(ReviewDeskPolicies.Review);
        reviews.MapGet("/", ListAsync).WithName("ListReviewQueue");
        reviews.MapPost("/{ticketId}/claim", ClaimAsync).WithName("ClaimTicket");
        reviews.MapPost("/{ticketId}/release", ReleaseAsync).WithName("ReleaseTicket");
        reviews.MapPost("/{ticketId}/decision", DecideAsync).WithName("DecideTicket");
        reviews.MapPost("/bulk", BulkAsync).WithName("BulkReview")
            .WithSummary("Approve, assign or escalate several tickets")
            .WithDescription($"`action` is `approve` (each ticket approved with the AI's labels), `assign` (each claimed for `assignee`, by default the caller) " +
                $"or `escalate`, for at most {BulkReviewRequest.MaxTickets} `ticketIds`. Each ticket goes through the single-ticket path (a decision as " +
                "`POST /api/reviews/{ticketId}/decision` makes it, audited as the caller) and gets its own result, in order: `done`, or `skipped` with a " +
                "`reason`: `claimed` (another reviewer holds it, named in `claimedBy`), `not_pending` or `not_found`. `takeOver: true` acts on claimed tickets " +
                "instead (Admin only). A reviewer may assign only to themself; an admin to any account that may review. `requestId` is required: each ticket's " +
                "decision or assignment is keyed by it, so repeating the request changes nothing already done. 400 for an invalid body or more tickets; " +
                "403 for a reviewer's take-over or assignment to someone else.");
        return endpoints;
    }

    /// <summary>Tickets awaiting review or escalated: filtered, sorted (deadline, confidence, age) and paged.</summary>
    public static async Task<Results<Ok<ReviewQueuePage>, ValidationProblem>> ListAsync(
        [AsParameters] ReviewQueueRequest request, ReviewQueue queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, errors) = request.ToQuery();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await queue.ListAsync(query, cancellationToken));
    }

    /// <summary>Claims a ticket for the reviewer (or renews the reviewer's claim); <c>?takeOver=true</c> takes another's claim.</summary>
    public static async Task<Results<Ok<ClaimResult>, ValidationProblem, ProblemHttpResult>> ClaimAsync(
        string ticketId, string? takeOver, ReviewQueue queue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ParseTakeOver(takeOver, out var force) is { } invalid) return invalid;
        if (force && !user.IsInRole(ReviewDeskRoles.Admin)) return TakeOverForbidden();
        return ToResult(await queue.ClaimAsync(ticketId, ReviewerName(user), force, cancellationToken));
    }

    /// <summary>Releases the reviewer's claim; releasing a free ticket is fine, another reviewer's live claim is a conflict.</summary>
    public static async Task<Results<Ok<ClaimResult>, ValidationProblem, ProblemHttpResult>> ReleaseAsync(
        string ticketId, string? takeOver, ReviewQueue queue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ParseTakeOver(takeOver, out var force) is { } invalid) return invalid;
        if (force && !user.IsInRole(ReviewDeskRoles.Admin)) return TakeOverForbidden();
        return ToResult(await queue.ReleaseAsync(ticketId, ReviewerName(user), force, cancellationToken));
    }

    /// <summary>Approves (optionally with edited labels) or rejects a ticket awaiting review; answers with the ticket after the workflow moved on.</summary>
    public static async Task<Results<Ok<TicketView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string ticketId, ReviewDecision decision, TicketService tickets, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(user);
        var errors = decision.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (decision.TakeOver && !user.IsInRole(ReviewDeskRoles.Admin)) return TakeOverForbidden();

        var result = await tickets.DecideAsync(ticketId, decision, ReviewerName(user), cancellationToken);
        return result.Outcome switch
        {
            DecisionOutcome.Applied => TypedResults.Ok(result.Ticket!),
            DecisionOutcome.NotFound => TicketsApi.NotFound(ticketId),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The ticket cannot take this decision"),
        };
    }

    /// <summary>One action on several tickets, each through the single-ticket path; one result per ticket.</summary>
    public static async Task<Results<Ok<BulkReviewResult>, ValidationProblem, ProblemHttpResult>> BulkAsync(
        BulkReviewRequest request, TicketService tickets, INotificationDirectory directory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(user);
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var actor = ReviewerName(user);
        var admin = user.IsInRole(ReviewDeskRoles.Admin);
        if (request.TakeOver && !admin) return TakeOverForbidden();

        string? assignee = null;
        if (request.Action == BulkReviewRequest.Assign)
        {
            assignee = string.IsNullOrWhiteSpace(request.Assignee) ? actor : request.Assignee.Trim();
            if (assignee != actor)
            {
                if (!admin) return AssignForbidden();
                if (!await directory.MayReviewAsync(assignee, cancellationToken))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
                    {
                        ["assignee"] = [$"No account named '{assignee}' may review tickets."],
                    });
                }
            }
        }

        return TypedResults.Ok(await tickets.BulkReviewAsync(request, actor, assignee, cancellationToken));
    }

    /// <summary>The reviewer a request acts as: the signed-in user's name, or <c>apikey:{name}</c> for an API key.</summary>
    internal static string ReviewerName(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("The reviews API runs only for authenticated users with a name.");

    private static ValidationProblem? ParseTakeOver(string? takeOver, out bool force)
    {
        force = false;
        if (takeOver is null || bool.TryParse(takeOver, out force)) return null;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["takeOver"] = ["takeOver must be true or false."] });
    }

    private static ProblemHttpResult TakeOverForbidden() => TypedResults.Problem(
        "Only an admin may take over another reviewer's claim.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static ProblemHttpResult AssignForbidden() => TypedResults.Problem(
        "A reviewer may assign tickets only to themself; an admin may assign them to anyone who may review.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static Results<Ok<ClaimResult>, ValidationProblem, ProblemHttpResult> ToResult(ClaimResult result) => result.Outcome switch
    {
        ClaimOutcome.Claimed or ClaimOutcome.Released => TypedResults.Ok(result),
        ClaimOutcome.NotFound => TicketsApi.NotFound(result.TicketId),
        ClaimOutcome.ClaimedByOther => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Another reviewer holds the ticket"),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The ticket is not awaiting review"),
    };
}
