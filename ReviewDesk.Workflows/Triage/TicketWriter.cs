using System.Text.Json;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Every change of a ticket row, written inside a <see cref="WorkflowTransaction"/>: the step, command or
/// submission that makes it commits it with the workflow's own change, or neither commits. This is the
/// only code that writes a ticket's status, and each move names the statuses it may leave (the row's
/// <c>WHERE</c>): a move from anywhere else is a bug and fails the transaction with
/// <see cref="TicketTransitionException"/>. Statements are prepared once and reused (the hot path).
/// </summary>
public static class TicketWriter
{
    // Before a reviewer sees it: received (a variant need not scrub first) or being triaged.
    private static readonly string InTriage = In(TicketStatus.Received, TicketStatus.Triaging);

    private const string InsertSql = """
        INSERT INTO "Tickets" ("Id", "ExternalId", "IdempotencyKey", "Channel", "Status", "ProtectedSubmission", "Escalations",
            "InstanceId", "DefinitionId", "DefinitionVersion", "CreatedAt", "UpdatedAt")
        VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $10)
        """;

    private const string InsertCommentSql = """
        INSERT INTO "TicketComments" ("TicketId", "Author", "Kind", "Text", "RequestId", "At") VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT ("TicketId", "RequestId") DO NOTHING
        RETURNING "Id"
        """;

    private const string ReviewStateSql = """SELECT "Status", "Decision", "InstanceId", "CreatedAt" FROM "Tickets" WHERE "Id" = $1""";

    private const string FindByKeysSql = """
        SELECT "Id" FROM "Tickets" WHERE ("ExternalId" = $1 AND $1 IS NOT NULL) OR ("IdempotencyKey" = $2 AND $2 IS NOT NULL) LIMIT 1
        """;

    private static readonly string ScrubbedSql = $"""
        UPDATE "Tickets" SET "Subject" = $2, "Body" = $3, "PiiSpans" = $4, "PiiTypes" = $5, "ProtectedOriginals" = $6,
            "ProtectedSubmission" = NULL, "Status" = {(int)TicketStatus.Triaging}, "UpdatedAt" = $7
        WHERE "Id" = $1 AND "Status" IN ({In(TicketStatus.Received, TicketStatus.Triaging)})
        """;

    private static readonly string ClassifiedSql = $"""
        UPDATE "Tickets" SET "Classification" = $2, "AiCategory" = $3, "AiConfidence" = $4, "Priority" = $5, "UpdatedAt" = $6
        WHERE "Id" = $1 AND "Status" IN ({InTriage})
        """;

    private static readonly string ReviewRequirementSql = $"""
        UPDATE "Tickets" SET "ReviewRequired" = $2, "ReviewReasons" = $3, "UpdatedAt" = $4
        WHERE "Id" = $1 AND "Status" IN ({InTriage})
        """;

    private static readonly string AwaitingReviewSql = $"""
        UPDATE "Tickets" SET "Status" = {(int)TicketStatus.AwaitingReview}, "ReviewRequired" = TRUE, "ReviewReasons" = $2, "ReviewDeadline" = $3, "UpdatedAt" = $4
        WHERE "Id" = $1 AND "Status" IN ({InTriage}, {(int)TicketStatus.AwaitingReview}) AND "Decision" IS NULL
        """;

    private static readonly string EscalatedSql = $"""
        UPDATE "Tickets" SET "Status" = {(int)TicketStatus.Escalated}, "Escalations" = "Escalations" + 1, "FinalPriority" = $2, "Priority" = $2,
            "ReviewDeadline" = $3, "UpdatedAt" = $4,
            "ClaimedBy" = CASE WHEN $5 = 1 THEN NULL ELSE "ClaimedBy" END, "ClaimedUntil" = CASE WHEN $5 = 1 THEN NULL ELSE "ClaimedUntil" END
        WHERE "Id" = $1 AND "Status" IN ({In(TicketStatus.AwaitingReview, TicketStatus.Escalated)}) AND "Decision" IS NULL
        """;

