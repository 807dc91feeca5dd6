using System.Text.Json;
using ReviewDesk.Workflows.Notifications;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Notifications;

/// <summary>The three webhook bodies: the ReviewDesk event, and the Slack and Teams incoming-webhook messages.</summary>
public sealed class WebhookPayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static readonly NotificationTicket Ticket = new()
    {
        Id = "t-42",
        Subject = "Refund <now> & fast",
        Category = "billing",
        Priority = "P1",
        Confidence = 0.61,
        Status = TicketStatus.AwaitingReview,
        Variant = "standard",
        Reasons = ["low confidence"],
    };

    private static readonly NotificationLinks Links = new(
        new Uri("https://desk.example/decide/a"), new Uri("https://desk.example/decide/r"), new Uri("https://desk.example/decide/o"), null);

    [Fact]
    public void The_ReviewDesk_event_carries_the_ticket_and_its_links()
    {
        using var body = JsonDocument.Parse(WebhookPayload.Build(WebhookFormat.ReviewDesk, "m-1", NotificationTemplates.ReviewRequested, At, "s", "i", Ticket, Links));
        var root = body.RootElement;
        Assert.Equal("m-1", root.GetProperty("id").GetString());
        Assert.Equal("t-42", root.GetProperty("ticket").GetProperty("id").GetString());
        Assert.Equal("P1", root.GetProperty("ticket").GetProperty("priority").GetString());
        Assert.Equal("https://desk.example/decide/a", root.GetProperty("links").GetProperty("approve").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("links").GetProperty("console").ValueKind);
    }

    [Fact]
    public void A_Slack_message_has_a_mrkdwn_section_with_escaped_text_and_one_button_per_link()
    {
        using var body = JsonDocument.Parse(WebhookPayload.Build(WebhookFormat.Slack, "m-1", NotificationTemplates.ReviewRequested, At, Ticket.Subject, "Needs a reviewer", Ticket, Links));
        var root = body.RootElement;
        Assert.Equal(Ticket.Subject, root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks");
        Assert.Equal(2, blocks.GetArrayLength());
        var section = blocks[0];
        Assert.Equal("section", section.GetProperty("type").GetString());
        Assert.Equal("mrkdwn", section.GetProperty("text").GetProperty("type").GetString());
        var text = section.GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("Refund &lt;now&gt; &amp; fast", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<now>", text, StringComparison.Ordinal);
        Assert.Contains("Needs a reviewer", text, StringComparison.Ordinal);
        var buttons = blocks[1].GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["Approve", "Reject", "Review (all choices)"], buttons.Select(b => b.GetProperty("text").GetProperty("text").GetString()));
        Assert.All(buttons, b => Assert.Equal("button", b.GetProperty("type").GetString()));
        Assert.Equal("https://desk.example/decide/r", buttons[1].GetProperty("url").GetString());
    }

    [Fact]
    public void A_Slack_message_without_links_has_no_actions_block()
    {
        using var body = JsonDocument.Parse(WebhookPayload.Build(WebhookFormat.Slack, "m-1", NotificationTemplates.ReviewRequested, At, "s", "i", Ticket, NotificationLinks.None));
        Assert.Equal(1, body.RootElement.GetProperty("blocks").GetArrayLength());
    }

    [Fact]
    public void A_Teams_message_is_markdown_text_with_the_links_inline()
    {
        using var body = JsonDocument.Parse(WebhookPayload.Build(WebhookFormat.Teams, "m-1", NotificationTemplates.ReviewRequested, At, "Review t-42", "Needs a reviewer", Ticket, Links));
        var root = body.RootElement;
        Assert.Single(root.EnumerateObject());
        var text = root.GetProperty("text").GetString()!;
        Assert.StartsWith("**Review t-42**", text, StringComparison.Ordinal);
        Assert.Contains("[Approve](https://desk.example/decide/a)", text, StringComparison.Ordinal);
        Assert.Contains("[Reject](https://desk.example/decide/r)", text, StringComparison.Ordinal);
        Assert.Contains("P1", text, StringComparison.Ordinal);
    }
}
