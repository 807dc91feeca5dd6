using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// Checks and uses signed decision links. Opening one (GET) only checks; posting the confirmation decides through
/// <see cref="TicketService.DecideAsync"/>, the console's path (claim, conflicts, idempotency by the link's id), and
/// records the link as used. A refused link (tampered, expired, used, wrong recipient, closed ticket) changes nothing
/// and is audited.
/// </summary>
public sealed class DecisionLinkService(
    IDecisionLinkSigner signer,
    TicketStore tickets,
    TicketService decisions,
    INotificationDirectory directory,
    WorkflowRuntime runtime,
    IDbContextFactory<TriageDbContext> contexts,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<DecisionLinkService> logger)
{
    /// <summary>The reviewer name a webhook's link decides as when nobody is signed in.</summary>
    public static string WebhookReviewer(string webhook) => $"webhook:{webhook}";

    /// <summary>
    /// The verdict on <paramref name="token"/> opened by <paramref name="signedInUser"/> (null: nobody signed in);
    /// refusals are audited under <paramref name="method"/>.
    /// </summary>
    public async Task<DecisionLinkCheck> CheckAsync(string? token, string? signedInUser, string method, CancellationToken cancellationToken)
    {
        var check = await EvaluateAsync(token, signedInUser, cancellationToken);
        if (check.State is not (DecisionLinkState.Valid or DecisionLinkState.SignInRequired)) await AuditRefusalAsync(token, check, signedInUser, method, cancellationToken);
        return check;
    }

    /// <summary>Decides through the link, if it is valid and <paramref name="request"/> fits it.</summary>
    public async Task<DecisionLinkResult> DecideAsync(string? token, DecisionLinkRequest request, string? signedInUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await CheckAsync(token, signedInUser, "POST", cancellationToken);
        if (!check.IsValid) return new DecisionLinkResult(check, false, check.Message);
        var link = check.Link!;

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var allowed = link.Action == DecisionLinkActions.Open ? [ReviewDecision.Approve, ReviewDecision.Reject] : new[] { link.Action };
        if (!allowed.Contains(request.Action)) errors["action"] = [$"This link can only {string.Join(" or ", allowed)}."];
        var decision = new ReviewDecision
        {
            Action = request.Action,
            Category = request.Action == ReviewDecision.Approve && !string.IsNullOrWhiteSpace(request.Category) ? request.Category : null,
            Priority = request.Action == ReviewDecision.Approve && !string.IsNullOrWhiteSpace(request.Priority) ? request.Priority : null,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            // The link's id makes a repeated post (a double click, two tabs) the same decision.
            RequestId = $"link:{link.TokenId}",
        };
        foreach (var (field, messages) in decision.Validate()) errors.TryAdd(field, messages);
        if (errors.Count > 0) return new DecisionLinkResult(check, false, "The decision was not sent: see the fields.", errors);

        var reviewer = Reviewer(link, signedInUser);
        // A link sent just before the review gate can be posted before the gate's step committed: let it land.
        if (await tickets.FindAsync(link.TicketId, cancellationToken) is { Status: TicketStatus.Triaging or TicketStatus.Received, InstanceId: { } instanceId })
        {
            await runtime.WaitUntilSettledAsync(instanceId, TimeSpan.FromSeconds(10), cancellationToken);
        }

        var outcome = await decisions.DecideAsync(link.TicketId, decision, reviewer, cancellationToken);
        if (outcome.Outcome != DecisionOutcome.Applied)
        {
            var refused = check with { State = DecisionLinkState.Closed, Message = outcome.Message ?? "The ticket cannot take this decision." };
            await AuditRefusalAsync(token, refused, signedInUser, "POST", cancellationToken);
            return new DecisionLinkResult(refused, false, refused.Message);
        }

        await RecordUseAsync(link, decision.Action!, reviewer, signedInUser, cancellationToken);
        logger.LogInformation("Ticket {TicketId} decided ({Action}) through link {LinkId}", link.TicketId, decision.Action, link.TokenId);
        return new DecisionLinkResult(check, true, decision.Action == ReviewDecision.Approve ? "Approved. Thank you." : "Rejected. Thank you.", Ticket: outcome.Ticket);
    }

    private async Task<DecisionLinkCheck> EvaluateAsync(string? token, string? signedInUser, CancellationToken cancellationToken)
    {
        if (signer.Read(token) is not { } link || !DecisionLinkActions.IsKnown(link.Action))
        {
            return new DecisionLinkCheck(DecisionLinkState.Tampered, "This link is not valid: it was changed, cut short, or not made by this ReviewDesk. Nothing was changed.");
        }

        var record = await tickets.FindAsync(link.TicketId, cancellationToken);
        var ticket = record is null ? null : NotificationTicket.From(record);
        var links = options.Value.Links;
        if (signedInUser is null && links.RequireSignIn && link.Kind != RecipientKind.Address)
        {
            return new DecisionLinkCheck(DecisionLinkState.SignInRequired, "Sign in to use this link.", link, ticket);
        }

        if (await WrongRecipientAsync(link, signedInUser, cancellationToken) is { } wrong)
        {
            return new DecisionLinkCheck(DecisionLinkState.WrongRecipient, wrong, link);
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<DecisionLinkUseRecord>().AsNoTracking().SingleOrDefaultAsync(u => u.TokenId == link.TokenId, cancellationToken) is { } use)
            {
                return new DecisionLinkCheck(DecisionLinkState.Used, $"This link was used already ({use.Action}, {use.UsedAt:u}). A link decides once; nothing was changed.", link, ticket);
            }
        }

        if (ticket is null) return new DecisionLinkCheck(DecisionLinkState.Closed, "This ticket no longer exists.", link);
        if (ticket.IsDecided)
        {
            return new DecisionLinkCheck(DecisionLinkState.Closed, $"This ticket was already decided ({ticket.DecisionAction}) by {ticket.Reviewer}. Nothing was changed.", link, ticket);
        }

        if (!ticket.AwaitsDecision) return new DecisionLinkCheck(DecisionLinkState.Closed, $"This ticket is {ticket.Status} and no longer awaits a decision.", link, ticket);

        var now = time.GetUtcNow();
        if (now > link.ExpiresAt || ticket.Escalations != link.Round || (ticket.Deadline is { } deadline && now > deadline))
        {
            return new DecisionLinkCheck(DecisionLinkState.Expired,
                "This link expired: the review deadline it was sent for passed (or the ticket was escalated since). Nothing was changed; open the ticket in the console or use the newest message.", link, ticket);
        }

        return new DecisionLinkCheck(DecisionLinkState.Valid, "", link, ticket);
    }

    private async Task<string?> WrongRecipientAsync(DecisionLink link, string? signedInUser, CancellationToken cancellationToken)
    {
        switch (link.Kind)
        {
            case RecipientKind.Account:
                if (signedInUser is not null && !string.Equals(signedInUser, link.Recipient, StringComparison.OrdinalIgnoreCase))
                {
                    return $"This link was sent to someone else, not to {signedInUser}. Nothing was changed.";
                }

                return await directory.MayReviewAsync(link.Recipient, cancellationToken)
                    ? null
                    : "This link's recipient may no longer review tickets. Nothing was changed.";
            case RecipientKind.Address:
                return signedInUser is not null && !string.Equals(signedInUser, link.Recipient, StringComparison.OrdinalIgnoreCase)
                    ? $"This link was sent to someone else, not to {signedInUser}. Nothing was changed."
                    : null;
            default:
                return signedInUser is not null && !await directory.MayReviewAsync(signedInUser, cancellationToken)
                    ? $"{signedInUser} may not review tickets. Nothing was changed."
                    : null;
        }
    }

    /// <summary>Who the decision is made as: the signed-in user, else the link's recipient (a webhook's name for a chat link).</summary>
    private static string Reviewer(DecisionLink link, string? signedInUser) =>
        signedInUser ?? (link.Kind == RecipientKind.Webhook ? WebhookReviewer(link.Recipient) : link.Recipient);

    private Task RecordUseAsync(DecisionLink link, string action, string reviewer, string? signedInUser, CancellationToken cancellationToken) =>
        runtime.WriteAsync(tx =>
        {
            // A second post of the same link (two tabs) was the same decision by its request id: one row, one entry.
            if (tx.Execute("""
                INSERT INTO "DecisionLinkUses" ("TokenId", "TicketId", "Recipient", "Action", "UsedBy", "UsedAt") VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """, link.TokenId, link.TicketId, link.Recipient, action, reviewer, tx.NowMs) == 0)
            {
                return false;
            }

            AuditLog.Append(tx, new AuditEvent(reviewer, AuditActions.DecisionLinkUsed, link.TicketId, Detail: new JsonObject
            {
                ["linkId"] = link.TokenId,
                ["linkAction"] = link.Action,
                ["action"] = action,
                ["recipient"] = link.Recipient,
                ["recipientKind"] = link.Kind.ToString(),
                ["signedIn"] = signedInUser is not null,
            }, Key: $"link-used:{link.TokenId}"));
            return true;
        }, cancellationToken);

    private async Task AuditRefusalAsync(string? token, DecisionLinkCheck check, string? signedInUser, string method, CancellationToken cancellationToken)
    {
        var link = check.Link;
        var id = link?.TokenId ?? "unreadable:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")))[..16];
        var key = $"link-refused:{id}:{check.State}:{method}:{signedInUser}";
        if (key.Length > 300) key = key[..300];
        logger.LogInformation("Decision link {LinkId} refused ({State}, {Method})", id, check.State, method);
        await runtime.WriteAsync(tx =>
        {
            // A repeated refusal of the same link (a scanner prefetching again) is one entry: the key is unique.
            AuditLog.Append(tx, new AuditEvent(signedInUser ?? "anonymous", AuditActions.DecisionLinkRefused, link?.TicketId, Target: link is null ? "link" : null, Detail: new JsonObject
            {
                ["reason"] = check.State.ToString(),
                ["linkId"] = id,
                ["linkAction"] = link?.Action,
                ["recipient"] = link?.Recipient,
                ["method"] = method,
            }, Key: key));
            return true;
        }, cancellationToken);
    }
}
