namespace ReviewDesk.Engine.Activities;

/// <summary>
/// A failure of an activity attempt with a kind the retry policy can match. Any other exception is
/// treated as a retryable failure of kind <see cref="ErrorKinds.Unexpected"/>.
/// </summary>
public class ActivityException : Exception
{
    /// <summary>Creates a failure.</summary>
    public ActivityException(string kind, string message, TimeSpan? retryAfter = null, bool nonRetryable = false, Exception? inner = null)
        : base(message, inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        Kind = kind;
        RetryAfter = retryAfter;
        NonRetryable = nonRetryable;
    }

    /// <summary>The error kind, matched against a policy's non-retryable kinds.</summary>
    public string Kind { get; }

    /// <summary>A delay the failing service asked for (HTTP 429 Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>When true the node fails at once, whatever the policy says.</summary>
    public bool NonRetryable { get; }
}

/// <summary>Error kinds the runtime itself assigns.</summary>
public static class ErrorKinds
{
    /// <summary>An exception that is not an <see cref="ActivityException"/>.</summary>
    public const string Unexpected = "Unexpected";

    /// <summary>The attempt ran longer than its start-to-close timeout.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The node's activity type is not registered in this process.</summary>
    public const string UnknownActivity = "UnknownActivity";

    /// <summary>The activity ran, but its enlisted database effects could not be written; nothing of the step was.</summary>
    public const string EffectFailed = "EffectFailed";
}
