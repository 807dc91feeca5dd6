using MailKit.Security;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>The SMTP server the e-mail channel sends through (<c>Notifications:Email</c>).</summary>
public sealed class EmailChannelOptions
{
    /// <summary>The SMTP host; empty: the e-mail channel is not configured and e-mail steps send nothing.</summary>
    public string? Host { get; set; }

    /// <summary>The port (587 for submission with STARTTLS, 465 for TLS on connect, 25 plain).</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>None</c>, <c>Auto</c>, <c>SslOnConnect</c>, <c>StartTls</c> or <c>StartTlsWhenAvailable</c> (MailKit's
    /// <see cref="SecureSocketOptions"/>). <c>StartTls</c> refuses a server that cannot encrypt.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The account to authenticate as; empty: no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password (from the environment: <c>Notifications__Email__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "reviewdesk@localhost";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "ReviewDesk";

    /// <summary>How long one SMTP conversation (connect, send, quit) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the channel can send.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
