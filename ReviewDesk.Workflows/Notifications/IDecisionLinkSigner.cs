namespace ReviewDesk.Workflows.Notifications;

/// <summary>Turns a <see cref="DecisionLink"/> into an opaque, tamper-proof token for a URL, and back.</summary>
public interface IDecisionLinkSigner
{
    /// <summary>The token for <paramref name="link"/> (URL-safe characters only).</summary>
    string Sign(DecisionLink link);

    /// <summary>The link a token carries; null when the token was not made by this signer's key or was changed.</summary>
    DecisionLink? Read(string? token);
}
