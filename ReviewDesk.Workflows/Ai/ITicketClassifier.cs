namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// Classifies a redacted ticket. Implementations: the local ML.NET model (offline, the default) and
/// Semantic Kernel chat models (OpenAI, Azure OpenAI, OpenAI-compatible servers). Transient failures
/// surface as <see cref="Engine.Activities.ActivityException"/> with kinds from <see cref="AiErrorKinds"/>, so
/// the Classify step's retry policy applies.
/// </summary>
public interface ITicketClassifier
{
    /// <summary>Classifies one ticket.</summary>
    Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken);
}

/// <summary>Finds the classifier of a configured provider (<c>Ai:Providers:&lt;name&gt;</c>).</summary>
public interface ITicketClassifierFactory
{
    /// <summary>The classifier of <paramref name="providerName"/>; null (or empty) means <c>Ai:Defaults:Classify</c>.</summary>
    /// <exception cref="InvalidOperationException">No such provider is configured.</exception>
    ITicketClassifier Get(string? providerName);

    /// <summary>Whether <paramref name="providerName"/> is configured (and usable: it has what its type needs).</summary>
    bool IsConfigured(string providerName);

    /// <summary>The provider <see cref="Get"/> uses for a null or empty name (<c>Ai:Defaults:Classify</c>).</summary>
    string DefaultProviderName => AiOptions.LocalProviderName;
}

/// <summary>Error kinds of AI calls, for retry policies.</summary>
public static class AiErrorKinds
{
    /// <summary>HTTP 429; carries Retry-After when the server sent it.</summary>
    public const string RateLimited = "RateLimited";
    /// <summary>HTTP 5xx.</summary>
    public const string ServerError = "ServerError";
    /// <summary>The call timed out.</summary>
    public const string Timeout = "Timeout";
    /// <summary>The model's answer did not parse or did not fit the schema.</summary>
    public const string MalformedOutput = "MalformedOutput";
    /// <summary>The rendered prompt still contained PII; the call was blocked (not retryable).</summary>
    public const string PiiBlocked = "PiiBlocked";
    /// <summary>Authentication or another 4xx the caller cannot fix by retrying.</summary>
    public const string Rejected = "Rejected";
}
