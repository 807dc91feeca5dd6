using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// Every <see cref="NotificationDigestOptions.Interval"/>, sends each reviewer who chose digests one e-mail with the
/// notifications held for them (fresh decision links for tickets still waiting), then marks them sent. At least once:
/// a crash between the send and the mark sends that digest again with the same Message-ID.
/// </summary>
public sealed class NotificationDigestSender(
    IDbContextFactory<TriageDbContext> contexts,
    TicketStore tickets,
    DecisionLinkIssuer links,
    SmtpEmailSender email,
    WorkflowRuntime runtime,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDigestSender> logger) : BackgroundService
{
    /// <summary>Sends every pending digest now; returns how many e-mails went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var config = options.Value;
        if (!config.Email.IsConfigured) return 0;
        List<NotificationDigestItemRecord> pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Set<NotificationDigestItemRecord>().AsNoTracking().Where(i => i.SentAt == null).OrderBy(i => i.Id).Take(5000).ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var group in pending.GroupBy(i => (i.UserName, i.Address)))
        {
            var items = group.ToList();
            var digestId = "dig_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', items.Select(i => i.Id)))))[..26];
            var message = await BuildAsync(config.Email, digestId, group.Key.UserName, group.Key.Address, items, cancellationToken);
            await email.SendAsync([message], _ => { }, cancellationToken);
            var ids = items.Select(i => i.Id).ToList();
            await runtime.WriteAsync(tx =>
            {
                foreach (var id in ids) tx.Execute("""UPDATE "NotificationDigestItems" SET "SentAt" = $1, "DigestId" = $2 WHERE "Id" = $3 AND "SentAt" IS NULL""", tx.NowMs, digestId, id);
                return ids.Count;
            }, cancellationToken);
            logger.LogInformation("Digest {DigestId} with {Count} notifications sent to {UserName}", digestId, items.Count, group.Key.UserName);
            sent++;
        }

        return sent;
    }

    private async Task<MimeMessage> BuildAsync(EmailChannelOptions channel, string digestId, string userName, string address, List<NotificationDigestItemRecord> items, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().AppendLine(FormattableString.Invariant($"{items.Count} ticket notifications since your last digest:")).AppendLine();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>")
            .Append(FormattableString.Invariant($"{items.Count} ticket notifications since your last digest:")).Append("</p><ul>");
        foreach (var item in items)
        {
            var record = await tickets.FindAsync(item.TicketId, cancellationToken);
            if (record is null) continue;
            var ticket = NotificationTicket.From(record);
            var itemLinks = links.For(ticket, item.MessageId, userName, RecipientKind.Account, item.Template != NotificationTemplates.Decided);
            var state = ticket.AwaitsDecision ? $"{ticket.Priority}, {ticket.Category}, waiting" : $"{ticket.Status}{(ticket.Reviewer is null ? "" : " by " + ticket.Reviewer)}";
            text.AppendLine(FormattableString.Invariant($"- {ticket.Subject} ({ticket.Id}; {item.Template}; now {state})"));
            html.Append("<li>").Append(System.Net.WebUtility.HtmlEncode($"{ticket.Subject} ({ticket.Id}; {item.Template}; now {state})"));
            foreach (var (label, url) in EmailNotification.Actions(itemLinks))
            {
                text.AppendLine(FormattableString.Invariant($"    {label}: {url}"));
                html.Append(" <a href=\"").Append(System.Net.WebUtility.HtmlEncode(url.AbsoluteUri)).Append("\">").Append(System.Net.WebUtility.HtmlEncode(label)).Append("</a>");
            }

            html.Append("</li>");
        }

        var message = new MimeMessage
        {
            Subject = FormattableString.Invariant($"[ReviewDesk] Digest: {items.Count} ticket notifications"),
            MessageId = $"{digestId}@{EmailNotification.MessageIdDomain}",
        };
        message.From.Add(new MailboxAddress(channel.FromName, channel.From));
        message.To.Add(MailboxAddress.Parse(address));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.Append("</ul></body></html>").ToString() }.ToMessageBody();
        return message;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Digest.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SendDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The items stay pending: the next round sends them.
                    logger.LogWarning("Sending digests failed ({Error}); retrying next round", ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
