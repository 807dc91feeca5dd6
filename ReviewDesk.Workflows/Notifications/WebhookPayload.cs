using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>The body of a webhook event in each <see cref="WebhookFormat"/>.</summary>
public static class WebhookPayload
{
    /// <summary>The UTF-8 JSON body.</summary>
    public static byte[] Build(WebhookFormat format, string eventId, string template, DateTimeOffset at, string subject, string intro, NotificationTicket ticket, NotificationLinks links)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(links);
        JsonNode body = format switch
        {
            WebhookFormat.Slack => Slack(subject, intro, ticket, links),
            WebhookFormat.Teams => Teams(subject, intro, ticket, links),
            _ => Event(eventId, template, at, ticket, links),
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private static JsonObject Event(string eventId, string template, DateTimeOffset at, NotificationTicket ticket, NotificationLinks links) => new()
    {
        ["id"] = eventId,
        ["type"] = NotificationTemplates.EventType(template),
        ["createdAt"] = at,
        ["ticket"] = new JsonObject
        {
            ["id"] = ticket.Id,
            ["subject"] = ticket.Subject,
            ["category"] = ticket.Category,
            ["priority"] = ticket.Priority,
            ["confidence"] = ticket.Confidence,
            ["status"] = ticket.Status.ToString(),
            ["reasons"] = new JsonArray([.. ticket.Reasons.Select(r => (JsonNode)r)]),
            ["deadline"] = ticket.Deadline,
            ["escalations"] = ticket.Escalations,
            ["variant"] = ticket.Variant,
            ["decision"] = ticket.DecisionAction,
            ["reviewer"] = ticket.Reviewer,
        },
        ["links"] = new JsonObject
        {
            ["approve"] = links.Approve?.AbsoluteUri,
            ["reject"] = links.Reject?.AbsoluteUri,
            ["open"] = links.Open?.AbsoluteUri,
            ["console"] = links.Console?.AbsoluteUri,
        },
    };

    private static JsonObject Slack(string subject, string intro, NotificationTicket ticket, NotificationLinks links)
    {
        var facts = string.Join("\n", EmailNotification.Facts(ticket).Select(f => $"*{Escape(f.Label)}:* {Escape(f.Value)}"));
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(subject)}*\n{Escape(intro)}\n{facts}" } },
        };
        var buttons = new JsonArray([.. EmailNotification.Actions(links).Select(a => (JsonNode)new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = a.Label },
            ["url"] = a.Url.AbsoluteUri,
        })]);
        if (buttons.Count > 0) blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = buttons });
        return new JsonObject { ["text"] = subject, ["blocks"] = blocks };
    }

    private static JsonObject Teams(string subject, string intro, NotificationTicket ticket, NotificationLinks links)
    {
        var facts = string.Join("\n\n", EmailNotification.Facts(ticket).Select(f => $"**{f.Label}:** {f.Value}"));
        var actions = string.Join(" · ", EmailNotification.Actions(links).Select(a => $"[{a.Label}]({a.Url.AbsoluteUri})"));
        return new JsonObject { ["text"] = $"**{subject}**\n\n{intro}\n\n{facts}\n\n{actions}" };
    }

    // Slack's mrkdwn treats these three as markup.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
