using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary><c>/api/reviews</c>: reviewers' decisions.</summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder endpoints)
    {
        var reviews = endpoints.MapGroup("/api/reviews").WithTags("Reviews");
        reviews.MapPost("/{ticketId}/decision", DecideAsync).WithName("DecideTicket");
        return endpoints;
    }

    /// <summary>Approves (optionally with edited labels) or rejects a ticket awaiting review; answers with the ticket after the workflow moved on.</summary>
    public static async Task<Results<Ok<TicketView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string ticketId, ReviewDecision decision, TicketService tickets, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(http);
        var errors = decision.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // Until sign-in exists (a later issue), the reviewer names itself in a header.
        var reviewer = http.User.Identity?.Name ?? http.Request.Headers["X-Reviewer"].FirstOrDefault() ?? "api";
        var result = await tickets.DecideAsync(ticketId, decision, reviewer, cancellationToken);
        return result.Outcome switch
        {
            DecisionOutcome.Applied => TypedResults.Ok(result.Ticket!),
            DecisionOutcome.NotFound => TicketsApi.NotFound(ticketId),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The ticket cannot take this decision"),
        };
    }
}
