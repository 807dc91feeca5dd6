using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary><c>/api/reviews</c>: the review queue, claims on its tickets, and reviewers' decisions.</summary>
public static class ReviewsApi
{
    /// <summary>Until sign-in exists (a later issue), a reviewer names itself in this header.</summary>
    public const string ReviewerHeader = "X-Reviewer";

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder endpoints)
    {
        var reviews = endpoints.MapGroup("/api/reviews").WithTags("Reviews");
        reviews.MapGet("/", ListAsync).WithName("ListReviewQueue");
        reviews.MapPost("/{ticketId}/claim", ClaimAsync).WithName("ClaimTicket");
        reviews.MapPost("/{ticketId}/release", ReleaseAsync).WithName("ReleaseTicket");
        reviews.MapPost("/{ticketId}/decision", DecideAsync).WithName("DecideTicket");
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
        string ticketId, string? takeOver, ReviewQueue queue, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Validate(http, takeOver, out var reviewer, out var force) is { } invalid) return invalid;
        return ToResult(await queue.ClaimAsync(ticketId, reviewer, force, cancellationToken));
    }

    /// <summary>Releases the reviewer's claim; releasing a free ticket is fine, another reviewer's live claim is a conflict.</summary>
    public static async Task<Results<Ok<ClaimResult>, ValidationProblem, ProblemHttpResult>> ReleaseAsync(
        string ticketId, string? takeOver, ReviewQueue queue, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Validate(http, takeOver, out var reviewer, out var force) is { } invalid) return invalid;
        return ToResult(await queue.ReleaseAsync(ticketId, reviewer, force, cancellationToken));
    }

    /// <summary>Approves (optionally with edited labels) or rejects a ticket awaiting review; answers with the ticket after the workflow moved on.</summary>
    public static async Task<Results<Ok<TicketView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string ticketId, ReviewDecision decision, TicketService tickets, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(http);
        var errors = decision.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var reviewer = ReviewerName(http) ?? "api";
        var result = await tickets.DecideAsync(ticketId, decision, reviewer, cancellationToken);
        return result.Outcome switch
        {
            DecisionOutcome.Applied => TypedResults.Ok(result.Ticket!),
            DecisionOutcome.NotFound => TicketsApi.NotFound(ticketId),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The ticket cannot take this decision"),
        };
    }

    /// <summary>The signed-in user's name or, until sign-in exists, the <see cref="ReviewerHeader"/> header (or a <c>reviewer</c> query parameter, for browsers' WebSockets).</summary>
    internal static string? ReviewerName(HttpContext? http)
    {
        if (http is null) return null;
        var name = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        name ??= http.Request.Headers[ReviewerHeader].FirstOrDefault() ?? http.Request.Query["reviewer"].FirstOrDefault();
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }

    private static ValidationProblem? Validate(HttpContext http, string? takeOver, out string reviewer, out bool force)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        reviewer = ReviewerName(http) ?? "";
        force = false;
        if (reviewer.Length == 0) errors[ReviewerHeader] = [$"Name the reviewer in the {ReviewerHeader} header."];
        else if (reviewer.Length > 200) errors[ReviewerHeader] = ["The reviewer's name is longer than 200 characters."];
        if (takeOver is not null && !bool.TryParse(takeOver, out force)) errors["takeOver"] = ["takeOver must be true or false."];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static Results<Ok<ClaimResult>, ValidationProblem, ProblemHttpResult> ToResult(ClaimResult result) => result.Outcome switch
    {
        ClaimOutcome.Claimed or ClaimOutcome.Released => TypedResults.Ok(result),
        ClaimOutcome.NotFound => TicketsApi.NotFound(result.TicketId),
        ClaimOutcome.ClaimedByOther => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Another reviewer holds the ticket"),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The ticket is not awaiting review"),
    };
}
