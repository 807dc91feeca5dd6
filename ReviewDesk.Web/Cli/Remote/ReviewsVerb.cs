using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ReviewDesk.Web.Api;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary><c>reviews list|claim|approve|reject|bulk</c> against <c>/api/reviews</c> (Reviewer or Admin).</summary>
internal static class ReviewsVerb
{
    public static Command Create(RemoteVerbRunner runner) =>
        new("reviews", "Work the review queue: list it, claim a ticket, approve or reject it, act on several at once (Reviewer, Admin)")
        {
            List(runner), Claim(runner), Approve(runner), Reject(runner), Bulk(runner),
        };

    private static Command List(RemoteVerbRunner runner)
    {
        var category = new Option<string?>("--category") { Description = "The AI's category" };
        var priority = new Option<string?>("--priority") { Description = "The current priority (P1 to P4)" };
        var minConfidence = new Option<double?>("--min-confidence") { Description = "Lowest AI confidence, 0 to 1" };
        var maxConfidence = new Option<double?>("--max-confidence") { Description = "Highest AI confidence, 0 to 1" };
        var reason = new Option<string?>("--reason") { Description = "Why review is needed (low_confidence, high_risk_pii, ...)" };
        var piiType = new Option<string?>("--pii-type") { Description = "A PII type found in the ticket (EMAIL_ADDRESS, ...)" };
        var variant = new Option<string?>("--variant") { Description = "The workflow definition it runs" };
        var sort = new Option<string?>("--sort") { Description = "deadline (default), confidence (lowest first) or age (oldest first)" };
        sort.AcceptOnlyFromAmong("deadline", "confidence", "age");
        var page = new Option<int?>("--page") { Description = "Page number (default 1)" };
        var pageSize = new Option<int?>("--page-size") { Description = "Tickets per page, 1 to 200 (default 50)" };
        var command = new Command("list", "List tickets awaiting review or escalated")
        {
            category, priority, minConfidence, maxConfidence, reason, piiType, variant, sort, page, pageSize,
        };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.ListReviewsAsync(new ReviewQueueRequest
            {
                Category = parse.GetValue(category),
                Priority = parse.GetValue(priority),
                MinConfidence = parse.GetValue(minConfidence)?.ToString(CultureInfo.InvariantCulture),
                MaxConfidence = parse.GetValue(maxConfidence)?.ToString(CultureInfo.InvariantCulture),
                Reason = parse.GetValue(reason),
                PiiType = parse.GetValue(piiType),
                Variant = parse.GetValue(variant),
                Sort = parse.GetValue(sort),
                Page = parse.GetValue(page)?.ToString(CultureInfo.InvariantCulture),
                PageSize = parse.GetValue(pageSize)?.ToString(CultureInfo.InvariantCulture),
            }, ct);
            await runner.WriteAsync(parse, response, async queue =>
            {
                await TableWriter.WriteTableAsync(runner.Output,
                    ["ID", "STATUS", "CATEGORY", "PRIORITY", "CONFIDENCE", "REASONS", "DEADLINE", "CLAIMED BY", "SUBJECT"],
                    ApiJson.Items(queue).Select(t => new[]
                    {
                        ApiJson.Text(t["id"]), ApiJson.Text(t["status"]), ApiJson.Text(t["category"]), ApiJson.Text(t["priority"]),
                        ApiJson.Share(t["confidence"]), ApiJson.Text(t["reasons"]), ApiJson.Time(t["deadline"]), ApiJson.Text(t["claimedBy"]),
                        ApiJson.Text(t["subject"]),
                    }));
                await runner.Output.WriteLineAsync(ApiJson.PageLine(queue));
            });
        });
        return command;
    }

    private static Command Claim(RemoteVerbRunner runner)
    {
        var id = TicketId();
        var takeOver = TakeOver();
        var command = new Command("claim", "Claim a ticket for yourself (claiming it again renews the claim)") { id, takeOver };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var ticketId = parse.GetRequiredValue(id);
            var response = await api.ClaimAsync(ticketId, parse.GetValue(takeOver), ct);
            await runner.WriteAsync(parse, response, claim => runner.Output.WriteLineAsync(
                $"Claimed {ticketId} for {ApiJson.Text(claim?["claimedBy"])} until {ApiJson.Time(claim?["claimedUntil"])}."));
        });
        return command;
    }

    private static Command Approve(RemoteVerbRunner runner)
    {
        var id = TicketId();
        var category = new Option<string?>("--category") { Description = "Your category, when the AI's is wrong" };
        var priority = new Option<string?>("--priority") { Description = "Your priority, when the AI's is wrong" };
        var comment = new Option<string?>("--comment") { Description = "A comment for the ticket's history" };
        var requestId = RequestId();
        var takeOver = TakeOver();
        var command = new Command("approve", "Approve a ticket's classification (or your edit of it); the workflow routes it")
        {
            id, category, priority, comment, requestId, takeOver,
        };
        runner.SetAction(command, (parse, api, ct) => DecideAsync(runner, parse, api, parse.GetRequiredValue(id), new ReviewDecision
        {
            Action = ReviewDecision.Approve,
            Category = parse.GetValue(category),
            Priority = parse.GetValue(priority),
            Comment = parse.GetValue(comment),
            RequestId = parse.GetValue(requestId),
            TakeOver = parse.GetValue(takeOver),
        }, ct));
        return command;
    }

    private static Command Reject(RemoteVerbRunner runner)
    {
        var id = TicketId();
        var comment = new Option<string>("--comment") { Description = "Why (required)", Required = true };
        var requestId = RequestId();
        var takeOver = TakeOver();
        var command = new Command("reject", "Reject a ticket; the comment says why") { id, comment, requestId, takeOver };
        runner.SetAction(command, (parse, api, ct) => DecideAsync(runner, parse, api, parse.GetRequiredValue(id), new ReviewDecision
        {
            Action = ReviewDecision.Reject,
            Comment = parse.GetRequiredValue(comment),
            RequestId = parse.GetValue(requestId),
            TakeOver = parse.GetValue(takeOver),
        }, ct));
        return command;
    }

    private static Command Bulk(RemoteVerbRunner runner)
    {
        var action = new Argument<string>("action") { Description = "approve (as the AI suggested), assign or escalate" };
        action.AcceptOnlyFromAmong(BulkReviewRequest.Approve, BulkReviewRequest.Assign, BulkReviewRequest.Escalate);
        var ids = new Argument<string[]>("ticketIds") { Description = $"The tickets, at most {BulkReviewRequest.MaxTickets}", Arity = ArgumentArity.OneOrMore };
        var assignee = new Option<string?>("--assignee") { Description = "Who 'assign' claims the tickets for (default: you; someone else: Admin only)", HelpName = "user" };
        var requestId = new Option<string?>("--request-id")
        {
            Description = "Idempotency key: repeating the command with it changes nothing already done (default: a new one)",
            HelpName = "id",
        };
        var takeOver = new Option<bool>("--take-over") { Description = "Act on tickets another reviewer holds instead of skipping them (Admin only)" };
        var command = new Command("bulk", "Approve, assign or escalate several tickets, each as the single command would; lists what was done and what was skipped")
        {
            action, ids, assignee, requestId, takeOver,
        };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var request = new BulkReviewRequest
            {
                Action = parse.GetRequiredValue(action),
                TicketIds = parse.GetRequiredValue(ids),
                Assignee = parse.GetValue(assignee),
                RequestId = parse.GetValue(requestId) ?? $"cli-{Guid.NewGuid():N}",
                TakeOver = parse.GetValue(takeOver),
            };
            var response = await api.BulkReviewAsync(request, ct);
            await runner.WriteAsync(parse, response, async result =>
            {
                await TableWriter.WriteTableAsync(runner.Output, ["ID", "OUTCOME", "STATUS", "CLAIMED BY", "WHY"],
                    ApiJson.Items(result).Select(i => new[]
                    {
                        ApiJson.Text(i["ticketId"]), ApiJson.Text(i["outcome"]), ApiJson.Text(i["status"]), ApiJson.Text(i["claimedBy"]), ApiJson.Text(i["message"]),
                    }));
                await runner.Output.WriteLineAsync(FormattableString.Invariant(
                    $"{request.Action}: {result?["done"]} done, {result?["skipped"]} skipped (request id {request.RequestId})."));
            });
            if (response.Json?["skipped"]?.GetValue<int>() is > 0 and var skipped)
            {
                throw new ReviewDeskApiException(409, FormattableString.Invariant(
                    $"{skipped} of {request.TicketIds.Count} tickets were skipped (listed above); the others were done"));
            }
        });
        return command;
    }

    private static async Task DecideAsync(
        RemoteVerbRunner runner, ParseResult parse, ReviewDeskApiClient api, string ticketId, ReviewDecision decision, CancellationToken cancellationToken)
    {
        var response = await api.DecideAsync(ticketId, decision, cancellationToken);
        await runner.WriteAsync(parse, response, ticket => runner.Output.WriteLineAsync(Outcome(decision.Action!, ticketId, ticket)));
    }

    private static string Outcome(string action, string ticketId, JsonNode? ticket)
    {
        var verb = action == ReviewDecision.Approve ? "Approved" : "Rejected";
        var status = ApiJson.Text(ticket?["status"]);
        return ApiJson.Text(ticket?["queue"]) is { } queue
            ? $"{verb} {ticketId}: {status} to queue {queue} as {ApiJson.Text(ticket?["finalCategory"])} / {ApiJson.Text(ticket?["finalPriority"])}."
            : $"{verb} {ticketId}: {status}.";
    }

    private static Argument<string> TicketId() => new("ticketId") { Description = "The ticket's id" };

    private static Option<string?> RequestId() =>
        new("--request-id") { Description = "Idempotency key: repeating the command with it changes nothing", HelpName = "id" };

    private static Option<bool> TakeOver() =>
        new("--take-over") { Description = "Take the ticket although another reviewer holds it (Admin only)" };
}