    private static readonly string ApprovedSql = $"""
        UPDATE "Tickets" SET "Decision" = $2, "FinalCategory" = $3, "FinalPriority" = $4, "Priority" = $4, "ReviewDeadline" = NULL,
            "ClaimedBy" = NULL, "ClaimedUntil" = NULL, "UpdatedAt" = $5
        WHERE "Id" = $1 AND "Status" IN ({In(TicketStatus.AwaitingReview, TicketStatus.Escalated)}) AND "Decision" IS NULL
        """;

    private static readonly string RejectedSql = $"""
        UPDATE "Tickets" SET "Status" = {(int)TicketStatus.Rejected}, "Decision" = $2, "ReviewDeadline" = NULL,
            "ClaimedBy" = NULL, "ClaimedUntil" = NULL, "UpdatedAt" = $3
        WHERE "Id" = $1 AND "Status" IN ({In(TicketStatus.AwaitingReview, TicketStatus.Escalated)}) AND "Decision" IS NULL
        """;

    // Routed straight after triage, or after a reviewer's approval (the decision is set then).
    private static readonly string RoutedSql = $"""
        UPDATE "Tickets" SET "Status" = {(int)TicketStatus.Routed}, "Queue" = $2, "FinalCategory" = $3, "FinalPriority" = $4, "UpdatedAt" = $5
        WHERE "Id" = $1 AND ("Status" IN ({InTriage})
            OR ("Status" IN ({In(TicketStatus.AwaitingReview, TicketStatus.Escalated)}) AND "Decision" IS NOT NULL))
        """;

    // A workflow cancelled or faulted outside its steps: every status but a final one may move.
    private static readonly string StoppedSql = $"""
        UPDATE "Tickets" SET "Status" = $2, "ClaimedBy" = NULL, "ClaimedUntil" = NULL, "UpdatedAt" = $3
        WHERE "InstanceId" = $1 AND "Status" NOT IN ({In(TicketStatus.Routed, TicketStatus.Rejected, TicketStatus.Cancelled)})
        """;

    private static readonly string RetriedSql = $"""
        UPDATE "Tickets" SET "Status" = {(int)TicketStatus.Triaging}, "UpdatedAt" = $2
        WHERE "InstanceId" = $1 AND "Status" = {(int)TicketStatus.Failed}
        """;

    /// <summary>Adds a comment; null (and nothing written) when the ticket already has one with the same request id.</summary>
    public static TicketComment? AddComment(WorkflowTransaction tx, string ticketId, string author, string kind, string text, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return tx.Scalar(InsertCommentSql, ticketId, author, kind, trimmed, requestId, tx.NowMs) is long id
            ? new TicketComment(id, ticketId, author, kind, trimmed, tx.Now)
            : null;
    }

    /// <summary>Where a ticket stands for a decision, read under the write lock: its status, decision and workflow.</summary>
    public static TicketReviewState? ReadReviewState(WorkflowTransaction tx, string ticketId)
    {
        ArgumentNullException.ThrowIfNull(tx);
        using var reader = tx.Query(ReviewStateSql, ticketId);
        if (!reader.Read()) return null;
        return new TicketReviewState((TicketStatus)reader.GetInt32(0),
            reader.IsDBNull(1) ? null : JsonSerializer.Deserialize<TicketDecision>(reader.GetString(1), WorkflowVariable.Json),
            reader.IsDBNull(2) ? null : reader.GetString(2))
        {
            SubmittedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        };
    }

    /// <summary>The id of the ticket with this external id or idempotency key, if any.</summary>
    public static string? FindIdByKeys(WorkflowTransaction tx, string? externalId, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (externalId is null && idempotencyKey is null) return null;
        return tx.Scalar(FindByKeysSql, externalId, idempotencyKey) as string;
    }

