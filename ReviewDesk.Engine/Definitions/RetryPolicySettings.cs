namespace ReviewDesk.Engine.Definitions;

/// <summary>
/// A node's retry policy as declared in a definition. Every property is optional: what a node leaves
/// out comes from the configured defaults (<c>Workflows:DefaultRetry</c>).
/// </summary>
public sealed record RetryPolicySettings
{
    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan? InitialInterval { get; init; }

    /// <summary>Each further delay is the previous one times this coefficient (at least 1).</summary>
    public double? BackoffCoefficient { get; init; }

    /// <summary>Upper bound of a single delay.</summary>
    public TimeSpan? MaximumInterval { get; init; }

    /// <summary>Attempts in all, the first included (at least 1).</summary>
    public int? MaximumAttempts { get; init; }

    /// <summary>How long one attempt may run before it is cancelled and counted as failed.</summary>
    public TimeSpan? StartToCloseTimeout { get; init; }

    /// <summary>Error kinds that fail the node at once, without further attempts.</summary>
    public IReadOnlyList<string>? NonRetryableErrorKinds { get; init; }
}
