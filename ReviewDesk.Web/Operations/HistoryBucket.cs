namespace ReviewDesk.Web.Operations;

/// <summary>One bucket of the operator board's history.</summary>
/// <param name="Start">Its start; it ends where the next starts (the last one at the history's read time).</param>
/// <param name="Submitted">Tickets submitted in it.</param>
/// <param name="Routed">Tickets routed to a queue in it (Route steps completed), automatically or after review.</param>
/// <param name="Reviewed">Reviewers' decisions (approve or reject) in it.</param>
/// <param name="ReviewBacklog">Tickets in the review queue at its end.</param>
/// <param name="DueWork">Work items due and unclaimed at its end, of those still waiting now (see <see cref="OperationsHistoryQueries"/>).</param>
/// <param name="OldestDueAgeSeconds">How long the oldest of those had waited at its end.</param>
/// <param name="Attempts">Activity attempts that finished in it.</param>
/// <param name="Failures">Of those, the failed ones.</param>
/// <param name="Retries">Of those, the ones that were a retry (attempt 2 or later).</param>
/// <param name="Cost">Estimated model cost of the attempts that finished in it, in the configured prices' currency.</param>
public sealed record HistoryBucket(
    DateTimeOffset Start, int Submitted, int Routed, int Reviewed, int ReviewBacklog, int DueWork, double OldestDueAgeSeconds,
    int Attempts, int Failures, int Retries, double Cost);
