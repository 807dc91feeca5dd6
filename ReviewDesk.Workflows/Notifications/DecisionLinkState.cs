namespace ReviewDesk.Workflows.Notifications;

/// <summary>What a decision link is worth when someone opens or posts it.</summary>
public enum DecisionLinkState
{
    /// <summary>It can decide.</summary>
    Valid,
    /// <summary>Not a token this server signed, or changed since.</summary>
    Tampered,
    /// <summary>Its review deadline passed, the ticket was escalated since, or it outlived the maximum lifetime.</summary>
    Expired,
    /// <summary>It decided once already.</summary>
    Used,
    /// <summary>The signed-in user is not its recipient, or its recipient may no longer review.</summary>
    WrongRecipient,
    /// <summary>Its recipient has an account and the configuration requires signing in.</summary>
    SignInRequired,
    /// <summary>The ticket was decided (by anyone) or left review otherwise.</summary>
    Closed,
}
