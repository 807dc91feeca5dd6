using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class TicketService
{
    /// <summary>How many tickets one write of a batch commits: large enough to amortise the commit, small enough not to hold the writer long.</summary>
    public const int BatchCommitSize = 250;

    /// <summary>
    /// Submits many tickets (a backfill), each exactly as <see cref="SubmitAsync"/> would: its row, instance and first
    /// work item commit together, and a repeated external id or idempotency key (earlier, or earlier in the same batch)
    /// returns the first ticket and starts nothing. Up to <see cref="BatchCommitSize"/> tickets share a commit. One
    /// result per submission, in order; a submission whose variant has no published version fails alone.
    /// Submissions must be valid (<see cref="TicketSubmission.Validate"/>): the caller reports invalid ones itself.
    /// </summary>
    public async Task<IReadOnlyList<BatchSubmitResult>> SubmitBatchAsync(IReadOnlyList<TicketSubmission> submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var results = new List<BatchSubmitResult>(submissions.Count);
        for (var offset = 0; offset < submissions.Count; offset += BatchCommitSize)
        {
            var chunk = submissions.Skip(offset).Take(BatchCommitSize).ToList();
            var tickets = new List<TicketRecord>(chunk.Count);
            foreach (var submission in chunk)
            {
                // Scrubbed on the worker, which reads the submission back.
                var ticket = await NewTicketAsync(submission, cancellationToken);
                ticket.ProtectedSubmission = Protect(Original(submission));
                tickets.Add(ticket);
            }
            results.AddRange(await runtime.WriteAsync(tx => tickets.Select(ticket =>
            {
                try
                {
                    return Submit(tx, ticket) is { } existing
                        ? new BatchSubmitResult(BatchSubmitOutcome.Existing, existing, null, null)
                        : new BatchSubmitResult(BatchSubmitOutcome.Created, ticket.Id, ticket.InstanceId, null);
                }
                catch (WorkflowRequestException ex)
                {
                    // Refused before it wrote anything (no published version): the others go on.
                    return new BatchSubmitResult(BatchSubmitOutcome.Failed, null, null, ex.Message);
                }
            }).ToList(), cancellationToken));
        }

        logger.LogDebug("Batch of {Count} tickets: {Created} created", submissions.Count, results.Count(r => r.Outcome == BatchSubmitOutcome.Created));
        return results;
    }
}

/// <summary>What became of one submission of a batch.</summary>
public enum BatchSubmitOutcome
{
    /// <summary>A new ticket; its workflow started.</summary>
    Created,
    /// <summary>A ticket with its external id or idempotency key existed: that one, unchanged.</summary>
    Existing,
    /// <summary>Not valid; see the errors.</summary>
    Invalid,
    /// <summary>Valid, but it could not start (its variant has no published version); see the error.</summary>
    Failed,
}

/// <summary>One submission's result in a batch.</summary>
/// <param name="Outcome">Created, existing, invalid or failed.</param>
/// <param name="TicketId">The new or existing ticket.</param>
/// <param name="WorkflowInstanceId">The new ticket's workflow instance.</param>
/// <param name="Error">Why it failed.</param>
public sealed record BatchSubmitResult(BatchSubmitOutcome Outcome, string? TicketId, string? WorkflowInstanceId, string? Error);
