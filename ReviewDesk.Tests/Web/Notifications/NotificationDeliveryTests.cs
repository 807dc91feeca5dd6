using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Support;
using ReviewDesk.Workflows.Notifications;

using ReviewDesk.Tests.Support;
using ReviewDesk.Tests.Support.Web;

namespace ReviewDesk.Tests.Web.Notifications;

/// <summary>
/// A ticket entering review notifies through the shipped Notify step: each reviewer by e-mail (a real SMTP server on
/// 127.0.0.1) and the configured webhook (a local receiver that checks the signature itself), both with decision links;
/// webhook failures are retried by the step's policy without sending the e-mails again.
/// </summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private NotificationHost _host = null!;
    private HttpClient _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await NotificationHost.StartAsync();
        _api = _host.Factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TicketEntersReview_EmailsEachReviewer_AndPostsOneSignedEvent_WithLinks_AndNoPiiValues()
    {
        var id = await _host.SubmitForReviewAsync(_api, "Where is my refund, jane.doe@example.com", "Call me on +44 20 7946 0958, not sure where this goes");

        var mails = await _host.Smtp.WaitForAsync(m => m.TicketId == id, count: 2);
        Assert.Equal([NotificationHost.Ana, NotificationHost.Ben], mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mails, m =>
        {
            Assert.StartsWith("[ReviewDesk] Review needed", m.Subject, StringComparison.Ordinal);
            Assert.Contains("<EMAIL_ADDRESS_1>", m.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("jane.doe@example.com", m.Subject + m.Text + m.Html, StringComparison.Ordinal);
            // As written, with its space: the mail's ticket ids and signed links are random and may hold a bare "7946".
            Assert.DoesNotContain("7946 0958", m.Text + m.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("2079460958", m.Text + m.Html, StringComparison.Ordinal);
            Assert.StartsWith("http://localhost/decide?t=", m.Link("Approve"), StringComparison.Ordinal);
            Assert.StartsWith("http://localhost/decide?t=", m.Link("Reject"), StringComparison.Ordinal);
            Assert.Equal($"http://localhost/tickets/{id}", m.Link("Open in the console"));
            Assert.EndsWith("@reviewdesk.notify", m.MessageId, StringComparison.Ordinal);
        });
        Assert.Equal(2, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.DoesNotContain(_host.Smtp.Messages, m => m.To.Contains(NotificationHost.AdminEmail));

        var hook = Assert.Single(await _host.Webhook.WaitForAsync(w => w.Body.Contains(id, StringComparison.Ordinal)));
        Assert.True(hook.SignatureValid, hook.Signature);
        Assert.Equal("review.requested", hook.EventType);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal(hook.EventId, body.GetProperty("id").GetString());
        Assert.Equal(id, body.GetProperty("ticket").GetProperty("id").GetString());
        Assert.StartsWith("http://localhost/decide?t=", body.GetProperty("links").GetProperty("approve").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@example.com", hook.Body, StringComparison.Ordinal);

        var deliveries = await _host.ReadAsync(db => db.Set<NotificationDeliveryRecord>().Where(d => d.TicketId == id));
        Assert.Equal(3, deliveries.Count);
        Assert.Equal(mails.Select(m => m.MessageId.Split('@')[0]).Append(hook.EventId).Order(StringComparer.Ordinal), deliveries.Select(d => d.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Webhook_500ThenTimeout_IsRetriedByTheStepsPolicy_SameEventSignedEachTime_AndTheEmailsAreNotSentAgain()
    {
        _host.Webhook.Enqueue(WebhookReceiver.Reply.ServerError, WebhookReceiver.Reply.Hang);
        var id = await _host.SubmitForReviewAsync(_api);

        var calls = await _host.Webhook.WaitForAsync(w => w.Body.Contains(id, StringComparison.Ordinal), count: 3);
        Assert.Equal([WebhookReceiver.Reply.ServerError, WebhookReceiver.Reply.Hang, WebhookReceiver.Reply.Ok], calls.Select(c => c.Reply));
        Assert.Single(calls.Select(c => c.EventId).Distinct());
        Assert.All(calls, c => Assert.True(c.SignatureValid, c.Signature));

        var ticket = await _api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        var instance = ticket.GetProperty("workflowInstanceId").GetString()!;
        await _host.Services.GetRequiredService<WorkflowRuntime>().WaitUntilSettledAsync(instance, TimeSpan.FromSeconds(10), Ct);
        var journal = await _host.Services.GetRequiredService<WorkflowQueries>().GetJournalAsync(instance, Ct);
        var failures = journal.Where(j => j.NodeId == "notify" && j.Type == "ActivityFailed").ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains(NotifyActivity.WebhookFailed, f.Detail ?? "", StringComparison.Ordinal));
        // The e-mails went out on the first attempt; the retries only called the webhook again.
        Assert.Equal(2, _host.Smtp.Messages.Count(m => m.TicketId == id));
        Assert.Equal(2, journal.Count(j => j.Type == NotifyActivity.SentJournalType && (j.Detail ?? "").StartsWith("email ", StringComparison.Ordinal)));
        Assert.Single(journal, j => j.Type == NotifyActivity.SentJournalType && (j.Detail ?? "").StartsWith("webhook ", StringComparison.Ordinal));
        Assert.Equal(3, (await _host.ReadAsync(db => db.Set<NotificationDeliveryRecord>().Where(d => d.TicketId == id))).Count);
    }

    [Fact]
    public async Task Preferences_OffAndFilteredSkipAReviewer_DigestHoldsItForOneDigestMail()
    {
        var store = _host.Services.GetRequiredService<NotificationPreferenceStore>();
        await store.SaveAsync(NotificationHost.Ana, new NotificationPreferences { Mode = NotificationMode.Digest }, Ct);
        await store.SaveAsync(NotificationHost.Ben, new NotificationPreferences { Mode = NotificationMode.Immediate, Categories = ["security"] }, Ct);

        var first = await _host.SubmitForReviewAsync(_api, "First unclear one");
        var second = await _host.SubmitForReviewAsync(_api, "Second unclear one");
        await _host.Webhook.WaitForAsync(w => w.Body.Contains(second, StringComparison.Ordinal));

        // Ben wants security tickets only, Ana a digest: no immediate e-mail for these two.
        Assert.DoesNotContain(_host.Smtp.Messages, m => m.TicketId == first || m.TicketId == second);
        var held = await _host.ReadAsync(db => db.Set<NotificationDigestItemRecord>().Where(i => i.SentAt == null).OrderBy(i => i.Id));
        Assert.Equal([first, second], held.Select(i => i.TicketId));
        Assert.All(held, i => Assert.Equal(NotificationHost.Ana, i.UserName));

        Assert.Equal(1, await _host.Services.GetRequiredService<NotificationDigestSender>().SendDueAsync(Ct));
        var digest = Assert.Single(await _host.Smtp.WaitForAsync(m => m.Subject.Contains("Digest", StringComparison.Ordinal)));
        Assert.Equal([NotificationHost.Ana], digest.To);
        Assert.Contains(first, digest.Text, StringComparison.Ordinal);
        Assert.Contains(second, digest.Text, StringComparison.Ordinal);
        Assert.Contains("http://localhost/decide?t=", digest.Text, StringComparison.Ordinal);
        Assert.Empty(await _host.ReadAsync(db => db.Set<NotificationDigestItemRecord>().Where(i => i.SentAt == null)));
        Assert.Equal(0, await _host.Services.GetRequiredService<NotificationDigestSender>().SendDueAsync(Ct));
    }

    [Fact]
    public void WebhookSignature_VerifiesItsOwnSignature_RefusesAnotherBodySecretOrAnOldTimestamp()
    {
        var now = DateTimeOffset.UtcNow;
        var body = "{\"id\":\"ntf_1\"}"u8.ToArray();
        var header = WebhookSignature.Sign(WebhookReceiver.Secret, now, body);
        Assert.True(WebhookSignature.Verify(WebhookReceiver.Secret, header, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, header, "{\"id\":\"ntf_2\"}"u8.ToArray(), now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-0123456789", header, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, header, body, now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, "t=abc,v1=00", body, now, TimeSpan.FromMinutes(5)));
    }
}
