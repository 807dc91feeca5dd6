using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// Tells reviewers about a ticket by e-mail and webhooks, with signed one-time decision links. A durable step: what
/// it sent is journaled with its checkpoint, so a sent message is never sent again once that commit happened (a retry
/// after a failed attempt skips the messages that attempt delivered); a crash before the commit sends again, with the
/// same Message-ID / event id, so receivers can drop the duplicate. Channels that are not configured are skipped;
/// with none configured there is nothing to send, which a look at the configuration tells, so it then runs inline, in
/// the step before it (<see cref="IInlineActivity"/>). With a channel it is always a step of its own.
/// </summary>
public sealed class NotifyActivity(
    TicketStore tickets,
    RecipientList recipients,
    NotificationPreferenceStore preferences,
    DecisionLinkIssuer links,
    SmtpEmailSender email,
    WebhookSender webhooks,
    WorkflowQueries queries,
    IOptions<NotificationOptions> options) : IActivityType, IInlineActivity
{
    /// <summary>Error kind of a failed SMTP conversation.</summary>
    public const string EmailFailed = "EmailFailed";
    /// <summary>Error kind of a webhook that failed or timed out (retryable).</summary>
    public const string WebhookFailed = "WebhookFailed";
    /// <summary>Error kind of a webhook that refused the event (4xx other than 408 and 429: not retried).</summary>
    public const string WebhookRefused = "WebhookRefused";
    /// <summary>Every error kind a Notify step fails with (the review gate after it does not take them for the classifier's).</summary>
    public static IReadOnlyList<string> ErrorKinds { get; } = [EmailFailed, WebhookFailed, WebhookRefused, "TicketMissing"];

    /// <summary>The journal entry of one message sent: <c>{channel} {messageId} to {recipient}</c>.</summary>
    public const string SentJournalType = "NotificationSent";

    private const int ExcerptLength = 280;

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Notify",
        DisplayName = "Notify",
        Description = "Tells reviewers about the ticket by e-mail and webhooks, with signed one-time approve, reject and open links; channels that are not configured are skipped.",
        Category = "Human",
        Settings =
        [
            new() { Name = "template", Label = "Message", Kind = SettingKind.Choice, Options = NotificationTemplates.All, Default = NotificationTemplates.ReviewRequested, Description = "review-requested, deadline-passed (the escalation) or decided." },
            new() { Name = "channel", Label = "Channel", Kind = SettingKind.Choice, Options = ["configured", "email", "webhook"], Default = "configured", Description = "configured: every configured channel." },
            new() { Name = "recipients", Label = "E-mail recipients", Kind = SettingKind.Text, Default = "role:Reviewer", Description = "role:Reviewer, group:name (Notifications:Groups) or addresses, separated by commas." },
            new() { Name = "webhooks", Label = "Webhooks", Kind = SettingKind.Text, Default = "", Description = "Names of configured webhooks, separated by commas; empty: all." },
            new() { Name = "subject", Label = "Subject", Kind = SettingKind.Text, Default = "", Description = "Empty: the template's. Placeholders: " + string.Join(" ", NotificationTemplates.Placeholders) },
            new() { Name = "includeExcerpt", Label = "Include text excerpt", Kind = SettingKind.Boolean, Default = false, Description = "Adds the start of the redacted body." },
        ],
        Validate = settings => RecipientList.Check(settings["recipients"] is { } r ? r.GetValue<string>() : "role:Reviewer"),
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var (useEmail, hooks) = Channels(context);
        if (!useEmail && hooks.Count == 0) return NothingSent(context);
        var template = context.GetString("template", NotificationTemplates.ReviewRequested)!;
        var config = options.Value;

        var ticketId = context.Input?["ticketId"]?.GetValue<string>() ?? context.BusinessKey;
        var record = await tickets.FindAsync(ticketId, ct)
            ?? throw new ActivityException("TicketMissing", $"ticket {ticketId} does not exist", nonRetryable: true);
        var ticket = NotificationTicket.From(record, context.Settings["includeExcerpt"]?.GetValue<bool>() == true ? ExcerptLength : 0);
        if (template == NotificationTemplates.Decided ? !ticket.IsDecided : !ticket.AwaitsDecision)
        {
            return ActivityResult.Done(new NotifyOutput(template, 0, 0, 0, template == NotificationTemplates.Decided ? "the ticket is not decided" : "the ticket no longer awaits a decision"));
        }

        var subject = NotificationTemplates.Fill(context.GetString("subject") is { Length: > 0 } custom ? custom : NotificationTemplates.DefaultSubject(template), ticket);
        var intro = NotificationTemplates.Intro(template, ticket);
        var decisionLinks = template != NotificationTemplates.Decided;
        var alreadySent = await SentBeforeAsync(context);
        var deliveries = new List<Delivery>();
        var digest = new List<Delivery>();
        var skipped = 0;

        if (useEmail)
        {
            var people = await recipients.ResolveAsync(context.GetString("recipients", "role:Reviewer"), ct);
            var chosen = await preferences.GetManyAsync([.. people.Select(p => p.UserName).OfType<string>()], ct);
            foreach (var person in people)
            {
                var preference = person.UserName is { } user ? chosen.GetValueOrDefault(user) ?? NotificationPreferences.Default : NotificationPreferences.Default;
                var delivery = new Delivery(MessageId(context, ticket, "email", person.Address), "email", person.Address, person);
                if (preference.Mode == NotificationMode.Off || !preference.Matches(ticket.Category, ticket.Priority, ticket.Variant)) skipped++;
                else if (preference.Mode == NotificationMode.Digest && person.UserName is not null) digest.Add(delivery);
                else deliveries.Add(delivery);
            }
        }

        foreach (var (name, webhook) in hooks)
        {
            deliveries.Add(new Delivery(MessageId(context, ticket, "webhook", name), "webhook", name, null, webhook));
        }

        if (deliveries.Count == 0 && digest.Count == 0)
        {
            return ActivityResult.Done(new NotifyOutput(template, 0, 0, skipped, skipped > 0 ? "every recipient's preferences skip this ticket" : "no recipient is configured"));
        }

        var sentNow = new List<Delivery>();
        Exception? failure = null;
        var emails = deliveries.Where(d => d.Channel == "email" && !alreadySent.Contains(d.MessageId)).ToList();
        try
        {
            var messages = emails.Select(d => EmailNotification.Build(config.Email, d.MessageId, d.Recipient, subject, intro, ticket,
                links.For(ticket, d.MessageId, d.Person!.UserName ?? d.Person.Address, d.Person.UserName is null ? RecipientKind.Address : RecipientKind.Account, decisionLinks))).ToList();
            await email.SendAsync(messages, sent => Record(context, sentNow, emails, sent), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            failure = new ActivityException(EmailFailed, $"sending e-mail failed after {sentNow.Count} of {emails.Count} messages: {ex.GetType().Name}", inner: ex);
        }

        foreach (var hook in deliveries.Where(d => d.Channel == "webhook" && !alreadySent.Contains(d.MessageId)))
        {
            var body = WebhookPayload.Build(hook.Webhook!.Format, hook.MessageId, template, context.Time.GetUtcNow(), subject, intro, ticket,
                links.For(ticket, hook.MessageId, hook.Recipient, RecipientKind.Webhook, decisionLinks));
            try
            {
                await webhooks.SendAsync(hook.Recipient, hook.Webhook, hook.MessageId, NotificationTemplates.EventType(template), body, ct);
                context.Journal(SentJournalType, $"webhook {hook.MessageId} to {hook.Recipient}");
                sentNow.Add(hook);
            }
            catch (ActivityException ex)
            {
                // The first failure decides how the step is retried; the other webhooks still get their chance.
                failure ??= ex;
            }
        }

        if (failure is not null) throw failure;

        var at = context.Time.GetUtcNow();
        context.Enlist(tx => Commit(tx, context, ticket, template, deliveries, digest, at));
        return ActivityResult.Done(new NotifyOutput(template, deliveries.Count, digest.Count, skipped));
    }

    /// <summary>The message id of one delivery: the same in every attempt of this step, unique per instance, node, round, channel and recipient.</summary>
    internal static string MessageId(ActivityContext context, NotificationTicket ticket, string channel, string recipient)
    {
        var key = $"{context.InstanceId}|{context.NodeId}|{ticket.Escalations}|{channel}|{recipient.ToLowerInvariant()}";
        return "ntf_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..26];
    }

    /// <inheritdoc />
    public ActivityResult? TryRunInline(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (useEmail, hooks) = Channels(context);
        return !useEmail && hooks.Count == 0 ? NothingSent(context) : null;
    }

    // Done with nothing sent, when the node's channels are not configured: the ticket is not even read (the common case
    // of a server without channels).
    private static ActivityResult NothingSent(ActivityContext context) =>
        ActivityResult.Done(new NotifyOutput(context.GetString("template", NotificationTemplates.ReviewRequested)!, 0, 0, 0, "no channel is configured"));

    // Whether the node sends by e-mail, and through which webhooks, as its channel setting and the configuration say.
    private (bool Email, List<KeyValuePair<string, WebhookChannelOptions>> Webhooks) Channels(ActivityContext context)
    {
        var config = options.Value;
        var channel = context.GetString("channel", "configured");
        return (channel is "configured" or "email" && config.Email.IsConfigured,
            channel is "configured" or "webhook" ? ChosenWebhooks(context, config) : []);
    }

    /// <summary>The configured webhooks the step's <c>webhooks</c> setting names (all of them when it names none), in name order.</summary>
    private static List<KeyValuePair<string, WebhookChannelOptions>> ChosenWebhooks(ActivityContext context, NotificationOptions config)
    {
        var named = (context.GetString("webhooks") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. config.Webhooks
            .Where(w => w.Value.IsConfigured && (named.Length == 0 || named.Contains(w.Key, StringComparer.OrdinalIgnoreCase)))
            .OrderBy(w => w.Key, StringComparer.Ordinal)];
    }

    private static void Record(ActivityContext context, List<Delivery> sentNow, List<Delivery> emails, MimeMessage sent)
    {
        var delivery = emails.First(d => $"{d.MessageId}@{EmailNotification.MessageIdDomain}" == sent.MessageId);
        context.Journal(SentJournalType, $"email {delivery.MessageId} to {delivery.Recipient}");
        sentNow.Add(delivery);
    }

    /// <summary>Message ids this node journaled as sent in earlier (failed) attempts of this instance.</summary>
    private async Task<HashSet<string>> SentBeforeAsync(ActivityContext context)
    {
        if (context.Attempt == 1) return [];
        var journal = await queries.GetJournalAsync(context.InstanceId, context.CancellationToken);
        return [.. journal.Where(j => j.Type == SentJournalType && j.NodeId == context.NodeId && j.Detail is not null)
            .Select(j => j.Detail!.Split(' ')).Where(p => p.Length >= 2).Select(p => p[1])];
    }

    private static void Commit(WorkflowTransaction tx, ActivityContext context, NotificationTicket ticket, string template, List<Delivery> deliveries, List<Delivery> digest, DateTimeOffset at)
    {
        foreach (var d in deliveries)
        {
            tx.Execute("""
                INSERT INTO "NotificationDeliveries" ("MessageId", "TicketId", "InstanceId", "NodeId", "Template", "Channel", "Recipient", "Attempt", "SentAt")
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT DO NOTHING
                """, d.MessageId, ticket.Id, context.InstanceId, context.NodeId, template, d.Channel, d.Recipient, context.Attempt, at.ToUnixTimeMilliseconds());
        }

        foreach (var d in digest)
        {
            tx.Execute("""
                INSERT INTO "NotificationDigestItems" ("MessageId", "UserName", "Address", "TicketId", "Template", "CreatedAt")
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """, d.MessageId, d.Person!.UserName, d.Recipient, ticket.Id, template, at.ToUnixTimeMilliseconds());
        }
    }

    private sealed record Delivery(string MessageId, string Channel, string Recipient, NotificationRecipient? Person, WebhookChannelOptions? Webhook = null);
}
