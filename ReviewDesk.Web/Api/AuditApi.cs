using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary>
/// <c>/api/audit</c>: the audit trail, paged as JSON or exported as CSV (Admin); and
/// <c>POST /api/tickets/{id}/reveal</c>: a ticket's original PII values (RevealPii: Admin or PiiRevealer; audited).
/// </summary>
public static class AuditApi
{
    public const string CsvContentType = "text/csv";

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(ReviewDeskPolicies.Administer);
        audit.MapGet("/", ListAsync).WithName("ListAuditEntries");
        audit.MapGet("/export", ExportAsync).WithName("ExportAuditEntries").Produces(StatusCodes.Status200OK, contentType: CsvContentType);
        // POST: a reveal is not a read, it leaves an audit entry.
        endpoints.MapPost("/api/tickets/{id}/reveal", RevealAsync).WithTags("Tickets").WithName("RevealTicketPii")
            .RequireAuthorization(ReviewDeskPolicies.RevealPii);
        return endpoints;
    }

    /// <summary>Audit entries, newest first, filtered by action, actor (part of the name), ticket and time, paged.</summary>
    public static async Task<Results<Ok<AuditEntryPage>, ValidationProblem>> ListAsync(
        [AsParameters] AuditQueryRequest request, AuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, errors) = request.ToQuery();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await audit.QueryAsync(query, cancellationToken));
    }

    /// <summary>Every audit entry matching the filters (paging ignored), newest first, as CSV: id, at, actor, action, ticketId, target, detail (JSON).</summary>
    public static Results<PushStreamHttpResult, ValidationProblem> ExportAsync([AsParameters] AuditQueryRequest request, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, errors) = request.ToQuery();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Stream(async body =>
        {
            // A cell starting with = + - @ would run as a formula in a spreadsheet: prefixed with ' instead.
            await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
            await csv.WriteRecordAsync(CsvColumns, CancellationToken.None);
            await foreach (var entry in audit.ReadAllAsync(query, CancellationToken.None))
            {
                await csv.WriteRecordAsync(CsvFields(entry), CancellationToken.None);
            }

            await csv.FlushAsync(CancellationToken.None);
        }, CsvContentType + "; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv"));
    }

    /// <summary>The export's columns; the detail stays one JSON cell.</summary>
    public static string[] CsvColumns { get; } = ["id", "at", "actor", "action", "ticketId", "target", "detail"];

    private static string?[] CsvFields(AuditEntry entry) =>
    [
        entry.Id.ToString(CultureInfo.InvariantCulture),
        entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        entry.Actor,
        entry.Action,
        entry.TicketId,
        entry.Target,
        entry.Detail.ToJsonString(),
    ];

    /// <summary>The ticket's original PII values by placeholder, for this caller; the reveal is audited (types only), never logged.</summary>
    public static async Task<Results<Ok<PiiReveal>, ProblemHttpResult>> RevealAsync(
        string id, TicketService tickets, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reveal = await tickets.RevealPiiAsync(id, ReviewsApi.ReviewerName(user), cancellationToken);
        return reveal is null ? TicketsApi.NotFound(id) : TypedResults.Ok(reveal);
    }
}