    /// <summary>
    /// Inserts a new ticket (its workflow started in the same transaction). Returns the row as this transaction leaves it: a
    /// copy, which the moves after the insert in the same transaction (its eager first step's) keep up to date, so the
    /// submission answers with the ticket as committed. <paramref name="ticket"/> itself is not changed (a write may run again).
    /// </summary>
    public static TicketRecord Insert(WorkflowTransaction tx, TicketRecord ticket)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(ticket);
        tx.Execute(InsertSql, ticket.Id, ticket.ExternalId, ticket.IdempotencyKey, ticket.Channel, (int)ticket.Status, ticket.ProtectedSubmission,
            ticket.InstanceId, ticket.DefinitionId, ticket.DefinitionVersion, ticket.CreatedAt.ToUnixTimeMilliseconds());
        var written = ticket.Copy();
        tx.Items[RowKey(ticket.Id)] = written;
        return written;
    }

    /// <summary>Stores the redacted text and the encrypted originals (null: none found), and drops the raw submission; the ticket is being triaged.</summary>
    public static void Scrubbed(WorkflowTransaction tx, string ticketId, string subject, string body, IReadOnlyList<PiiSpan> spans,
        IReadOnlyList<string> types, string? protectedOriginals)
    {
        var (spansJson, typeList) = (Json(spans), string.Join(',', types));
        Move(tx, ScrubbedSql, ticketId, "scrubbed", [subject, body, spansJson, typeList, protectedOriginals, tx.NowMs], t =>
        {
            (t.Subject, t.Body, t.PiiSpans, t.PiiTypes, t.ProtectedOriginals) = (subject, body, spansJson, typeList, protectedOriginals);
            (t.ProtectedSubmission, t.Status) = (null, TicketStatus.Triaging);
        });
    }

    /// <summary>Stores the AI's classification (and its category, confidence and priority as columns the queue filters on).</summary>
    public static void Classified(WorkflowTransaction tx, string ticketId, TicketClassification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var json = Json(classification);
        Move(tx, ClassifiedSql, ticketId, "classified", [json, classification.Category, classification.Confidence, classification.Priority, tx.NowMs], t =>
            (t.Classification, t.AiCategory, t.AiConfidence, t.Priority) = (json, classification.Category, classification.Confidence, classification.Priority));
    }

    /// <summary>Stores whether review is required, and why.</summary>
    public static void ReviewRequirementDecided(WorkflowTransaction tx, string ticketId, ReviewRequirement review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var reasons = Json(review.Reasons);
        Move(tx, ReviewRequirementSql, ticketId, "given its review requirement", [review.Required, reasons, tx.NowMs], t =>
            (t.ReviewRequired, t.ReviewReasons) = (review.Required, reasons));
    }

    /// <summary>The ticket waits for a reviewer until <paramref name="deadline"/> (the approval bookmark commits with it).</summary>
    public static void AwaitingReview(WorkflowTransaction tx, string ticketId, IReadOnlyList<string> reasons, DateTimeOffset deadline)
    {
        var json = Json(reasons);
        Move(tx, AwaitingReviewSql, ticketId, "marked awaiting review", [json, deadline.ToUnixTimeMilliseconds(), tx.NowMs], t =>
            (t.Status, t.ReviewRequired, t.ReviewReasons, t.ReviewDeadline) = (TicketStatus.AwaitingReview, true, json, TimeOf(deadline)));
    }

    /// <summary>The ticket is escalated: its priority raised, a fresh deadline; handed back to the queue unclaimed when <paramref name="releaseClaim"/>.</summary>
    public static void Escalated(WorkflowTransaction tx, string ticketId, string priority, DateTimeOffset deadline, bool releaseClaim) =>
        Move(tx, EscalatedSql, ticketId, "escalated", [priority, deadline.ToUnixTimeMilliseconds(), tx.NowMs, releaseClaim ? 1 : 0], t =>
        {
            (t.Status, t.Escalations, t.FinalPriority, t.Priority, t.ReviewDeadline) = (TicketStatus.Escalated, t.Escalations + 1, priority, priority, TimeOf(deadline));
            if (releaseClaim) (t.ClaimedBy, t.ClaimedUntil) = (null, null);
        });

    /// <summary>A reviewer approved with these final labels; the route step routes it next.</summary>
    public static void Approved(WorkflowTransaction tx, string ticketId, TicketDecision decision, string category, string priority)
    {
        var json = Json(decision);
        Move(tx, ApprovedSql, ticketId, "approved", [json, category, priority, tx.NowMs], t =>
        {
            (t.Decision, t.FinalCategory, t.FinalPriority, t.Priority) = (json, category, priority, priority);
            (t.ReviewDeadline, t.ClaimedBy, t.ClaimedUntil) = (null, null, null);
        });
    }

    /// <summary>A reviewer rejected the ticket.</summary>
    public static void Rejected(WorkflowTransaction tx, string ticketId, TicketDecision decision)
    {
        var json = Json(decision);
        Move(tx, RejectedSql, ticketId, "rejected", [json, tx.NowMs], t =>
            (t.Status, t.Decision, t.ReviewDeadline, t.ClaimedBy, t.ClaimedUntil) = (TicketStatus.Rejected, json, null, null, null));
    }

    /// <summary>The ticket was routed to <paramref name="route"/>'s queue.</summary>
    public static void Routed(WorkflowTransaction tx, string ticketId, RouteResult route)
    {
        ArgumentNullException.ThrowIfNull(route);
        Move(tx, RoutedSql, ticketId, "routed", [route.Queue, route.Category, route.Priority, tx.NowMs], t =>
            (t.Status, t.Queue, t.FinalCategory, t.FinalPriority) = (TicketStatus.Routed, route.Queue, route.Category, route.Priority));
    }

    /// <summary>The ticket's workflow stopped outside its steps: <see cref="TicketStatus.Cancelled"/> or <see cref="TicketStatus.Failed"/>. No ticket (another domain's instance): nothing.</summary>
    internal static void WorkflowStopped(WorkflowTransaction tx, string instanceId, TicketStatus status) =>
        tx.Execute(StoppedSql, instanceId, (int)status, tx.NowMs);

    /// <summary>An operator retried the ticket's faulted workflow: it is being triaged again.</summary>
    internal static void WorkflowRetried(WorkflowTransaction tx, string instanceId) => tx.Execute(RetriedSql, instanceId, tx.NowMs);

    /// <summary>
    /// Runs one move's <paramref name="sql"/> (<c>$1</c> the ticket id, then <paramref name="values"/>); when this transaction
    /// inserted the ticket, <paramref name="mirror"/> makes the same change, and sets the time, on the row <see cref="Insert"/> returned.
    /// </summary>
    private static void Move(WorkflowTransaction tx, string sql, string ticketId, string move, object?[] values, Action<TicketRecord> mirror)
    {
        ArgumentNullException.ThrowIfNull(tx);
        object?[] args = [ticketId, .. values];
        if (tx.Execute(sql, args) != 1) throw new TicketTransitionException(ticketId, move);
        if (tx.Items.TryGetValue(RowKey(ticketId), out var row) && row is TicketRecord written)
        {
            mirror(written);
            written.UpdatedAt = TimeOf(tx.Now);
        }
    }

    private static string RowKey(string ticketId) => "ticket:" + ticketId;

    // As the row stores it: whole milliseconds.
    private static DateTimeOffset TimeOf(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, WorkflowVariable.Json);

    private static string In(params TicketStatus[] statuses) => string.Join(", ", statuses.Select(s => (int)s));
}

/// <summary>Where a ticket stands for a decision.</summary>
/// <param name="Status">Its status.</param>
/// <param name="Decision">The decision it was given, if any.</param>
/// <param name="InstanceId">Its workflow instance.</param>
public sealed record TicketReviewState(TicketStatus Status, TicketDecision? Decision, string? InstanceId)
{
    /// <summary>When the ticket was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }
}

/// <summary>A ticket was asked to move from a status it may not leave that way (or it does not exist); the transaction rolls back.</summary>
public sealed class TicketTransitionException(string ticketId, string move)
    : Exception($"ticket {ticketId} cannot be {move}: it does not exist or its status does not allow it");
