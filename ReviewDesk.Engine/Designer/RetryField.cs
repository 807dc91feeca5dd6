namespace ReviewDesk.Engine.Designer;

/// <summary>The fields of a node's retry policy that the property panel edits.</summary>
public enum RetryField
{
    /// <summary>Delay before the second attempt (a duration).</summary>
    InitialInterval,
    /// <summary>Growth factor of the delay (a number, at least 1).</summary>
    BackoffCoefficient,
    /// <summary>Upper bound of one delay (a duration).</summary>
    MaximumInterval,
    /// <summary>Attempts in all (a whole number, at least 1).</summary>
    MaximumAttempts,
    /// <summary>Time limit of one attempt (a duration).</summary>
    StartToCloseTimeout,
    /// <summary>Error kinds that are never retried (comma-separated).</summary>
    NonRetryableErrorKinds,
}
