using System.Net;
using System.Text;
using MimeKit;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Builds the e-mail of a notification: plain text and HTML (every value HTML-encoded), a stable Message-ID.</summary>
public static class EmailNotification
{
    /// <summary>The header naming the ticket, for mail rules.</summary>
    public const string TicketHeader = "X-ReviewDesk-Ticket";

    /// <summary>The domain part of Message-IDs.</summary>
    public const string MessageIdDomain = "reviewdesk.notify";

    /// <summary>The message to <paramref name="to"/>.</summary>
    public static MimeMessage Build(EmailChannelOptions channel, string messageId, string to, string subject, string intro, NotificationTicket ticket, NotificationLinks links)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(links);
        var message = new MimeMessage { Subject = OneLine(subject), MessageId = $"{messageId}@{MessageIdDomain}" };
        message.From.Add(new MailboxAddress(channel.FromName, channel.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add(TicketHeader, ticket.Id);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = Text(intro, ticket, links), HtmlBody = Html(intro, ticket, links) };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The lines describing a ticket (label: value), shared by e-mail, digests and chat messages.</summary>
    public static IEnumerable<(string Label, string Value)> Facts(NotificationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        yield return ("Ticket", ticket.Id);
        yield return ("Subject", ticket.Subject);
        yield return ("Category", ticket.Category ?? "unclassified");
        yield return ("Priority", ticket.Priority ?? "P3");
        if (ticket.Confidence is { } confidence) yield return ("AI confidence", confidence.ToString("P0", System.Globalization.CultureInfo.InvariantCulture));
        if (ticket.Reasons.Count > 0) yield return ("Why review", string.Join(", ", ticket.Reasons));
        if (ticket.Deadline is { } deadline && ticket.AwaitsDecision) yield return ("Deadline", deadline.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        if (ticket.Escalations > 0) yield return ("Escalations", ticket.Escalations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Variant", ticket.Variant);
        if (ticket.Excerpt is { } excerpt) yield return ("Text (redacted)", excerpt);
    }

    /// <summary>The links a message offers, labelled.</summary>
    public static IEnumerable<(string Label, Uri Url)> Actions(NotificationLinks links)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Approve is { } approve) yield return ("Approve", approve);
        if (links.Reject is { } reject) yield return ("Reject", reject);
        if (links.Open is { } open) yield return ("Review (all choices)", open);
        if (links.Console is { } console) yield return ("Open in the console", console);
    }

    private static string Text(string intro, NotificationTicket ticket, NotificationLinks links)
    {
        var text = new StringBuilder().AppendLine(intro).AppendLine();
        foreach (var (label, value) in Facts(ticket)) text.AppendLine(FormattableString.Invariant($"{label}: {value}"));
        text.AppendLine();
        foreach (var (label, url) in Actions(links)) text.AppendLine(FormattableString.Invariant($"{label}: {url}"));
        if (links.Approve is not null) text.AppendLine().AppendLine("Each link asks you to confirm, works once, and expires at the review deadline.");
        return text.ToString();
    }

    private static string Html(string intro, NotificationTicket ticket, NotificationLinks links)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append("<p>").Append(WebUtility.HtmlEncode(intro)).Append("</p><table>");
        foreach (var (label, value) in Facts(ticket))
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }

        html.Append("</table><p>");
        foreach (var (label, url) in Actions(links))
        {
            html.Append("<a href=\"").Append(WebUtility.HtmlEncode(url.AbsoluteUri)).Append("\">").Append(WebUtility.HtmlEncode(label)).Append("</a> &nbsp; ");
        }

        html.Append("</p>");
        if (links.Approve is not null) html.Append("<p><small>Each link asks you to confirm, works once, and expires at the review deadline.</small></p>");
        return html.Append("</body></html>").ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
