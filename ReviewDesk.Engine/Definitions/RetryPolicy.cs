namespace ReviewDesk.Engine.Definitions;

/// <summary>
/// A resolved retry policy: a node's <see cref="RetryPolicySettings"/> over the configured defaults.
/// The delay before attempt n+1 is min(initial * coefficient^(n-1), maximum), unless the error
/// carries its own retry-after (an HTTP 429), which is honoured up to the maximum interval.
/// </summary>
/// <param name="InitialInterval">Delay before the second attempt.</param>
/// <param name="BackoffCoefficient">Growth factor of the delay.</param>
/// <param name="MaximumInterval">Upper bound of one delay.</param>
/// <param name="MaximumAttempts">Attempts in all, the first included.</param>
/// <param name="StartToCloseTimeout">Time limit of one attempt.</param>
/// <param name="NonRetryableErrorKinds">Error kinds that are never retried.</param>
public sealed record RetryPolicy(
    TimeSpan InitialInterval,
    double BackoffCoefficient,
    TimeSpan MaximumInterval,
    int MaximumAttempts,
    TimeSpan StartToCloseTimeout,
    IReadOnlyList<string> NonRetryableErrorKinds)
{
    /// <summary>The built-in defaults: Temporal's shape with a finite attempt count, since steps may be paid LLM calls.</summary>
    public static RetryPolicy Default { get; } = new(
        TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(100), 5, TimeSpan.FromMinutes(2), []);

    /// <summary>Applies a node's overrides on top of this policy.</summary>
    public RetryPolicy With(RetryPolicySettings? overrides) => overrides is null ? this : new(
        overrides.InitialInterval ?? InitialInterval,
        overrides.BackoffCoefficient ?? BackoffCoefficient,
        overrides.MaximumInterval ?? MaximumInterval,
        overrides.MaximumAttempts ?? MaximumAttempts,
        overrides.StartToCloseTimeout ?? StartToCloseTimeout,
        overrides.NonRetryableErrorKinds ?? NonRetryableErrorKinds);

    /// <summary>The delay after failed attempt <paramref name="attempt"/> (1-based) before the next one.</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (retryAfter is { } requested)
        {
            return requested < TimeSpan.Zero ? TimeSpan.Zero : Min(requested, MaximumInterval);
        }

        var ticks = InitialInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaximumInterval.Ticks ? MaximumInterval : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether a failure of <paramref name="errorKind"/> on attempt <paramref name="attempt"/> gets another attempt.</summary>
    public bool ShouldRetry(int attempt, string errorKind, bool nonRetryable) =>
        !nonRetryable && attempt < MaximumAttempts && !NonRetryableErrorKinds.Contains(errorKind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Problems with this policy, each as a sentence, for definition validation.</summary>
    public IEnumerable<string> Problems()
    {
        if (InitialInterval < TimeSpan.Zero) yield return "retry initial interval must not be negative";
        if (BackoffCoefficient < 1) yield return "retry backoff coefficient must be at least 1";
        if (MaximumInterval < InitialInterval) yield return "retry maximum interval must not be below the initial interval";
        if (MaximumAttempts < 1) yield return "retry maximum attempts must be at least 1";
        if (StartToCloseTimeout <= TimeSpan.Zero) yield return "start-to-close timeout must be positive";
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
