using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Sends e-mail through the configured SMTP server (MailKit), several messages over one connection.</summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options)
{
    /// <summary>
    /// Sends <paramref name="messages"/> in order, calling <paramref name="sent"/> after each one the server accepted.
    /// Stops at the first failure and throws it: the ones after it were not sent.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, Action<MimeMessage> sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(sent);
        if (messages.Count == 0) return;
        var channel = options.Value.Email;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(channel.Timeout);
        using var client = new SmtpClient { Timeout = (int)channel.Timeout.TotalMilliseconds };
        await client.ConnectAsync(channel.Host ?? throw new InvalidOperationException("Notifications:Email:Host is not set."), channel.Port, channel.Security, timeout.Token);
        if (!string.IsNullOrEmpty(channel.UserName)) await client.AuthenticateAsync(channel.UserName, channel.Password ?? "", timeout.Token);
        foreach (var message in messages)
        {
            await client.SendAsync(message, timeout.Token);
            sent(message);
        }

        await client.DisconnectAsync(quit: true, timeout.Token);
    }
}
