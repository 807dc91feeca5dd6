using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary>
/// <c>/api/tickets</c>: submit, list and search tickets, read one and its timeline (any role); comment on
/// one (Reviewer or Admin); cancel its workflow (Operator or Admin).
/// </summary>
public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization(ReviewDeskPolicies.AnyRole);
        tickets.MapPost("/", SubmitAsync).WithName("SubmitTicket")
            .WithSummary("Submit a ticket")
            .WithDescription("Stores the ticket (its text encrypted) and starts its triage workflow: 202 with the ticket. A repeated `externalId` or `Idempotency-Key` returns the first ticket with 200. 422 when the variant has no published version.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/", ListAsync).WithName("ListTickets")
            .WithSummary("List and search tickets")
            .WithDescription("All tickets, newest first, paged (`pageSize` 1 to 200). Filters: `status`, `queue`, `category` (final, or the AI's before a decision), `channel`, `variant`, `createdFrom` (inclusive) and `createdTo` (exclusive) as ISO 8601, and `q`: a ticket id or external id exactly, or part of the redacted subject. Items carry the redacted subject only.");
        tickets.MapGet("/{id}", GetAsync).WithName("GetTicket")
            .WithSummary("Get a ticket")
            .WithDescription("Status, redacted subject and body, PII spans (types and positions, never values), classification, review, decision, queue and workflow.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id}/timeline", GetTimelineAsync).WithName("GetTicketTimeline")
            .WithSummary("Get a ticket's timeline")
            .WithDescription("The ticket's workflow journal, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id}/comments", GetCommentsAsync).WithName("GetTicketComments")
            .WithSummary("Get a ticket's comments")
            .WithDescription("Reviewers' comments, oldest first: plain comments and those that came with decisions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id}/comments", AddCommentAsync).WithName("AddTicketComment").RequireAuthorization(ReviewDeskPolicies.Review)
            .WithSummary("Comment on a ticket (Reviewer, Admin)")
            .WithDescription("Adds a comment by the caller; a repeated `requestId` returns the first comment.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id}/cancel", CancelAsync).WithName("CancelTicket").RequireAuthorization(ReviewDeskPolicies.Operate)
            .WithSummary("Cancel a ticket's workflow (Operator, Admin)")
            .WithDescription("Cancels the ticket's workflow; the ticket becomes Cancelled and leaves the review queue. The body is optional: `{reason}` is journaled. 409 when the workflow already finished (routed, rejected or cancelled).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Accepts a ticket (202) and starts its triage; a repeated externalId or Idempotency-Key returns the same ticket (200).</summary>
    public static async Task<Results<Accepted<TicketView>, Ok<TicketView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitTicketRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        TicketService tickets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var submission = new TicketSubmission
        {
            Subject = request.Subject,
            Body = request.Body,
            Customer = request.Customer,
            Channel = request.Channel,
            ExternalId = request.ExternalId,
            IdempotencyKey = idempotencyKey,
            Variant = request.Variant,
        };
        var errors = submission.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        try
        {
            var result = await tickets.SubmitAsync(submission, cancellationToken);
            return result.Created
                ? TypedResults.Accepted($"/api/tickets/{result.Ticket.Id}", result.Ticket)
                : TypedResults.Ok(result.Ticket);
        }
        catch (WorkflowRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The workflow variant cannot run");
        }
    }

    /// <summary>One page of tickets, newest first, filtered by status, queue, category, channel, variant, creation time and text.</summary>
    public static async Task<Results<Ok<TicketListPage>, ValidationProblem>> ListAsync(
        [AsParameters] TicketListRequest request, TicketSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, errors) = request.ToQuery();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await search.ListAsync(query, cancellationToken));
    }

    /// <summary>A ticket: status, redacted text, PII spans (no values), classification, review, decision, queue, workflow.</summary>
    public static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetAsync(string id, TicketService tickets, CancellationToken cancellationToken) =>
        await tickets.GetAsync(id, cancellationToken) is { } ticket ? TypedResults.Ok(ticket) : NotFound(id);

    /// <summary>The ticket's workflow journal as timeline events.</summary>
    public static async Task<Results<Ok<IReadOnlyList<TimelineEvent>>, ProblemHttpResult>> GetTimelineAsync(string id, TicketService tickets, CancellationToken cancellationToken) =>
        await tickets.GetTimelineAsync(id, cancellationToken) is { } timeline ? TypedResults.Ok(timeline) : NotFound(id);

    /// <summary>The reviewers' comments on the ticket, oldest first (plain comments and those that came with decisions).</summary>
    public static async Task<Results<Ok<IReadOnlyList<TicketComment>>, ProblemHttpResult>> GetCommentsAsync(string id, TicketService tickets, CancellationToken cancellationToken) =>
        await tickets.GetCommentsAsync(id, cancellationToken) is { } comments ? TypedResults.Ok(comments) : NotFound(id);

    /// <summary>Adds a comment by the reviewer; a repeated requestId returns the first comment.</summary>
    public static async Task<Results<Created<TicketComment>, ValidationProblem, ProblemHttpResult>> AddCommentAsync(
        string id, TicketCommentRequest request, TicketService tickets, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var comment = await tickets.AddCommentAsync(id, request, ReviewsApi.ReviewerName(user), cancellationToken);
        return comment is null ? NotFound(id) : TypedResults.Created($"/api/tickets/{id}/comments", comment);
    }

    /// <summary>Cancels the ticket's workflow (an operator's act); 409 when it already finished.</summary>
    public static async Task<Results<Ok<TicketView>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string id, CancelRequest? request, TicketService tickets, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (request?.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var result = await tickets.CancelAsync(id, ReviewsApi.ReviewerName(user), request?.Reason, cancellationToken);
        return result.Outcome switch
        {
            TicketCancelOutcome.Cancelled => TypedResults.Ok(result.Ticket!),
            TicketCancelOutcome.NotFound => NotFound(id),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The ticket cannot be cancelled"),
        };
    }

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No ticket {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown ticket");
}

/// <summary>The body of <c>POST /api/tickets</c>.</summary>
public sealed record SubmitTicketRequest(string? Subject, string? Body, CustomerInfo? Customer, string? Channel, string? ExternalId, string? Variant);
