namespace ReviewDesk.Workflows.Notifications;

/// <summary>Signed one-time decision links (<c>Notifications:Links</c>).</summary>
public sealed class DecisionLinkOptions
{
    /// <summary>
    /// When true, a link whose recipient has an account opens only for that account, signed in (others are sent to
    /// the sign-in page). When false the signed link is enough, but a signed-in user who is not its recipient is refused.
    /// </summary>
    public bool RequireSignIn { get; set; }

    /// <summary>An upper bound on any link's life, whatever the review deadline (defence in depth).</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The HMAC-SHA256 key of hosts without the web app's Data Protection key ring (base64, at least 32 bytes;
    /// from the environment). Empty there: a random key per process (links die with it).
    /// </summary>
    public string? SigningKey { get; set; }
}
