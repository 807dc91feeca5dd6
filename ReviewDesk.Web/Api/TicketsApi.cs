using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary><c>/api/tickets</c>: submit a ticket, read it and its timeline (any role); comment on it (Reviewer or Admin).</summary>
public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization(ReviewDeskPolicies.AnyRole);
        tickets.MapPost("/", SubmitAsync).WithName("SubmitTicket");
        tickets.MapGet("/{id}", GetAsync).WithName("GetTicket");
        tickets.MapGet("/{id}/timeline", GetTimelineAsync).WithName("GetTicketTimeline");
        tickets.MapGet("/{id}/comments", GetCommentsAsync).WithName("GetTicketComments");
        tickets.MapPost("/{id}/comments", AddCommentAsync).WithName("AddTicketComment").RequireAuthorization(ReviewDeskPolicies.Review);
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

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No ticket {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown ticket");
}

/// <summary>The body of <c>POST /api/tickets</c>.</summary>
public sealed record SubmitTicketRequest(string? Subject, string? Body, CustomerInfo? Customer, string? Channel, string? ExternalId, string? Variant);
